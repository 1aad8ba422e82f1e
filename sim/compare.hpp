#pragma once
// `ccsim compare`: staff the same scenario for several target sets and show what each
// costs. All rows use the same seed, so replication r of every row sees the same calls
// (common random numbers) and the differences between rows are paired.
//
// Per row (docs/staffing.md):
// - agent_hours, cost: the plan's paid hours and cost, plus the time agents stay past
//   the plan to finish calls and drain the queue (mean over replications);
// - delta_*: the paired difference to the first row, mean and 95% CI over replications;
// - p_day_meets_target: the share of replications (days, with the scenario's forecast
//   error) whose whole-day figures meet every target of every queue.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/staff_search.hpp"
#include "sim/summary.hpp"

namespace ccsim {

struct CompareRow {
  std::string label;          // as given, e.g. "90/10+99/300"
  std::unique_ptr<StaffResult> staff;
  std::vector<double> hours_per_rep, cost_per_rep;  // worked agent-hours and cost, per replication
  Stat agent_hours, cost, delta_agent_hours, delta_cost;
  double planned_hours = 0, planned_cost = 0;
  double p_day_meets = 0;
  bool has_cost = false;
};

// Runs the staff search for each (label, targets) on every queue of `s`.
std::vector<CompareRow> compare_targets(const Scenario& s,
                                        const std::vector<std::pair<std::string, std::vector<Target>>>& sets,
                                        const StaffOptions& o);

void write_compare_text(std::ostream& out, const Scenario& s, const std::vector<CompareRow>& rows,
                        const StaffOptions& o);
nlohmann::ordered_json compare_json(const std::vector<CompareRow>& rows, const StaffOptions& o);

}  // namespace ccsim
