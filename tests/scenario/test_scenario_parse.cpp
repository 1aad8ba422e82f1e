// Scenario files into plain data: exact values, defaults, --set overrides, and for every
// malformed file in tests/scenarios/bad/ the exact position and a telling message.
#include <catch2/catch.hpp>

#include "tests/support/scenario_test_helpers.hpp"

#include <filesystem>
#include <fstream>
#include <set>

#include "sim/scenario/scenario.hpp"

using namespace ccsim;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kFull = R"(format = 1

[scenario]
name = "Retail bank weekday"
interval = "15m"
start = "08:30"
duration = "1h"
warmup = "10m"
replications = 100
seed = 42

[[queue]]
name = "general"
arrivals = { volumes = [120, 150, 180.5, 90], forecast_cv = 0.1 }
handle_time = { dist = "lognormal", mean = "240s", sd = "3m" }
patience = { dist = "exponential", mean = 120 }
targets = ["80/20", "90/10s", "99/5m", "asa<=30s", "abandon<=5%", "abandon<=0.02"]
short_abandon = "5s"
sl_basis = "refined"

[[queue]]
name = "sales"
arrivals = { rate = "360/h" }
handle_time = { dist = "gamma", mean = 300, sd = "1m" }
patience = { dist = "weibull", shape = 1.5, scale = "2m" }
sl_basis = "answered"

[[queue]]
name = "vip"
arrivals = { volumes = [1, 2, 3, 4] }
handle_time = { dist = "erlang", k = 3, mean = "4m" }
patience = { dist = "uniform", min = "30s", max = "2m" }
targets = "100/0"

[[queue]]
name = "chat"
arrivals = { volumes = [5, 5, 5, 5] }
handle_time = { dist = "fixed", value = 90 }
patience = { dist = "empirical", values = [10, "20s", "1m", 2.5] }

[[agents]]
name = "universal"
serves = ["general", "sales", "vip", "chat"]
staffing = [10, 12, 14, 8]
cost_per_hour = 25.5

[[agents]]
name = "sales team"
serves = ["sales"]
staffing = 3
)";

const std::string kMinimal = R"([[queue]]
name = "general"
arrivals = { volumes = [10, 20, 30] }
handle_time = { dist = "exponential", mean = "4m" }

[[agents]]
name = "team"
serves = ["general"]
staffing = [2, 3, 4]
)";

Scenario parse(const std::string& text, const std::vector<Override>& ov = {}) {
  return parse_scenario(text, "dir/scenario.toml", ov);
}

using ccsim::test::sets;
using ccsim::test::thrown;

}  // namespace

TEST_CASE("a full scenario parses into exact values", "[scenario]") {
  const Scenario sc = parse(kFull);
  CHECK(sc.file == "dir/scenario.toml");
  CHECK(sc.format == 1);
  CHECK(sc.name == "Retail bank weekday");
  CHECK(sc.interval == 900);
  CHECK(sc.start == 8.5 * 3600);
  CHECK(sc.intervals == 4);
  CHECK(sc.day_length() == 3600);
  CHECK(sc.warmup == 600);
  CHECK(sc.replications == 100);
  CHECK(sc.seed == 42);
  CHECK(sc.notes.empty());
  REQUIRE(sc.queues.size() == 4);

  const QueueSpec& g = sc.queues[0];
  CHECK(g.name == "general");
  CHECK(g.where.line == 12);
  CHECK(g.where.column == 1);
  CHECK(g.where.file == "dir/scenario.toml");
  CHECK_FALSE(g.arrivals.stationary);
  CHECK(g.arrivals.volumes == std::vector<double>{120, 150, 180.5, 90});
  CHECK(g.arrivals.forecast_cv == Approx(0.1));
  CHECK(g.arrivals.where.line == 14);
  CHECK(g.handle_time.kind == models::DistKind::lognormal);
  CHECK(g.handle_time.mean == 240);
  CHECK(g.handle_time.sd == 180);
  CHECK(g.handle_time_where.line == 15);
  REQUIRE(g.patience);
  CHECK(g.patience->kind == models::DistKind::exponential);
  CHECK(g.patience->mean == 120);
  CHECK(g.patience_where.line == 16);
  CHECK(g.short_abandon == 5);
  CHECK(g.sl_basis == SlBasis::refined);
  REQUIRE(g.targets.size() == 6);
  using K = Target::Kind;
  CHECK((g.targets[0].kind == K::service_level && g.targets[0].fraction == Approx(0.8) &&
         g.targets[0].threshold == 20 && g.targets[0].text == "80/20"));
  CHECK(
      (g.targets[1].kind == K::service_level && g.targets[1].fraction == Approx(0.9) && g.targets[1].threshold == 10));
  CHECK((g.targets[2].kind == K::service_level && g.targets[2].fraction == Approx(0.99) &&
         g.targets[2].threshold == 300));
  CHECK((g.targets[3].kind == K::asa && g.targets[3].threshold == 30));
  CHECK((g.targets[4].kind == K::abandon && g.targets[4].fraction == Approx(0.05)));
  CHECK((g.targets[5].kind == K::abandon && g.targets[5].fraction == Approx(0.02)));
  CHECK(g.targets[3].where.line == 17);
  CHECK(g.targets[3].where.column == 40);

  const QueueSpec& s = sc.queues[1];
  CHECK(s.arrivals.stationary);
  CHECK(s.arrivals.rate == Approx(0.1));
  CHECK(s.arrivals.volumes.empty());
  CHECK(s.handle_time.kind == models::DistKind::gamma);
  CHECK(s.handle_time.mean == 300);
  CHECK(s.handle_time.sd == 60);
  CHECK(s.patience->kind == models::DistKind::weibull);
  CHECK(s.patience->shape == 1.5);
  CHECK(s.patience->scale == 120);
  CHECK(s.sl_basis == SlBasis::answered);
  CHECK(s.targets.empty());

  const QueueSpec& v = sc.queues[2];
  CHECK(v.handle_time.kind == models::DistKind::erlang);
  CHECK(v.handle_time.k == 3);
  CHECK(v.handle_time.mean == 240);
  CHECK(v.patience->kind == models::DistKind::uniform);
  CHECK(v.patience->min == 30);
  CHECK(v.patience->max == 120);
  REQUIRE(v.targets.size() == 1);       // a single string is a list of one
  CHECK(v.targets[0].fraction == 1.0);  // "100/0": valid syntax, impossible in practice
  CHECK(v.targets[0].threshold == 0);

  const QueueSpec& c = sc.queues[3];
  CHECK(c.handle_time.kind == models::DistKind::fixed);
  CHECK(c.handle_time.value == 90);
  CHECK(c.patience->kind == models::DistKind::empirical);
  CHECK(c.patience->values == std::vector<double>{10, 20, 60, 2.5});

  REQUIRE(sc.groups.size() == 2);
  const AgentGroupSpec& u = sc.groups[0];
  CHECK(u.name == "universal");
  CHECK(u.serves == std::vector<std::string>{"general", "sales", "vip", "chat"});
  CHECK(u.staffing == std::vector<int>{10, 12, 14, 8});
  CHECK(u.cost_per_hour == 25.5);
  CHECK(u.where.line == 41);
  CHECK(u.staffing_where.line == 44);
  CHECK(u.staffing_where.column == 12);
  REQUIRE(u.serves_where.size() == 4);
  CHECK(u.serves_where[1].column == 22);
  const AgentGroupSpec& t = sc.groups[1];
  CHECK(t.staffing == std::vector<int>{3, 3, 3, 3});  // one number for the whole day
  CHECK_FALSE(t.cost_per_hour);
}

