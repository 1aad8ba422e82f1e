// The long-run figure R = sum x / sum y and its delta-method CI (docs/metrics.md §5),
// against hand computation; and that the ratio terms give exactly the daily metrics.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "sim/stats/metrics.hpp"
#include "sim/stats/run_accumulator.hpp"
#include "sim/stats/summary.hpp"

using namespace ccsim;

TEST_CASE("RatioStat: ratio of sums and delta-method half-width by hand") {
  RatioStat r;
  r.add(8, 10);
  r.add(15, 20);
  r.add(3, 10);
  const Stat s = r.stat();
  CHECK(s.n == 3);
  CHECK(s.mean == 26.0 / 40.0);
  // residuals x - R y: 1.5, 2, -3.5; sum of squares 18.5; ybar 40/3
  const double var = 18.5 / (3.0 * 2.0 * (40.0 / 3) * (40.0 / 3));
  CHECK(s.ci95 == Approx(student_t95(2) * std::sqrt(var)).epsilon(1e-12));
}

TEST_CASE("RatioStat: one replication has ci95 0, and no denominator is undefined") {
  RatioStat one;
  one.add(3, 4);
  CHECK(one.stat().mean == 0.75);
  CHECK(one.stat().ci95 == 0);
  RatioStat none;
  none.add(0, 0);
  none.add(0, 0);
  CHECK(std::isnan(none.stat().mean));
  CHECK(none.stat().ci95 == 0);
}

TEST_CASE("RatioStat: a day without calls still counts in the long run") {
  RatioStat r;
  r.add(5, 10);
  r.add(0, 0);
  r.add(10, 10);
  CHECK(r.stat().mean == 15.0 / 20.0);
  CHECK(r.stat().n == 3);
}

TEST_CASE("ratio_terms give exactly the ratios call_metrics computes") {
  const int T = 2;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> d(0, 50);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<double> cell(static_cast<std::size_t>(kCallFixedFields + 2 * T));
    for (double& v : cell) v = d(rng);
    const CallMetrics m = call_metrics(cell, T);
    std::vector<double> x(static_cast<std::size_t>(ratio_count(T))), y(x.size());
    ratio_terms(cell.data(), T, x.data(), y.data());
    auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
    auto q = [&](int j) { return y[j] > 0 ? x[j] / y[j] : std::nan(""); };
    CHECK(same(q(0), m.asa));
    CHECK(same(q(1), m.abandon_rate));
    CHECK(same(q(2), m.abandon_rate_refined));
    CHECK(same(q(3), m.mean_wait_all));
    CHECK(same(q(4), m.blocked_rate));
    CHECK(same(q(5), m.caller_answered_rate));
    CHECK(same(q(6), m.caller_abandon_rate));
    CHECK(same(q(7), m.caller_blocked_rate));
    CHECK(same(q(8), m.transfer_asa));
    CHECK(same(q(9), m.time_to_callback));
    for (int k = 0; k < T; ++k) {
      CHECK(same(q(kScalarRatios + k), m.sl_offered[k]));
      CHECK(same(q(kScalarRatios + T + k), m.sl_answered[k]));
      CHECK(same(q(kScalarRatios + 2 * T + k), m.sl_refined[k]));
      CHECK(same(q(kScalarRatios + 3 * T + k), m.sl_abandoned_met[k]));
    }
  }
}
