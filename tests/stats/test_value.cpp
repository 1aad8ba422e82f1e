// Money and SLA periods (sim/stats/value.hpp): pooled period figures, P(period meets)
// against an independent run, expected penalty against penalty x P(miss), net value.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/compile/compile.hpp"
#include "sim/engine/engine.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/metrics.hpp"
#include "sim/stats/run_accumulator.hpp"
#include "sim/stats/target_check.hpp"
#include "sim/stats/value.hpp"

namespace {

using namespace ccsim;

// A stationary one-queue day: 8 h of 360 calls/h, AHT 240 s (24 erlangs), `agents` agents,
// patience 120 s, no forecast error.
std::string stationary(int agents, const std::string& sla, const std::string& money = "") {
  return "[scenario]\nname = \"t\"\ninterval = \"8h\"\nstart = \"08:00\"\nreplications = 20\n"
         "[[queue]]\nname = \"q\"\narrivals = { rate = \"360/h\" }\n"
         "handle_time = { dist = \"exponential\", mean = \"240s\" }\n"
         "patience = { dist = \"exponential\", mean = \"120s\" }\ntargets = [\"80/20\"]\n" +
         money + (sla.empty() ? "" : "sla = " + sla + "\n") +
         "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = [" + std::to_string(agents) +
         "]\ncost_per_hour = 20.0\n";
}

// The days' outcomes of `reps` replications from `seed`, folded in order.
ValueSummary fold(const RunModel& m, std::uint64_t seed, int reps, ValueAccumulator& acc,
                  std::vector<PeriodOutcome>* periods = nullptr, std::vector<ReplicationResult>* days = nullptr) {
  Engine e(m);
  RunAccumulator run(m);
  ReplicationResult r;
  for (int k = 0; k < reps; ++k) {
    e.run(seed, static_cast<std::uint32_t>(k), r);
    acc.add(r);
    run.add(r);
    if (periods) periods->insert(periods->end(), acc.completed().begin(), acc.completed().end());
    if (days) days->push_back(r);
  }
  return acc.summary(staff_cost_per_day(run.summary()));
}

}  // namespace

TEST_CASE("value: a period's figure is the ratio of its days' sums, exactly") {
  const Scenario s =
      parse_scenario(stationary(24, "{ period = \"week\", days = 5, target = \"80/20\", penalty = 100 }"), "t.toml");
  const RunModel m = compile(s);
  ValueAccumulator acc(s, m);
  std::vector<PeriodOutcome> periods;
  std::vector<ReplicationResult> days;
  fold(m, 7, 20, acc, &periods, &days);
  REQUIRE(periods.size() == 4);
  const int k = threshold_index(m.thresholds, 20);
  REQUIRE(k >= 0);
  double mean_of_daily = 0;
  for (const PeriodOutcome& p : periods) {
    double within = 0, offered = 0;
    for (int d = p.first_day; d < p.first_day + 5; ++d) {
      const double* c = days[static_cast<std::size_t>(d)].calls.cell(0, 0);
      within += c[kCallFixedFields + k];
      offered += c[kOffered];
      mean_of_daily += c[kCallFixedFields + k] / c[kOffered] / 20;
    }
    CHECK(p.value == within / offered);  // counts are whole numbers: exact in any order
    CHECK(p.met == (p.value >= 0.8));
    CHECK(p.penalty == (p.met ? 0.0 : 100.0));
    CHECK(p.period == p.first_day / 5);
  }
  // Pooling is not averaging: the mean of the periods' pooled SL is not the daily mean.
  double pooled_mean = 0;
  for (const PeriodOutcome& p : periods) pooled_mean += p.value / 4;
  CHECK(pooled_mean != mean_of_daily);
}

