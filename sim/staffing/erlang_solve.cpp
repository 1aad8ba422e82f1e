#include "sim/staffing/erlang_solve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/erlang.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double figure(const models::Erlang& e, const Target& t, SlBasis basis) {
  switch (t.kind) {
    case Target::Kind::service_level:
      return basis == SlBasis::offered         ? e.sl_offered(t.threshold)
             : basis == SlBasis::answered      ? e.sl_answered(t.threshold)
             : basis == SlBasis::abandoned_met ? e.sl_abandoned_met(t.threshold)
                                               : e.sl_refined(t.threshold);
    case Target::Kind::asa:
      return e.asa();
    case Target::Kind::abandon:
      return e.p_abandon();
  }
  return kNaN;
}

}  // namespace

ErlangCheck check_agents(const ErlangGoal& g, int agents) {
  ErlangCheck c;
  c.agents = agents;
  const models::Erlang e({g.lambda, g.aht, agents, g.patience});
  c.stable = e.stable();
  c.occupancy = c.stable ? e.occupancy() : kNaN;
  c.met = c.stable;
  for (const Target& t : g.targets) {
    ErlangTargetFigure f;
    f.figure = c.stable ? figure(e, t, g.basis) : kNaN;
    // The same verdict as a simulated figure's (a single exact value: no bound to widen).
    f.met = c.stable && check_target(t, Stat{f.figure, 0, 1}).met;
    c.met = c.met && f.met;
    c.targets.push_back(f);
  }
  if (g.max_occupancy) {
    c.occupancy_met = c.stable && c.occupancy <= *g.max_occupancy * (1 + 1e-9);
    c.met = c.met && c.occupancy_met;
  }
  return c;
}

std::string erlang_unattainable(const ErlangGoal& g) {
  const bool impatient = std::isfinite(g.patience);
  for (const Target& t : g.targets) {
    std::string why = unattainable(t, impatient);
    if (!why.empty()) return why;
  }
  return "";
}

std::optional<int> solve_agents(const ErlangGoal& g, int cap) {
  if (!erlang_unattainable(g).empty()) return std::nullopt;
  const double load = g.lambda * g.aht;
  // Erlang C needs n > load to be stable; Erlang A is stable for every n.
  const double from = std::isfinite(g.patience) ? 1.0 : std::floor(load) + 1;
  if (!(from <= cap)) return std::nullopt;
  // Monotone in n: if the cap misses, every n below it does too, and scanning is pointless.
  if (!check_agents(g, cap).met) return std::nullopt;
  for (int n = static_cast<int>(from); n < cap; ++n)
    if (check_agents(g, n).met) return n;
  return cap;
}

ErlangBinding erlang_binding(const ErlangGoal& g, int agents) {
  ErlangBinding b;
  if (agents <= 1) return b;
  const ErlangCheck below = check_agents(g, agents - 1);
  if (!below.stable) {
    b.stability = true;
    return b;
  }
  for (std::size_t i = 0; i < below.targets.size(); ++i)
    if (!below.targets[i].met) b.targets.push_back(i);
  b.occupancy = !below.occupancy_met;
  return b;
}

LinesCheck check_lines(double load, int lines, std::optional<double> max_blocking) {
  LinesCheck c;
  c.lines = lines;
  c.blocking = models::erlang_b(lines, load);
  c.carried_load = load * (1 - c.blocking);
  c.met = !max_blocking || c.blocking <= *max_blocking;
  return c;
}

std::optional<int> solve_lines(double load, double max_blocking, int cap) {
  if (!(load >= 0) || !(max_blocking > 0)) return std::nullopt;
  // The recursion of models::erlang_b, one step per line: B(n) here has the same bits.
  double b = 1.0;
  for (int n = 1; n <= cap; ++n) {
    b = load * b / (n + load * b);
    if (b <= max_blocking) return n;
  }
  return std::nullopt;
}

long long shrinkage_headcount(int on_duty, double shrinkage) {
  const double q = on_duty / (1.0 - shrinkage);
  const double r = std::round(q);
  if (std::abs(q - r) <= 1e-9 * std::max(1.0, q)) return static_cast<long long>(r);
  return static_cast<long long>(std::ceil(q));
}

}  // namespace ccsim
