// Simulating and judging staffing plans (sim/staffing/evaluate.hpp). Every figure comes from the same
// RunSummary the reports print, so the optimiser and `ccsim run` can never disagree.
#include "sim/staffing/evaluate.hpp"

#include <algorithm>
#include <cmath>

#include "models/units.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/stats/metrics.hpp"
#include "sim/stats/run_accumulator.hpp"
#include "sim/stats/summary.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

PlanJudge::PlanJudge(const Scenario& s, StaffScope scope, double confidence, int threads,
                     std::vector<double> extra_thresholds)
    : s_(s), scope_(scope), confidence_(confidence), threads_(threads), extra_thresholds_(std::move(extra_thresholds)) {
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
  return q.name + " " +
         (c.interval < 0 ? std::string("day") : models::format_clock(s_.start + c.interval * s_.interval)) + " " +
         q.targets[c.target].text;
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

int PlanJudge::kept_replications(const StaffPlan& plan) const {
  const auto it = kept_.find(plan);
  return it == kept_.end() ? 0 : it->second.reps;
}

// One replication's figures per constraint, into slot `slot`: each (queue, interval) cell
// summed and turned into metrics once, then read by each of the queue's targets.
void PlanJudge::add_sample(const RunModel& model, const ReplicationResult& r, Samples& out, std::size_t slot) const {
  const int T = static_cast<int>(model.thresholds.size());
  const int I = model.intervals;
  std::size_t c = 0;
  while (c < constraints_.size()) {
    const StaffConstraint& k = constraints_[c];
    const int q = static_cast<int>(k.queue);
    const int first = k.interval < 0 ? 0 : k.interval;
    const int last = k.interval < 0 ? I : k.interval + 1;
    const std::vector<double> cell = sum_cells(r.calls, q, first, last);
    const CallMetrics m = call_metrics(cell, T);
    // Constraints are ordered queue, target, interval: the cell's other targets follow at
    // a stride of one target's constraints.
    const std::size_t stride = k.interval < 0 ? 1 : static_cast<std::size_t>(I);
    const QueueSpec& qs = s_.queues[k.queue];
    for (std::size_t t = 0; t < qs.targets.size(); ++t) {
      const std::size_t ct = c + t * stride;
      out.value[ct][slot] = target_figure(qs.targets[t], qs.sl_basis, m, model.thresholds);
      out.offered[ct][slot] = m.offered;
      out.answered[ct][slot] = m.answered;
      double x = 0, y = 0;
      if (!target_terms(qs.targets[t], qs.sl_basis, cell, model.thresholds, x, y)) x = y = 0;
      out.num[ct][slot] = x;
      out.den[ct][slot] = y;
    }
    // Next cell: the next interval of this queue, or the next queue's first constraint.
    const bool last_cell = k.interval < 0 || k.interval + 1 == I;
    c = last_cell ? c + (qs.targets.size() - 1) * stride + 1 : c + 1;
  }
}

const PlanJudge::Samples& PlanJudge::sample(const StaffPlan& plan, int replications, bool keep, bool full) {
  Samples* s = &scratch_;
  const auto it = kept_.find(plan);
  if (it != kept_.end())
    s = &it->second;
  else if (keep)
    s = &kept_[plan];
  else
    scratch_.reps = 0;
  if (s->value.size() != constraints_.size()) {
    s->value.resize(constraints_.size());
    s->offered.resize(constraints_.size());
    s->answered.resize(constraints_.size());
    s->num.resize(constraints_.size());
    s->den.resize(constraints_.size());
  }
  if (full && !(full_plan_ == plan)) {
    full_plan_ = plan;
    full_reps_.clear();
  }
  // Days to simulate: those without figures, and for the full plan those without tallies.
  const int have = s->reps;
  const int from = full ? std::min(have, static_cast<int>(full_reps_.size())) : have;
  if (from >= replications) return *s;
  const auto R = static_cast<std::size_t>(std::max(have, replications));
  for (std::size_t c = 0; c < constraints_.size(); ++c) {
    s->value[c].resize(R);
    s->offered[c].resize(R);
    s->answered[c].resize(R);
    s->num[c].resize(R);
    s->den[c].resize(R);
  }
  if (full) full_reps_.resize(std::max(full_reps_.size(), static_cast<std::size_t>(replications)));
  const Scenario sc = scenario_for(plan);
  const RunModel model = compile(sc, extra_thresholds_);
  replicate_each(model, s_.seed, from, replications - from, threads_, [&](int k, const ReplicationResult& r) {
    const auto slot = static_cast<std::size_t>(from + k);
    if (from + k >= have) add_sample(model, r, *s, slot);
    if (full) full_reps_[slot] = r;
  });
  s->reps = std::max(have, replications);
  ++simulations_;
  simulated_days_ += replications - from;
  return *s;
}

ConstraintValue PlanJudge::judge_one(std::size_t c, const Stat& value, double offered, double answered) const {
  const StaffConstraint& k = constraints_[c];
  const QueueSpec& q = s_.queues[k.queue];
  const Target& t = q.targets[k.target];
  const TargetResult r = check_target(t, value, confidence_);
  ConstraintValue v;
  v.defined = std::isfinite(r.value.mean);
  const double goal = t.kind == Target::Kind::asa ? t.threshold : t.fraction;
  const double sign = t.kind == Target::Kind::service_level ? 1.0 : -1.0;
  v.mean_margin = v.defined ? sign * (r.value.mean - goal) : 0;
  v.judged_margin = v.defined ? sign * (r.judged - goal) : 0;
  v.half_width = v.defined && std::isfinite(r.value.ci95) ? r.value.ci95 : 0;
  if (!v.defined && t.kind != Target::Kind::abandon && offered > 0 && !(answered > 0)) {
    // Calls came and nobody answered any: the wait is unbounded and no call was answered
    // in time (ASA, SL on the answered basis), which fails, not "nothing to judge".
    v.defined = true;
    v.mean_margin = v.judged_margin = t.kind == Target::Kind::asa ? -t.threshold : -t.fraction;
  }
  return v;
}

namespace {

double sum_first(const std::vector<double>& v, int n) {
  double x = 0;
  for (int r = 0; r < n; ++r) x += v[static_cast<std::size_t>(r)];
  return x;
}

}  // namespace

bool PlanJudge::long_run(std::size_t c) const {
  return s_.queues[constraints_[c].queue].sl_estimator == SlEstimator::long_run;
}

PlanEvaluation PlanJudge::judge(const StaffPlan& plan, const Samples& s, int replications) const {
  PlanEvaluation e;
  e.plan = plan;
  e.replications = replications;
  e.cost = cost(plan);
  e.feasible = true;
  std::vector<double> v;
  for (std::size_t c = 0; c < constraints_.size(); ++c) {
    // The same figures and summary as summarize_run gives `ccsim run`, so the two agree.
    Stat st;
    if (long_run(c)) {
      RatioStat rs;
      for (int r = 0; r < replications; ++r)
        rs.add(s.num[c][static_cast<std::size_t>(r)], s.den[c][static_cast<std::size_t>(r)]);
      st = rs.stat();
    } else {
      v.assign(s.value[c].begin(), s.value[c].begin() + replications);
      st = summarize(v);
    }
    ConstraintValue cv =
        judge_one(c, st, sum_first(s.offered[c], replications), sum_first(s.answered[c], replications));
    if (st.n >= 2 && st.ci95 > 0) {
      cv.t95 = student_t95(st.n - 1);
      const double sd = st.ci95 / cv.t95 * std::sqrt(static_cast<double>(st.n));
      cv.var_own = sd * sd * replications / st.n;  // per replication given, days without calls included
    }
    if (!cv.met()) e.feasible = false;
    e.values.push_back(cv);
  }
  return e;
}

PlanEvaluation PlanJudge::evaluate(const StaffPlan& plan, int replications) {
  return judge(plan, sample(plan, replications, false, false), replications);
}

PlanEvaluation PlanJudge::evaluate_kept(const StaffPlan& plan, int replications, bool full) {
  return judge(plan, sample(plan, replications, true, full), replications);
}

PlanEvaluation PlanJudge::evaluate_paired(const StaffPlan& plan, int replications, const StaffPlan& reference,
                                          bool full) {
  const int n_ref = std::max(replications, kept_replications(reference));
  const Samples& x = sample(reference, n_ref, true, reference == full_plan_);
  const Samples& y = sample(plan, replications, true, full);  // kept_: x stays valid
  if (replications >= n_ref) return judge(plan, y, replications);
  PlanEvaluation e = judge(plan, y, replications);  // cost, and the fallback per constraint
  e.paired_replications = n_ref;
  e.feasible = true;
  for (std::size_t c = 0; c < constraints_.size(); ++c) {
    // Y = D + X: the mean of the days' differences D = Y - X over the plan's R days, plus
    // the reference's mean over its N days. Var = s_D^2/R + 2 s_DX/N + s_X^2/N (the
    // reference's first R days are shared).
    const std::vector<double>& xv = x.value[c];
    const std::vector<double>& yv = y.value[c];
    double sx = 0, nx = 0;
    for (int r = 0; r < n_ref; ++r)
      if (!std::isnan(xv[static_cast<std::size_t>(r)])) {
        sx += xv[static_cast<std::size_t>(r)];
        ++nx;
      }
    double sd = 0, nd = 0, mxp = 0;  // mxp: the reference's mean over the paired days
    for (int r = 0; r < replications; ++r) {
      const double a = yv[static_cast<std::size_t>(r)], b = xv[static_cast<std::size_t>(r)];
      if (!std::isnan(a) && !std::isnan(b)) {
        sd += a - b;
        mxp += b;
        ++nd;
      }
    }
    // Too few days with calls to pair, or a long-run figure (a ratio of sums, not a mean of
    // days, so the paired mean of differences does not apply): the plan's own figures.
    if (nx < 2 || nd < 2 || long_run(c)) {
      if (!e.values[c].met()) e.feasible = false;
      continue;
    }
    const double mx = sx / nx, md = sd / nd;
    double vx = 0, vd = 0, cdx = 0;
    for (int r = 0; r < n_ref; ++r) {
      const double b = xv[static_cast<std::size_t>(r)];
      if (!std::isnan(b)) vx += (b - mx) * (b - mx);
    }
    mxp /= nd;
    for (int r = 0; r < replications; ++r) {
      const double a = yv[static_cast<std::size_t>(r)], b = xv[static_cast<std::size_t>(r)];
      if (std::isnan(a) || std::isnan(b)) continue;
      vd += (a - b - md) * (a - b - md);
      cdx += (a - b - md) * (b - mxp);
    }
    vx /= nx - 1;
    vd /= nd - 1;
    cdx /= nd - 1;
    // Never below what the differences alone leave (the estimates' PSD floor).
    const double var = std::max(vd / nd + (2 * cdx + vx) / nx, vd * (1 / nd - 1 / nx));
    Stat st;
    st.n = static_cast<int>(nd);
    st.mean = md + mx;
    st.ci95 = student_t95(st.n - 1) * std::sqrt(var);
    ConstraintValue cv =
        judge_one(c, st, sum_first(y.offered[c], replications), sum_first(y.answered[c], replications));
    cv.t95 = student_t95(st.n - 1);
    cv.var_own = vd * replications / nd;
    cv.var_ref = (2 * cdx + vx) * n_ref / nx;
    e.values[c] = cv;
    if (!cv.met()) e.feasible = false;
  }
  return e;
}

void PlanJudge::evaluate_full(const StaffPlan& plan, int replications, Full& out) {
  sample(plan, replications, true, true);
  out.reps.assign(full_reps_.begin(), full_reps_.begin() + replications);
  out.scenario = scenario_for(plan);
  out.model = compile(out.scenario, extra_thresholds_);
  out.summary = summarize_run(out.model, out.reps);
}

}  // namespace ccsim
