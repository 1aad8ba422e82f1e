#pragma once
// `ccsim staff`: the least-cost staffing per interval under which every queue's targets
// hold, found by simulation with common random numbers, starting from Erlang A.
//
// Promises (docs/staffing.md gives the method and why):
// - Every evaluation simulates the whole day with the scenario's seed and replications, so
//   two staffings are compared on the same calls (common random numbers), and the search
//   is deterministic: same input, same answer, for any thread count.
// - scope interval: every interval's figures meet every target; scope day: the day's
//   figures do, starting from the interval answer, so it never costs more.
// - A target holds on the mean over replications, or, with confidence p, on the metric's
//   one-sided p confidence bound.
// - The search stops: it never exceeds `max_agents` per group and interval nor
//   `max_evaluations` simulations. When it cannot meet the targets it returns the best
//   staffing found with `feasible` false and the intervals that fail.
#include <string>
#include <vector>

#include "sim/erlang_staffing.hpp"
#include "sim/replication_result.hpp"
#include "sim/run_model.hpp"
#include "sim/run_summary.hpp"
#include "sim/scenario.hpp"

namespace ccsim {

enum class StaffScope { interval, day };

struct StaffOptions {
  StaffScope scope = StaffScope::interval;
  double confidence = 0;     // 0: judge on the mean
  int max_agents = 0;        // per group and interval; 0: 4 x the Erlang C figure + 20
  int max_evaluations = 200; // simulations of the day
  int threads = 1;
  // SL thresholds to measure besides the targets' own (compare: every row measures the
  // thresholds of all rows, so their tables have the same columns).
  std::vector<double> extra_thresholds;
};

// One failing target in the final staffing.
struct StaffShortfall {
  std::string queue;
  int interval = -1;   // -1: the whole day (scope day)
  std::string target;  // as written
  double value = 0;    // the judged figure (mean or bound)
};

struct StaffResult {
  Scenario scenario;   // the input with every group staffed per interval by the answer
  std::vector<std::vector<int>> staffing;  // [group][interval] scheduled agents
  ErlangStaffing erlang;
  RunModel model;      // compiled from `scenario` (points into it: keep them together)
  std::vector<ReplicationResult> reps;     // the answer's replications
  RunSummary summary;
  int evaluations = 0;   // whole-day simulations run
  int add_rounds = 0, remove_rounds = 0;
  bool feasible = false;
  bool capped = false;   // some interval hit max_agents
  std::vector<StaffShortfall> shortfalls;  // empty when feasible

  StaffResult() = default;
  StaffResult(const StaffResult&) = delete;
  StaffResult& operator=(const StaffResult&) = delete;
  StaffResult(StaffResult&&) = delete;
};

// Finds the staffing. `s` must carry the targets to meet on its queues (the caller puts
// --target values there). Throws InputError for an unattainable target.
void find_staffing(const Scenario& s, const StaffOptions& o, StaffResult& out);

// Puts per-interval staffing into a copy of `s` (shifts and overtime of those groups go).
Scenario with_staffing(const Scenario& s, const std::vector<std::vector<int>>& staffing);

}  // namespace ccsim
