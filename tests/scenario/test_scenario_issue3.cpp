// The scenario keys of issue 3 (shifts and breaks, shrinkage, overtime, skills, wrap-up,
// busy signals, retrials, priority, interval_cv, trace arrivals): exact values, defaults,
// notes, --set, and the trace CSV's own mistakes. The malformed files of
// tests/scenarios/bad/ are checked in tests/scenario/test_scenario_parse.cpp with all the others.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include "tests/support/scenario_test_helpers.hpp"

#include "sim/scenario/scenario.hpp"

using namespace ccsim;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const fs::path kScenarios = fs::path(CCSIM_SOURCE_DIR) / "tests" / "scenarios";

using ccsim::test::sets;
using ccsim::test::thrown;

Scenario every_new_key(const std::vector<Override>& ov = {}) {
  return load_scenario((kScenarios / "every_new_key.toml").string(), ov);
}

// "a" == "b" for doubles where NaN equals NaN (not given in a trace).
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// A scratch folder with a scenario and its trace, removed at the end of the scope.
struct TraceDir {
  fs::path dir = fs::temp_directory_path() / "ccsim_test_scenario_trace";
  TraceDir() { fs::create_directories(dir); }
  ~TraceDir() { fs::remove_all(dir); }
  // Writes calls.csv and s.toml (start 08:00, 2 intervals of 30m, warm-up 10m); loads it.
  Scenario load(const std::string& csv) const {
    std::ofstream(dir / "calls.csv", std::ios::binary) << csv;
    std::ofstream(dir / "s.toml") << R"([scenario]
start = "08:00"
duration = "1h"
warmup = "10m"
[[queue]]
name = "q"
arrivals = { trace = "calls.csv" }
handle_time = { dist = "exponential", mean = 60 }
[[agents]]
name = "a"
serves = "q"
staffing = 1
)";
    return load_scenario((dir / "s.toml").string());
  }
  std::string csv() const { return (dir / "calls.csv").string(); }
};

const std::string kShifts = R"([scenario]
start = "08:00"
[[queue]]
name = "general"
arrivals = { volumes = [10, 10, 10, 10, 10, 10, 10, 10] }
handle_time = { dist = "exponential", mean = "4m" }
[[agents]]
name = "team"
serves = ["general"]
shifts = [{ start = "08:00", length = "2h15m", count = 3 }, { start = "11:30", length = "8h", count = 0 }]
overtime = [0, 0, 0, 0, 0, 0, 2, 0]
)";

}  // namespace

