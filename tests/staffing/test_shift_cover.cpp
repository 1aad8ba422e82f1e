// sim/shift_cover: agents per shift pattern so that every interval is covered at the least
// paid time. Small instances are checked against an optimum found by enumeration, with
// coverage worked out minute by minute (independently of the unit's own arithmetic).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/compile/staffing_schedule.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/staffing/shift_cover.hpp"

using namespace ccsim;

namespace {

constexpr double kHour = 3600;

CoverPattern pattern(double start_h, double length_h, std::vector<Break> breaks = {}, int max_count = -1) {
  return CoverPattern{start_h * kHour, length_h * kHour, std::move(breaks), max_count, {}};
}

// Fraction of interval i during which one agent of `p` is on duty, minute by minute.
double minute_fraction(const CoverPattern& p, double interval, int i) {
  int on = 0;
  const int minutes = static_cast<int>(interval / 60);
  for (int m = 0; m < minutes; ++m) {
    const double t = i * interval + m * 60 + 30;  // the middle of the minute
    if (t < p.start || t >= p.start + p.length) continue;
    bool on_break = false;
    for (const Break& b : p.breaks)
      if (t >= p.start + b.after && t < p.start + b.after + b.length) on_break = true;
    if (!on_break) ++on;
  }
  return static_cast<double>(on) / minutes;
}

// a[i][p]: minute-by-minute on-duty fraction of interval i for one agent of pattern p.
std::vector<std::vector<double>> fractions(const ShiftCoverInput& in) {
  std::vector<std::vector<double>> a(in.required.size(), std::vector<double>(in.patterns.size()));
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t p = 0; p < in.patterns.size(); ++p)
      a[i][p] = minute_fraction(in.patterns[p], in.interval, static_cast<int>(i));
  }
  return a;
}

std::vector<double> coverage_of(const ShiftCoverInput& in, const std::vector<std::vector<double>>& a,
                                const std::vector<int>& x) {
  std::vector<double> c(in.required.size(), 0.0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    for (std::size_t p = 0; p < x.size(); ++p) c[i] += (1 - in.shrinkage) * a[i][p] * x[p];
  }
  return c;
}

std::vector<double> coverage_of(const ShiftCoverInput& in, const std::vector<int>& x) {
  return coverage_of(in, fractions(in), x);
}

bool feasible(const ShiftCoverInput& in, const std::vector<double>& coverage) {
  for (std::size_t i = 0; i < coverage.size(); ++i)
    if (coverage[i] < in.required[i] - 1e-9) return false;
  return true;
}

// Least paid hours over x_p in [0, cap] (and max_count); infinity when nothing covers.
double brute_force(const ShiftCoverInput& in, int cap) {
  const std::size_t np = in.patterns.size();
  const auto a = fractions(in);
  std::vector<int> x(np, 0);
  double best = std::numeric_limits<double>::infinity();
  const std::function<void(std::size_t)> walk = [&](std::size_t p) {
    if (p == np) {
      if (!feasible(in, coverage_of(in, a, x))) return;
      double paid = 0;
      for (std::size_t q = 0; q < np; ++q) paid += x[q] * in.patterns[q].length / kHour;
      best = std::min(best, paid);
      return;
    }
    const int top = in.patterns[p].max_count < 0 ? cap : std::min(cap, in.patterns[p].max_count);
    for (int v = 0; v <= top; ++v) {
      x[p] = v;
      walk(p + 1);
    }
    x[p] = 0;
  };
  walk(0);
  return best;
}

double paid_hours(const ShiftCoverInput& in, const std::vector<int>& x) {
  double h = 0;
  for (std::size_t p = 0; p < x.size(); ++p) h += x[p] * in.patterns[p].length / kHour;
  return h;
}

// The result agrees with itself and with the minute-by-minute coverage.
void check_consistent(const ShiftCoverInput& in, const ShiftCoverResult& r) {
  REQUIRE(r.counts.size() == in.patterns.size());
  REQUIRE(r.coverage.size() == in.required.size());
  const std::vector<double> cov = coverage_of(in, r.counts);
  double over = 0;
  for (std::size_t i = 0; i < cov.size(); ++i) {
    CHECK(r.coverage[i] == Approx(cov[i]).margin(1e-12));
    over += std::max(0.0, cov[i] - in.required[i]) * in.interval / kHour;
  }
  CHECK(r.paid_hours == Approx(paid_hours(in, r.counts)).margin(1e-12));
  CHECK(r.over_coverage_hours == Approx(over).margin(1e-9));
  CHECK(r.cost == Approx(r.paid_hours * in.cost_per_hour).margin(1e-9));
  for (std::size_t p = 0; p < r.counts.size(); ++p) {
    CHECK(r.counts[p] >= 0);
    if (in.patterns[p].max_count >= 0) CHECK(r.counts[p] <= in.patterns[p].max_count);
  }
}

}  // namespace

