#include "sim/compile/horizon_day.hpp"

#include <utility>

namespace ccsim {

namespace {

// Keeps elements [a, a + n) of a per-interval list (an empty list stays empty).
template <class T>
void cut(std::vector<T>& v, std::size_t a, std::size_t n) {
  if (v.empty()) return;
  std::vector<T> part(v.begin() + static_cast<std::ptrdiff_t>(a), v.begin() + static_cast<std::ptrdiff_t>(a + n));
  v = std::move(part);
}

}  // namespace

Scenario horizon_day(const Scenario& s, int d) {
  Scenario out = s;
  const auto n = static_cast<std::size_t>(s.day_intervals);
  const std::size_t a = static_cast<std::size_t>(d) * n;
  const double length = static_cast<double>(s.day_intervals) * s.interval;
  out.days = 1;
  out.carry_over = false;
  out.day_intervals = 0;
  out.intervals = s.day_intervals;
  for (auto& q : out.queues) {
    if (!q.arrivals.stationary) cut(q.arrivals.volumes, a, n);
    q.arrivals.day_scale.clear();
    cut(q.handle_time_by_interval, a, n);
    cut(q.patience_by_interval, a, n);
    cut(q.wrap_up_by_interval, a, n);
    if (!q.handle_time_by_interval.empty()) q.handle_time = q.handle_time_by_interval.front();
  }
  for (auto& g : out.groups) {
    cut(g.staffing, a, n);
    cut(g.overtime, a, n);
    for (auto& sk : g.skills) cut(sk.handle_time_by_interval, a, n);
    std::vector<Shift> own;
    for (const Shift& sh : g.shifts) {
      if (sh.day != d) continue;
      Shift c = sh;
      c.start -= d * length;
      c.day = 0;
      own.push_back(std::move(c));
    }
    g.shifts = std::move(own);
  }
  return out;
}

}  // namespace ccsim