TEST_CASE("every new key parses into exact values", "[scenario][issue3]") {
  const Scenario sc = every_new_key();
  CHECK(sc.intervals == 8);
  CHECK(sc.start == 8 * 3600);
  CHECK(sc.warmup == 900);
  CHECK(sc.notes.empty());
  REQUIRE(sc.queues.size() == 3);

  const QueueSpec& g = sc.queues[0];
  CHECK_FALSE(g.arrivals.trace);
  CHECK(g.arrivals.forecast_cv == Approx(0.05));
  CHECK(g.arrivals.interval_cv == Approx(0.1));
  REQUIRE(g.wrap_up);
  CHECK(g.wrap_up->kind == models::DistKind::fixed);
  CHECK(g.wrap_up->value == 30);
  CHECK(g.capacity == 20);
  REQUIRE(g.retrial);
  CHECK(g.retrial->probability == Approx(0.4));
  CHECK(g.retrial->delay.kind == models::DistKind::exponential);
  CHECK(g.retrial->delay.mean == 300);
  CHECK(g.retrial->max_attempts == 4);
  CHECK(g.retrial->where.line == 18);
  CHECK(g.retrial->where.column == 11);
  CHECK(g.priority == 1);

  const QueueSpec& v = sc.queues[1];
  CHECK(v.arrivals.stationary);
  CHECK(v.arrivals.interval_cv == Approx(0.1));
  CHECK(v.arrivals.forecast_cv == 0);
  CHECK_FALSE(v.wrap_up);
  CHECK(v.capacity == 0);  // nobody may wait: every call finding all agents busy is blocked
  REQUIRE(v.retrial);
  CHECK(v.retrial->probability == 0.5);
  CHECK(v.retrial->delay.kind == models::DistKind::uniform);
  CHECK(v.retrial->delay.min == 60);
  CHECK(v.retrial->delay.max == 180);
  CHECK(v.retrial->max_attempts == 3);  // the default
  CHECK(v.priority == 5);

  const QueueSpec& c = sc.queues[2];
  CHECK(c.priority == -1);
  CHECK_FALSE(c.capacity);
  CHECK_FALSE(c.retrial);
  const Arrivals& a = c.arrivals;
  CHECK(a.trace);
  CHECK_FALSE(a.stationary);
  CHECK(a.volumes.empty());
  CHECK(a.trace_file == "every_new_key_calls.csv");  // as written
  CHECK(a.where.line == 32);
  // Sorted by arrival, stable (the two calls at 08:10:00 keep their file order); clock
  // times relative to scenario.start; empty cells NaN.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<TraceCall> want = {
      {-569.5, nan, 90}, {300, 240, nan}, {600, 300, nan}, {600, 300, 120}, {3600, nan, nan}, {5400, 240, 60},
  };
  REQUIRE(a.trace_calls.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("call " << i);
    CHECK(a.trace_calls[i].arrival == want[i].arrival);
    CHECK(same(a.trace_calls[i].handle, want[i].handle));
    CHECK(same(a.trace_calls[i].patience, want[i].patience));
  }

  REQUIRE(sc.groups.size() == 2);
  const AgentGroupSpec& d = sc.groups[0];
  CHECK(d.staffing.empty());           // staffed by shifts
  CHECK(d.staffing_where.line == 39);  // the shifts value
  REQUIRE(d.shifts.size() == 2);
  CHECK(d.shifts[0].start == -900);  // 07:45, a quarter of an hour before 08:00
  CHECK(d.shifts[0].length == 4 * 3600);
  CHECK(d.shifts[0].count == 6);
  CHECK(d.shifts[0].where.line == 40);
  CHECK(d.shifts[0].where.column == 3);
  REQUIRE(d.shifts[0].breaks.size() == 2);  // sorted by `after`
  CHECK(d.shifts[0].breaks[0].after == 3600);
  CHECK(d.shifts[0].breaks[0].length == 900);
  CHECK(d.shifts[0].breaks[1].after == 7200);
  CHECK(d.shifts[0].breaks[1].length == 1800);
  CHECK(d.shifts[1].start == 3600);  // a TOML local time works too
  CHECK(d.shifts[1].length == 3 * 3600);
  CHECK(d.shifts[1].count == 4);
  CHECK(d.shifts[1].breaks.empty());
  CHECK(d.shrinkage == Approx(0.3));
  CHECK(d.overtime == std::vector<int>{0, 0, 1, 2, 2, 1, 0, 0});
  CHECK(d.overtime_multiplier == 2);
  CHECK(d.efficiency == 0.8);
  CHECK(d.cost_per_hour == 30);
  // One skill per queue named in handle_time or overflow_after, merged, in serves order.
  REQUIRE(d.skills.size() == 3);
  CHECK(d.skills[0].queue == "vip");
  REQUIRE(d.skills[0].handle_time);
  CHECK(d.skills[0].handle_time->kind == models::DistKind::exponential);
  CHECK(d.skills[0].handle_time->mean == 480);
  CHECK(d.skills[0].overflow_after == 0);
  CHECK(d.skills[0].where.line == 51);
  CHECK(d.skills[1].queue == "general");
  CHECK_FALSE(d.skills[1].handle_time);
  CHECK(d.skills[1].overflow_after == 20);
  CHECK(d.skills[1].where.line == 52);
  CHECK(d.skills[2].queue == "callbacks");
  REQUIRE(d.skills[2].handle_time);
  CHECK(d.skills[2].handle_time->kind == models::DistKind::fixed);
  CHECK(d.skills[2].handle_time->value == 240);
  CHECK(d.skills[2].overflow_after == 0);

  const AgentGroupSpec& b = sc.groups[1];
  CHECK(b.shifts.empty());
  CHECK(b.staffing == std::vector<int>(8, 2));
  CHECK(b.overtime == std::vector<int>(8, 1));  // one number for the whole day
  CHECK(b.overtime_multiplier == 1.5);
  CHECK(b.efficiency == 1);
  CHECK(b.shrinkage == 0);
  REQUIRE(b.skills.size() == 2);  // a single overflow_after applies to every served queue
  CHECK(b.skills[0].queue == "general");
  CHECK(b.skills[0].overflow_after == 60);
  CHECK_FALSE(b.skills[0].handle_time);
  CHECK(b.skills[1].queue == "callbacks");
  CHECK(b.skills[1].overflow_after == 60);
  CHECK(b.skills[1].where.line == 59);
}