TEST_CASE("a hand-solvable requirement gets its known optimum", "[shift_cover]") {
  // 2-hour patterns starting every hour from -1h to 5h (the first and last half outside).
  // Intervals 0, 2 and 4 need 2 + 4 + 2 agents from disjoint sets of patterns, so at
  // least 8 agents x 2 h = 16 paid hours; x(0h) = 2, x(2h) = 4, x(4h) = 2 meets it exactly.
  ShiftCoverInput in;
  in.required = {2, 2, 4, 4, 2, 2};
  in.interval = kHour;
  for (int s = -1; s <= 5; ++s) in.patterns.push_back(pattern(s, 2));
  const ShiftCoverResult r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.optimal);
  CHECK(r.method.rfind("GLPK ", 0) == 0);
  CHECK(r.method.find("branch-and-cut") != std::string::npos);
  CHECK(r.short_intervals.empty());
  CHECK(feasible(in, r.coverage));
  CHECK(r.paid_hours == Approx(16));
  CHECK(brute_force(in, 4) == Approx(16));
  CHECK(r.counts == std::vector<int>{0, 2, 0, 4, 0, 2, 0});
  CHECK(r.coverage == std::vector<double>{2, 2, 4, 4, 2, 2});
  CHECK(r.over_coverage_hours == 0);
}

TEST_CASE("small random instances match the enumerated optimum", "[shift_cover]") {
  std::mt19937 rng(20261122);
  for (int round = 0; round < 25; ++round) {
    ShiftCoverInput in;
    in.interval = kHour;
    for (int i = 0; i < 6; ++i) in.required.push_back(static_cast<double>(rng() % 4));
    for (int s = -1; s <= 5; ++s) {
      const double len = 2 + static_cast<double>(rng() % 3);  // 2, 3 or 4 hours
      const int max_count = rng() % 4 == 0 ? static_cast<int>(rng() % 3) : -1;
      in.patterns.push_back(pattern(s, len, {}, max_count));
    }
    INFO("round " << round);
    const ShiftCoverResult r = cover_with_shifts(in);
    check_consistent(in, r);
    CHECK(r.optimal);
    if (!r.short_intervals.empty()) continue;  // the enumeration would find nothing
    CHECK(feasible(in, r.coverage));
    // Requirements are at most 3 and every coefficient is 1, so no optimum has more than
    // 3 agents on a pattern.
    CHECK(r.paid_hours == Approx(brute_force(in, 3)).margin(1e-9));
  }
}

TEST_CASE("breaks take their share of the intervals they fall in", "[shift_cover]") {
  // 30-minute intervals; one 4-hour pattern from 0 with a 30-minute break from 1h15m:
  // half of interval 2 (1h-1h30) and half of interval 3 (1h30-2h) are on duty.
  ShiftCoverInput in;
  in.interval = 1800;
  in.required.assign(8, 1.0);
  in.patterns.push_back(pattern(0, 4, {Break{4500, 1800}}));
  const ShiftCoverResult r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.counts == std::vector<int>{2});  // 0.5 x 2 = 1 in intervals 2 and 3
  CHECK(r.coverage == std::vector<double>{2, 2, 1, 1, 2, 2, 2, 2});
  CHECK(r.paid_hours == 8);                         // breaks are paid
  CHECK(r.over_coverage_hours == Approx(6 * 0.5));  // 6 intervals one agent over, 30 min each
  CHECK(r.optimal);

  // A 1-hour pattern over the break fills it: one of each (5 paid hours) beats two of the
  // first (8).
  in.patterns.push_back(pattern(1, 1));
  const ShiftCoverResult r2 = cover_with_shifts(in);
  check_consistent(in, r2);
  CHECK(r2.counts == std::vector<int>{1, 1});
  CHECK(r2.paid_hours == 5);
  CHECK(r2.coverage == std::vector<double>{1, 1, 1.5, 1.5, 1, 1, 1, 1});
  CHECK(r2.over_coverage_hours == Approx(0.5));
  CHECK(r2.paid_hours == Approx(brute_force(in, 3)));
}

