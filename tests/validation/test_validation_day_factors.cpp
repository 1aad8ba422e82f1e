// Shared forecast error against its analytic moments. Given a day factor F (gamma, mean 1,
// CV c), a queue's offered calls in a day are Poisson(L F), so for queues sharing F:
//   Var(N_a + N_b) = (L_a + L_b) + (L_a + L_b)^2 c^2,   Cov(N_a, N_b) = L_a L_b c^2,
// and a queue with its own forecast_cv is uncorrelated with them. With a shared
// per-interval factor (interval_cv c_i) an interval's total has variance L_i + L_i^2 c_i^2
// and two intervals are uncorrelated. Sample moments are compared within 3 standard errors,
// the SE of a (co)variance estimated from the replications themselves (the SD of the
// products of deviations over sqrt(R)); fixed seed.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/engine/tally.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/moments.hpp"

using namespace ccsim;
using ccsim::test::covariance;
using ccsim::test::Moment;
using ccsim::test::near;

namespace {

// Offered calls of queue q in interval i (all intervals: i = -1), per replication.
std::vector<double> offered(const std::vector<ReplicationResult>& reps, int q, int i = -1) {
  std::vector<double> out;
  for (const auto& r : reps) {
    double n = 0;
    for (int k = 0; k < r.calls.intervals; ++k)
      if (i < 0 || k == i) n += r.calls.cell(q, k)[kOffered];
    out.push_back(n);
  }
  return out;
}

std::vector<double> plus(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> s(a);
  for (std::size_t i = 0; i < s.size(); ++i) s[i] += b[i];
  return s;
}

}  // namespace

TEST_CASE("day factors: a shared factor gives the variance of a sum of Poisson-gamma mixtures") {
  // a and b share 'voice' (CV 0.2); c has its own forecast_cv 0.2. 100, 200 and 150 calls a
  // day; ample agents (the counts do not depend on them).
  const std::string text = R"(
[scenario]
interval = "1h"
[[day_factor]]
name = "voice"
cv = 0.2
[[queue]]
name = "a"
arrivals = { volumes = [100], day_factor = "voice" }
handle_time = { dist = "exponential", mean = "10s" }
[[queue]]
name = "b"
arrivals = { volumes = [200], day_factor = "voice" }
handle_time = { dist = "exponential", mean = "10s" }
[[queue]]
name = "c"
arrivals = { volumes = [150], forecast_cv = 0.2 }
handle_time = { dist = "exponential", mean = "10s" }
[[agents]]
name = "x"
serves = ["a", "b", "c"]
staffing = 20
)";
  const RunModel m = compile(parse_scenario(text, "day_factors.toml"));
  const auto reps = replicate(m, 20261202, 4000, 2);
  const auto a = offered(reps, 0), b = offered(reps, 1), c = offered(reps, 2);
  const double c2 = 0.04, la = 100, lb = 200, lc = 150;
  const Moment v = covariance(plus(a, b), plus(a, b));
  near(v, (la + lb) + (la + lb) * (la + lb) * c2);
  near(covariance(a, b), la * lb * c2);
  near(covariance(a, c), 0);
  near(covariance(c, c), lc + lc * lc * c2);
  // Independent factors would give (la + lb) + (la^2 + lb^2) c^2: far outside the band.
  CHECK(std::abs(v.value - ((la + lb) + (la * la + lb * lb) * c2)) > 6 * v.se);
}

TEST_CASE("day factors: a centre-wide per-interval factor is shared within an interval, not across") {
  // 'centre' applies to every queue, with per-interval noise of CV 0.3 and no day factor.
  const std::string text = R"(
[scenario]
interval = "1h"
[[day_factor]]
name = "centre"
interval_cv = 0.3
all_queues = true
[[queue]]
name = "d"
arrivals = { volumes = [120, 80] }
handle_time = { dist = "exponential", mean = "10s" }
[[queue]]
name = "e"
arrivals = { volumes = [60, 140] }
handle_time = { dist = "exponential", mean = "10s" }
[[agents]]
name = "x"
serves = ["d", "e"]
staffing = 20
)";
  const RunModel m = compile(parse_scenario(text, "centre.toml"));
  REQUIRE(m.queues[0].day_factors.size() == 1);
  const auto reps = replicate(m, 20261203, 4000, 2);
  const auto i0 = plus(offered(reps, 0, 0), offered(reps, 1, 0));
  const auto i1 = plus(offered(reps, 0, 1), offered(reps, 1, 1));
  const double ci2 = 0.09;
  near(covariance(i0, i0), 180 + 180.0 * 180 * ci2);
  near(covariance(i1, i1), 220 + 220.0 * 220 * ci2);
  near(covariance(i0, i1), 0);
  near(covariance(offered(reps, 0, 0), offered(reps, 1, 0)), 120.0 * 60 * ci2);
}

TEST_CASE("day factors: the same seed draws the same factors whatever the staffing and thread count") {
  const std::string text = R"(
[scenario]
interval = "1h"
[[day_factor]]
name = "voice"
cv = 0.3
interval_cv = 0.1
[[queue]]
name = "a"
arrivals = { volumes = [50, 70], day_factor = "voice" }
handle_time = { dist = "exponential", mean = "3m" }
patience = { dist = "exponential", mean = "2m" }
[[agents]]
name = "x"
serves = ["a"]
staffing = 3
)";
  const RunModel m = compile(parse_scenario(text, "same.toml"));
  RunModel more = m;
  for (auto& ch : more.changes) ch.target += 5;
  more.groups[0].initial += 5;
  const auto r1 = replicate(m, 7, 50, 1), r2 = replicate(m, 7, 50, 2), r3 = replicate(more, 7, 50, 2);
  for (std::size_t i = 0; i < r1.size(); ++i) {
    CHECK(r1[i].calls.v == r2[i].calls.v);
    CHECK(r1[i].calls.cell(0, 0)[kOffered] == r3[i].calls.cell(0, 0)[kOffered]);
    CHECK(r1[i].calls.cell(0, 1)[kOffered] == r3[i].calls.cell(0, 1)[kOffered]);
  }
}
