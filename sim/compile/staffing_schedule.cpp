#include "sim/compile/staffing_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace ccsim {

namespace {

// The interval holding time t, clamped to the day (the warm-up takes the first interval's
// plan). Clamped as a double: a long warm-up's t / interval can be beyond int's range.
int interval_at(const Scenario& s, double t) {
  const double k = std::clamp(std::floor(t / s.interval), 0.0, static_cast<double>(s.intervals - 1));
  return static_cast<int>(k);
}

// Scheduled agents (before shrinkage and overtime) at time t.
int base_count(const AgentGroupSpec& g, const Scenario& s, double t) {
  if (!g.shifts.empty()) {
    int n = 0;
    for (const Shift& sh : g.shifts) {
      if (t < sh.start || t >= sh.start + sh.length) continue;
      bool on_break = false;
      for (const Break& b : sh.breaks)
        if (t >= sh.start + b.after && t < sh.start + b.after + b.length) on_break = true;
      if (!on_break) n += sh.count;
    }
    return n;
  }
  if (g.staffing.empty()) return 0;
  const int k = interval_at(s, t);
  return g.staffing[static_cast<std::size_t>(k)];
}

int overtime_at(const AgentGroupSpec& g, const Scenario& s, double t) {
  if (g.overtime.empty()) return 0;
  const int k = interval_at(s, t);
  return g.overtime[static_cast<std::size_t>(k)];
}

int target_at(const AgentGroupSpec& g, const Scenario& s, double t) {
  const int n = base_count(g, s, t);
  const int lost = static_cast<int>(std::floor(n * g.shrinkage + 0.5 + 1e-9));
  return n - std::min(n, lost) + overtime_at(g, s, t);
}

}  // namespace

GroupSchedule build_schedule(const AgentGroupSpec& g, const Scenario& s) {
  GroupSchedule out;
  const double t0 = -s.warmup, end = s.day_length();

  // Every time the target may change: interval boundaries, shift starts and ends, breaks.
  std::vector<double> cuts;
  for (int k = 0; k <= s.intervals; ++k) cuts.push_back(k * s.interval);
  for (const Shift& sh : g.shifts) {
    cuts.push_back(sh.start);
    cuts.push_back(sh.start + sh.length);
    for (const Break& b : sh.breaks) {
      cuts.push_back(sh.start + b.after);
      cuts.push_back(sh.start + b.after + b.length);
    }
  }
  cuts.push_back(t0);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  out.initial = target_at(g, s, t0);
  int current = out.initial;
  out.on_duty.assign(static_cast<std::size_t>(s.intervals), 0.0);
  for (std::size_t j = 0; j < cuts.size(); ++j) {
    const double a = cuts[j];
    if (a < t0 || a >= end) continue;
    const double b = j + 1 < cuts.size() ? std::min(cuts[j + 1], end) : end;
    const int n = target_at(g, s, a);
    if (a > t0 && n != current) out.steps.push_back({a, n});
    current = n;
    // Book [max(a,0), b) into the intervals it covers (segments never straddle a boundary).
    if (b > 0 && b > a) {
      const double from = std::max(a, 0.0);
      const int k = std::clamp(static_cast<int>(std::floor(from / s.interval)), 0, s.intervals - 1);
      out.on_duty[static_cast<std::size_t>(k)] += n * (b - from);
      out.productive_hours += n * (b - from) / 3600.0;
    }
  }
  for (double& x : out.on_duty) x /= s.interval;

  if (!g.shifts.empty()) {
    for (const Shift& sh : g.shifts) out.paid_hours += sh.count * sh.length / 3600.0;
  } else {
    for (int n : g.staffing) out.paid_hours += n * s.interval / 3600.0;
  }
  for (int n : g.overtime) out.overtime_hours += n * s.interval / 3600.0;
  return out;
}

}  // namespace ccsim