TEST_CASE("value: P(day meets) and the expected penalty agree with an independent run") {
  // 25 agents for 24 erlangs: the day's SL20 sits near 80%, so days meet and miss.
  const Scenario s =
      parse_scenario(stationary(25, "{ period = \"day\", target = \"80/20\", penalty = 1000 }"), "t.toml");
  const RunModel m = compile(s);
  ValueAccumulator acc(s, m);
  const ValueSummary v = fold(m, 101, 400, acc);
  REQUIRE(v.queues[0].sla);
  const SlaSummary& a = *v.queues[0].sla;
  REQUIRE(a.periods == 400);
  INFO("P(meet) " << a.p_meet);
  REQUIRE(a.p_meet > 0.1);
  REQUIRE(a.p_meet < 0.9);
  // The same run: penalty x P(miss), exactly (no per-point part).
  CHECK(a.penalty.mean == Approx(1000 * (1 - a.p_meet)).epsilon(1e-12));
  CHECK(a.p_meet_lo < a.p_meet);
  CHECK(a.p_meet < a.p_meet_hi);

  // Independent: other days (another seed), each judged on its own figures.
  Engine e(m);
  ReplicationResult r;
  const int nb = 1600;
  int met = 0;
  for (int k = 0; k < nb; ++k) {
    e.run(202, static_cast<std::uint32_t>(k), r);
    const CallMetrics cm = call_metrics(sum_cells(r.calls, 0, 0, m.intervals), static_cast<int>(m.thresholds.size()));
    met += target_met(s.queues[0].targets[0], s.queues[0].sl_basis, cm, m.thresholds) ? 1 : 0;
  }
  const double pb = static_cast<double>(met) / nb;
  const double se = std::sqrt(a.p_meet * (1 - a.p_meet) / a.periods + pb * (1 - pb) / nb);
  INFO("independent P(meet) " << pb << ", se " << se);
  CHECK(std::abs(a.p_meet - pb) <= 3 * se);
  CHECK(std::abs(a.penalty.mean - 1000 * (1 - pb)) <= 3 * 1000 * se);
}

TEST_CASE("value: a missed period costs penalty + per point short, net adds up") {
  const Scenario s =
      parse_scenario(stationary(24, "{ period = \"day\", target = \"90/20\", penalty = 200, penalty_per_point = 50 }",
                                "revenue_per_answered = 3.0\ncost_per_abandon = 2.0\ncost_per_waiting_hour = 6.0\n"),
                     "t.toml");
  const RunModel m = compile(s);
  ValueAccumulator acc(s, m);
  std::vector<PeriodOutcome> periods;
  std::vector<ReplicationResult> days;
  const ValueSummary v = fold(m, 5, 10, acc, &periods, &days);
  REQUIRE(periods.size() == 10);
  double revenue = 0, costs = 0, penalties = 0;
  for (std::size_t d = 0; d < 10; ++d) {
    const PeriodOutcome& p = periods[d];
    if (!p.met) CHECK(p.penalty == Approx(200 + 50 * (0.9 - p.value) * 100).epsilon(1e-12));
    const double* c = days[d].calls.cell(0, 0);
    revenue += 3.0 * c[kAnswered];
    costs += 2.0 * c[kAbandoned] + 6.0 * c[kWaitAll] / 3600;
    penalties += p.penalty;
  }
  CHECK(v.staff_cost == Approx(20.0 * 24 * 8));
  CHECK(v.revenue.mean == Approx(revenue / 10).epsilon(1e-12));
  CHECK(v.call_costs.mean == Approx(costs / 10).epsilon(1e-12));
  CHECK(v.penalties.mean == Approx(penalties / 10).epsilon(1e-12));
  CHECK(v.net.mean == Approx((revenue - costs - penalties) / 10 - v.staff_cost).epsilon(1e-12));
}

TEST_CASE("value: interval periods, one per interval of every day, month periods spread penalties") {
  std::string text = stationary(24, "{ period = \"interval\", target = \"80/20\", penalty = 10 }");
  text.replace(text.find("interval = \"8h\""), 15, "interval = \"2h\"");
  text.replace(text.find("staffing = [24]"), 15, "staffing = [24, 24, 24, 24]");
  const Scenario s = parse_scenario(text, "t.toml");
  const RunModel m = compile(s);
  ValueAccumulator acc(s, m);
  std::vector<PeriodOutcome> periods;
  const ValueSummary v = fold(m, 3, 6, acc, &periods);
  CHECK(periods.size() == 24);
  CHECK(v.queues[0].sla->periods == 24);
  double pen = 0;
  for (const PeriodOutcome& p : periods) pen += p.penalty;
  CHECK(v.penalties.mean == Approx(pen / 6).epsilon(1e-12));

  const Scenario ms =
      parse_scenario(stationary(22, "{ period = \"month\", days = 3, target = \"80/20\", penalty = 900 }"), "t.toml");
  const RunModel mm = compile(ms);
  ValueAccumulator macc(ms, mm);
  std::vector<PeriodOutcome> mp;
  const ValueSummary mv = fold(mm, 3, 6, macc, &mp);
  REQUIRE(mp.size() == 2);
  CHECK(mv.block_days == 3);
  CHECK(mv.penalties.n == 6);
  CHECK(mv.penalties.mean == Approx((mp[0].penalty + mp[1].penalty) / 6).epsilon(1e-12));
  CHECK(macc.day_values().size() == 6);
}

