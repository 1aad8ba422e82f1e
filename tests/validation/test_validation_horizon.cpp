// A horizon of several days (scenario.days, carry_over = true). The days are one continuous
// run, so with stationary input 7 days of 24 hours are exactly one stationary run of 168
// hours (same seed, same calls, bit for bit); each day's figures are its intervals' sums;
// each day draws its own forecast factor, so day totals have the Poisson-gamma variance
// L + L^2 c^2 and are uncorrelated across days (within 3 standard errors, fixed seed); and
// day 1 is the one-day run's day 1 call for call.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/engine/streams.hpp"
#include "sim/engine/tally.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"
#include "tests/support/moments.hpp"

using namespace ccsim;
using ccsim::test::covariance;
using ccsim::test::Moment;
using ccsim::test::near;

namespace {

std::string stationary(const std::string& day) {
  return "[scenario]\ninterval = \"1h\"\n" + day +
         "[[queue]]\nname = \"line\"\narrivals = { rate = \"50/h\" }\n"
         "handle_time = { dist = \"exponential\", mean = \"4m\" }\n"
         "patience = { dist = \"exponential\", mean = \"2m\" }\ntargets = [\"80/20\"]\n"
         "[[agents]]\nname = \"desk\"\nserves = [\"line\"]\nstaffing = 4\n";
}

// A counter of queue 0 summed over intervals [first, last), per replication.
std::vector<double> summed(const std::vector<ReplicationResult>& reps, int first, int last, int what = kOffered) {
  std::vector<double> out;
  for (const auto& r : reps) {
    double n = 0;
    for (int k = first; k < last; ++k) n += r.calls.cell(0, k)[what];
    out.push_back(n);
  }
  return out;
}

}  // namespace

TEST_CASE("horizon: 7 carried-over stationary days are one stationary run of 168 hours, bit for bit") {
  const Scenario week = parse_scenario(stationary("duration = \"24h\"\ndays = 7\ncarry_over = true\n"), "week.toml");
  const Scenario longday = parse_scenario(stationary("duration = \"168h\"\n"), "long.toml");
  REQUIRE(week.intervals == 168);
  REQUIRE(week.day_intervals == 24);
  const RunModel mw = compile(week), ml = compile(longday);
  const auto rw = replicate(mw, 4242, 40, 2), rl = replicate(ml, 4242, 40, 2);
  REQUIRE(rw.size() == rl.size());
  bool same = true;
  for (std::size_t r = 0; r < rw.size(); ++r) {
    same = same && rw[r].end_time == rl[r].end_time && rw[r].wait_p90 == rl[r].wait_p90;
    for (int k = 0; k < 168; ++k)
      for (int c = 0; c < rw[r].calls.stride(); ++c)
        same = same && rw[r].calls.cell(0, k)[c] == rl[r].calls.cell(0, k)[c];
  }
  CHECK(same);
  const RunSummary sw = summarize_run(mw, rw), sl = summarize_run(ml, rl);
  CHECK(sw.day[0].offered.mean == sl.day[0].offered.mean);
  CHECK(sw.day[0].sl_offered[0].mean == sl.day[0].sl_offered[0].mean);
  CHECK(sl.days[0].empty());  // one long day has no days of its own
  // Each day's figures are its 24 intervals' sums.
  REQUIRE(sw.days[0].size() == 7);
  REQUIRE(sw.days_long_run[0].size() == 7);
  for (int d = 0; d < 7; ++d) {
    double offered = 0, answered = 0;
    for (double x : summed(rw, 24 * d, 24 * d + 24)) offered += x / 40;
    for (double x : summed(rw, 24 * d, 24 * d + 24, kAnswered)) answered += x / 40;
    CHECK(sw.days[0][static_cast<std::size_t>(d)].offered.mean == Approx(offered).epsilon(1e-12));
    CHECK(sw.days[0][static_cast<std::size_t>(d)].answered.mean == Approx(answered).epsilon(1e-12));
  }
  // Group days: the plan's hours, 4 agents x 24 h a day.
  REQUIRE(sw.group_days[0].size() == 7);
  for (const auto& g : sw.group_days[0]) CHECK(g.agent_hours.mean == Approx(96));
}