TEST_CASE("defaults of the new keys", "[scenario][issue3]") {
  const Scenario sc = parse_scenario(R"([[queue]]
name = "q"
arrivals = { volumes = [1, 2] }
handle_time = { dist = "exponential", mean = 60 }
retrial = { probability = 0.2, delay = { dist = "fixed", value = "2m" } }
[[agents]]
name = "a"
serves = "q"
staffing = 1
)",
                                     "mem.toml");
  const QueueSpec& q = sc.queues[0];
  CHECK_FALSE(q.arrivals.trace);
  CHECK(q.arrivals.interval_cv == 0);
  CHECK(q.arrivals.trace_calls.empty());
  CHECK_FALSE(q.wrap_up);
  CHECK_FALSE(q.capacity);
  CHECK(q.priority == 0);
  REQUIRE(q.retrial);
  CHECK(q.retrial->max_attempts == 3);
  const AgentGroupSpec& g = sc.groups[0];
  CHECK(g.shifts.empty());
  CHECK(g.shrinkage == 0);
  CHECK(g.overtime.empty());
  CHECK(g.overtime_multiplier == 1.5);
  CHECK(g.efficiency == 1);
  CHECK(g.skills.empty());
}

TEST_CASE("shifts: coverage for the zero-agents note, the day length comes from elsewhere", "[scenario][issue3]") {
  // Day 08:00-12:00 from the volumes. The first shift covers 08:00-10:15, so interval 4
  // (10:00-10:30) counts as staffed; the second has no agents; overtime staffs interval 6.
  const Scenario sc = parse_scenario(kShifts, "mem.toml");
  CHECK(sc.intervals == 8);
  REQUIRE(sc.notes.size() == 1);
  CHECK(sc.notes[0] ==
        "queue general: no agents on duty in intervals 5 (10:30-11:00), 7 (11:30-12:00) while "
        "calls arrive");
  // Without volumes or duration nothing gives the day's length: shifts do not.
  std::string no_length = kShifts;
  const auto replace = [&](const std::string& from, const std::string& to) {
    no_length.replace(no_length.find(from), from.size(), to);
  };
  replace("volumes = [10, 10, 10, 10, 10, 10, 10, 10]", "rate = \"20/h\"");
  replace("overtime = [0, 0, 0, 0, 0, 0, 2, 0]", "overtime = 1");
  const InputError e = thrown([&] { parse_scenario(no_length, "mem.toml"); });
  CHECK_THAT(e.message(), Contains("cannot tell how long the day is"));
  replace("start = \"08:00\"", "start = \"08:00\"\nduration = \"4h\"");
  const Scenario with_duration = parse_scenario(no_length, "mem.toml");
  CHECK(with_duration.intervals == 8);
  CHECK(with_duration.groups[0].overtime == std::vector<int>(8, 1));
  CHECK(with_duration.groups[0].staffing.empty());
  CHECK(with_duration.notes.empty());  // overtime everywhere
}

