// Transfers after service against the traffic equations. With ample agents nobody waits, so
// every call is answered and the flows are exact in expectation: a queue's offered calls are
// its own arrivals plus the transfers into it, and (one transfer per call) only a queue's own
// answered calls are passed on:
//   E[offered_front]   = lambda_F T + q lambda_B T,   E[offered_billing] = lambda_B T + p lambda_F T,
//   E[transferred_front] = p lambda_F T,              E[busy_g] = E[offered_g] E[handle_g].
// Pass when |sim - exact| <= 3 standard errors (SE = ci95 / t(0.975, R - 1)), fixed seed.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/summary.hpp"

using namespace ccsim;

TEST_CASE("transfers: a two-queue network with ample agents obeys the traffic equations") {
  // front: 100 calls/h, AHT 3 min, 25% go on to billing; billing: 20 calls/h, AHT 5 min,
  // 10% of its own callers go on to front. 4 hours, 40 and 30 agents (never all busy).
  const std::string text = R"(
[scenario]
interval = "1h"
[[queue]]
name = "front"
arrivals = { rate = "100/h" }
handle_time = { dist = "exponential", mean = "3m" }
transfer = { to = "billing", probability = 0.25 }
[[queue]]
name = "billing"
arrivals = { rate = "20/h" }
handle_time = { dist = "exponential", mean = "5m" }
transfer = { to = "front", probability = 0.1 }
[[agents]]
name = "f"
serves = ["front"]
staffing = [40, 40, 40, 40]
[[agents]]
name = "b"
serves = ["billing"]
staffing = [30, 30, 30, 30]
)";
  const Scenario s = parse_scenario(text, "transfers.toml");
  const RunModel m = compile(s);
  const int R = 400;
  const RunSummary sum = summarize_run(m, replicate(m, 20261204, R, 2));
  const double t = student_t95(R - 1);
  const double lf = 400, lb = 80;  // own arrivals per day
  const auto near = [t](const Stat& st, double exact) {
    INFO("sim " << st.mean << " ± " << st.ci95 << ", exact " << exact);
    CHECK(std::abs(st.mean - exact) <= 3 * st.ci95 / t);
  };
  const CallSummary& front = sum.day[0];
  const CallSummary& billing = sum.day[1];
  CHECK(front.abandoned.mean == 0);
  near(front.offered, lf + 0.1 * lb);
  near(billing.offered, lb + 0.25 * lf);
  near(front.transferred, 0.25 * lf);
  near(billing.transferred, 0.1 * lb);
  near(billing.transfers_in, 0.25 * lf);
  near(front.transfers_in, 0.1 * lb);
  near(sum.group_day[0].busy_hours, (lf + 0.1 * lb) * 3 / 60);
  near(sum.group_day[1].busy_hours, (lb + 0.25 * lf) * 5 / 60);
  // Precise enough to tell a re-transfer of transferred calls (front would get 0.1 x 180).
  CHECK(std::abs((lf + 0.1 * (lb + 0.25 * lf)) - (lf + 0.1 * lb)) > 6 * front.offered.ci95 / t);
}