TEST_CASE("a break across an interval boundary, and one within an interval", "[shift_cover]") {
  ShiftCoverInput in;
  in.interval = kHour;
  // 15-minute break 45m-1h (inside interval 0) and 20-minute break 1h50m-2h10m (across 1|2).
  in.patterns.push_back(pattern(0, 4, {Break{6600, 1200}, Break{2700, 900}}));
  in.required = {0.75, 0.8, 0.8, 1};
  const ShiftCoverResult r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.counts == std::vector<int>{1});
  CHECK(r.coverage[0] == Approx(0.75));
  CHECK(r.coverage[1] == Approx(50.0 / 60));
  CHECK(r.coverage[2] == Approx(50.0 / 60));
  CHECK(r.coverage[3] == 1);
}

TEST_CASE("shrinkage scales what each agent counts for", "[shift_cover]") {
  ShiftCoverInput in;
  in.interval = kHour;
  in.required = {3, 3, 3, 3};
  in.shrinkage = 0.25;
  in.cost_per_hour = 20;
  in.patterns.push_back(pattern(0, 4));
  ShiftCoverResult r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.counts == std::vector<int>{4});  // 0.75 x 4 = 3
  CHECK(r.coverage == std::vector<double>{3, 3, 3, 3});
  CHECK(r.paid_hours == 16);
  CHECK(r.cost == 320);
  CHECK(r.over_coverage_hours == 0);

  in.required = {3.1, 0, 0, 0};
  r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.counts == std::vector<int>{5});  // 0.75 x 5 = 3.75
  CHECK(r.over_coverage_hours == Approx(0.65 + 3 * 3.75));
}

TEST_CASE("max_count limits a pattern, and a cap of 0 forbids it", "[shift_cover]") {
  ShiftCoverInput in;
  in.interval = kHour;
  in.required = {2, 2, 0, 0};
  in.patterns.push_back(pattern(0, 2, {}, 1));  // cheap, but one agent at most
  in.patterns.push_back(pattern(0, 4));
  ShiftCoverResult r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.counts == std::vector<int>{1, 1});
  CHECK(r.paid_hours == 6);
  CHECK(r.paid_hours == Approx(brute_force(in, 3)));

  in.patterns[0].max_count = -1;
  r = cover_with_shifts(in);
  CHECK(r.counts == std::vector<int>{2, 0});
  CHECK(r.paid_hours == 4);

  in.patterns[0].max_count = 0;
  r = cover_with_shifts(in);
  CHECK(r.counts == std::vector<int>{0, 2});
  CHECK(r.paid_hours == 8);
}

TEST_CASE("intervals no pattern can cover are reported, the rest is solved", "[shift_cover]") {
  ShiftCoverInput in;
  in.interval = kHour;
  in.required = {1, 2, 1, 0, 0, 3};
  in.patterns.push_back(pattern(0, 3));  // nothing covers interval 5
  ShiftCoverResult r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.short_intervals == std::vector<int>{5});
  CHECK(r.counts == std::vector<int>{2});
  CHECK(r.coverage == std::vector<double>{2, 2, 2, 0, 0, 0});
  CHECK(r.optimal);

  // max_count too small: 2 agents at most, interval 1 needs 3.
  in.required = {1, 3, 1, 0, 0, 0};
  in.patterns[0].max_count = 2;
  r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.short_intervals == std::vector<int>{1});
  CHECK(r.counts == std::vector<int>{1});

  // ...but two capped patterns together can: then it is not short.
  in.patterns.push_back(pattern(1, 1, {}, 1));
  r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.short_intervals.empty());
  CHECK(r.counts == std::vector<int>{2, 1});

  // No patterns at all: every interval that needs agents is short.
  in.patterns.clear();
  r = cover_with_shifts(in);
  CHECK(r.short_intervals == std::vector<int>{0, 1, 2});
  CHECK(r.counts.empty());
  CHECK(r.paid_hours == 0);
}

TEST_CASE("nothing required: nobody is scheduled", "[shift_cover]") {
  ShiftCoverInput in;
  in.interval = 1800;
  in.required = {0, 0, 0};
  in.patterns = {pattern(0, 1), pattern(0.5, 1)};
  const ShiftCoverResult r = cover_with_shifts(in);
  CHECK(r.counts == std::vector<int>{0, 0});
  CHECK(r.coverage == std::vector<double>{0, 0, 0});
  CHECK(r.paid_hours == 0);
  CHECK(r.optimal);
  CHECK(r.short_intervals.empty());
}