TEST_CASE("shifts may start before the day and end after it", "[scenario][issue3]") {
  const Scenario sc = parse_scenario(R"([scenario]
start = "08:00"
duration = "1h"
[[queue]]
name = "q"
arrivals = { rate = "10/h" }
handle_time = { dist = "exponential", mean = 60 }
[[agents]]
name = "a"
serves = "q"
shifts = [{ start = "06:00", length = "2h30m", count = 2, breaks = [{ after = "2h", length = "30m" }] },
          { start = "08:59", length = "8h", count = 1 }]
)",
                                     "mem.toml");
  const auto& s = sc.groups[0].shifts;
  REQUIRE(s.size() == 2);
  CHECK(s[0].start == -7200);
  CHECK(s[0].breaks[0].after + s[0].breaks[0].length == s[0].length);  // may end with the shift
  CHECK(s[1].start == 3540);
  CHECK(sc.notes.empty());
  // A shift that ends exactly at the day's start does not overlap it.
  const InputError e = thrown([] {
    parse_scenario(R"([scenario]
start = "08:00"
duration = "1h"
[[queue]]
name = "q"
arrivals = { rate = "10/h" }
handle_time = { dist = "exponential", mean = 60 }
[[agents]]
name = "a"
serves = "q"
shifts = [{ start = "06:00", length = "2h", count = 2 }]
)",
                   "mem.toml");
  });
  CHECK(e.where().line == 11);
  CHECK(e.where().column == 11);
  CHECK(e.message() == "agents 'a' shifts[0] (06:00 for 2h) does not overlap the day (08:00-09:00)");
}

TEST_CASE("skills: messages for per-queue handle_time and overflow_after", "[scenario][issue3]") {
  const std::string base = R"([[queue]]
name = "general"
arrivals = { volumes = [1] }
handle_time = { dist = "exponential", mean = 60 }
[[queue]]
name = "sales"
arrivals = { volumes = [1] }
handle_time = { dist = "exponential", mean = 60 }
[[agents]]
name = "a"
serves = ["general", "sales"]
staffing = 1
[[agents]]
name = "b"
serves = ["general"]
staffing = 1
)";
  struct Case {
    const char* extra;  // appended to group b
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"handle_time = { sales = { dist = \"fixed\", value = 5 } }", 17,
       "agents 'b' handle_time: queue 'sales' is not served by this group; add it to serves"},
      {"handle_time = { billing = { dist = \"fixed\", value = 5 } }", 17,
       "agents 'b' handle_time names queue 'billing', which this group does not serve; it serves "
       "'general'"},
      {"handle_time = { dist = \"fixed\", value = 5 }", 15,
       "agents 'b' handle_time is per queue: write handle_time = { QUEUE = { dist = ... } }"},
      {"handle_time = { general = { dist = \"fixed\" } }", 27,
       "agents 'b' handle_time.general: a fixed distribution needs 'value'"},
      {"overflow_after = { genral = \"10s\" }", 20, "did you mean 'general'?"},
      {"overflow_after = true", 18, "expected a duration like \"30s\" (for every queue served)"},
      {"overflow_after = \"-5s\"", 18, "agents 'b' overflow_after: negative duration"},
      {"overtime = -1", 12, "agents 'b' overtime must be 0 or more, got -1"},
      {"overtime = [0.5]", 13, "agents 'b' overtime[0]: expected a whole number of agents"},
      {"overtime = \"2\"", 12, "agents 'b' overtime: expected extra agents per interval"},
      {"overtime_multiplier = -1", 23, "agents 'b' overtime_multiplier must be 0 or more"},
      {"shrinkage = \"100%\"", 13, "shrinkage must be less than 1"},
      {"shrinkage = 1.5", 13, "shrinkage: 1.5 is not a fraction between 0 and 1"},
      {"efficiency = -2", 14, "agents 'b' efficiency must be more than 0"},
  };
  for (const Case& c : cases) {
    INFO(c.extra);
    const std::string text = base + c.extra + "\n";
    const InputError e = thrown([&] { parse_scenario(text, "mem.toml"); });
    CHECK(e.where().line == 17);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Contains(c.message));
  }
}

