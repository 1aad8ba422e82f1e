#include "sim/staffing/erlang_start.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/erlang.hpp"

namespace ccsim {

namespace {

bool meets(const models::Erlang& e, const Target& t, SlBasis basis) {
  switch (t.kind) {
    case Target::Kind::service_level: {
      const double sl = basis == SlBasis::offered    ? e.sl_offered(t.threshold)
                        : basis == SlBasis::answered ? e.sl_answered(t.threshold)
                                                     : e.sl_refined(t.threshold);
      return sl >= t.fraction;
    }
    case Target::Kind::asa:
      return e.asa() <= t.threshold;
    case Target::Kind::abandon:
      return e.p_abandon() <= t.fraction;
  }
  return true;
}

// Calls per second in each interval: the forecast (mean of any forecast noise), or the
// trace's count per interval.
std::vector<double> interval_rates(const QueueSpec& q, const Scenario& s) {
  std::vector<double> r(static_cast<std::size_t>(s.intervals), 0.0);
  for (int i = 0; i < s.intervals; ++i) {
    if (q.arrivals.stationary)
      r[static_cast<std::size_t>(i)] = q.arrivals.rate;
    else if (!q.arrivals.trace)
      r[static_cast<std::size_t>(i)] = q.arrivals.volumes[static_cast<std::size_t>(i)] / s.interval;
  }
  if (q.arrivals.trace)
    for (const TraceCall& c : q.arrivals.trace_calls) {
      const int i = static_cast<int>(std::floor(c.arrival / s.interval));
      if (i >= 0 && i < s.intervals) r[static_cast<std::size_t>(i)] += 1.0 / s.interval;
    }
  return r;
}

}  // namespace

int erlang_agents(double lambda, double aht, double patience, const std::vector<Target>& targets, SlBasis basis,
                  int cap) {
  if (lambda <= 0 || aht <= 0) return 0;
  const double load = lambda * aht;
  const bool impatient = std::isfinite(patience);
  // Erlang C needs n > load to be stable; Erlang A is stable for every n.
  int n = impatient ? 1 : static_cast<int>(std::floor(load)) + 1;
  for (; n < cap; ++n) {
    const models::Erlang e({lambda, aht, n, patience});
    bool ok = true;
    for (const Target& t : targets) {
      if (!impatient && t.kind == Target::Kind::abandon) continue;  // Erlang C: nobody abandons
      if (!meets(e, t, basis)) {
        ok = false;
        break;
      }
    }
    if (ok) return n;
  }
  return cap;
}

int scheduled_for(int on_duty, double shrinkage) {
  int n = on_duty;
  while (n - static_cast<int>(std::floor(n * shrinkage + 0.5 + 1e-9)) < on_duty) ++n;
  return n;
}

ErlangStaffing erlang_staffing(const Scenario& s, const RunModel& m, int cap) {
  const std::size_t G = s.groups.size(), I = static_cast<std::size_t>(s.intervals);
  ErlangStaffing out;
  out.erlang_c.assign(G, std::vector<int>(I, 0));
  out.erlang_a.assign(G, std::vector<int>(I, 0));
  const double inf = std::numeric_limits<double>::infinity();
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const QueueSpec& qs = s.queues[q];
    if (m.queues[q].groups.empty()) continue;
    const std::uint32_t g = m.queues[q].groups[0];
    const std::vector<double> rate = interval_rates(qs, s);
    for (std::size_t i = 0; i < I; ++i) {
      // Each interval's own handle time, wrap-up and patience (per-interval lists).
      const models::DistSpec* wrap = qs.wrap_up_in(i);
      const models::DistSpec* pat = qs.patience_in(i);
      const double aht =
          (qs.handle_time_in(i).theoretical_mean() + (wrap ? wrap->theoretical_mean() : 0.0)) / s.groups[g].efficiency;
      const double patience = pat ? pat->theoretical_mean() : inf;
      out.erlang_c[g][i] += erlang_agents(rate[i], aht, inf, qs.targets, qs.sl_basis, cap);
      out.erlang_a[g][i] += erlang_agents(rate[i], aht, patience, qs.targets, qs.sl_basis, cap);
    }
  }
  for (std::size_t g = 0; g < G; ++g)
    for (std::size_t i = 0; i < I; ++i) {
      out.erlang_c[g][i] = scheduled_for(out.erlang_c[g][i], s.groups[g].shrinkage);
      out.erlang_a[g][i] = scheduled_for(out.erlang_a[g][i], s.groups[g].shrinkage);
    }
  return out;
}

}  // namespace ccsim
