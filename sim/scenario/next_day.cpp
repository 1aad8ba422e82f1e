// The next-day rule for clock times written without a day. A planner writing a night
// from 22:00 to 06:00 means 02:00 after midnight by "02:00"; the day's length is known
// only once every per-interval list is read, so the reader keeps such times on the
// start's day and this moves them, before the checks that compare them with the day.
#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
namespace {

constexpr double kDay = 86400;

// `t` in seconds after the day's start, as written on the start's day. Earlier than the
// start and, a day later, before the day's end: the next day. Otherwise as written, so a
// shift at 21:30 before a day from 22:00 keeps its place, and a time outside the day
// either way keeps the error that says so.
double placed(double t, double day_length) { return t < 0 && t + kDay < day_length ? t + kDay : t; }

}  // namespace

void place_plain_clocks(Scenario& sc, Facts& facts) {
  const double length = sc.day_length();
  if (sc.start + length <= kDay) return;  // the day does not cross midnight
  for (std::size_t g = 0; g < sc.groups.size(); ++g) {
    AgentGroupSpec& grp = sc.groups[g];
    for (std::size_t j = 0; j < grp.shifts.size(); ++j)
      if (facts.shift_plain[g][j]) grp.shifts[j].start = placed(grp.shifts[j].start, length);
    for (std::size_t j = 0; j < grp.shift_patterns.size(); ++j)
      if (facts.pattern_plain[g][j]) grp.shift_patterns[j].start = placed(grp.shift_patterns[j].start, length);
  }
  for (TraceFacts& tf : facts.traces) {
    auto& calls = sc.queues[tf.queue].arrivals.trace_calls;
    for (std::size_t i = 0; i < calls.size(); ++i)
      if (tf.rows[i].plain_clock) calls[i].arrival = placed(calls[i].arrival, length);
  }
}

}  // namespace ccsim::scenario_detail
