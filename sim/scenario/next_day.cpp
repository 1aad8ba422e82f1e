// The next-day rule for clock times written without a day. A planner writing a night
// from 22:00 to 06:00 means 02:00 after midnight by "02:00"; the day's length is known
// only once every per-interval list is read, so the reader keeps such times on the
// start's day and this moves them, before the checks that compare them with the day.
#include <algorithm>

#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
namespace {

constexpr double kDay = 86400;

// Where a reading of a time puts what it starts: inside the span it must meet (a shift
// overlapping the day, a call within the warm-up or the day), or how far outside.
struct Fit {
  bool inside = false;
  double gap = 0;  // seconds between it and the span when outside
};

// The reading of `t` (seconds after the day's start, as written on the start's day, before
// the start) to keep: the next day when it fits there; else the start's day when it fits
// there (an evening shift that runs into the night, a call in the warm-up); else whichever
// lies nearer, the next day on a tie, so the error then names the day the user most
// likely meant ("07:00+1 for 1h does not overlap the day (22:00-06:00+1)").
template <class FitOf>
double placed(double t, FitOf fit) {
  const Fit today = fit(t), next = fit(t + kDay);
  if (next.inside) return t + kDay;
  if (today.inside) return t;
  return next.gap <= today.gap ? t + kDay : t;
}

// A shift or pattern [s, s + length) against the day [0, length of day), as check_shifts
// judges it.
double place_shift(double s, double length, double day) {
  if (s >= 0) return s;
  return placed(s, [&](double x) { return Fit{x < day && x + length > 0, std::max({0.0, -(x + length), x - day})}; });
}

// A call at t against the simulated time [-warmup, length of day), as check_traces judges it.
double place_call(double t, double warmup, double day) {
  if (t >= 0) return t;
  return placed(t, [&](double x) { return Fit{x >= -warmup && x < day, std::max({0.0, -warmup - x, x - day})}; });
}

}  // namespace

void place_plain_clocks(Scenario& sc, Facts& facts) {
  const double day = sc.day_length();
  // A day that does not cross midnight reads every time on its own day, as it always has.
  if (sc.start + day <= kDay) return;
  for (std::size_t g = 0; g < sc.groups.size(); ++g) {
    AgentGroupSpec& grp = sc.groups[g];
    for (std::size_t j = 0; j < grp.shifts.size(); ++j) {
      Shift& s = grp.shifts[j];
      if (facts.shift_plain[g][j]) s.start = place_shift(s.start, s.length, day);
    }
    for (std::size_t j = 0; j < grp.shift_patterns.size(); ++j) {
      ShiftPattern& p = grp.shift_patterns[j];
      if (facts.pattern_plain[g][j]) p.start = place_shift(p.start, p.length, day);
    }
  }
  for (TraceFacts& tf : facts.traces) {
    auto& calls = sc.queues[tf.queue].arrivals.trace_calls;
    for (std::size_t i = 0; i < calls.size(); ++i)
      if (tf.rows[i].plain_clock) calls[i].arrival = place_call(calls[i].arrival, sc.warmup, day);
  }
}

}  // namespace ccsim::scenario_detail
