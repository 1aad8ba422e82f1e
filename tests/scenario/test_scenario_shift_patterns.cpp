// The `shift_patterns` key of [[agents]] (the shifts `ccsim staff --shifts` may use): exact
// values, one pattern per start, breaks as for shifts, max_count, --set, and mistakes that
// need no file of their own. The malformed files of tests/scenarios/bad/pattern_*.toml are
// checked in tests/scenario/test_scenario_parse.cpp with all the others.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "tests/support/scenario_test_helpers.hpp"

using namespace ccsim;
using Catch::Matchers::Contains;
using ccsim::test::sets;
using ccsim::test::thrown;

namespace {

// A day 08:00-18:00 in 1-hour intervals; `agents_extra` is appended to the one group.
std::string day(const std::string& agents_extra) {
  return R"(
[scenario]
interval = "1h"
start = "08:00"
duration = "10h"

[[queue]]
name = "general"
arrivals = { rate = "100/h" }
handle_time = { dist = "exponential", mean = "4m" }

[[agents]]
name = "team"
serves = ["general"]
staffing = 5
)" + agents_extra +
         "\n";
}

Scenario parse(const std::string& agents_extra, const std::vector<Override>& ov = {}) {
  return parse_scenario(day(agents_extra), "day.toml", ov);
}

}  // namespace

TEST_CASE("shift_patterns: one pattern per start, with breaks and max_count", "[scenario][patterns]") {
  const Scenario sc = parse(R"(shift_patterns = [
  { start = ["07:00", "08:00", 09:00:00], length = "8h", breaks = [
    { after = "4h", length = "30m" },
    { after = "2h", length = "15m" },
  ] },
  { start = "12:00", length = "4h", max_count = 3 },
])");
  REQUIRE(sc.groups.size() == 1);
  const AgentGroupSpec& g = sc.groups[0];
  CHECK(g.staffing == std::vector<int>(10, 5));  // the plan `ccsim run` uses is unchanged
  CHECK(g.shifts.empty());
  REQUIRE(g.shift_patterns.size() == 4);
  const double starts[] = {-3600, 0, 3600, 4 * 3600};
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(i);
    const ShiftPattern& p = g.shift_patterns[i];
    CHECK(p.start == starts[i]);
    CHECK(p.length == (i < 3 ? 8 * 3600 : 4 * 3600));
    CHECK(p.max_count == (i < 3 ? -1 : 3));
    CHECK(p.where.file == "day.toml");
  }
  // Breaks sorted by `after`, shared by every start of the entry.
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& b = g.shift_patterns[i].breaks;
    REQUIRE(b.size() == 2);
    CHECK(b[0].after == 7200);
    CHECK(b[0].length == 900);
    CHECK(b[1].after == 4 * 3600);
    CHECK(b[1].length == 1800);
  }
  CHECK(g.shift_patterns[3].breaks.empty());
  // Each pattern points at its own start.
  CHECK(g.shift_patterns[0].where.line == 17);
  CHECK(g.shift_patterns[0].where.column == 14);
  CHECK(g.shift_patterns[1].where.line == 17);
  CHECK(g.shift_patterns[1].where.column == 23);
  CHECK(g.shift_patterns[2].where.column == 32);
  CHECK(g.shift_patterns[3].where.line == 21);
}

TEST_CASE("shift_patterns go with staffing or shifts, and are optional", "[scenario][patterns]") {
  CHECK(parse("").groups[0].shift_patterns.empty());
  const Scenario with_shifts = parse_scenario(
      R"(
[scenario]
interval = "1h"
start = "08:00"
duration = "10h"
[[queue]]
name = "general"
arrivals = { rate = "100/h" }
handle_time = { dist = "exponential", mean = "4m" }
[[agents]]
name = "team"
serves = ["general"]
shifts = [{ start = "08:00", length = "10h", count = 4 }]
shift_patterns = [{ start = "10:00", length = "6h", max_count = 0 }]
)",
      "day.toml");
  const AgentGroupSpec& g = with_shifts.groups[0];
  REQUIRE(g.shifts.size() == 1);
  REQUIRE(g.shift_patterns.size() == 1);
  CHECK(g.shift_patterns[0].start == 7200);
  CHECK(g.shift_patterns[0].max_count == 0);
  // A pattern may start before the day or end after it, as long as it overlaps it.
  const Scenario edge = parse(R"(shift_patterns = [{ start = ["04:00", "17:30"], length = "4h01m" }])");
  CHECK(edge.groups[0].shift_patterns.size() == 2);
}