TEST_CASE("value: periods must fit the simulated days, helpers") {
  const Scenario s =
      parse_scenario(stationary(24, "{ period = \"month\", days = 30, target = \"80/20\", penalty = 1 }"), "t.toml");
  CHECK_THROWS_AS(check_periods_fit(s, 20), InputError);
  CHECK_THROWS_AS(check_periods_fit(s, 45), InputError);
  CHECK_NOTHROW(check_periods_fit(s, 60));
  double lo = 0, hi = 0;
  wilson95(0, 10, lo, hi);
  CHECK(lo == 0);
  CHECK(hi == Approx(0.2775).margin(1e-4));  // the rule-of-three neighbourhood
  wilson95(5, 10, lo, hi);
  CHECK(lo == Approx(0.2366).margin(1e-4));
  CHECK(hi == Approx(0.7634).margin(1e-4));
  Target sl = *parse_target("80/20"), asa = *parse_target("asa<=30s"), ab = *parse_target("abandon<=5%");
  CHECK(points_short(sl, 0.75) == Approx(5));
  CHECK(points_short(sl, 0.85) == 0);
  CHECK(points_short(asa, 42) == Approx(12));
  CHECK(points_short(ab, 0.07) == Approx(2));
}

TEST_CASE("value: in a horizon of several days every day is a simulated day of the SLA's periods") {
  // 3 carried-over days of 24 h: a week of 3 days is one replication (its pooled SL), a
  // day period is each of its days; staff cost per day is the horizon's over 3.
  const std::string head =
      "[scenario]\nname = \"h\"\ninterval = \"8h\"\nduration = \"24h\"\ndays = 3\n"
      "carry_over = true\n"
      "[[queue]]\nname = \"q\"\narrivals = { rate = \"360/h\", day_scale = [1.2, 1, 0.8] }\n"
      "handle_time = { dist = \"exponential\", mean = \"240s\" }\n"
      "patience = { dist = \"exponential\", mean = \"120s\" }\ntargets = [\"80/20\"]\n";
  const std::string tail = "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = 27\ncost_per_hour = 20.0\n";
  for (const char* period : {"week", "day"}) {
    INFO(period);
    const bool week = std::string(period) == "week";
    const Scenario s = parse_scenario(
        head + "sla = { period = \"" + period + "\"" + (week ? ", days = 3" : "") + ", penalty = 100 }\n" + tail,
        "h.toml");
    check_periods_fit(s, 10);
    const RunModel m = compile(s);
    ValueAccumulator acc(s, m);
    std::vector<PeriodOutcome> periods;
    std::vector<ReplicationResult> reps;
    fold(m, 3, 10, acc, &periods, &reps);
    REQUIRE(periods.size() == (week ? 10u : 30u));
    for (std::size_t k = 0; k < periods.size(); ++k) {
      const ReplicationResult& r = reps[week ? k : k / 3];
      const int first = week ? 0 : static_cast<int>(k % 3) * 3, last = week ? 9 : first + 3;
      const std::vector<double> cell = sum_cells(r.calls, 0, first, last);
      CHECK(periods[k].value == Approx(cell[r.calls.answered_within(0)] / cell[kOffered]).epsilon(1e-12));
      CHECK(periods[k].first_day == static_cast<int>(week ? 3 * k : k));
    }
  }
  // A month of 7 days needs replications making whole months: 3 x 7 = 21 days.
  const Scenario s7 = parse_scenario(head + "sla = { period = \"month\", days = 7, penalty = 1 }\n" + tail, "h.toml");
  CHECK_NOTHROW(check_periods_fit(s7, 7));
  CHECK_THROWS_WITH(check_periods_fit(s7, 10),
                    Catch::Contains("(one replication is 3 days), but 10 replications do not make them; use a "
                                    "multiple of 7, e.g. -r 7 or -r 14"));
}