TEST_CASE("defaults", "[scenario]") {
  const Scenario sc = parse(kMinimal);
  CHECK(sc.format == 1);
  CHECK(sc.name == "scenario");  // the file's stem
  CHECK(sc.interval == 1800);
  CHECK(sc.start == 0);
  CHECK(sc.warmup == 0);
  CHECK(sc.replications == 30);
  CHECK(sc.seed == 20261122);
  CHECK(sc.intervals == 3);
  const QueueSpec& q = sc.queues.at(0);
  CHECK_FALSE(q.patience);
  CHECK(q.targets.empty());
  CHECK(q.short_abandon == 0);
  CHECK(q.sl_basis == SlBasis::offered);
  CHECK(q.arrivals.forecast_cv == 0);
  CHECK_FALSE(sc.groups.at(0).cost_per_hour);
  CHECK(sc.notes.empty());
}

TEST_CASE("the day's length comes from staffing when arrivals are stationary", "[scenario]") {
  const Scenario sc = parse(R"(
[scenario]
start = 08:00:00
[[queue]]
name = "q"
arrivals = { rate = "1/s" }
handle_time = { dist = "exponential", mean = 10 }
[[agents]]
name = "a"
serves = "q"
staffing = [5, 5, 6, 6, 7]
)");
  CHECK(sc.intervals == 5);
  CHECK(sc.start == 8 * 3600);  // a TOML local time works as well as "08:00"
  CHECK(sc.groups[0].serves == std::vector<std::string>{"q"});
}

TEST_CASE("zero staffing while calls arrive is a note, not an error", "[scenario]") {
  const Scenario sc = parse(R"(
[scenario]
start = "08:00"
[[queue]]
name = "general"
arrivals = { volumes = [10, 10, 10, 20, 30, 0, 5] }
handle_time = { dist = "exponential", mean = "4m" }
[[agents]]
name = "team"
serves = ["general"]
staffing = [2, 3, 3, 0, 0, 0, 0]
)");
  // Interval 5 has no agents but no calls either: only 3-4 and 6 are gaps.
  REQUIRE(sc.notes.size() == 1);
  CHECK(sc.notes[0] ==
        "queue general: no agents on duty in intervals 3-4 (09:30-10:30), 6 (11:00-11:30) "
        "while calls arrive");
}

