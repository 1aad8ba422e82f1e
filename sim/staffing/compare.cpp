#include "sim/staffing/compare.hpp"

#include <algorithm>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/stats/metrics.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

namespace {

// Worked hours and cost of replications 0..n-1: the plan's paid hours, plus the on-duty time
// beyond the plan's scheduled presence (finishing calls after leaving time, the drain).
void worked(const Scenario& s, const RunModel& m, const std::vector<ReplicationResult>& reps, std::size_t n,
            PlanFigures& f) {
  f.hours_per_rep.assign(n, 0.0);
  f.cost_per_rep.assign(n, 0.0);
  f.has_cost = false;
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const GroupModel& gm = m.groups[g];
    const double rate = s.groups[g].cost_per_hour.value_or(0.0);
    f.has_cost = f.has_cost || s.groups[g].cost_per_hour.has_value();
    for (std::size_t k = 0; k < n; ++k) {
      const GroupMetrics x = group_metrics(reps[k].groups, static_cast<int>(g), 0, m.intervals + 1);
      const double over = std::max(0.0, x.on_duty_hours - gm.productive_hours);
      f.hours_per_rep[k] += gm.paid_hours + gm.overtime_hours + over;
      f.cost_per_rep[k] += gm.cost() + rate * over;
    }
  }
  f.agent_hours = summarize(f.hours_per_rep);
  f.cost = summarize(f.cost_per_rep);
}

// The share of replications 0..n-1 whose whole-day figures meet every target of every queue of `s`.
double day_meets_share(const Scenario& s, const RunModel& m, const std::vector<ReplicationResult>& reps,
                       std::size_t n) {
  const int T = static_cast<int>(m.thresholds.size());
  int meets = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const ReplicationResult& rep = reps[k];
    bool ok = true;
    for (std::size_t q = 0; q < s.queues.size() && ok; ++q) {
      const CallMetrics c = call_metrics(sum_cells(rep.calls, static_cast<int>(q), 0, s.intervals), T);
      for (const Target& t : s.queues[q].targets)
        if (!target_met(t, s.queues[q].sl_basis, c, m.thresholds)) ok = false;
    }
    meets += ok;
  }
  return n == 0 ? 0 : static_cast<double>(meets) / static_cast<double>(n);
}

Scenario with_targets(const Scenario& s, const std::vector<std::vector<Target>>& targets) {
  Scenario x = s;
  for (std::size_t q = 0; q < x.queues.size(); ++q) x.queues[q].targets = targets[q];
  return x;
}

// The scenario's plan as `ccsim run` simulates it, judged on `targets`.
void simulate_baseline(const Scenario& s, const std::vector<std::vector<Target>>& targets, const StaffOptions& o,
                       CompareBaseline& b) {
  b.scenario = with_targets(s, targets);
  b.model = compile(b.scenario, o.extra_thresholds);
  b.reps = replicate(b.model, b.scenario.seed, b.scenario.replications, o.threads);
  b.summary = summarize_run(b.model, b.reps);
}

// The compare figures of a simulated plan over its replications 0..n-1.
void plan_figures(const Scenario& s, const RunModel& m, const std::vector<ReplicationResult>& reps, std::size_t n,
                  PlanFigures& f) {
  worked(s, m, reps, n, f);
  f.planned_hours = f.planned_cost = 0;
  for (const GroupModel& g : m.groups) {
    f.planned_hours += g.paid_hours + g.overtime_hours;
    f.planned_cost += g.cost();
  }
  f.p_day_meets = day_meets_share(s, m, reps, n);
  if (!has_value_terms(s)) return;
  ValueAccumulator acc(s, m);
  for (std::size_t r = 0; r < n; ++r) acc.add(reps[r]);
  f.value = acc.summary(f.planned_cost);
  f.net_per_block = net_per_block(acc, f.value->block_days, f.planned_cost);
}

// A paired difference of nets per block, as per day.
Stat per_day(Stat block_difference, int block_days) {
  block_difference.mean /= block_days;
  block_difference.ci95 /= block_days;
  return block_difference;
}

}  // namespace

Stat paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d(std::min(a.size(), b.size()));
  for (std::size_t k = 0; k < d.size(); ++k) d[k] = a[k] - b[k];
  return summarize(d);
}

Comparison compare_targets(const Scenario& s, const std::vector<CompareSet>& sets, const StaffOptions& given,
                           bool baseline) {
  // Every plan measures every row's SL thresholds (the file's own on queues a row leaves
  // alone included), so rows and the baseline can be set side by side.
  StaffOptions o = given;
  for (const CompareSet& set : sets)
    for (const auto& queue : set.targets)
      for (const Target& t : queue)
        if (t.kind == Target::Kind::service_level) o.extra_thresholds.push_back(t.threshold);
  Comparison out;
  for (const CompareSet& set : sets) {
    CompareRow row;
    row.label = set.label;
    row.staff = std::make_unique<StaffResult>(find_staffing(with_targets(s, set.targets), o));
    // Rows are compared on the scenario's replications, which every row has (the search
    // may report its answer on more, where it sharpened close verdicts): its figures and
    // tables are recomputed on those, so the file, the JSON and the paired deltas agree.
    StaffResult& st = *row.staff;
    if (st.reps.size() > static_cast<std::size_t>(s.replications)) {
      st.reps.resize(static_cast<std::size_t>(s.replications));
      st.summary = summarize_run(st.model, st.reps);
      st.replications = s.replications;
    }
    out.rows.push_back(std::move(row));
  }
  if (baseline && !sets.empty()) {
    out.baseline = std::make_unique<CompareBaseline>();
    simulate_baseline(s, sets.front().targets, o, *out.baseline);
  }
  // The comparison uses the replications every plan has (the scenario's: the search
  // reports its answer on them), so all of it is paired.
  std::size_t n = static_cast<std::size_t>(std::max(0, s.replications));
  for (const CompareRow& row : out.rows) n = std::min(n, row.staff->reps.size());
  if (out.baseline) n = std::min(n, out.baseline->reps.size());
  out.replications = static_cast<int>(n);
  for (CompareRow& row : out.rows) plan_figures(row.staff->scenario, row.staff->model, row.staff->reps, n, row);
  if (out.baseline) plan_figures(out.baseline->scenario, out.baseline->model, out.baseline->reps, n, *out.baseline);
  for (CompareRow& row : out.rows) {
    row.delta_agent_hours = paired_difference(row.hours_per_rep, out.rows.front().hours_per_rep);
    row.delta_cost = paired_difference(row.cost_per_rep, out.rows.front().cost_per_rep);
    if (out.baseline) {
      row.delta_agent_hours_vs_plan = paired_difference(row.hours_per_rep, out.baseline->hours_per_rep);
      row.delta_cost_vs_plan = paired_difference(row.cost_per_rep, out.baseline->cost_per_rep);
    }
    if (row.value) {
      const int b = row.value->block_days;
      row.delta_net = per_day(paired_difference(row.net_per_block, out.rows.front().net_per_block), b);
      if (out.baseline)
        row.delta_net_vs_plan = per_day(paired_difference(row.net_per_block, out.baseline->net_per_block), b);
    }
  }
  return out;
}

}  // namespace ccsim