TEST_CASE("shifts and breaks: more mistakes", "[scenario][issue3]") {
  const std::string head = R"([scenario]
start = "08:00"
duration = "1h"
[[queue]]
name = "q"
arrivals = { rate = "10/h" }
handle_time = { dist = "exponential", mean = 60 }
[[agents]]
name = "a"
serves = "q"
)";
  struct Case {
    const char* shifts;  // line 11
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"shifts = []", 10, "agents 'a' shifts is empty"},
      {"shifts = 3", 10, "agents 'a' shifts: expected a list of shifts like [{ start = \"08:00\""},
      {"shifts = [{ length = \"8h\", count = 1 }]", 11, "agents 'a' shifts[0] is missing required key 'start'"},
      {"shifts = [{ start = \"08:00\", count = 1 }]", 11, "shifts[0] is missing required key 'length'"},
      {"shifts = [{ start = \"08:00\", length = \"8h\" }]", 11, "shifts[0] is missing required key 'count'"},
      {"shifts = [{ start = \"08:00\", length = 0, count = 1 }]", 39, "shifts[0].length must be more than 0"},
      {"shifts = [{ start = \"8h\", length = \"8h\", count = 1 }]", 21,
       "shifts[0].start: cannot read \"8h\" as a clock time"},
      {"shifts = [{ start = \"08:00\", length = \"8h\", count = 1.5 }]", 53,
       "shifts[0].count: expected a whole number of agents, got 1.5"},
      {"shifts = [{ start = \"08:00\", length = \"8h\", cuont = 1 }]", 45,
       "unknown key 'cuont' in agents 'a' shifts[0]; did you mean 'count'?"},
      {"shifts = [{ start = \"08:00\", length = \"8h\", count = 1, breaks = [{ after = \"1h\" }] "
       "}]",
       66, "shifts[0].breaks[0] is missing required key 'length'"},
      {"shifts = [{ start = \"08:00\", length = \"8h\", count = 1, breaks = [{ after = \"1h\", "
       "length = 0 }] }]",
       91, "shifts[0].breaks[0].length must be more than 0"},
      {"shifts = [{ start = \"08:00\", length = \"8h\", count = 1, breaks = [{ after = \"1h\", "
       "lenght = \"5m\" }] }]",
       82, "did you mean 'length'?"},
      {"shifts = [{ start = \"08:00\", length = \"8h\", count = 1, breaks = { after = \"1h\", "
       "length = \"5m\" } }]",
       65, "shifts[0].breaks: expected a list of breaks"},
      // Breaks that touch do not overlap; the second of two that do is reported.
      {"shifts = [{ start = \"08:00\", length = \"8h\", count = 1, breaks = [{ after = \"1h\", "
       "length = \"15m\" }, "
       "{ after = \"1h15m\", length = \"15m\" }, { after = \"1h29m\", length = \"1m\" }] }]",
       137, "shifts[0].breaks[2] (1h29m to 1h30m into the shift) overlaps breaks[1] (1h15m to 1h30m)"},
  };
  for (const Case& c : cases) {
    INFO(c.shifts);
    const std::string text = head + c.shifts + "\n";
    const InputError e = thrown([&] { parse_scenario(text, "mem.toml"); });
    CHECK(e.where().line == 11);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Contains(c.message));
  }
}

TEST_CASE("queue keys: more mistakes", "[scenario][issue3]") {
  const std::string head = R"([[queue]]
name = "q"
handle_time = { dist = "exponential", mean = 60 }
)";
  const std::string tail = R"(
