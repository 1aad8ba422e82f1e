// Per-interval handle time against exact values.
// 1. With ample agents nobody waits, so a group's busy time is the sum over intervals of the
//    calls arriving in interval i times interval i's mean handle time plus wrap-up:
//    E[busy] = sum_i V_i (h_i + w_i). Using the day's average handle time instead would be
//    off by sum_i V_i (h_i - h) != 0 when volumes and handle times move together.
// 2. With a warm-up, interval 0 is the stationary M/M/n of interval 0's figures (the warm-up
//    uses them), so its SL and ASA are Erlang C's.
// Pass when |sim - exact| <= 3 standard errors (SE = ci95 / t(0.975, R - 1)); fixed seeds.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "models/erlang.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/summary.hpp"

using namespace ccsim;

TEST_CASE("per-interval handle time: busy hours with ample agents are sum of volume x the interval's mean") {
  const std::string text = R"(
[scenario]
interval = "1h"
[[queue]]
name = "Q"
arrivals = { volumes = [100, 200, 150] }
handle_time = { dist = "lognormal", mean = ["200s", "300s", "240s"], sd = "100s" }
wrap_up = { dist = "exponential", mean = ["10s", "30s", "20s"] }
[[agents]]
name = "g"
serves = ["Q"]
staffing = 60
)";
  const RunModel m = compile(parse_scenario(text, "busy.toml"));
  const int R = 400;
  const RunSummary sum = summarize_run(m, replicate(m, 20261205, R, 2));
  const double t = student_t95(R - 1);
  const double exact = (100 * 210.0 + 200 * 330.0 + 150 * 260.0) / 3600;
  const Stat& busy = sum.group_day[0].busy_hours;
  INFO("busy " << busy.mean << " ± " << busy.ci95 << " h, exact " << exact);
  CHECK(sum.day[0].abandoned.mean == 0);
  CHECK(std::abs(busy.mean - exact) <= 3 * busy.ci95 / t);
  // One handle time for the whole day (the lists' plain average, 266.7 s with wrap-up) would
  // give 450 x 266.7 / 3600 = 33.3 h: many SE away.
  const double flat = 450 * ((210.0 + 330.0 + 260.0) / 3) / 3600;
  CHECK(std::abs(busy.mean - flat) > 6 * busy.ci95 / t);
}

TEST_CASE("per-interval handle time: interval 0 after a warm-up is Erlang C of its own figures") {
  const std::string text = R"(
[scenario]
interval = "4h"
warmup = "2h"
[[queue]]
name = "Q"
arrivals = { volumes = [960, 960] }
handle_time = { dist = "exponential", mean = ["100s", "160s"] }
targets = ["80/20"]
[[agents]]
name = "g"
serves = ["Q"]
staffing = [9, 14]
)";
  const RunModel m = compile(parse_scenario(text, "erlang.toml"));
  const int R = 300;
  const RunSummary sum = summarize_run(m, replicate(m, 20261206, R, 2));
  const double t = student_t95(R - 1);
  // 240 calls/h x 100 s = 6.67 erlangs on 9 agents.
  const models::Erlang e({240.0 / 3600, 100, 9, std::numeric_limits<double>::infinity()});
  const CallSummary& i0 = sum.intervals[0][0];
  const double sl = e.sl_offered(20), asa = e.asa();
  INFO("SL " << i0.sl_offered[0].mean << " ± " << i0.sl_offered[0].ci95 << ", exact " << sl);
  INFO("ASA " << i0.asa.mean << " ± " << i0.asa.ci95 << ", exact " << asa);
  CHECK(std::abs(i0.sl_offered[0].mean - sl) <= 3 * i0.sl_offered[0].ci95 / t);
  CHECK(std::abs(i0.asa.mean - asa) <= 3 * i0.asa.ci95 / t);
}