TEST_CASE("overrides: numbers, unit strings, arrays, by queue and group name", "[scenario][set]") {
  const Scenario sc = parse(kFull, sets({
                                       "scenario.replications=10",
                                       "scenario.name=Tuesday",
                                       "queue.general.handle_time.mean=200s",
                                       "queue.general.arrivals.volumes=[1, 2, 3, 4]",
                                       "queue.general.arrivals.forecast_cv=0.25",
                                       "queue.general.sl_basis=answered",
                                       "queue.general.targets=[\"90/10\", \"asa<=1m\"]",
                                       "queue.sales.patience={ dist = \"fixed\", value = \"45s\" }",
                                       "queue.vip.patience.max=3m",
                                       "agents.universal.staffing=[1, 2, 3, 4]",
                                       "agents.sales team.staffing=15",
                                       "agents.universal.cost_per_hour=30",
                                       "format=1",
                                   }));
  CHECK(sc.replications == 10);
  CHECK(sc.name == "Tuesday");
  CHECK(sc.queues[0].handle_time.mean == 200);
  CHECK(sc.queues[0].handle_time.sd == 180);  // untouched siblings stay
  CHECK(sc.queues[0].arrivals.volumes == std::vector<double>{1, 2, 3, 4});
  CHECK(sc.queues[0].arrivals.forecast_cv == 0.25);
  CHECK(sc.queues[0].sl_basis == SlBasis::answered);
  REQUIRE(sc.queues[0].targets.size() == 2);
  CHECK(sc.queues[0].targets[1].threshold == 60);
  CHECK(sc.queues[0].targets[0].where.file == "--set");
  CHECK(sc.queues[1].patience->kind == models::DistKind::fixed);
  CHECK(sc.queues[1].patience->value == 45);
  CHECK(sc.queues[2].patience->max == 180);
  CHECK(sc.groups[0].staffing == std::vector<int>{1, 2, 3, 4});
  CHECK(sc.groups[0].staffing_where.file == "--set");
  CHECK(sc.groups[0].staffing_where.column == 27);
  CHECK(sc.groups[1].staffing == std::vector<int>{15, 15, 15, 15});
  CHECK(sc.groups[0].cost_per_hour == 30);
}

TEST_CASE("overrides may create a missing leaf and reach names with dots", "[scenario][set]") {
  const std::string text = R"(
[[queue]]
name = "sales.uk"
arrivals = { volumes = [1, 2] }
handle_time = { dist = "exponential", mean = 60 }
patience = { dist = "exponential" }
[[agents]]
name = "a"
serves = ["sales.uk"]
staffing = 1
)";
  CHECK_THROWS_AS(parse(text), InputError);  // patience lacks its mean...
  const Scenario sc = parse(text, sets({"queue.sales.uk.patience.mean=90", "scenario.seed=7"}));
  CHECK(sc.queues[0].patience->mean == 90);  // ...which --set may add
  CHECK(sc.seed == 7);                       // [scenario] made when the file has none
  CHECK(sc.groups[0].staffing == std::vector<int>{1, 1});
}

TEST_CASE("parse_override splits at the first '='", "[scenario][set]") {
  const Override o = parse_override("queue.general.name=a=b");
  CHECK(o.key == "queue.general.name");
  CHECK(o.value == "a=b");
  const InputError e = thrown([] { parse_override("scenario.seed"); });
  CHECK(e.where().file == "--set");
  CHECK_THAT(e.message(), Contains("expected KEY=VALUE"));
  CHECK_THROWS_AS(parse_override("=5"), InputError);
}

TEST_CASE("bad overrides are reported at --set", "[scenario][set]") {
  struct Case {
    const char* arg;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"queue.genral.handle_time.mean=200s", 7, "no queue named 'genral'; did you mean 'general'?"},
      {"agents.univrsal.staffing=3", 8, "no agent group named 'univrsal'; did you mean 'universal'?"},
      {"queue.general.handle_time.mean=4hours", 32, "unknown unit 'hours' in \"4hours\""},
      {"queue.general.handle_time.mena=200", 27, "unknown key 'mena'"},
      {"queue.general.handel_time=3", 15, "did you mean 'handle_time'?"},
      {"queue.chat.nopatience.mean=5", 12, "has no 'nopatience'; did you mean 'patience'?"},
      {"queue.general.name.x=1", 15, "not a table"},
      {"scenario.replicatons=10", 10, "did you mean 'replications'?"},
      {"scenario.replications=0", 23, "scenario.replications must be from 1 to"},
      {"scenario.interval=true", 19, "expected a duration like \"240s\" or a number of seconds, got true"},
      {"agents.universal.staffing=[1, 2]", 27, "staffing has 2 values, but the day has 4 intervals"},
      {"agents.universal.staffing=[1, 2", 32, "invalid TOML value"},
      {"queues.general.x=1", 1, "did you mean 'queue'?"},
      {"queue.general=3", 14, "needs a key after the queue name"},
      {"queue.general..mean=3", 15, "empty part"},
      {"queue.general.=3", 15, "empty part in key 'queue.general.'"},
      {"agents..staffing=1", 8, "empty agent group name"},
      {"format=2", 8, "unsupported format 2"},
      {"queue.general.sl_basis=refind", 24, "did you mean 'refined'?"},
      {"queue.general.sl_estimator=daily", 28, "unknown estimator \"daily\""},
      {"queue.general.sl_basis=abandoned", 24, "did you mean 'abandoned_met'?"},
  };
  for (const Case& c : cases) {
    INFO(c.arg);
    const InputError e = thrown([&] { parse(kFull, sets({c.arg})); });
    CHECK(e.where().file == "--set");
    CHECK(e.where().line == 1);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Contains(c.message));
  }
}