[[agents]]
name = "a"
serves = "q"
staffing = [1, 1]
)";
  struct Case {
    const char* line4;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"arrivals = { volumes = [1, 2], interval_cv = \"150%\" }", 46, "percentage \"150%\" is over 100%"},
      {"arrivals = { rate = \"1/h\", interval_cv = true }", 42, "arrivals.interval_cv: expected a number, got true"},
      {"arrivals = { rate = \"1/h\", trace = \"x.csv\" }", 36, "give either 'trace' or 'rate', not both"},
      {"arrivals = { trace = \"x.csv\", volumes = [1, 2] }", 41, "give either 'trace' or 'volumes', not both"},
      {"arrivals = { trace = \"x.csv\", interval_cv = 0.1 }", 45, "arrivals.interval_cv does not apply to a trace"},
      {"arrivals = { trace = 5 }", 22, "arrivals.trace: expected a string in quotes, got 5"},
      {"arrivals = { trace = \"\" }", 22, "arrivals.trace is empty; name a CSV file"},
      {"arrivals = { trce = \"x.csv\" }", 14, "did you mean 'trace'?"},
      {"arrivals = {}", 12, "needs 'volumes' (calls per interval), 'rate' (e.g. \"3600/h\") or 'trace'"},
      {"retrial = 0.5", 11, "queue 'q' retrial: expected a table like { probability = 0.5"},
      {"retrial = { delay = { dist = \"fixed\", value = 60 } }", 11, "retrial is missing required key 'probability'"},
      {"retrial = { probability = \"120%\", delay = { dist = \"fixed\", value = 60 } }", 27,
       "percentage \"120%\" is over 100%"},
      {"retrial = { probability = 0.5, delay = \"5m\" }", 40, "retrial.delay: expected a table like { dist"},
      {"retrial = { probability = 0.5, delay = { dist = \"fixed\", value = 60 }, max_attempts = "
       "1001 }",
       87, "max_attempts must be from 1 to 1000"},
      {"retrial = { probability = 0.5, delay = { dist = \"fixed\", value = 60 }, max_attempts = "
       "2.0 }",
       87, "retrial.max_attempts: expected a whole number, got 2.0"},
      {"wrap_up = \"30s\"", 11, "queue 'q' wrap_up: expected a table like { dist"},
      {"wrap_up = { dist = \"exponential\", mean = 0 }", 42, "wrap_up.mean must be more than 0"},
      {"capacity = \"10\"", 12, "queue 'q' capacity: expected a whole number, got \"10\""},
      {"capacity = 2000000000", 12, "capacity must be at most 1000000000"},
      {"priority = \"high\"", 12, "queue 'q' priority: expected a whole number, got \"high\""},
      {"priority = 2000000", 12, "priority must be from -1000000 to 1000000"},
      {"prority = 2", 1, "unknown key 'prority' in [[queue]] 'q'; did you mean 'priority'?"},
      {"capacty = 2", 1, "did you mean 'capacity'?"},
  };
  for (const Case& c : cases) {
    INFO(c.line4);
    std::string text = head + c.line4 + "\n";
    if (std::string(c.line4).rfind("arrivals", 0) != 0) text += "arrivals = { volumes = [1, 2] }\n";
    text += tail;
    const InputError e = thrown([&] { parse_scenario(text, "dir/mem.toml"); });
    CHECK(e.where().line == 4);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Contains(c.message));
  }
}

TEST_CASE("trace CSV: format and its mistakes at CSVFILE:LINE:COLUMN", "[scenario][issue3]") {
  const TraceDir t;
  SECTION("columns in any order, any case; separators , ; or tab; comments; seconds") {
    const Scenario sc = t.load(
        "\xEF\xBB\xBF# from the switch\r\nPatience;ARRIVAL\t handle_time\r\n\r\n30;-600\t60 # "
        "first\r\n"
        ";0\t\n\"1m\";3599.5\t\"2m\"");  // byte-order mark, CRLF, no newline at the end
    const auto& c = sc.queues[0].arrivals.trace_calls;
    REQUIRE(c.size() == 3);
    CHECK(c[0].arrival == -600);  // exactly at the start of the warm-up
    CHECK(c[0].patience == 30);
    CHECK(c[0].handle == 60);
    CHECK(c[1].arrival == 0);
    CHECK(std::isnan(c[1].patience));
    CHECK(std::isnan(c[1].handle));
    CHECK(c[2].arrival == 3599.5);
    CHECK(c[2].handle == 120);
    CHECK(c[2].patience == 60);
    CHECK(sc.queues[0].arrivals.trace_file == "calls.csv");
    CHECK(sc.notes.empty());
  }
  SECTION("a trace gives the zero-agents note the intervals its calls arrive in") {
    std::ofstream(t.dir / "calls.csv") << "arrival\n08:45:00\n";
    std::ofstream(t.dir / "s.toml") << R"([scenario]
start = "08:00"
[[queue]]
name = "q"
arrivals = { trace = "calls.csv" }
handle_time = { dist = "exponential", mean = 60 }
[[agents]]
name = "a"
serves = "q"
staffing = [0, 0, 1]
)";
    const Scenario sc = load_scenario((t.dir / "s.toml").string());
    CHECK(sc.intervals == 3);  // from the staffing list: a trace does not set it
    REQUIRE(sc.notes.size() == 1);
    CHECK(sc.notes[0] == "queue q: no agents on duty in interval 1 (08:30-09:00) while calls arrive");
  }
  struct Case {
    const char* csv;
    int line;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"08:00:10\n", 1, 1, "the first line must be a header naming the columns"},
      {"arrival,arrival\n1\n", 1, 9, "column 'arrival' appears twice in the header"},
      {"handle_time\n1\n", 1, 1, "the header names no 'arrival' column"},
      {"arrival,,patience\n1,,2\n", 1, 9, "empty column name in the header"},
      {"arrival,when\n1,2\n", 1, 9, "unknown column 'when'; columns are arrival, handle_time, patience"},
      {"arrival,patience\n,5\n", 2, 1, "empty arrival"},
      {"arrival\n08:00:10\n48:00:00\n", 3, 1,
       "bad value \"48:00:00\" in column 'arrival' of queue 'q' arrivals.trace: clock time \"48:00:00\" is out "
       "of range (00:00 to 47:59:59)"},
      {"arrival\n08:03.5\n", 2, 1, "fractions of a second follow the seconds"},
      {"arrival\n8h3\n", 2, 1, "cannot read it as an arrival time"},
      {"arrival\n08:03:1x\n", 2, 1, "cannot read it as a clock time"},
      {"arrival\ninf\n", 2, 1, "cannot read it as an arrival time"},
      {"arrival,patience\n1,2,3\n", 2, 5, "row has 3 columns, but the header names 2"},
      {"arrival,patience\n1, 4hours\n", 2, 4,
       "bad value \"4hours\" in column 'patience' of queue 'q' arrivals.trace: unknown unit "
       "'hours'"},
      {"arrival\n", 0, 0, "holds no calls (only a header)"},
      {"# nothing\n\n", 0, 0, "holds no calls"},
      {"arrival\n07:49:59\n", 2, 1,
       "arrival \"07:49:59\" is before the warm-up starts (07:50: scenario.start minus warmup)"},
      {"arrival\n1\n3600\n", 3, 1, "arrival \"3600\" is at or after the end of the day (09:00: 2 intervals of 30m)"},
      {"arrival\n1\n  \"09:00:00\"  \n", 3, 4, "arrival \"09:00:00\" is at or after the end of the day"},
  };
  for (const Case& c : cases) {
    INFO(c.csv);
    const InputError e = thrown([&] { t.load(c.csv); });
    if (c.line == 0) {  // about the whole file: at the trace key in the scenario
      CHECK(e.where().file == (t.dir / "s.toml").string());
      CHECK(e.where().line == 7);
      CHECK(e.where().column == 22);
    } else {
      CHECK(e.where().file == t.csv());
      CHECK(e.where().line == c.line);
      CHECK(e.where().column == c.column);
    }
    CHECK_THAT(e.message(), Contains(c.message));
  }
}