TEST_CASE("patterns outside the horizon are paid in full but count only inside", "[shift_cover]") {
  ShiftCoverInput in;
  in.interval = kHour;
  in.required = {1, 1};
  in.patterns = {pattern(-3, 4), pattern(1, 4)};  // each covers one interval for 4 paid hours
  const ShiftCoverResult r = cover_with_shifts(in);
  check_consistent(in, r);
  CHECK(r.counts == std::vector<int>{1, 1});
  CHECK(r.paid_hours == 8);
  CHECK(r.over_coverage_hours == 0);
}

TEST_CASE("malformed input is refused", "[shift_cover]") {
  const auto refused = [](auto edit) {
    ShiftCoverInput in;
    in.interval = kHour;
    in.required = {1};
    in.patterns = {pattern(0, 1)};
    edit(in);
    CHECK_THROWS_AS(cover_with_shifts(in), std::invalid_argument);
  };
  refused([](ShiftCoverInput& in) { in.interval = 0; });
  refused([](ShiftCoverInput& in) { in.shrinkage = 1; });
  refused([](ShiftCoverInput& in) { in.shrinkage = -0.1; });
  refused([](ShiftCoverInput& in) { in.required[0] = -1; });
  refused([](ShiftCoverInput& in) { in.required[0] = std::nan(""); });
  refused([](ShiftCoverInput& in) { in.patterns[0].length = 0; });
  refused([](ShiftCoverInput& in) { in.patterns[0].max_count = -2; });
  refused([](ShiftCoverInput& in) { in.patterns[0].breaks = {Break{1800, 3600}}; });
  refused([](ShiftCoverInput& in) { in.cost_per_hour = -1; });
  CHECK_THROWS_AS(to_shifts({pattern(0, 1)}, {}), std::invalid_argument);
}

TEST_CASE("a plan goes back into a scenario group and schedules as covered", "[shift_cover]") {
  const Scenario sc = parse_scenario(R"(
[scenario]
interval = "30m"
start = "08:00"
duration = "6h"
[[queue]]
name = "general"
arrivals = { rate = "100/h" }
handle_time = { dist = "exponential", mean = "4m" }
[[agents]]
name = "team"
serves = ["general"]
staffing = 1
shift_patterns = [
  { start = ["07:30", "08:00", "10:00"], length = "4h", breaks = [{ after = "2h", length = "30m" }] },
  { start = "11:00", length = "3h", max_count = 2 },
]
)",
                                     "day.toml");
  const AgentGroupSpec& spec = sc.groups[0];
  const std::vector<CoverPattern> patterns = cover_patterns(spec);
  REQUIRE(patterns.size() == 4);
  CHECK(patterns[0].start == -1800);
  CHECK(patterns[0].length == 4 * kHour);
  CHECK(patterns[0].breaks.size() == 1);
  CHECK(patterns[0].where.line == 15);
  CHECK(patterns[3].start == 3 * kHour);
  CHECK(patterns[3].max_count == 2);

  ShiftCoverInput in;
  in.interval = sc.interval;
  // 12:00-12:30 (interval 8) has only the capped pattern: the 10:00 one is on its break.
  in.required = {1, 2, 2, 3, 3, 2, 2, 3, 2, 3, 2, 1};
  in.patterns = patterns;
  const ShiftCoverResult r = cover_with_shifts(in);
  check_consistent(in, r);
  REQUIRE(r.short_intervals.empty());
  CHECK(feasible(in, r.coverage));
  CHECK(r.optimal);
  CHECK(r.paid_hours == Approx(brute_force(in, 3)));

  const std::vector<Shift> shifts = to_shifts(patterns, r.counts);
  int nonzero = 0;
  for (int c : r.counts) nonzero += c > 0;
  REQUIRE(static_cast<int>(shifts.size()) == nonzero);
  AgentGroupSpec g = spec;
  g.staffing.clear();
  g.shifts = shifts;
  const GroupSchedule sched = build_schedule(g, sc);
  REQUIRE(sched.on_duty.size() == r.coverage.size());
  for (std::size_t i = 0; i < r.coverage.size(); ++i) {
    INFO("interval " << i);
    CHECK(sched.on_duty[i] == Approx(r.coverage[i]).margin(1e-12));
  }
  CHECK(sched.paid_hours == Approx(r.paid_hours));
}