TEST_CASE("every malformed file in tests/scenarios/bad is refused at its mistake", "[scenario][bad]") {
  struct Case {
    const char* file;
    int line;
    int column;
    const char* message;
    const char* error_file = nullptr;  // when the error is in another file (a CSV)
  };
  const Case cases[] = {
      {"arrivals_key_typo.toml", 8, 14, "unknown key 'volume' in queue 'general' arrivals; did you mean 'volumes'?"},
      {"bad_clock.toml", 5, 9, "scenario.start: clock time \"48:00\" is out of range (00:00 to 47:59:59)"},
      {"clock_is_duration.toml", 17, 21,
       "agents 'team' shifts[1].start: cannot read \"4h\" as a clock time: it is a duration (4h); write a clock "
       "time such as \"02:00\" or \"02:00+1\""},
      {"bad_dist.toml", 9, 24, "unknown distribution 'lognormel'; did you mean 'lognormal'?"},
      {"bad_sl_basis.toml", 9, 12, "queue 'general' sl_basis: unknown basis \"answred\"; did you mean 'answered'?"},
      {"bad_sl_estimator.toml", 9, 16,
       "queue 'general' sl_estimator: unknown estimator \"longrun\"; did you mean 'long_run'?"},
      {"bad_target.toml", 9, 21, "queue 'general' targets[1]: cannot read target \"80-20\""},
      {"cost_negative.toml", 15, 17, "agents 'team' cost_per_hour must be 0 or more"},
      {"mixture_weights.toml", 11, 40, "queue 'general' patience.parts: the weights sum to 0.9; they must sum to 1"},
      {"routing_unknown_rule.toml", 7, 15,
       "routing.call_choice: unknown rule \"longest_wiat\"; did you mean 'longest_wait'?"},
      {"agent_choice_unknown.toml", 10, 16, "queue 'general' agent_choice: unknown rule \"most_idle\"; use one of"},
      {"weights_without_rule.toml", 15, 11, "weights and bonus apply only with call_choice = \"weighted_wait\""},
      {"weights_unserved.toml", 16, 13,
       "weights names queue 'genral', which this group does not serve; did you mean 'general'?"},
      {"balk_over_one.toml", 10, 33, "queue 'general' balk.probability[2] must be from 0 to 1, got 1.5"},
      {"balk_no_probability.toml", 10, 10,
       "unknown key 'probabilty' in queue 'general' balk; did you mean 'probability'?"},
      {"transfer_unknown_queue.toml", 10, 19,
       "queue 'front' transfer.to names unknown queue 'biling'; did you mean 'billing'?"},
      {"transfer_sum.toml", 10, 12, "queue 'front' transfer: the probabilities sum to 1.2; they must sum to at most 1"},
      {"transfer_self.toml", 10, 19, "queue 'front' transfer.to names the queue itself"},
      {"callback_accept_over.toml", 11, 44, "queue 'general' callback.accept must be from 0 to 1, got 1.4"},
      {"interval_list_length.toml", 9, 46,
       "queue 'general' handle_time.mean has 2 values, but the day has 3 intervals as set by queue 'general' "
       "arrivals.volumes"},
      {"interval_lists_unequal.toml", 9, 69,
       "queue 'general' handle_time.sd has 2 values, but queue 'general' handle_time.mean has 3"},
      {"interval_list_element.toml", 9, 53, "queue 'general' handle_time.mean[1] must be more than 0"},
      {"interval_list_retrial.toml", 11, 71, "queue 'general' retrial.delay.mean takes one value here"},
      {"day_factor_unknown.toml", 11, 51,
       "queue 'general' arrivals.day_factor names unknown day factor 'vocie'; did you mean 'voice'?"},
      {"day_factor_twice.toml", 10, 8, "day factor 'voice' is defined twice"},
      {"day_factor_no_cv.toml", 6, 1, "day_factor 'voice' needs cv"},
      {"absence_one.toml", 15, 11, "agents 'team' absence must be less than 1"},
      {"horizon_day_scale_length.toml", 10, 41, "arrivals.day_scale has 5 values, but scenario.days = 7 (at "},
      {"horizon_day_too_long.toml", 6, 8, "scenario.days = 3 needs days of at most 24 hours; this day is 30h"},
      {"horizon_not_24h.toml", 8, 14, "carry_over needs a day of 24 hours"},
      {"horizon_shift_after_end.toml", 18, 11, "shift on day 7 (22:00+6 for 8h) ends after the horizon (00:00-24:00+6)"},
      {"horizon_shift_day.toml", 17, 71, "shift is worked on day 8, but scenario.days = 7"},
      {"horizon_days_zero.toml", 6, 8, "scenario.days must be from 1 to 366, got 0"},
      {"at_close_unknown.toml", 10, 12, "queue 'general' at_close: unknown rule \"voicemail\"; use one of \"drain\""},
      {"mixture_nested.toml", 11, 64, "patience.parts[0].dist: a part of a mixture cannot be a mixture"},
      {"mixture_no_weight.toml", 11, 41, "queue 'general' patience.parts[0] has no 'weight'"},
      {"triangular_mode.toml", 10, 57, "queue 'general' handle_time.mode (1m) must not be less than min (2m)"},
      {"money_negative.toml", 11, 24, "queue 'general' revenue_per_answered must be 0 or more (an amount of money)"},
      {"sla_no_target.toml", 11, 7, "queue 'general' sla has no target to judge its periods on (a penalty needs one)"},
      {"sla_unknown_period.toml", 12, 18,
       "queue 'general' sla.period: unknown period \"mnoth\"; did you mean 'month'?"},
      {"dist_key_wrong.toml", 9, 54, "'sd' does not apply to an exponential distribution"},
      {"duplicate_group.toml", 17, 8, "duplicate agent group name 'team'; the first is at"},
      {"duplicate_queue.toml", 12, 8, "duplicate queue name 'general'"},
      {"duration_not_multiple.toml", 5, 12, "scenario.duration 1h15m is not a whole number of intervals of 30m"},
      {"empirical_bad_row.toml", 5, 3, "bad value \"4x\" for queue 'general' handle_time.file: unknown unit 'x'",
       "empirical_bad_row.csv"},
      {"empirical_empty.toml", 9, 46, "handle_time.values is empty"},
      {"empirical_missing_file.toml", 9, 44, "cannot read file"},
      {"erlang_k_fraction.toml", 9, 38, "handle_time.k: expected a whole number, got 2.5"},
      {"forecast_cv_negative.toml", 8, 52, "arrivals.forecast_cv must be 0 or more, got -0.1"},
      {"format_2.toml", 2, 10, "unsupported format 2"},
      {"interval_zero.toml", 4, 12, "scenario.interval must be at least 1s"},
      {"missing_handle_time.toml", 6, 1, "[[queue]] 'general' is missing required key 'handle_time'"},
      {"missing_mean.toml", 9, 15, "an exponential distribution needs 'mean'"},
      {"missing_name.toml", 6, 1, "[[queue]] #1 is missing required key 'name'"},
      {"negative_duration.toml", 5, 10, "scenario.warmup: negative duration \"-5s\""},
      {"negative_sd.toml", 12, 6, "queue 'general' handle_time.sd: negative duration"},
      {"no_day_length.toml", 2, 1, "cannot tell how long the day is"},
      {"percent_over.toml", 9, 12, "percentage \"150%\" is over 100%"},
      {"queue_single_brackets.toml", 6, 1, "write [[queue]] with double brackets"},
      {"rate_no_unit.toml", 9, 21, "missing time unit in rate \"3600\""},
      {"replications_zero.toml", 5, 16, "scenario.replications must be from 1 to 10000000, got 0"},
      {"seed_negative.toml", 5, 8, "scenario.seed must be a whole number 0 or more"},
      {"serves_twice.toml", 13, 22, "lists queue 'general' twice"},
      {"staffing_float.toml", 14, 16, "expected a whole number of agents, got 3.5"},
      {"staffing_length.toml", 14, 12,
       "agents 'team' staffing has 2 values, but the day has 3 intervals as set by queue 'general' "
       "arrivals.volumes (at "},
      {"staffing_negative.toml", 14, 16, "staffing[1] must be 0 or more, got -3"},
      {"staffing_vs_duration.toml", 9, 24, "as set by scenario.duration 2h / interval 30m"},
      {"syntax_error.toml", 7, 16, "invalid TOML"},
      {"target_zero_share.toml", 9, 12, "must be more than 0% and at most 100%"},
      {"uniform_min_max.toml", 9, 53, "handle_time.max (1m) must not be less than min (2m)"},
      {"unknown_key.toml", 9, 1, "unknown key 'handel_time' in [[queue]] 'general'; did you mean 'handle_time'?"},
      {"unknown_served_queue.toml", 13, 11, "agents 'team' serves unknown queue 'genral'; did you mean 'general'?"},
      {"unknown_table.toml", 2, 2, "unknown key 'scenaro'"},
      {"unserved_queue.toml", 16, 1, "queue 'billing' is served by no agent group"},
      {"volumes_and_rate.toml", 8, 45, "give either 'volumes' or 'rate', not both"},
      {"volumes_mismatch.toml", 18, 24, "queue 'billing' arrivals.volumes has 4 values, but the day has 3"},
      {"wrong_type.toml", 5, 16, "scenario.replications: expected a whole number, got \"ten\""},
      {"wrong_type_duration.toml", 4, 12, "expected a duration like \"240s\" or a number of seconds, got true"},
      {"wrong_unit.toml", 9, 46, "unknown unit 'hours' in \"4hours\"; use ms, s, m/min, h, d"},
      // Keys of issue 3: shifts and breaks, shrinkage, overtime, skills, wrap-up, capacity,
      // retrials, priority, interval_cv, traces.
      {"break_ends_after_shift.toml", 15, 76, "shifts[0].breaks[0]: the break ends after the shift (after 3h50m + 15m"},
      {"break_longer_than_shift.toml", 15, 88, "shifts[0].breaks[0]: the break (1h30m) is longer than the shift (1h)"},
      {"break_negative_length.toml", 15, 91, "agents 'team' shifts[0].breaks[0].length: negative duration \"-15m\""},
      {"breaks_overlap.toml", 19, 5,
       "agents 'team' shifts[0].breaks[2] (4h15m to 4h30m into the shift) overlaps breaks[0] (4h to 4h30m)"},
      {"capacity_fraction.toml", 11, 12, "queue 'general' capacity: expected a whole number, got 2.5"},
      {"capacity_negative.toml", 11, 12, "queue 'general' capacity must be 0 or more (0: nobody may wait), got -1"},
      {"efficiency_zero.toml", 16, 14, "agents 'team' efficiency must be more than 0"},
      {"interval_cv_negative.toml", 9, 52, "queue 'general' arrivals.interval_cv must be 0 or more, got -0.2"},
      {"max_attempts_zero.toml", 11, 94,
       "retrial.max_attempts must be from 1 to 1000 (attempts in all, the first included), got 0"},
      {"no_staffing.toml", 12, 1, "[[agents]] 'team' is missing required key 'staffing' or 'shifts'"},
      {"overflow_negative.toml", 16, 30, "agents 'team' overflow_after.general: negative duration \"-30s\""},
      {"overtime_length.toml", 16, 12, "agents 'team' overtime has 2 values, but the day has 3 intervals"},
      {"priority_fraction.toml", 11, 12, "queue 'general' priority: expected a whole number, got 1.5"},
      {"retrial_key_typo.toml", 11, 74,
       "unknown key 'max_attempt' in queue 'general' retrial; did you mean 'max_attempts'?"},
      {"retrial_no_delay.toml", 11, 11, "queue 'general' retrial is missing required key 'delay'"},
      {"retrial_probability_negative.toml", 11, 27, "retrial.probability: -0.1 is not a fraction between 0 and 1"},
      {"retrial_probability_over.toml", 11, 27, "retrial.probability: 1.5 is not a fraction between 0 and 1"},
      {"shift_count_negative.toml", 17, 45, "agents 'team' shifts[1].count must be 0 or more, got -1"},
      {"shift_outside_day.toml", 17, 3,
       "agents 'team' shifts[1] (10:00 for 4h) does not overlap the day (08:00-09:30)"},
      {"shrinkage_one.toml", 16, 13,
       "agents 'team' shrinkage must be less than 1 (100%: nobody would be left to work), got 1.0"},
      {"skill_unserved_queue.toml", 16, 17,
       "agents 'team' handle_time names queue 'genral', which this group does not serve; did you mean 'general'?"},
      {"staffing_and_shifts.toml", 16, 10, "give either 'staffing' (agents per interval) or 'shifts', not both"},
      {"trace_after_day.toml", 4, 2, "arrival \"09:30:00\" is at or after the end of the day (09:30",
       "trace_after_day.csv"},
      {"trace_and_volumes.toml", 9, 46, "queue 'general' arrivals: give either 'trace' or 'volumes', not both"},
      {"trace_bad_row.toml", 5, 10,
       "bad value \"-30\" in column 'handle_time' of queue 'general' arrivals.trace: negative duration",
       "trace_bad_row.csv"},
      {"trace_before_warmup.toml", 3, 1, "arrival \"07:59:00\" is before the day starts (08:00",
       "trace_before_warmup.csv"},
      {"trace_forecast_cv.toml", 9, 52, "arrivals.forecast_cv does not apply to a trace"},
      {"trace_missing_file.toml", 9, 22, "queue 'general' arrivals.trace: cannot read file"},
      {"trace_too_few_columns.toml", 3, 13, "row has 2 columns, but the header names 3", "trace_too_few_columns.csv"},
      {"trace_unknown_column.toml", 1, 10, "unknown column 'handel_time'; did you mean 'handle_time'?",
       "trace_unknown_column.csv"},
      {"wrap_up_bad_dist.toml", 11, 20, "queue 'general' wrap_up.dist: unknown distribution 'exponentail'"},
      // shift_patterns (for `ccsim staff --shifts`)
      {"pattern_bad_clock.toml", 16, 39,
       "agents 'team' shift_patterns[0].start[1]: clock time \"48:00\" is out of range (00:00 to 47:59:59)"},
      // days that cross midnight
      {"overnight_bad_clock.toml", 17, 21,
       "agents 'team' shifts[1].start: clock time \"02:00+9\" is out of range: the day after '+' runs from +0 to +6"},
      {"overnight_shift_outside.toml", 18, 11,
       "agents 'team' shifts[1] (07:00+1 for 1h) does not overlap the day (22:00-06:00+1)"},
      {"pattern_break_longer.toml", 16, 85,
       "agents 'team' shift_patterns[0].breaks[0]: the break (1h30m) is longer than the shift (1h)"},
      {"pattern_breaks_overlap.toml", 19, 5,
       "agents 'team' shift_patterns[0].breaks[1] (4h15m to 4h30m into the shift) overlaps breaks[0] (4h "
       "to 4h30m); breaks must not overlap"},
      {"pattern_count.toml", 16, 61,
       "agents 'team' shift_patterns[0]: a shift pattern has no 'count' (the planner chooses how many "
       "agents work it); write max_count to limit it"},
      {"pattern_key_typo.toml", 16, 53,
       "unknown key 'max_cout' in agents 'team' shift_patterns[0]; did you mean 'max_count'?"},
      {"pattern_max_count_negative.toml", 16, 65,
       "agents 'team' shift_patterns[0].max_count must be 0 or more, got -1"},
      {"pattern_missing_length.toml", 16, 66,
       "agents 'team' shift_patterns[1] is missing required key 'length', e.g. length = \"8h\""},
      {"pattern_outside_day.toml", 16, 39,
       "agents 'team' shift_patterns[0].start[1] (10:00 for 1h) does not overlap the day (08:00-09:30)"},
  };
  const fs::path dir = fs::path(CCSIM_SOURCE_DIR) / "tests" / "scenarios" / "bad";
  std::set<std::string> listed;
  for (const Case& c : cases) {
    INFO(c.file);
    listed.insert(c.file);
    const std::string path = (dir / c.file).string();
    const InputError e = thrown([&] { load_scenario(path); });
    const std::string expected_file = c.error_file ? (dir / c.error_file).string() : path;
    CHECK(e.where().file == expected_file);
    CHECK(e.where().line == c.line);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Contains(c.message));
    CHECK_THAT(std::string(e.what()), Contains(format_error(e.where(), "")));
  }
  // Every file in the folder is in the table, so a new bad file cannot go untested.
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    INFO(entry.path().filename().string());
    CHECK(listed.count(entry.path().filename().string()) == 1);
  }
  CHECK(listed.size() >= 84);
}

