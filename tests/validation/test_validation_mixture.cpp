// A mixture patience against exact theory: callers who hang up at once with probability b
// when they must wait (patience 0), and otherwise after an exponential patience, make the
// M/M/n queue with balking and exponential reneging, a birth-death chain:
//   birth rate lambda in states k < n, lambda (1 - b) in states k >= n;
//   death rate min(k, n) mu + max(k - n, 0) theta.
// P(abandon) = b P(K >= n) + theta E[(K - n)+] / lambda (PASTA), and the mean wait of all
// calls (balkers wait 0) is E[(K - n)+] / lambda (Little). The chain is solved here by
// direct summation, apart from the engine. Pass when |sim - exact| <= 3 standard errors
// (SE = ci95 / t(0.975, R - 1)), with fixed seeds, as the other validation tests.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/summary.hpp"

namespace {

using namespace ccsim;

struct Exact {
  double p_abandon = 0, mean_wait = 0;
};

Exact balk_renege(double lambda, double mu, int n, double b, double theta) {
  std::vector<double> p{1.0};
  for (int k = 0; k < 100000; ++k) {
    const double birth = k < n ? lambda : lambda * (1 - b);
    const double death = std::min(k + 1, n) * mu + std::max(k + 1 - n, 0) * theta;
    p.push_back(p.back() * birth / death);
    if (k > n && p.back() < 1e-300) break;
  }
  double total = 0;
  for (double x : p) total += x;
  double busy = 0, queue = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const double pk = p[k] / total;
    if (static_cast<int>(k) >= n) busy += pk;
    queue += pk * std::max(static_cast<int>(k) - n, 0);
  }
  return {b * busy + theta * queue / lambda, queue / lambda};
}

}  // namespace

TEST_CASE("mixture patience: balking with probability b and exponential reneging, against the birth-death chain") {
  // 300 calls/h, AHT 180 s (15 erlangs), 16 agents; 20% hang up at once, the rest after
  // 300 s on average. An 8-hour day after a 2-hour warm-up, 30 replications.
  const std::string text =
      "[scenario]\nname = \"balk\"\ninterval = \"8h\"\nstart = \"08:00\"\nwarmup = \"2h\"\n"
      "[[queue]]\nname = \"q\"\narrivals = { rate = \"300/h\" }\n"
      "handle_time = { dist = \"exponential\", mean = \"180s\" }\n"
      "patience = { dist = \"mixture\", parts = [{ weight = 0.2, dist = \"fixed\", value = \"0s\" }, "
      "{ weight = 0.8, dist = \"exponential\", mean = \"300s\" }] }\n"
      "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = [16]\n";
  const Scenario s = parse_scenario(text, "balk.toml");
  const RunModel m = compile(s);
  const int R = 30;
  const RunSummary sum = summarize_run(m, replicate(m, 20261202, R, 2));
  const Exact e = balk_renege(300.0 / 3600, 1.0 / 180, 16, 0.2, 1.0 / 300);
  const double t = student_t95(R - 1);
  const CallSummary& d = sum.day[0];
  INFO("abandon: sim " << d.abandon_rate.mean << " ± " << d.abandon_rate.ci95 << ", exact " << e.p_abandon);
  INFO("mean wait: sim " << d.mean_wait_all.mean << " ± " << d.mean_wait_all.ci95 << ", exact " << e.mean_wait);
  CHECK(std::abs(d.abandon_rate.mean - e.p_abandon) <= 3 * d.abandon_rate.ci95 / t);
  CHECK(std::abs(d.mean_wait_all.mean - e.mean_wait) <= 3 * d.mean_wait_all.ci95 / t);
  // Precise enough to tell: the balkers alone move the abandon rate by far more than 3 SE.
  const Exact no_balk = balk_renege(300.0 / 3600, 1.0 / 180, 16, 0.0, 1.0 / 300);
  CHECK(std::abs(no_balk.p_abandon - e.p_abandon) > 6 * d.abandon_rate.ci95 / t);
}
