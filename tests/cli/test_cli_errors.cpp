// Bad input end to end: every malformed scenario or flag ends with exit status 2 and one
// line on stderr, `FILE:LINE:COLUMN: error: WHAT` where a position is known. Each row
// asserts the status, the position and the wording.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/support/cli_harness.hpp"

namespace {
struct Case {
  const char* args;
  const char* message;  // the whole first part of stderr, position included
};

const Case kCases[] = {
    // scenario files
    {"check tests/scenarios/bad/unknown_key.toml",
     "tests/scenarios/bad/unknown_key.toml:9:1: error: unknown key 'handel_time' in [[queue]] 'general'; did you mean "
     "'handle_time'?"},
    {"check tests/scenarios/bad/wrong_unit.toml",
     "tests/scenarios/bad/wrong_unit.toml:9:46: error: queue 'general' handle_time.mean: unknown unit 'hours' in "
     "\"4hours\""},
    {"check tests/scenarios/bad/negative_duration.toml",
     "tests/scenarios/bad/negative_duration.toml:5:10: error: scenario.warmup: negative duration \"-5s\""},
    {"check tests/scenarios/bad/staffing_length.toml",
     "tests/scenarios/bad/staffing_length.toml:14:12: error: agents 'team' staffing has 2 values, but the day has 3 "
     "intervals"},
    {"run tests/scenarios/bad/unserved_queue.toml",
     "tests/scenarios/bad/unserved_queue.toml:16:1: error: queue 'billing' is served by no agent group"},
    {"run tests/scenarios/bad/unknown_served_queue.toml",
     "tests/scenarios/bad/unknown_served_queue.toml:13:11: error: agents 'team' serves unknown queue 'genral'; did you "
     "mean 'general'?"},
    {"check tests/scenarios/bad/syntax_error.toml",
     "tests/scenarios/bad/syntax_error.toml:7:16: error: invalid TOML: "},
    {"check tests/scenarios/bad/rate_no_unit.toml",
     "tests/scenarios/bad/rate_no_unit.toml:9:21: error: queue 'general' arrivals.rate: missing time unit in rate "
     "\"3600\""},
    {"check tests/scenarios/bad/bad_dist.toml",
     "tests/scenarios/bad/bad_dist.toml:9:24: error: queue 'general' handle_time.dist: unknown distribution "
     "'lognormel'; did you mean 'lognormal'?"},
    {"check tests/scenarios/bad/empirical_bad_row.toml",
     "tests/scenarios/bad/empirical_bad_row.csv:5:3: error: bad value \"4x\" for queue 'general' handle_time.file"},
    {"check tests/scenarios/bad/percent_over.toml",
     "tests/scenarios/bad/percent_over.toml:9:12: error: queue 'general' targets[0]: cannot read the cap in "
     "\"abandon<=150%\""},
    {"run nosuch.toml", "nosuch.toml: error: cannot read file (No such file or directory)"},
    // staffing and caller-behaviour keys
    {"check tests/scenarios/bad/breaks_overlap.toml",
     "tests/scenarios/bad/breaks_overlap.toml:19:5: error: agents 'team' shifts[0].breaks[2] (4h15m to 4h30m into the "
     "shift) overlaps breaks[0]"},
    {"check tests/scenarios/bad/break_longer_than_shift.toml",
     "tests/scenarios/bad/break_longer_than_shift.toml:15:88: error: agents 'team' shifts[0].breaks[0]: the break "
     "(1h30m) is longer than the shift (1h)"},
    {"check tests/scenarios/bad/capacity_negative.toml",
     "tests/scenarios/bad/capacity_negative.toml:11:12: error: queue 'general' capacity must be 0 or more"},
    {"check tests/scenarios/bad/retrial_probability_over.toml",
     "tests/scenarios/bad/retrial_probability_over.toml:11:27: error: queue 'general' retrial.probability: 1.5 is not "
     "a fraction between 0 and 1"},
    {"run tests/scenarios/bad/trace_bad_row.toml",
     "tests/scenarios/bad/trace_bad_row.csv:5:10: error: bad value \"-30\" in column 'handle_time' of queue 'general' "
     "arrivals.trace"},
    {"check tests/scenarios/bad/staffing_and_shifts.toml",
     "tests/scenarios/bad/staffing_and_shifts.toml:16:10: error: agents 'team': give either 'staffing' (agents per "
     "interval) or 'shifts', not both"},
    {"check tests/scenarios/bad/shrinkage_one.toml",
     "tests/scenarios/bad/shrinkage_one.toml:16:13: error: agents 'team' shrinkage must be less than 1"},
    // --set overrides
    {"run scenarios/bank-80-20.toml --set agents.univrsal.staffing=3",
     "--set:1:8: error: no agent group named 'univrsal'; did you mean 'universal'?"},
    {"run scenarios/bank-80-20.toml --set queue.general.handle_time.mean=-4s",
     "--set:1:32: error: queue 'general' handle_time.mean: negative duration \"-4s\""},
    {"run scenarios/bank-80-20.toml --set noequals", "--set:1:1: error: expected KEY=VALUE"},
    {"run scenarios/bank-80-20.toml --set agents.universal.staffing=[1,2]",
     "--set:1:27: error: agents 'universal' staffing has 2 values, but the day has 24 intervals"},
    // flags
    {"run scenarios/bank-80-20.toml --replicatons 5",
     "ccsim run: error: unknown option --replicatons; did you mean --replications?"},
    {"run scenarios/bank-80-20.toml --replications abc",
     "ccsim run: error: --replications: expected an integer, got 'abc'"},
    {"run scenarios/bank-80-20.toml --replications 0",
     "ccsim run: error: --replications: 0 is out of range [1, 10000000]"},
    {"run scenarios/bank-80-20.toml --threads 0", "ccsim run: error: --threads: 0 is out of range [1, 1024]"},
    {"run scenarios/bank-80-20.toml --seed -3", "ccsim run: error: --seed: -3 is out of range"},
    {"run", "ccsim run: error: missing scenario FILE"},
    {"run a.toml b.toml", "ccsim run: error: too many arguments"},
    {"run scenarios/bank-80-20.toml --threshold 20x", "ccsim run: error: --threshold: unknown unit 'x' in \"20x\""},
    {"run scenarios/bank-80-20.toml --csv /nonexistent/dir/x.csv",
     "ccsim run: error: --csv: cannot write '/nonexistent/dir/x.csv'"},
    {"run scenarios/bank-80-20.toml --out /nonexistent/dir/r.h5",
     "ccsim run: error: --out: cannot write '/nonexistent/dir/r.h5'"},
    {"run scenarios/bank-80-20.toml --csv-intervals /nonexistent/dir/i.csv",
     "ccsim run: error: --csv-intervals: cannot write '/nonexistent/dir/i.csv'"},
    {"run scenarios/bank-80-20.toml --call-log", "ccsim run: error: --call-log needs --out RESULTS.h5"},
    {"compare scenarios/bank-80-20.toml --targets 80/20 --out /nonexistent/dir/c.h5",
     "ccsim compare: error: --out: cannot write '/nonexistent/dir/c.h5'"},
    {"erlang --aht 4m --agents 10", "ccsim erlang: error: missing --rate"},
    {"erlang --rate 3600 --aht 4m --agents 10", "ccsim erlang: error: --rate: missing time unit in rate \"3600\""},
    {"erlang --rate 100/h --aht 4m --agents 0", "ccsim erlang: error: --agents: 0 is out of range"},
    {"erlang --rate 3600/h --aht 4m --agents 10",
     "ccsim erlang: error: offered load 240 erlangs needs more than 10 agents without abandonment"},
    {"erlang --rate 10/h --aht -4m --agents 3", "ccsim erlang: error: --aht: negative duration \"-4m\""},
    {"erlang --rate 1/s --aht 4m --agents 300 --threshold abc",
     "ccsim erlang: error: --threshold: cannot read \"abc\" as a duration"},
    {"frobnicate", "ccsim: error: unknown command 'frobnicate'"},
};
}  // namespace

TEST_CASE("bad scenarios and flags exit 2 with one positioned line") {
  for (const Case& c : kCases) {
    const CliResult r = run_cli(c.args);
    INFO("ccsim " << c.args << "\nstderr: " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.rfind(c.message, 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
  }
}

TEST_CASE("zero agents while calls arrive is allowed, and reported") {
  const CliResult r = run_cli("run scenarios/bank-80-20.toml --replications 3 --set agents.universal.staffing=0");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("note: queue general: no agents on duty in intervals 0-23") != std::string::npos);
  CHECK(r.out.find("SL within 20s (offered)            0.00%") != std::string::npos);
}