TEST_CASE("overrides reach the new keys", "[scenario][issue3][set]") {
  const Scenario sc = every_new_key(sets({
      "queue.general.capacity=10",
      "queue.general.priority=2",
      "queue.general.retrial.max_attempts=2",
      "queue.general.wrap_up.value=45s",
      "queue.vip.arrivals.interval_cv=20%",
      "queue.vip.retrial={ probability = 0.1, delay = { dist = \"fixed\", value = \"1m\" } }",
      "agents.day team.shrinkage=0.3",
      "agents.day team.efficiency=1.25",
      "agents.day team.overtime=3",
      "agents.day team.overtime_multiplier=1.75",
      "agents.day team.handle_time.vip.mean=7m",
      "agents.day team.overflow_after.general=45s",
      "agents.backup.overflow_after={ callbacks = \"2m\" }",
  }));
  const QueueSpec& g = sc.queues[0];
  CHECK(g.capacity == 10);
  CHECK(g.priority == 2);
  CHECK(g.retrial->max_attempts == 2);
  CHECK(g.retrial->probability == Approx(0.4));
  CHECK(g.wrap_up->value == 45);
  CHECK(sc.queues[1].arrivals.interval_cv == Approx(0.2));
  CHECK(sc.queues[1].retrial->probability == Approx(0.1));
  CHECK(sc.queues[1].retrial->max_attempts == 3);
  CHECK(sc.queues[1].retrial->where.file == "--set");
  const AgentGroupSpec& d = sc.groups[0];
  CHECK(d.shrinkage == Approx(0.3));
  CHECK(d.efficiency == 1.25);
  CHECK(d.overtime == std::vector<int>(8, 3));
  CHECK(d.overtime_multiplier == 1.75);
  CHECK(d.skills[0].handle_time->mean == 420);
  CHECK(d.skills[1].overflow_after == 45);
  REQUIRE(sc.groups[1].skills.size() == 1);
  CHECK(sc.groups[1].skills[0].queue == "callbacks");
  CHECK(sc.groups[1].skills[0].overflow_after == 120);
}

