#pragma once
// Figures the page draws, computed from a plan's tables (docs/results-format.md §4):
// per-interval means and 95% CIs over replications (each replication's ratio of its own
// counters, docs/metrics.md §5), and lookups in /summary-like tables.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/html/results_reader.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/summary.hpp"

namespace ccsim::html {

// The suffix a threshold has in column names ("20", "12.5"), found among the table's
// answered_within_* columns; empty when the table has none for T.
std::string threshold_suffix(const std::vector<std::string>& columns, double threshold);

// "service_level_20_offered".
std::string sl_metric(const std::string& suffix, SlBasis basis);

// Mean and CI per interval (size `intervals`) of one queue's figures.
struct IntervalFigures {
  std::vector<Stat> sl, asa, abandon, offered;
};
// `suffix` empty: sl is left all NaN.
IntervalFigures interval_figures(const Table& intervals, int queue, std::size_t n_intervals, const std::string& suffix,
                                 SlBasis basis);

// Per group and interval: mean agents on duty, scheduled agents, occupancy.
struct GroupFigures {
  std::vector<Stat> on_duty, scheduled, occupancy;
};
GroupFigures group_figures(const Table& group_intervals, int group, std::size_t n_intervals);

// One row of a /summary-like table: key column (`queue` or `group`) = index, metric = name.
struct SummaryValue {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double ci95 = std::numeric_limits<double>::quiet_NaN();
  double long_run = std::numeric_limits<double>::quiet_NaN();
  double long_run_ci95 = std::numeric_limits<double>::quiet_NaN();
  bool found = false;
};
SummaryValue summary_value(const Table& summary, const std::string& key, int index, const std::string& metric);

// Mean figure's lo/hi ends (NaN-safe) for bands.
void stat_band(const std::vector<Stat>& s, std::vector<double>& mean, std::vector<double>& lo, std::vector<double>& hi);

// Whether `value` (a mean) meets `t` (undefined values meet, docs/metrics.md §6).
bool meets(const Target& t, double value);

}  // namespace ccsim::html
