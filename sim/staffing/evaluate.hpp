#pragma once
// Judging a staffing plan by simulation, the single authority the staffing optimiser,
// `compare` and the optimality tests all use.
//
// Promises:
// - A plan is simulated on the scenario's seed: replication r of every plan sees the same
//   calls (common random numbers), so plans differ only by their staffing.
// - Evaluating a kept plan with more replications reuses the ones already simulated (a
//   plan's replications 0..R-1 are always the same), so doubling costs only the new half.
//   A kept plan keeps each constraint's figure per replication (not the full tallies),
//   except the one plan kept `full`, whose replications evaluate_full then reuses.
// - A paired evaluation (evaluate_paired) estimates a plan's figures from its own first R
//   replications and a kept reference plan's N >= R on the same streams: the mean of the
//   per-day differences plus the reference's mean (a control variate with coefficient 1).
//   Where the two plans differ by an agent or two, the differences vary far less than the
//   figures, so a verdict is clear with far fewer replications of the plan.
// - The constraints are every (queue, target, interval) under scope interval, or every
//   (queue, target) over the whole day under scope day. A target holds on the mean over
//   replications or, with confidence p, on the one-sided p bound (sim/stats/target_check.hpp).
// - A figure with no calls behind it (NaN) constrains nothing, except an ASA where calls
//   or SL (any basis) where calls were offered and none answered: that fails.
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"

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
  double mean_margin = 0;    // on the mean over replications
  double judged_margin = 0;  // on what the target is judged on (mean, or the p bound)
  double half_width = 0;     // 95% CI half-width of the figure (the judged one's units)
  bool defined = true;       // false: no calls behind the figure (constrains nothing)
  // Where the half-width comes from, per day: half_width = t95 * sqrt(var_own / R + var_ref / N)
  // with R the plan's own replications and N the reference's (paired), or var_ref = 0.
  double var_own = 0, var_ref = 0, t95 = 0;
  // The half-width the same estimate would have with `own` and `ref` replications.
  double half_width_at(int own, int ref) const {
    const double v = var_own / own + (ref > 0 ? var_ref / ref : 0);
    return v > 0 ? t95 * std::sqrt(v) : 0;
  }
  bool met() const { return !defined || judged_margin >= 0; }
  // The 95% CI of the figure contains the target: more replications could change the verdict.
  bool close() const { return defined && std::abs(mean_margin) <= half_width; }
};

struct PlanEvaluation {
  StaffPlan plan;
  int replications = 0;                 // the plan's own replications
  int paired_replications = 0;          // the reference's, for a paired evaluation (else 0)
  std::vector<ConstraintValue> values;  // parallel to PlanJudge::constraints()
  bool feasible = false;
  double cost = 0;  // plan cost (PlanJudge::cost)
};

class PlanJudge {
 public:
  // `s` carries the targets on its queues; `extra_thresholds` as in StaffOptions.
  PlanJudge(const Scenario& s, StaffScope scope, double confidence, int threads,
            std::vector<double> extra_thresholds = {});

  const std::vector<StaffConstraint>& constraints() const { return constraints_; }
  std::string describe(const StaffConstraint& c) const;  // "general 09:30 80/20"

  // Simulates `plan` with `replications` (reusing any kept for that plan) and judges
  // every constraint.
  PlanEvaluation evaluate(const StaffPlan& plan, int replications);

  // As evaluate, and keeps the plan's figures per replication so a later call with more
  // reuses them; `full` also keeps its full replications for evaluate_full (one such plan
  // at a time: keeping another drops the last).
  PlanEvaluation evaluate_kept(const StaffPlan& plan, int replications, bool full = false);

  // `plan` with `replications` of its own (kept), paired with `reference` (kept, extended
  // to at least `replications`): see the promise above. With as many of its own as the
  // reference has, this is evaluate_kept. `full` as for evaluate_kept.
  PlanEvaluation evaluate_paired(const StaffPlan& plan, int replications, const StaffPlan& reference,
                                 bool full = false);

  // Replications kept for `plan` (0 if none).
  int kept_replications(const StaffPlan& plan) const;

  // Objective: sum over groups and intervals of cost_per_hour (1 when absent) x agents x
  // interval hours. Per-agent-interval cost of group g: unit_cost(g).
  double cost(const StaffPlan& plan) const;
  double unit_cost(std::size_t g) const;

  // The scenario with `plan` as every group's per-interval staffing (shifts go).
  Scenario scenario_for(const StaffPlan& plan) const;

  // Simulations run (evaluations that simulated any day) and days simulated so far.
  long simulations() const { return simulations_; }
  long simulated_days() const { return simulated_days_; }

  // The replications and summary of the last plan given to evaluate_full.
  struct Full {
    Scenario scenario;
    RunModel model;  // compiled from `scenario`
    std::vector<ReplicationResult> reps;
    RunSummary summary;
    Full() = default;
    Full(const Full&) = delete;
  };
  // Simulates `plan` (reusing kept replications) and returns everything reports need.
  void evaluate_full(const StaffPlan& plan, int replications, Full& out);

  const Scenario& scenario() const { return s_; }

 private:
  // Per-replication figures of every constraint (parallel to constraints_), [c][r]; and
  // whether the constraint's queue had calls offered / answered that day.
  struct Samples {
    int reps = 0;  // replications 0..reps-1 have figures (the vectors may be longer)
    std::vector<std::vector<double>> value, offered, answered;
    // The figure's numerator and denominator (value = num / den), for the long-run
    // estimator (sl_estimator = "long_run": sum num / sum den over replications).
    std::vector<std::vector<double>> num, den;
  };
  bool long_run(std::size_t c) const;  // constraint c's queue judges on the long-run figure
  // Ensures `plan` has `replications` samples (reusing kept ones), simulating the rest.
  // Returns the samples (kept in kept_ when `keep`, else in scratch_).
  const Samples& sample(const StaffPlan& plan, int replications, bool keep, bool full);
  void add_sample(const RunModel& model, const ReplicationResult& r, Samples& out, std::size_t slot) const;
  PlanEvaluation judge(const StaffPlan& plan, const Samples& s, int replications) const;
  ConstraintValue judge_one(std::size_t c, const Stat& value, double offered, double answered) const;

  const Scenario& s_;
  StaffScope scope_;
  double confidence_;
  int threads_;
  std::vector<double> extra_thresholds_;
  std::vector<StaffConstraint> constraints_;
  std::map<StaffPlan, Samples> kept_;
  Samples scratch_;
  StaffPlan full_plan_;
  std::vector<ReplicationResult> full_reps_;
  long simulations_ = 0, simulated_days_ = 0;
};

}  // namespace ccsim