TEST_CASE("overrides of staffing or shifts, and of an arrival source, replace the other", "[scenario][issue3][set]") {
  const Scenario sc = every_new_key(sets({
      "agents.day team.staffing=5",
      "agents.backup.shifts=[{ start = \"10:00\", length = \"2h\", count = 3 }]",
      "queue.callbacks.arrivals.rate=60/h",
  }));
  CHECK(sc.groups[0].shifts.empty());
  CHECK(sc.groups[0].staffing == std::vector<int>(8, 5));
  CHECK(sc.groups[1].staffing.empty());
  REQUIRE(sc.groups[1].shifts.size() == 1);
  CHECK(sc.groups[1].shifts[0].start == 7200);
  CHECK(sc.groups[1].shifts[0].where.file == "--set");
  CHECK(sc.queues[2].arrivals.stationary);
  CHECK_FALSE(sc.queues[2].arrivals.trace);
  CHECK(sc.queues[2].arrivals.rate == Approx(1.0 / 60));

  // A trace set on the command line is read relative to the scenario's folder, like file=.
  const Scenario traced =
      every_new_key(sets({"queue.general.arrivals.trace=every_new_key_calls.csv",
                          "queue.general.arrivals.forecast_cv=0", "queue.general.arrivals.interval_cv=0"}));
  CHECK(traced.queues[0].arrivals.trace);
  CHECK(traced.queues[0].arrivals.volumes.empty());
  CHECK(traced.queues[0].arrivals.trace_calls.size() == 6);
  // ...but forecast_cv left in the file still does not go with it.
  const InputError e = thrown([] { every_new_key(sets({"queue.general.arrivals.trace=every_new_key_calls.csv"})); });
  CHECK_THAT(e.message(), Contains("arrivals.forecast_cv does not apply to a trace"));
}

TEST_CASE("bad overrides of the new keys are reported at --set", "[scenario][issue3][set]") {
  struct Case {
    const char* arg;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"queue.general.capacity=-1", 24, "queue 'general' capacity must be 0 or more"},
      {"queue.general.capacity=2.5", 24, "capacity: expected a whole number, got 2.5"},
      {"queue.general.priority=high", 24, "priority: expected a whole number, got \"high\""},
      {"queue.general.retrial.probability=1.5", 35, "retrial.probability: 1.5 is not a fraction"},
      {"queue.general.retrial.max_attempts=0", 36, "max_attempts must be from 1 to 1000"},
      {"agents.day team.shrinkage=100%", 27, "shrinkage must be less than 1"},
      {"agents.day team.efficiency=0", 28, "efficiency must be more than 0"},
      {"agents.day team.overtime=[1, 2]", 26, "overtime has 2 values, but the day has 8 intervals"},
      {"agents.day team.handle_time.genral={ dist = \"fixed\", value = 1 }", 29,
       "names queue 'genral', which this group does not serve; did you mean 'general'?"},
      {"agents.day team.overflow_after.vip=-1", 36, "overflow_after.vip: negative duration -1"},
      {"agents.day team.shifts=[]", 24, "agents 'day team' shifts is empty"},
      {"queue.vip.arrivals.interval_cv=-0.5", 32, "arrivals.interval_cv must be 0 or more"},
      {"queue.callbacks.arrivals.trace=nope.csv", 32, "arrivals.trace: cannot read file"},
  };
  // A trace set on a queue whose file gives interval_cv: the error is at the file's key.
  const InputError cv = thrown([] { every_new_key(sets({"queue.vip.arrivals.trace=every_new_key_calls.csv"})); });
  CHECK(cv.where().line == 24);
  CHECK(cv.where().column == 43);
  CHECK_THAT(cv.message(), Contains("arrivals.interval_cv does not apply to a trace"));
  for (const Case& c : cases) {
    INFO(c.arg);
    const InputError e = thrown([&] { every_new_key(sets({c.arg})); });
    CHECK(e.where().file == "--set");
    CHECK(e.where().line == 1);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Contains(c.message));
  }
}
