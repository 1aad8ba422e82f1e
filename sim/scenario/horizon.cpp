// A horizon of several days (scenario.days, docs/scenario-format.md "Several days"): the
// one day read from the file is laid out over every day, one after another. With
// carry_over the engine simulates them as one long run whose queue and busy agents carry
// over midnight; without, compile() cuts each day out again (sim/compile/horizon_day.hpp)
// and the engine runs each from an empty centre. Outputs split the horizon by day.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "models/units.hpp"
#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {

namespace {

constexpr double kDay = 86400;

// A per-interval list of one day, repeated for every day (a list of the whole horizon stays).
template <class T>
void repeat(std::vector<T>& v, int days, std::size_t per_day) {
  if (v.empty() || v.size() != per_day) return;
  const std::size_t n = v.size();
  v.reserve(n * static_cast<std::size_t>(days));
  for (int d = 1; d < days; ++d)
    for (std::size_t i = 0; i < n; ++i) v.push_back(v[i]);
}

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string day_text(int days) { return "scenario.days = " + std::to_string(days); }

}  // namespace

void expand_horizon(Scenario& sc, const Facts& facts) {
  const int days = sc.days;
  for (const auto& q : sc.queues) {
    const auto& a = q.arrivals;
    if (!a.day_scale.empty() && static_cast<int>(a.day_scale.size()) != days) {
      throw InputError(
          a.day_scale_where,
          "queue '" + q.name + "' arrivals.day_scale has " + plural(static_cast<int>(a.day_scale.size()), "value") +
              ", but " + day_text(days) +
              (facts.days_where.file.empty() ? " (the default)" : " (at " + loc_text(facts.days_where) + ")") +
              "; give one factor per day");
    }
    if (!a.day_scale.empty() && a.trace) {
      throw InputError(a.day_scale_where,
                       "queue '" + q.name + "' arrivals.day_scale scales volumes or a rate, not a trace");
    }
  }
  for (const auto& g : sc.groups)
    for (const auto& s : g.shifts)
      for (std::size_t k = 0; k < s.on_days.size(); ++k)
        if (s.on_days[k] > days) {
          throw InputError(s.on_days_where[k], "agents '" + g.name + "' shift is worked on day " +
                                                   std::to_string(s.on_days[k]) + ", but " + day_text(days));
        }
  if (days == 1) {
    // One day: day_scale's single factor scales it; shifts' `days = [1]` changes nothing.
    for (auto& q : sc.queues) {
      if (q.arrivals.day_scale.empty()) continue;
      q.arrivals.rate *= q.arrivals.day_scale[0];
      for (double& v : q.arrivals.volumes) v *= q.arrivals.day_scale[0];
    }
    return;
  }
  if (sc.carry_over && std::abs(sc.day_length() - kDay) > 1e-6) {
    throw InputError(facts.carry_over_where,
                     "scenario.carry_over needs a day of 24 hours, so that each day ends where the next begins; "
                     "this day is " +
                         models::format_duration(sc.day_length()) + " (" + models::format_clock(sc.start) + "-" +
                         models::format_clock_day(sc.start + sc.day_length(), true) +
                         "); for days that each start empty leave carry_over out");
  }
  if (!sc.carry_over && sc.day_length() > kDay + 1e-6) {
    throw InputError(facts.days_where, day_text(days) + " needs days of at most 24 hours; this day is " +
                                           models::format_duration(sc.day_length()));
  }
  for (const auto& q : sc.queues) {
    if (q.arrivals.trace) {
      throw InputError(q.arrivals.where, "queue '" + q.name + "' arrivals: a trace is one recorded day; with " +
                                             day_text(days) + " give volumes or a rate");
    }
  }
  for (const auto& g : sc.groups) {
    if (!g.shift_patterns.empty()) {
      throw InputError(g.where, "agents '" + g.name + "' shift_patterns with " + day_text(days) +
                                    " are not built yet (ccsim staff --shifts places patterns within one day)");
    }
  }

  const double day = sc.day_length();
  const int per_day = sc.intervals;
  const auto n = static_cast<std::size_t>(per_day);
  sc.day_intervals = per_day;
  sc.intervals = per_day * days;
  const double horizon = sc.day_length();
  for (auto& q : sc.queues) {
    auto& a = q.arrivals;
    if (a.stationary && !a.day_scale.empty()) {
      // A rate scaled per day is no longer one rate: it becomes the same volume every interval.
      a.volumes.assign(n, a.rate * sc.interval);
      a.stationary = false;
    }
    if (!a.stationary) {
      // One day's volumes are every day's shape; a list of the whole horizon gives each day
      // its own. day_scale multiplies day d's either way.
      const std::vector<double> given = std::move(a.volumes);
      const bool shape = given.size() == n;
      a.volumes.assign(n * static_cast<std::size_t>(days), 0.0);
      for (int d = 0; d < days; ++d) {
        const double k = a.day_scale.empty() ? 1.0 : a.day_scale[static_cast<std::size_t>(d)];
        const std::size_t at = static_cast<std::size_t>(d) * n;
        for (std::size_t i = 0; i < n; ++i) a.volumes[at + i] = (shape ? given[i] : given[at + i]) * k;
      }
    }
    repeat(q.handle_time_by_interval, days, n);
    repeat(q.patience_by_interval, days, n);
    repeat(q.wrap_up_by_interval, days, n);
  }
  for (auto& g : sc.groups) {
    repeat(g.staffing, days, n);
    repeat(g.overtime, days, n);
    for (auto& sk : g.skills) repeat(sk.handle_time_by_interval, days, n);
    if (g.shifts.empty()) continue;
    std::vector<Shift> laid;
    for (const Shift& s : g.shifts) {
      for (int d = 1; d <= days; ++d) {
        if (!s.on_days.empty() && std::find(s.on_days.begin(), s.on_days.end(), d) == s.on_days.end()) continue;
        Shift c = s;
        // Days follow each other on one timeline, each day_length long (24 h when carried
        // over); a copy remembers its day, so each day simulated apart takes its own.
        c.start += (d - 1) * day;
        c.day = d - 1;
        c.on_days.clear();
        c.on_days_where.clear();
        if (sc.carry_over && c.start + c.length > horizon + 1e-6) {
          throw InputError(s.where, "agents '" + g.name + "' shift on day " + std::to_string(d) + " (" +
                                        models::format_clock_day(sc.start + c.start) + " for " +
                                        models::format_duration(c.length) + ") ends after the horizon (" +
                                        models::format_clock(sc.start) + "-" +
                                        models::format_clock_day(sc.start + horizon, true) + "); leave day " +
                                        std::to_string(d) + " out of its `days`");
        }
        laid.push_back(std::move(c));
      }
    }
    g.shifts = std::move(laid);
  }
}

}  // namespace ccsim::scenario_detail
