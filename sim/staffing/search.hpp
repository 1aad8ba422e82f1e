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
#include <cmath>
#include <string>
#include <vector>

#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/staffing/erlang_start.hpp"
#include "sim/staffing/evaluate.hpp"
#include "sim/stats/run_summary.hpp"

namespace ccsim {

struct StaffOptions {
  StaffScope scope = StaffScope::interval;
  double confidence = 0;       // 0: judge on the mean
  int max_agents = 0;          // per group and interval; 0: 4 x the interval's total Erlang C figure + 20
  int max_evaluations = 2000;  // simulations of the day (each may hold many replications)
  // Verdicts too close to call at the answer or one agent below it get more replications
  // (doubling, on the same streams) up to this many; at or below the scenario's
  // replications: no refinement.
  int max_replications = 3200;
  int threads = 1;
  // SL thresholds to measure besides the targets' own (compare: every row measures the
  // thresholds of all rows, so their tables have the same columns).
  std::vector<double> extra_thresholds;
};

// A verdict that decides the answer's margin: a target at the answer, or at one agent
// fewer in one group and interval, and the replications it took.
struct StaffVerdict {
  std::string queue;
  int interval = -1;  // -1: the whole day
  std::string target;
  std::string staffing;        // "answer" or "GROUP -1" (one agent fewer in that group)
  std::size_t constraint = 0;  // the optimiser's index of (queue, target, interval)
  int group = -1;              // -1: the answer itself
  double value = 0;            // the figure on the mean, in the target's units
  double ci95 = 0;
  int replications = 0;         // the staffing's own replications
  int paired_replications = 0;  // one agent fewer: the answer's, paired day by day (else 0)
  bool met = false;
  bool resolved = true;  // false: the 95% CI still contains the target at max_replications
};

// One failing target in the final staffing.
struct StaffShortfall {
  std::string queue;
  int interval = -1;   // -1: the whole day (scope day)
  std::string target;  // as written
  double value = 0;    // the judged figure (mean or bound)
};

struct StaffResult {
  Scenario scenario;                       // the input with every group staffed per interval by the answer
  std::vector<std::vector<int>> staffing;  // [group][interval] scheduled agents
  ErlangStaffing erlang;
  RunModel model;                       // compiled from `scenario`
  std::vector<ReplicationResult> reps;  // the answer's replications
  RunSummary summary;
  int evaluations = 0;      // whole-day simulations run
  long simulated_days = 0;  // replications simulated over all of them
  int add_rounds = 0, remove_rounds = 0;
  int cut_iterations = 0, trade_moves = 0, refine_rounds = 0;
  // Cost of the answer, the best lower bound the cut model gives (NaN when none) and the
  // relative gap (cost - bound) / cost.
  double cost = 0, lower_bound = std::nan(""), gap = std::nan("");
  int replications = 0;                // replications behind the reported figures (the scenario's)
  std::vector<StaffVerdict> verdicts;  // the close verdicts that were refined, resolved or not
  bool feasible = false;
  bool capped = false;                     // some interval hit max_agents
  std::vector<StaffShortfall> shortfalls;  // empty when feasible

  // Move only: a copy would be large and is never needed.
  StaffResult() = default;
  StaffResult(const StaffResult&) = delete;
  StaffResult& operator=(const StaffResult&) = delete;
  StaffResult(StaffResult&&) = default;
  StaffResult& operator=(StaffResult&&) = default;
};

// Finds the staffing. `s` must carry the targets to meet on its queues (the caller puts
// --target values there). Throws InputError for an unattainable target.
StaffResult find_staffing(const Scenario& s, const StaffOptions& o);

// with_staffing (sim/staffing/evaluate.hpp) puts a plan into a scenario.

}  // namespace ccsim
