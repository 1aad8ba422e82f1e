// sl_estimator = "long_run" in the staffing judge: a constraint's figure is the long-run
// ratio of sums over the plan's replications (the one `ccsim run` reports as long_run),
// also when the judge would otherwise pair the plan with a reference plan.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/staffing/evaluate.hpp"
#include "sim/stats/run_summary.hpp"

using namespace ccsim;

namespace {

Scenario day_with_forecast_error(const std::string& estimator) {
  return parse_scenario(R"([scenario]
name = "long-run judge"
interval = "1h"
duration = "2h"
replications = 30
seed = 5
[[queue]]
name = "q"
arrivals = { volumes = [300, 300], forecast_cv = 0.25 }
handle_time = { dist = "exponential", mean = "240s" }
patience = { dist = "exponential", mean = "120s" }
targets = ["80/20", "asa<=30s", "abandon<=5%"]
sl_estimator = ")" + estimator + R"("
[[agents]]
name = "a"
serves = ["q"]
staffing = [22, 22]
)",
                        "long_run.toml");
}

}  // namespace

TEST_CASE("the staffing judge uses the long-run figures under sl_estimator = long_run") {
  const StaffPlan plan{{22, 22}}, more{{23, 23}};
  for (const char* estimator : {"long_run", "daily_mean"}) {
    INFO(estimator);
    const Scenario s = day_with_forecast_error(estimator);
    PlanJudge judge(s, StaffScope::day, 0, 1);
    const PlanEvaluation e = judge.evaluate_kept(plan, 30, true);
    PlanJudge::Full full;
    judge.evaluate_full(plan, 30, full);
    const bool lr = std::string(estimator) == "long_run";
    const CallSummary& c = lr ? full.summary.day_long_run[0] : full.summary.day[0];
    REQUIRE(e.values.size() == 3);
    CHECK(e.values[0].mean_margin == Approx(c.sl_offered[0].mean - 0.8).epsilon(1e-12));
    CHECK(e.values[1].mean_margin == Approx(30 - c.asa.mean).epsilon(1e-12));
    CHECK(e.values[2].mean_margin == Approx(0.05 - c.abandon_rate.mean).epsilon(1e-12));
    CHECK(e.values[0].half_width == Approx(c.sl_offered[0].ci95).epsilon(1e-9));
    // Paired with a reference of more replications: long-run figures stay the plan's own.
    judge.evaluate_kept(more, 60);
    const PlanEvaluation p = judge.evaluate_paired(plan, 30, more);
    if (lr) CHECK(p.values[0].mean_margin == Approx(e.values[0].mean_margin).epsilon(1e-12));
  }
  // With day-level forecast error the two estimators differ: busy days weigh more.
  const Scenario s = day_with_forecast_error("long_run");
  PlanJudge judge(s, StaffScope::day, 0, 1);
  PlanJudge::Full full;
  judge.evaluate_full(plan, 30, full);
  CHECK(full.summary.day_long_run[0].sl_offered[0].mean != full.summary.day[0].sl_offered[0].mean);
}
