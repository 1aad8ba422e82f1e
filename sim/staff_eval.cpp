// Simulating and judging staffing plans (staff_eval.hpp). Every figure comes from the same
// RunSummary the reports print, so the optimiser and `ccsim run` can never disagree.
#include "sim/staff_eval.hpp"

#include <cmath>

#include "models/units.hpp"
#include "sim/replicate.hpp"
#include "sim/target_check.hpp"

namespace ccsim {

PlanJudge::PlanJudge(const Scenario& s, StaffScope scope, double confidence, int threads,
                     std::vector<double> extra_thresholds)
    : s_(s), scope_(scope), confidence_(confidence), threads_(threads),
      extra_thresholds_(std::move(extra_thresholds)) {
  for (std::size_t q = 0; q < s.queues.size(); ++q)
    for (std::size_t t = 0; t < s.queues[q].targets.size(); ++t) {
      if (scope == StaffScope::day) {
        constraints_.push_back({q, t, -1});
        continue;
      }
      for (int i = 0; i < s.intervals; ++i) constraints_.push_back({q, t, i});
    }
}

std::string PlanJudge::describe(const StaffConstraint& c) const {
  const QueueSpec& q = s_.queues[c.queue];
  return q.name + " " + (c.interval < 0 ? std::string("day") : models::format_clock(s_.start + c.interval * s_.interval)) +
         " " + q.targets[c.target].text;
}

double PlanJudge::unit_cost(std::size_t g) const {
  return s_.groups[g].cost_per_hour.value_or(1.0) * s_.interval / 3600.0;
}

double PlanJudge::cost(const StaffPlan& plan) const {
  double c = 0;
  for (std::size_t g = 0; g < plan.size(); ++g) {
    long n = 0;
    for (int x : plan[g]) n += x;
    c += unit_cost(g) * static_cast<double>(n);
  }
  return c;
}

Scenario with_staffing(const Scenario& s, const StaffPlan& staffing) {
  Scenario out = s;
  for (std::size_t g = 0; g < out.groups.size(); ++g) {
    out.groups[g].staffing = staffing[g];
    out.groups[g].shifts.clear();
    out.groups[g].overtime.clear();
  }
  return out;
}

Scenario PlanJudge::scenario_for(const StaffPlan& plan) const { return with_staffing(s_, plan); }

std::vector<ReplicationResult> PlanJudge::simulate(const StaffPlan& plan, int replications, bool keep,
                                                   Scenario* sc_out, RunModel* model_out) {
  Scenario local;
  Scenario& sc = sc_out ? *sc_out : local;
  sc = scenario_for(plan);
  RunModel local_model;
  RunModel& model = model_out ? *model_out : local_model;
  model = compile(sc, extra_thresholds_);
  ++simulations_;
  std::vector<ReplicationResult> reps;
  auto it = kept_.find(plan);
  const int have = it == kept_.end() ? 0 : static_cast<int>(std::min<std::size_t>(it->second.size(), static_cast<std::size_t>(replications)));
  if (have > 0) reps.assign(it->second.begin(), it->second.begin() + have);
  if (have < replications) {
    auto more = replicate_range(model, s_.seed, have, replications - have, threads_);
    simulated_days_ += replications - have;
    for (auto& r : more) reps.push_back(std::move(r));
  }
  if (keep && (it == kept_.end() || it->second.size() < reps.size())) kept_[plan] = reps;
  return reps;
}

PlanEvaluation PlanJudge::judge(const StaffPlan& plan, const RunModel& model,
                                const std::vector<ReplicationResult>& reps) const {
  const RunSummary sum = summarize_run(model, reps, scope_ == StaffScope::interval);
  PlanEvaluation e;
  e.plan = plan;
  e.replications = static_cast<int>(reps.size());
  e.cost = cost(plan);
  e.feasible = true;
  for (const StaffConstraint& c : constraints_) {
    const QueueSpec& q = s_.queues[c.queue];
    const Target& t = q.targets[c.target];
    const CallSummary& cs = c.interval < 0 ? sum.day[c.queue] : sum.intervals[c.queue][static_cast<std::size_t>(c.interval)];
    const TargetResult r = check_target(t, q.sl_basis, cs, sum.thresholds, confidence_);
    ConstraintValue v;
    v.defined = std::isfinite(r.value.mean);
    const double goal = t.kind == Target::Kind::asa ? t.threshold : t.fraction;
    const double sign = t.kind == Target::Kind::service_level ? 1.0 : -1.0;
    v.mean_margin = v.defined ? sign * (r.value.mean - goal) : 0;
    v.judged_margin = v.defined ? sign * (r.judged - goal) : 0;
    v.half_width = v.defined && std::isfinite(r.value.ci95) ? r.value.ci95 : 0;
    if (!v.defined && t.kind != Target::Kind::abandon && cs.offered.mean > 0 && !(cs.answered.mean > 0)) {
      // Calls came and nobody answered any: the wait is unbounded and no call was answered
      // in time (ASA, SL on the answered basis), which fails, not "nothing to judge".
      v.defined = true;
      v.mean_margin = v.judged_margin = t.kind == Target::Kind::asa ? -t.threshold : -t.fraction;
    }
    if (!v.met()) e.feasible = false;
    e.values.push_back(v);
  }
  return e;
}

PlanEvaluation PlanJudge::evaluate(const StaffPlan& plan, int replications) {
  RunModel model;
  Scenario sc;
  const auto reps = simulate(plan, replications, false, &sc, &model);
  return judge(plan, model, reps);
}

PlanEvaluation PlanJudge::evaluate_kept(const StaffPlan& plan, int replications) {
  RunModel model;
  Scenario sc;
  const auto reps = simulate(plan, replications, true, &sc, &model);
  return judge(plan, model, reps);
}

void PlanJudge::evaluate_full(const StaffPlan& plan, int replications, Full& out) {
  out.reps = simulate(plan, replications, true, &out.scenario, nullptr);
  out.model = compile(out.scenario, extra_thresholds_);  // points into out.scenario
  out.summary = summarize_run(out.model, out.reps);
}

}  // namespace ccsim
