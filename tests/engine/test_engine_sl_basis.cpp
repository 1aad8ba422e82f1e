// The abandoned_met SL basis and the long-run figures on a replayed trace, checked by hand.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/metrics.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/target_check.hpp"

using namespace ccsim;

TEST_CASE("abandoned_met counts abandons before T as met: a traced day by hand") {
  const std::string csv = "/tmp/ccsim_test_trace_abandoned_met.csv";
  {
    // One agent, T = 20 s. A (0 s, 100 s of talk) is answered at once: within T.
    // B (10 s, patience 5 s) abandons at 15 s: before T. C (20 s, patience 50 s) abandons at
    // 70 s: after T. D (30 s, no patience) is answered at 100 s, after 70 s: not within T.
    std::ofstream f(csv);
    f << "arrival,handle_time,patience\n0,100,\n10,100,5\n20,100,50\n30,100,\n";
  }
  const Scenario s = parse_scenario(R"(
[scenario]
name = "t"
interval = "1h"
duration = "1h"
[[queue]]
name = "q"
arrivals = { trace = "ccsim_test_trace_abandoned_met.csv" }
handle_time = { dist = "exponential", mean = "4m" }
targets = ["40/20"]
sl_basis = "abandoned_met"
sl_estimator = "long_run"
[[agents]]
name = "a"
serves = ["q"]
staffing = 1
)",
                                    "/tmp/inline.toml");
  const RunModel m = compile(s);
  const auto reps = replicate(m, 5, 3, 1);
  for (const auto& r : reps) {
    const CallMetrics c = call_metrics(sum_cells(r.calls, 0, 0, 1), 1);
    CHECK(c.offered == 4);
    CHECK(c.answered == 2);
    CHECK(c.abandoned == 2);
    CHECK(c.sl_offered[0] == Approx(1.0 / 4));        // A
    CHECK(c.sl_answered[0] == Approx(1.0 / 2));       // A of A, D
    CHECK(c.sl_refined[0] == Approx(1.0 / 3));        // A of A, C, D (B left before T)
    CHECK(c.sl_abandoned_met[0] == Approx(2.0 / 4));  // A and B
  }
  const RunSummary sum = summarize_run(m, reps);
  // Every day is the same: the long-run figure equals the daily mean, with no spread.
  CHECK(sum.day_long_run[0].sl_abandoned_met[0].mean == Approx(0.5));
  CHECK(sum.day_long_run[0].sl_abandoned_met[0].ci95 == 0);
  CHECK(sum.day[0].sl_abandoned_met[0].mean == Approx(0.5));
  CHECK(sum.intervals_long_run[0][0].asa.mean == Approx(70.0 / 2));
  // The target is judged on the long-run abandoned_met figure: 50% >= 40%.
  const QueueSpec& qs = s.queues[0];
  const TargetResult tr = check_target(qs.targets[0], qs.sl_basis, judged_day(sum, qs, 0), sum.thresholds);
  CHECK(tr.value.mean == Approx(0.5));
  CHECK(tr.met);
  std::remove(csv.c_str());
}