TEST_CASE("shift_patterns can be set from the command line", "[scenario][patterns][set]") {
  const Scenario sc = parse(R"(shift_patterns = [{ start = "08:00", length = "8h" }])",
                            sets({"agents.team.shift_patterns=[{ start = [\"09:00\", \"10:00\"], length = \"6h\", "
                                  "max_count = 2 }]"}));
  const AgentGroupSpec& g = sc.groups[0];
  REQUIRE(g.shift_patterns.size() == 2);
  CHECK(g.shift_patterns[0].start == 3600);
  CHECK(g.shift_patterns[1].start == 7200);
  CHECK(g.shift_patterns[1].max_count == 2);
  CHECK(g.shift_patterns[1].where.file == "--set");
  CHECK(g.staffing == std::vector<int>(10, 5));  // not an alternative to staffing: both stay
  // A mistake in a value given with --set is located in the argument.
  const InputError e = thrown([] {
    parse("", sets({"agents.team.shift_patterns=[{ start = \"08:00\", length = \"1h\", "
                    "max_count = -2 }]"}));
  });
  CHECK(e.where().file == "--set");
  CHECK(e.where().column == 75);  // the -2
  CHECK_THAT(e.message(), Contains("agents 'team' shift_patterns[0].max_count must be 0 or more"));
}

TEST_CASE("shift_patterns mistakes are reported at the value", "[scenario][patterns]") {
  struct Case {
    const char* extra;
    int line;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {R"(shift_patterns = { start = "08:00", length = "8h" })", 16, 18,
       "agents 'team' shift_patterns: expected a list of shift patterns like"},
      {R"(shift_patterns = [])", 16, 18, "agents 'team' shift_patterns is empty; give at least one"},
      {R"(shift_patterns = ["08:00"])", 16, 19, "agents 'team' shift_patterns[0]"},
      {R"(shift_patterns = [{ length = "8h" }])", 16, 19,
       "agents 'team' shift_patterns[0] is missing required key 'start' (a clock time or a list of them)"},
      {R"(shift_patterns = [{ start = [], length = "8h" }])", 16, 29, "agents 'team' shift_patterns[0].start is empty"},
      {R"(shift_patterns = [{ start = 8, length = "8h" }])", 16, 29,
       "agents 'team' shift_patterns[0].start: expected a clock time like \"08:00\", got 8"},
      {R"(shift_patterns = [{ start = "08:00", length = "0s" }])", 16, 47,
       "agents 'team' shift_patterns[0].length must be more than 0"},
      {R"(shift_patterns = [{ start = "08:00", length = "4h", max_count = 1.5 }])", 16, 65,
       "agents 'team' shift_patterns[0].max_count: expected a whole number of agents, got 1.5"},
      {R"(shift_patterns = [{ start = "08:00", length = "4h", breaks = [{ after = "3h50m", length = "15m" }] }])", 16,
       73, "shift_patterns[0].breaks[0]: the break ends after the shift (after 3h50m + 15m"},
      {R"(shift_patterns = [{ start = "08:00", length = "4h", breaks = [{ after = "1h", length = "-15m" }] }])", 16, 88,
       "agents 'team' shift_patterns[0].breaks[0].length: negative duration \"-15m\""},
      {R"(shift_patterns = [{ start = "08:00", lenght = "4h" }])", 16, 38,
       "unknown key 'lenght' in agents 'team' shift_patterns[0]; did you mean 'length'?"},
      {R"(shift_patterns = [{ start = "03:00", length = "5h" }])", 16, 29,
       "agents 'team' shift_patterns[0].start (03:00 for 5h) does not overlap the day (08:00-18:00)"},
      {R"(shift_pattern = [{ start = "08:00", length = "5h" }])", 16, 1,
       "unknown key 'shift_pattern' in [[agents]] 'team'; did you mean 'shift_patterns'?"},
  };
  for (const Case& c : cases) {
    INFO(c.extra);
    const InputError e = thrown([&] { parse(c.extra); });
    CHECK(e.where().file == "day.toml");
    CHECK(e.where().line == c.line);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Contains(c.message));
  }
}