TEST_CASE("an unreadable file names the file and the reason", "[scenario]") {
  const InputError e = thrown([] { load_scenario("no/such/scenario.toml"); });
  CHECK(e.where().line == 0);
  CHECK(std::string(e.what()) == "no/such/scenario.toml: error: cannot read file (No such file or directory)");
}

TEST_CASE("empirical CSV files: header, comments, durations, path beside the scenario", "[scenario]") {
  const fs::path dir = fs::temp_directory_path() / "ccsim_test_scenario_csv";
  fs::create_directories(dir);
  {
    std::ofstream csv(dir / "handle.csv", std::ios::binary);
    csv << "# exported from the ACD\r\nhandle_time,agent\r\n240,a1\r\n\r\n\"3m\",a2 # quoted\r\n1m30s;a3\r\n";
    std::ofstream toml(dir / "s.toml");
    toml << R"([[queue]]
name = "q"
arrivals = { volumes = [1] }
handle_time = { dist = "empirical", file = "handle.csv" }
[[agents]]
name = "a"
serves = ["q"]
staffing = 1
)";
  }
  const Scenario sc = load_scenario((dir / "s.toml").string());
  CHECK(sc.queues[0].handle_time.values == std::vector<double>{240, 180, 90});
  fs::remove_all(dir);
}

