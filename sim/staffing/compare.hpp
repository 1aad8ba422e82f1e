#pragma once
// `ccsim compare`: staff the same scenario for several target sets and show what each
// costs, beside the scenario's own plan. All rows and the plan use the same seed, so
// replication r of each sees the same calls (common random numbers) and the differences
// between them are paired.
//
// Per row (docs/compare.md):
// - agent_hours, cost: the plan's paid hours and cost, plus the time agents stay past
//   the plan to finish calls and drain the queue (mean over replications);
// - delta_*: the paired difference to the first row, mean and 95% CI over replications;
// - delta_*_vs_plan: the same to the baseline, when there is one;
// - p_day_meets: the share of replications (days, with the scenario's forecast error)
//   whose whole-day figures meet every target of every queue.
// The baseline ("as planned") is the scenario's own staffing (lists or shifts, overtime and
// all) simulated as `ccsim run` does, with the same definitions; its p_day_meets is judged
// on the first row's targets.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/staffing/search.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/summary.hpp"
#include "sim/stats/value.hpp"

namespace ccsim {

// One row to compare: its label as given and what every queue of the scenario must meet.
struct CompareSet {
  std::string label;                         // e.g. "90/10+99/300", "elite=90/10,general=80/20"
  std::vector<std::vector<Target>> targets;  // [queue], in the scenario's order
};

// Worked hours and cost of one simulated plan, per replication and over them (the
// replications the comparison shares, see Comparison::replications).
struct PlanFigures {
  std::vector<double> hours_per_rep, cost_per_rep;
  Stat agent_hours, cost;
  double planned_hours = 0, planned_cost = 0;  // the plan alone (paid, overtime included)
  double p_day_meets = 0;
  bool has_cost = false;  // some group has a cost_per_hour
  // With money or SLA terms in the scenario: revenue, call costs, penalties and net value
  // (sim/stats/value.hpp), and net per block of value->block_days days, for paired deltas.
  std::optional<ValueSummary> value;
  std::vector<double> net_per_block;
};

struct CompareRow : PlanFigures {
  std::string label;
  std::unique_ptr<StaffResult> staff;
  Stat delta_agent_hours, delta_cost;                  // to the first row
  Stat delta_agent_hours_vs_plan, delta_cost_vs_plan;  // to the baseline (when there is one)
  Stat delta_net, delta_net_vs_plan;                   // net value per day, paired (with value terms)
};

// The scenario's own plan, simulated. Not movable: `model` points into `scenario`.
struct CompareBaseline : PlanFigures {
  Scenario scenario;  // the input, with the first row's targets on its queues
  RunModel model;
  std::vector<ReplicationResult> reps;
  RunSummary summary;

  CompareBaseline() = default;
  CompareBaseline(const CompareBaseline&) = delete;
  CompareBaseline& operator=(const CompareBaseline&) = delete;
};

struct Comparison {
  std::vector<CompareRow> rows;               // in the order given
  std::unique_ptr<CompareBaseline> baseline;  // null without one (--no-baseline)
  // Replications 0..n-1 behind the compare figures (worked hours and cost, deltas, P(day)):
  // the scenario's, which every plan reports on; should a plan ever bring more, only
  // these are used, so that every difference stays paired.
  int replications = 0;
};

// Runs the staff search for each set and, with `baseline`, simulates the scenario's own plan.
// Every plan measures the SL thresholds of all rows, so their tables have the same columns.
Comparison compare_targets(const Scenario& s, const std::vector<CompareSet>& sets, const StaffOptions& o,
                           bool baseline);

// Paired difference a[r] - b[r] over the replications both have: mean and 95% CI.
Stat paired_difference(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace ccsim