TEST_CASE("horizon: each day draws its own forecast factor, and day 1 is the one-day run's day") {
  // 100 calls an hour, CV 0.3, a weekly profile; ample agents (counts do not depend on them).
  const std::string body =
      "[[queue]]\nname = \"line\"\narrivals = { rate = \"100/h\", forecast_cv = 0.3DAYSCALE }\n"
      "handle_time = { dist = \"exponential\", mean = \"10s\" }\n"
      "[[agents]]\nname = \"desk\"\nserves = [\"line\"]\nstaffing = 10\n";
  auto with = [&body](const std::string& scale) {
    std::string b = body;
    b.replace(b.find("DAYSCALE"), 8, scale);
    return b;
  };
  const Scenario week =
      parse_scenario("[scenario]\ninterval = \"1h\"\nduration = \"24h\"\ndays = 4\ncarry_over = true\n" +
                         with(", day_scale = [1, 0.5, 2, 1]"),
                     "week.toml");
  const Scenario one = parse_scenario("[scenario]\ninterval = \"1h\"\nduration = \"24h\"\n" + with(""), "one.toml");
  const auto rw = replicate(compile(week), 777, 3000, 2), r1 = replicate(compile(one), 777, 3000, 2);
  const double c2 = 0.09;
  const double L[] = {2400, 1200, 4800, 2400};
  std::vector<std::vector<double>> day;
  for (int d = 0; d < 4; ++d) day.push_back(summed(rw, 24 * d, 24 * d + 24));
  for (int d = 0; d < 4; ++d) {
    INFO("day " << d + 1);
    const Moment v = covariance(day[static_cast<std::size_t>(d)], day[static_cast<std::size_t>(d)]);
    near(v, L[d] + L[d] * L[d] * c2);
    double mean = 0;
    for (double x : day[static_cast<std::size_t>(d)]) mean += x / 3000;
    CHECK(std::abs(mean - L[d]) <= 3 * std::sqrt(v.value / 3000));
  }
  near(covariance(day[0], day[1]), 0);
  near(covariance(day[2], day[3]), 0);
  // A factor drawn once for the whole horizon would make days correlated: Cov = L1 L2 c^2.
  const Moment c01 = covariance(day[0], day[1]);
  CHECK(std::abs(c01.value - L[0] * L[1] * c2) > 6 * c01.se);
  // Day 1 is the one-day run's day, call for call.
  CHECK(day[0] == summed(r1, 0, 24));
}

TEST_CASE("horizon: shifts repeat every day or on their `days`, and night shifts run into the next day") {
  const Scenario s = parse_scenario(R"(
[scenario]
interval = "1h"
start = "06:00"
duration = "24h"
days = 3
carry_over = true
[[queue]]
name = "line"
arrivals = { rate = "20/h" }
handle_time = { dist = "exponential", mean = "4m" }
[[agents]]
name = "desk"
serves = ["line"]
shifts = [{ start = "06:00", length = "16h", count = 5, days = [1, 3] },
          { start = "06:00", length = "16h", count = 2, days = [2] },
          { start = "22:00", length = "8h", count = 1 }]
)",
                                    "shifts.toml");
  const RunModel m = compile(s);
  const auto& on = m.groups[0].on_duty;
  REQUIRE(on.size() == 72);
  CHECK(on[0] == 5);   // day 1, 06:00
  CHECK(on[16] == 1);  // day 1, 22:00: the night
  CHECK(on[23] == 1);  // 05:00 the next morning, still day 1's night shift
  CHECK(on[24] == 2);  // day 2, 06:00
  CHECK(on[48] == 5);  // day 3
  CHECK(on[71] == 1);  // the last night ends with the horizon
}