TEST_CASE("parse_target reads planners' words", "[scenario]") {
  CHECK(parse_target("80/20")->threshold == 20);
  CHECK(parse_target("80%/20s")->fraction == Approx(0.8));
  CHECK(parse_target("ASA <= 2m")->threshold == 120);
  CHECK(parse_target("abandon<=0.05")->fraction == Approx(0.05));
  CHECK(parse_target(" 95/1m ")->text == "95/1m");
  std::string why;
  CHECK_FALSE(parse_target("abandon<=5", &why));
  CHECK_THAT(why, Contains("abandon<=5%"));
  CHECK_FALSE(parse_target("101/20", &why));
  CHECK_FALSE(parse_target("asa<=x", &why));
  CHECK_FALSE(parse_target("asa>=30s", &why));
  CHECK_FALSE(parse_target("80/-20", &why));
  CHECK_THAT(why, Contains("negative"));
  CHECK(std::string(sl_basis_name(SlBasis::refined)) == "refined");
}

TEST_CASE("money and sla: values, defaults, the queue's first target, --set", "[scenario][money]") {
  const std::string base =
      "[scenario]\nname = \"m\"\ninterval = \"30m\"\nstart = \"08:00\"\n"
      "[[queue]]\nname = \"q\"\narrivals = { volumes = [10, 20] }\n"
      "handle_time = { dist = \"exponential\", mean = \"240s\" }\ntargets = [\"90/10\", \"asa<=30s\"]\n";
  const std::string agents = "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = [2, 3]\n";
  const Scenario plain = parse_scenario(base + agents, "m.toml");
  CHECK_FALSE(plain.queues[0].money.any());
  CHECK_FALSE(plain.queues[0].sla);

  const Scenario s = parse_scenario(base +
                                        "revenue_per_answered = 12\ncost_per_abandon = 2.5\n"
                                        "cost_per_waiting_hour = 0\nsla = { period = \"week\", penalty = 100 }\n" +
                                        agents,
                                    "m.toml");
  const QueueSpec& q = s.queues[0];
  CHECK(q.money.revenue_per_answered == 12);
  CHECK(q.money.cost_per_abandon == 2.5);
  CHECK(q.money.any());
  REQUIRE(q.sla);
  CHECK(q.sla->period == Sla::Period::week);
  CHECK(q.sla->days == 7);
  CHECK(q.sla->target.text == "90/10");  // the queue's first target
  CHECK(q.sla->penalty == 100);
  CHECK(q.sla->penalty_per_point == 0);

  const Scenario m = parse_scenario(base + "sla = { period = \"month\", target = \"asa<=20s\" }\n" + agents, "m.toml");
  CHECK(m.queues[0].sla->days == 30);
  CHECK(m.queues[0].sla->target.kind == Target::Kind::asa);

  const Scenario o = parse_scenario(
      base + agents, "m.toml",
      {parse_override("queue.q.sla={ period = \"month\", days = 21, target = \"80/20\", penalty_per_point = 5 }")});
  REQUIRE(o.queues[0].sla);
  CHECK(o.queues[0].sla->days == 21);
  CHECK(o.queues[0].sla->penalty_per_point == 5);

  CHECK_THROWS_AS(parse_scenario(base + "sla = { period = \"day\", days = 3 }\n" + agents, "m.toml"), InputError);
  CHECK_THROWS_AS(parse_scenario(base + "sla = { period = \"week\", days = 0 }\n" + agents, "m.toml"), InputError);
  CHECK_THROWS_AS(parse_scenario(base + "sla = { perod = \"week\" }\n" + agents, "m.toml"), InputError);
  CHECK_THROWS_AS(parse_scenario(base + "sla = { target = \"80-20\" }\n" + agents, "m.toml"), InputError);
  CHECK_THROWS_AS(parse_scenario(base + "cost_per_waiting_hour = \"cheap\"\n" + agents, "m.toml"), InputError);
}

