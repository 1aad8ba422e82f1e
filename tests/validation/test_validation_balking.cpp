// Balking against exact theory. Callers who leave at once with probability b(j) when they
// must wait behind j others (a `balk` list, or a mixture patience with a 0 s part: b
// constant), and otherwise after an exponential patience, make the M/M/n queue with
// balking and exponential reneging, a birth-death chain:
//   birth rate lambda in states k < n, lambda (1 - b(k - n)) in states k >= n;
//   death rate min(k, n) mu + max(k - n, 0) theta.
// P(balk) = sum over k >= n of P(K = k) b(k - n) (PASTA), P(abandon) = P(balk) +
// theta E[(K - n)+] / lambda, and the mean wait of all calls (balkers wait 0) is
// E[(K - n)+] / lambda (Little). The chain is solved here by
// direct summation, apart from the engine. Pass when |sim - exact| <= 3 standard errors
// (SE = ci95 / t(0.975, R - 1)), with fixed seeds, as the other validation tests.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/metrics.hpp"
#include "sim/stats/run_accumulator.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/summary.hpp"

namespace {

using namespace ccsim;

struct Exact {
  double p_abandon = 0, mean_wait = 0, p_balk = 0;
};

// b[j]: P(balk) with j waiting; the last entry for longer queues.
double balk_at(const std::vector<double>& b, int j) { return b[std::min<std::size_t>(j, b.size() - 1)]; }

Exact balk_renege(double lambda, double mu, int n, const std::vector<double>& b, double theta) {
  std::vector<double> p{1.0};
  for (int k = 0; k < 100000; ++k) {
    const double birth = k < n ? lambda : lambda * (1 - balk_at(b, k - n));
    const double death = std::min(k + 1, n) * mu + std::max(k + 1 - n, 0) * theta;
    p.push_back(p.back() * birth / death);
    if (k > n && p.back() < 1e-300) break;
  }
  double total = 0;
  for (double x : p) total += x;
  double balk = 0, queue = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const double pk = p[k] / total;
    const int j = static_cast<int>(k) - n;
    if (j >= 0) balk += pk * balk_at(b, j);
    queue += pk * std::max(j, 0);
  }
  return {balk + theta * queue / lambda, queue / lambda, balk};
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
  const Exact e = balk_renege(300.0 / 3600, 1.0 / 180, 16, {0.2}, 1.0 / 300);
  const double t = student_t95(R - 1);
  const CallSummary& d = sum.day[0];
  INFO("abandon: sim " << d.abandon_rate.mean << " ± " << d.abandon_rate.ci95 << ", exact " << e.p_abandon);
  INFO("mean wait: sim " << d.mean_wait_all.mean << " ± " << d.mean_wait_all.ci95 << ", exact " << e.mean_wait);
  CHECK(std::abs(d.abandon_rate.mean - e.p_abandon) <= 3 * d.abandon_rate.ci95 / t);
  CHECK(std::abs(d.mean_wait_all.mean - e.mean_wait) <= 3 * d.mean_wait_all.ci95 / t);
  // Precise enough to tell: the balkers alone move the abandon rate by far more than 3 SE.
  const Exact no_balk = balk_renege(300.0 / 3600, 1.0 / 180, 16, {0.0}, 1.0 / 300);
  CHECK(std::abs(no_balk.p_abandon - e.p_abandon) > 6 * d.abandon_rate.ci95 / t);
}

TEST_CASE("balk by calls waiting: the balking list against the birth-death chain") {
  // The same line with `balk = { probability = [0, 0.2, 0.5] }`: nobody balks at an empty
  // queue, 20% behind one caller, half behind two or more; the rest renege after 300 s on
  // average. The balked share is checked on its own (balked / offered per day).
  const std::string text =
      "[scenario]\nname = \"balk\"\ninterval = \"8h\"\nstart = \"08:00\"\nwarmup = \"2h\"\n"
      "[[queue]]\nname = \"q\"\narrivals = { rate = \"300/h\" }\n"
      "handle_time = { dist = \"exponential\", mean = \"180s\" }\n"
      "patience = { dist = \"exponential\", mean = \"300s\" }\n"
      "balk = { probability = [0, 0.2, 0.5] }\n"
      "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = [16]\n";
  const Scenario s = parse_scenario(text, "balk.toml");
  const RunModel m = compile(s);
  const int R = 30;
  const auto reps = replicate(m, 20261203, R, 2);
  const RunSummary sum = summarize_run(m, reps);
  const Exact e = balk_renege(300.0 / 3600, 1.0 / 180, 16, {0, 0.2, 0.5}, 1.0 / 300);
  const double t = student_t95(R - 1);
  const CallSummary& d = sum.day[0];
  // The balked share per day, as the abandon rate is taken (mean of the days' ratios).
  RunningStat share;
  for (const auto& r : reps) {
    const CallMetrics c = call_metrics(sum_cells(r.calls, 0, 0, r.calls.intervals), r.calls.thresholds);
    share.add(c.balked / c.offered);
  }
  const Stat b = share.stat();
  INFO("abandon: sim " << d.abandon_rate.mean << " ± " << d.abandon_rate.ci95 << ", exact " << e.p_abandon);
  INFO("balked: sim " << b.mean << " ± " << b.ci95 << ", exact " << e.p_balk);
  INFO("mean wait: sim " << d.mean_wait_all.mean << " ± " << d.mean_wait_all.ci95 << ", exact " << e.mean_wait);
  CHECK(std::abs(d.abandon_rate.mean - e.p_abandon) <= 3 * d.abandon_rate.ci95 / t);
  CHECK(std::abs(b.mean - e.p_balk) <= 3 * b.ci95 / t);
  CHECK(std::abs(d.mean_wait_all.mean - e.mean_wait) <= 3 * d.mean_wait_all.ci95 / t);
  // Precise enough to tell the list from its first or its last entry taken for every
  // length (the likely indexing mistakes).
  for (const double p : {0.0, 0.5}) {
    const Exact flat = balk_renege(300.0 / 3600, 1.0 / 180, 16, {p}, 1.0 / 300);
    CHECK(std::abs(flat.p_balk - e.p_balk) > 6 * b.ci95 / t);
  }
}