TEST_CASE("horizon: days simulated apart are one-day runs, each from an empty centre, call for call") {
  // Three days of 12 hours without carry_over: day d is exactly the one-day run of the same
  // day seeded with horizon_day_seed(seed, d), so day 1 is the one-day run itself and each
  // day starts empty (a queue left at 20:00 does not reach the next morning).
  const std::string body = R"(
[[queue]]
name = "line"
arrivals = { volumes = [40, 60, 80, 80, 70, 60, 60, 70, 80, 60, 40, 90], forecast_cv = 0.1 }
handle_time = { dist = "exponential", mean = "5m" }
patience = { dist = "exponential", mean = "3m" }
[[agents]]
name = "desk"
serves = ["line"]
shifts = [{ start = "07:45", length = "8h", count = 5 }, { start = "12:00", length = "8h", count = 4 }]
)";
  const std::string head = "[scenario]\ninterval = \"1h\"\nstart = \"08:00\"\nduration = \"12h\"\n";
  const RunModel week = compile(parse_scenario(head + "days = 3\n" + body, "apart.toml"));
  const RunModel one = compile(parse_scenario(head + body, "one.toml"));
  REQUIRE(week.day_models.size() == 3);
  REQUIRE(week.intervals == 36);
  // The 07:45 shift of day 2 is on duty on day 2 only, not in day 1's last hour.
  CHECK(week.groups[0].on_duty[11] == Approx(4));
  CHECK(week.groups[0].on_duty[12] == Approx(5));
  CHECK(week.groups[0].paid_hours == Approx(3 * 72));
  const std::uint64_t seed = 99;
  const auto rw = replicate(week, seed, 30, 2);
  for (int d = 0; d < 3; ++d) {
    INFO("day " << d + 1);
    const auto rd = replicate(one, horizon_day_seed(seed, d), 30, 2);
    bool same = true;
    for (std::size_t r = 0; r < rw.size(); ++r)
      for (int i = 0; i < 12; ++i)
        for (int c = 0; c < rw[r].calls.stride(); ++c)
          same = same && rw[r].calls.cell(0, 12 * d + i)[c] == rd[r].calls.cell(0, i)[c];
    CHECK(same);
  }
  CHECK(horizon_day_seed(seed, 0) == seed);
  CHECK(horizon_day_seed(seed, 1) != horizon_day_seed(seed, 2));
  // Every replication's drain after each close lands in the horizon's drain bucket.
  const auto rd = replicate(one, seed, 1, 1);
  CHECK(rw[0].groups.cell(0, 36)[kBusyTime] >= rd[0].groups.cell(0, 12)[kBusyTime]);
}

TEST_CASE("horizon: carried-over days draw their absent agents day by day") {
  // 10 positions, absence 15%: each day's agents present are Binomial(10, 0.85), mean 8.5,
  // variance 1.275, independent across days; day 1 is the one-day run's.
  const std::string body = R"(
[[queue]]
name = "line"
arrivals = { rate = "1/h" }
handle_time = { dist = "exponential", mean = "10s" }
[[agents]]
name = "desk"
serves = ["line"]
staffing = 10
absence = 0.15
)";
  const std::string head = "[scenario]\ninterval = \"1h\"\nduration = \"24h\"\n";
  const auto rw =
      replicate(compile(parse_scenario(head + "days = 4\ncarry_over = true\n" + body, "w.toml")), 5, 3000, 2);
  const auto r1 = replicate(compile(parse_scenario(head + body, "one.toml")), 5, 3000, 2);
  auto present = [](const std::vector<ReplicationResult>& reps, int d) {
    std::vector<double> out;
    for (const auto& r : reps) {
      double t = 0;
      for (int i = 24 * d; i < 24 * d + 24; ++i) t += r.groups.cell(0, i)[kPresentTime];
      out.push_back(t / 86400.0);
    }
    return out;
  };
  std::vector<std::vector<double>> days;
  for (int d = 0; d < 4; ++d) days.push_back(present(rw, d));
  for (int d = 0; d < 4; ++d) {
    INFO("day " << d + 1);
    const Moment v = covariance(days[static_cast<std::size_t>(d)], days[static_cast<std::size_t>(d)]);
    near(v, 1.275);
    double mean = 0;
    for (double x : days[static_cast<std::size_t>(d)]) mean += x / 3000;
    CHECK(std::abs(mean - 8.5) <= 3 * std::sqrt(v.value / 3000));
  }
  near(covariance(days[0], days[1]), 0);
  near(covariance(days[1], days[3]), 0);
  // One draw for the whole horizon would make the days' presence equal: covariance 1.275.
  const Moment c = covariance(days[0], days[1]);
  CHECK(std::abs(c.value - 1.275) > 6 * c.se);
  const auto one = present(r1, 0);
  double diff = 0;
  for (std::size_t r = 0; r < one.size(); ++r) diff = std::max(diff, std::abs(one[r] - days[0][r]));
  CHECK(diff < 1e-3);  // the same positions on day 1 (only calls in hand at midnight differ)
}
