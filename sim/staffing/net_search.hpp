#pragma once
// `ccsim staff --objective net`: the per-interval staffing that maximises expected net value
// per day (revenue - call costs - staff cost - expected SLA penalties; sim/stats/value.hpp),
// with the queues' targets as constraints or without.
//
// Promises (docs/staffing.md, "Staffing by net value"):
// - Every plan is judged by simulation on the scenario's seed and replications through the
//   same PlanJudge as the cost search, so two plans are compared on the same calls (common
//   random numbers) and the answer is deterministic for any thread count.
// - The ascent starts from the least-cost answer when the queues have targets (else from
//   the scenario's own staffing) and moves one (group, interval) at a time, one agent at a
//   time, while the net value strictly rises; with constraints it never goes below the
//   least-cost answer in any group and interval (that answer is the cheapest plan found to
//   meet the targets; any plan with at least its agents meets them too). It stops at a plan no single-agent move
//   improves (a local optimum on the simulated net; on one group and interval, the best n by exhaustive search when net
//   is unimodal in n), or at max_evaluations.
#include <vector>

#include "sim/staffing/search.hpp"
#include "sim/stats/value.hpp"

namespace ccsim {

struct NetResult {
  StaffResult staff;  // the answer as `staff` reports it (cost = staff cost of the plan)
  ValueSummary value;
  StaffPlan start;  // where the ascent began
  ValueSummary start_value;
  bool constrained = true;
  bool start_is_cost_answer = false;  // else the scenario's own staffing
  Stat gain;                          // net per day of the answer minus the start's, paired on the same days
  int moves = 0;                      // single-agent moves taken
  int evaluations = 0;                // plans judged
};

// Net value per day of `plan` on the judge's scenario, seed and `replications`; fills
// `value` and whether the plan meets the judge's targets on those days, when given.
// `blocks`: the net value per block of days (net_per_block), for paired differences.
double plan_net(PlanJudge& judge, const StaffPlan& plan, int replications, ValueSummary* value = nullptr,
                bool* feasible = nullptr, std::vector<double>* blocks = nullptr);

// Throws InputError when a group has no cost_per_hour (net needs the staff's price) or
// the replications do not make whole SLA periods.
NetResult find_net_staffing(const Scenario& s, const StaffOptions& o, bool constrained);

}  // namespace ccsim
