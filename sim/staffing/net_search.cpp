#include "sim/staffing/net_search.hpp"

#include <algorithm>

#include "sim/compile/compile.hpp"
#include "sim/staffing/compare.hpp"

namespace ccsim {

double plan_net(PlanJudge& judge, const StaffPlan& plan, int replications, ValueSummary* value, bool* feasible,
                std::vector<double>* blocks) {
  PlanJudge::Full full;
  judge.evaluate_full(plan, replications, full);
  ValueAccumulator acc(full.scenario, full.model);
  for (const ReplicationResult& r : full.reps) acc.add(r);
  const ValueSummary v = acc.summary(staff_cost_per_day(full.summary));
  if (feasible) *feasible = judge.evaluate_kept(plan, replications).feasible;  // reuses the days just simulated
  if (value) *value = v;
  if (blocks) *blocks = net_per_block(acc, v.block_days, v.staff_cost);
  return v.net.mean;
}

namespace {

struct Candidate {
  StaffPlan plan;
  ValueSummary value;
  std::vector<double> blocks;
  double net = 0;
};

}  // namespace

NetResult find_net_staffing(const Scenario& s, const StaffOptions& o, bool constrained) {
  for (const AgentGroupSpec& g : s.groups)
    if (!g.cost_per_hour)
      throw InputError(g.where, "--objective net: agent group \"" + g.name +
                                    "\" has no cost_per_hour; net value needs the price of the staff");
  check_periods_fit(s, s.replications);
  bool any_target = false;
  for (const QueueSpec& q : s.queues) any_target = any_target || !q.targets.empty();
  constrained = constrained && any_target;

  NetResult out;
  out.constrained = constrained;
  StaffResult cost_answer;
  StaffPlan start;
  if (any_target) {
    cost_answer = find_staffing(s, o);
    start = cost_answer.staffing;
    out.start_is_cost_answer = true;
  } else {
    const RunModel m = compile(s);
    for (const GroupModel& g : m.groups) start.push_back(g.staffing);
  }

  Scenario targets_only = s;  // with no constraints the judge still needs the scenario
  if (!constrained)
    for (QueueSpec& q : targets_only.queues) q.targets.clear();
  PlanJudge judge(constrained ? s : targets_only, o.scope, o.confidence, o.threads, o.extra_thresholds);
  const int R = s.replications;
  int cap = o.max_agents;
  if (cap <= 0)
    for (const auto& g : start)
      for (int n : g) cap = std::max(cap, 4 * n + 20);

  // With constraints the ascent stays at or above the least-cost answer: that answer is
  // the cheapest plan the cost search (with its refined verdicts) found to meet the targets,
  // and every plan with at least its agents everywhere meets them as it does.
  auto covers_start = [&](const StaffPlan& p) {
    for (std::size_t g = 0; g < p.size(); ++g)
      for (std::size_t i = 0; i < p[g].size(); ++i)
        if (p[g][i] < start[g][i]) return false;
    return true;
  };
  auto judge_plan = [&](const StaffPlan& p) {
    Candidate c;
    c.plan = p;
    c.net = plan_net(judge, p, R, &c.value, nullptr, &c.blocks);
    ++out.evaluations;
    return c;
  };
  Candidate best = judge_plan(start);
  out.start = start;
  out.start_value = best.value;
  const std::vector<double> start_blocks = best.blocks;
  const std::size_t G = start.size(), I = G ? start[0].size() : 0;
  bool improved = true;
  while (improved && out.evaluations < o.max_evaluations) {
    improved = false;
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t i = 0; i < I; ++i)
        for (const int step : {+1, -1}) {
          bool moved = false;
          for (;;) {
            if (out.evaluations >= o.max_evaluations) break;
            StaffPlan p = best.plan;
            p[g][i] += step;
            if (p[g][i] < 0 || p[g][i] > cap || (constrained && !covers_start(p))) break;
            Candidate c = judge_plan(p);
            if (!(c.net > best.net)) break;
            best = std::move(c);
            moved = improved = true;
            ++out.moves;
          }
          if (moved) break;  // this coordinate went up; no need to try down
        }
  }

  // Report the answer as `staff` does.
  PlanJudge::Full full;
  judge.evaluate_full(best.plan, R, full);
  StaffResult& r = out.staff;
  r.scenario = std::move(full.scenario);
  r.model = compile(r.scenario, o.extra_thresholds);
  r.reps = std::move(full.reps);
  r.summary = std::move(full.summary);
  r.staffing = best.plan;
  r.erlang = cost_answer.erlang;
  r.cost = judge.cost(best.plan);
  r.replications = R;
  r.evaluations = static_cast<int>(judge.simulations()) + cost_answer.evaluations;
  r.simulated_days = judge.simulated_days() + cost_answer.simulated_days;
  r.feasible = !constrained || cost_answer.feasible;
  if (constrained) r.shortfalls = cost_answer.shortfalls;
  out.value = best.value;
  out.gain = paired_difference(best.blocks, start_blocks);
  out.gain.mean /= best.value.block_days;
  out.gain.ci95 /= best.value.block_days;
  return out;
}

}  // namespace ccsim
