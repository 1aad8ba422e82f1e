// Validation: the long-run figures (ratio of sums over replications, delta-method CI) of a
// stationary Erlang A queue (M/M/n+M) against the exact values (models/erlang.hpp), and the
// coverage of the delta-method interval.
//
// A long-run figure agrees when |long-run - exact| <= 3 standard errors, the standard
// error being its delta-method ci95 / t(0.975, n - 1). Fixed seeds; the tolerance comes
// from the CI alone.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/erlang.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/summary.hpp"

namespace {

using namespace ccsim;

constexpr double kThreshold = 20;

// One queue, `agents` agents, exponential handle time and patience, warm-up 4 h.
RunModel erlang_a_model(int agents, double rho, double aht, double patience, int hours) {
  RunModel m;
  m.interval = 3600;
  m.intervals = hours;
  m.warmup = 4 * 3600;
  m.thresholds = {kThreshold};
  QueueModel q;
  q.rate.assign(static_cast<std::size_t>(m.intervals), rho * agents / aht);
  models::DistSpec h;
  h.kind = models::DistKind::exponential;
  h.mean = aht;
  q.handle = models::Sampler(h);
  models::DistSpec p = h;
  p.mean = patience;
  q.patience = models::Sampler(p);
  q.has_patience = true;
  q.groups = {0};
  m.queues.push_back(q);
  GroupModel g;
  g.staffing.assign(static_cast<std::size_t>(m.intervals), agents);
  g.serves = {ServedQueue{0}};
  m.groups.push_back(g);
  staffing_from_intervals(m);
  return m;
}

void check(const char* name, double exact, const Stat& lr) {
  const double se = lr.ci95 / student_t95(lr.n - 1);
  INFO(name << ": exact " << exact << ", long-run " << lr.mean << " (se " << se << ")");
  CHECK(se > 0);
  CHECK(std::abs(lr.mean - exact) <= 3 * se);
}

}  // namespace

TEST_CASE("long-run SL, ASA and abandon rate agree with exact Erlang A", "[validation]") {
  struct Config {
    int agents;
    double rho, aht, patience;
    int hours, replications;
  };
  const Config configs[] = {{10, 0.9, 240, 120, 24, 60}, {50, 0.95, 240, 300, 8, 60}, {3, 0.7, 300, 600, 48, 40}};
  std::uint64_t seed = 4101;
  for (const Config& c : configs) {
    const RunModel m = erlang_a_model(c.agents, c.rho, c.aht, c.patience, c.hours);
    const auto reps = replicate(m, seed++, c.replications, default_threads());
    const RunSummary s = summarize_run(m, reps, false);
    const CallSummary& lr = s.day_long_run[0];
    const models::Erlang e({m.queues[0].rate[0], c.aht, c.agents, c.patience});
    REQUIRE(e.stable());
    INFO("agents " << c.agents << ", load " << c.rho << ", patience " << c.patience);
    check("SL 20s offered", e.sl_offered(kThreshold), lr.sl_offered[0]);
    check("SL 20s answered", e.sl_answered(kThreshold), lr.sl_answered[0]);
    check("SL 20s refined", e.sl_refined(kThreshold), lr.sl_refined[0]);
    check("SL 20s abandoned_met", e.sl_abandoned_met(kThreshold), lr.sl_abandoned_met[0]);
    check("ASA", e.asa(), lr.asa);
    check("abandon rate", e.p_abandon(), lr.abandon_rate);
    check("mean wait, all calls", e.mean_wait_all(), lr.mean_wait_all);
  }
}

TEST_CASE("the delta-method interval covers the exact value about 95% of the time", "[validation]") {
  // 200 independent runs of 10 short days each (the interval's small-sample regime); the
  // count of intervals containing the exact SL is Binomial(200, ~0.95): 3 sd is ~9 runs.
  const RunModel m = erlang_a_model(10, 0.9, 240, 120, 4);
  const models::Erlang e({m.queues[0].rate[0], 240, 10, 120});
  const double exact_sl = e.sl_offered(kThreshold), exact_asa = e.asa();
  int runs = 200, sl_in = 0, asa_in = 0;
  for (int k = 0; k < runs; ++k) {
    const auto reps = replicate(m, 9000 + static_cast<std::uint64_t>(k), 10, default_threads());
    const RunSummary s = summarize_run(m, reps, false);
    const Stat& sl = s.day_long_run[0].sl_offered[0];
    const Stat& asa = s.day_long_run[0].asa;
    sl_in += std::abs(sl.mean - exact_sl) <= sl.ci95;
    asa_in += std::abs(asa.mean - exact_asa) <= asa.ci95;
  }
  INFO("SL covered " << sl_in << ", ASA covered " << asa_in << " of " << runs);
  // 95% nominal; a day starting after a warm-up is near steady state, so the bias is small.
  CHECK(sl_in >= 0.95 * runs - 3 * std::sqrt(runs * 0.95 * 0.05));
  CHECK(asa_in >= 0.95 * runs - 3 * std::sqrt(runs * 0.95 * 0.05));
}
