#pragma once
// Judging a staffing plan by simulation, the single authority the staffing optimiser,
// `compare` and the optimality tests all use.
//
// Promises:
// - A plan is simulated on the scenario's seed: replication r of every plan sees the same
//   calls (common random numbers), so plans differ only by their staffing.
// - Evaluating a plan with more replications reuses the ones already simulated (a plan's
//   replications 0..R-1 are always the same), so doubling costs only the new half.
// - The constraints are every (queue, target, interval) under scope interval, or every
//   (queue, target) over the whole day under scope day. A target holds on the mean over
//   replications or, with confidence p, on the one-sided p bound (target_check.hpp).
// - A figure with no calls behind it (NaN) constrains nothing, except an ASA where calls
//   or SL (any basis) where calls were offered and none answered: that fails.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/replication_result.hpp"
#include "sim/run_model.hpp"
#include "sim/run_summary.hpp"
#include "sim/scenario.hpp"

namespace ccsim {

using StaffPlan = std::vector<std::vector<int>>;  // [group][interval] scheduled agents

enum class StaffScope { interval, day };

// Puts per-interval staffing into a copy of `s` (shifts and overtime of those groups go).
Scenario with_staffing(const Scenario& s, const StaffPlan& staffing);

// One target the staffing must meet: queue q's target t, in one interval (or the day).
struct StaffConstraint {
  std::size_t queue = 0, target = 0;
  int interval = -1;  // -1: the whole day (scope day)
};

// A constraint's figures for one plan, oriented so that margin >= 0 means met:
// SL: value - share; ASA: cap - value; abandon: cap - value.
struct ConstraintValue {
  double mean_margin = 0;   // on the mean over replications
  double judged_margin = 0; // on what the target is judged on (mean, or the p bound)
  double half_width = 0;    // 95% CI half-width of the figure (the judged one's units)
  bool defined = true;      // false: no calls behind the figure (constrains nothing)
  bool met() const { return !defined || judged_margin >= 0; }
  // The 95% CI of the figure contains the target: more replications could change the verdict.
  bool close() const { return defined && std::abs(mean_margin) <= half_width; }
};

struct PlanEvaluation {
  StaffPlan plan;
  int replications = 0;
  std::vector<ConstraintValue> values;  // parallel to PlanJudge::constraints()
  bool feasible = false;
  double cost = 0;                      // plan cost (PlanJudge::cost)
};

class PlanJudge {
 public:
  // `s` carries the targets on its queues; `extra_thresholds` as in StaffOptions.
  PlanJudge(const Scenario& s, StaffScope scope, double confidence, int threads,
            std::vector<double> extra_thresholds = {});

  const std::vector<StaffConstraint>& constraints() const { return constraints_; }
  std::string describe(const StaffConstraint& c) const;  // "general 09:30 80/20"

  // Simulates `plan` with `replications` (reusing any already simulated for that plan when
  // keep_reps was set for it) and judges every constraint.
  PlanEvaluation evaluate(const StaffPlan& plan, int replications);

  // As evaluate, and keeps the plan's replications so a later call with more reuses them.
  PlanEvaluation evaluate_kept(const StaffPlan& plan, int replications);

  // Objective: sum over groups and intervals of cost_per_hour (1 when absent) x agents x
  // interval hours. Per-agent-interval cost of group g: unit_cost(g).
  double cost(const StaffPlan& plan) const;
  double unit_cost(std::size_t g) const;

  // The scenario with `plan` as every group's per-interval staffing (shifts go).
  Scenario scenario_for(const StaffPlan& plan) const;

  // Simulations run and replications (days) simulated so far.
  long simulations() const { return simulations_; }
  long simulated_days() const { return simulated_days_; }

  // The replications and summary of the last plan given to evaluate_full.
  struct Full {
    Scenario scenario;
    RunModel model;   // points into `scenario`: keep together
    std::vector<ReplicationResult> reps;
    RunSummary summary;
    Full() = default;
    Full(const Full&) = delete;
  };
  // Simulates `plan` (reusing kept replications) and returns everything reports need.
  void evaluate_full(const StaffPlan& plan, int replications, Full& out);

  const Scenario& scenario() const { return s_; }

 private:
  std::vector<ReplicationResult> simulate(const StaffPlan& plan, int replications, bool keep,
                                          Scenario* sc_out = nullptr, RunModel* model_out = nullptr);
  PlanEvaluation judge(const StaffPlan& plan, const RunModel& model,
                       const std::vector<ReplicationResult>& reps) const;

  const Scenario& s_;
  StaffScope scope_;
  double confidence_;
  int threads_;
  std::vector<double> extra_thresholds_;
  std::vector<StaffConstraint> constraints_;
  std::map<StaffPlan, std::vector<ReplicationResult>> kept_;
  long simulations_ = 0, simulated_days_ = 0;
};

}  // namespace ccsim
