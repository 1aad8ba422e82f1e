#pragma once
// What every section of the page reads: the file's shape (queues, groups, intervals, days),
// the goals per queue, and a "plan": the tables of one simulated staffing (the whole file
// for run and staff, one row or the baseline of a compare file, one point of a sweep).
#include <cstddef>
#include <string>
#include <vector>

#include "sim/html/goals.hpp"
#include "sim/html/results_reader.hpp"

namespace ccsim::html {

struct Context {
  std::string command;
  std::vector<std::string> queues, groups;
  std::vector<double> thresholds;
  double interval_seconds = 1800, start_seconds = 0;
  std::size_t intervals = 0;
  int days = 1;
  std::size_t day_intervals = 0;  // intervals of one day (= intervals with one day)
  double replications = 0;
  std::vector<QueueGoal> goals;  // the scenario's
  std::string goals_problem;     // why the scenario's goals could not be read ("" when they were)

  // "08:30"; with several days "day 2 08:30".
  std::string interval_label(std::size_t i) const;
  // Short labels for a chart's x axis (clock times; "day N" at each day's start).
  std::vector<std::string> x_labels() const;
  // Interval indices where a day starts (after the first).
  std::vector<std::size_t> day_starts() const;
};

struct Plan {
  std::string id;     // prefix of the anchors in its section
  std::string title;  // "As planned", "Row 1: 90/10"
  Table intervals, replications, summary, group_intervals, group_summary, value, periods, day_summary;
  std::vector<QueueGoal> goals;
};

// The charts, tables and histograms of one plan: per queue, per group, money.
std::string plan_section(const Context& ctx, const Plan& plan);

// The page's sections by command.
std::string header_section(const ResultsFile& file, const Context& ctx);
std::string staff_section(const ResultsFile& file, const Context& ctx);
std::string compare_section(const ResultsFile& file, const Context& ctx);
std::string sweep_section(const ResultsFile& file, const Context& ctx);

// Agents per interval of each group against the Erlang C/A start and the input plan, from
// a /staffing table (one compare row's rows, or a staff file's).
std::string staffing_charts(const Context& ctx, const Table& staffing, const std::string& id);

// The inline style sheet.
const char* page_css();

// Series colours, in order.
const std::string& colour(std::size_t k);

}  // namespace ccsim::html