TEST_CASE("routing rules and caller behaviour: values, defaults, overrides, --set", "[scenario][routing]") {
  const std::string base = R"(
[scenario]
interval = "30m"
[[queue]]
name = "a"
arrivals = { volumes = [10, 20] }
handle_time = { dist = "exponential", mean = "4m" }
transfer = [{ to = "b", probability = "10%" }]
[[queue]]
name = "b"
arrivals = { volumes = [10, 20] }
handle_time = { dist = "exponential", mean = "4m" }
agent_choice = "random"
balk = { probability = "10%" }
at_close = "message"
callback = { offer_after = "90s", accept = "40%" }
[[agents]]
name = "g"
serves = ["a", "b"]
staffing = 2
call_choice = "weighted_wait"
weights = { b = 2.5 }
bonus = { a = "1m" }
[[agents]]
name = "h"
serves = ["b"]
staffing = 1
)";
  const Scenario s = parse_scenario(base, "r.toml");
  CHECK(s.routing.call_choice == models::CallChoice::priority_then_wait);
  CHECK(s.routing.agent_choice == models::AgentChoice::group_order);
  CHECK_FALSE(s.queues[0].agent_choice);
  CHECK(s.queues[0].balk.empty());
  CHECK(s.queues[0].at_close == models::AtClose::drain);
  REQUIRE(s.queues[0].transfers.size() == 1);
  CHECK(s.queues[0].transfers[0].to == "b");
  CHECK(s.queues[0].transfers[0].probability == 0.1);
  CHECK(s.queues[1].transfers.empty());
  CHECK_FALSE(s.queues[0].callback);
  REQUIRE(s.queues[1].callback);
  CHECK(s.queues[1].callback->offer_after == 90);
  CHECK(s.queues[1].callback->accept == 0.4);
  CHECK(s.queues[1].agent_choice == models::AgentChoice::random);
  CHECK(s.queues[1].balk == std::vector<double>{0.1});
  CHECK(s.queues[1].at_close == models::AtClose::message);
  CHECK(s.groups[0].call_choice == models::CallChoice::weighted_wait);
  REQUIRE(s.groups[0].skills.size() == 2);
  CHECK(s.groups[0].skills[0].queue == "a");
  CHECK(s.groups[0].skills[0].bonus == 60);
  CHECK(s.groups[0].skills[0].weight == 1);
  CHECK(s.groups[0].skills[1].weight == 2.5);
  CHECK_FALSE(s.groups[1].call_choice);
  // [routing] and --set reach the same keys.
  const Scenario t = parse_scenario(
      base, "r.toml",
      {parse_override("routing.agent_choice=longest_idle"), parse_override("queue.b.balk.probability=[0, 0.2]"),
       parse_override("agents.h.call_choice=group_order")});
  CHECK(t.routing.agent_choice == models::AgentChoice::longest_idle);
  CHECK(t.queues[1].balk == std::vector<double>{0, 0.2});
  CHECK(t.groups[1].call_choice == models::CallChoice::group_order);
}

TEST_CASE("sl_basis abandoned_met and sl_estimator read from the file and from --set", "[scenario]") {
  const Scenario plain = parse(kFull);
  REQUIRE(!plain.queues.empty());
  CHECK(plain.queues[0].sl_estimator == SlEstimator::daily_mean);  // the default: as before
  const Scenario s =
      parse(kFull, sets({"queue.general.sl_estimator=long_run", "queue.general.sl_basis=abandoned_met"}));
  CHECK(s.queues[0].sl_estimator == SlEstimator::long_run);
  CHECK(s.queues[0].sl_basis == SlBasis::abandoned_met);
  CHECK(std::string(sl_estimator_name(SlEstimator::long_run)) == "long_run");
  CHECK(std::string(sl_basis_name(SlBasis::abandoned_met)) == "abandoned_met");
}
