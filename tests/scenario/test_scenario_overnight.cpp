// Days that cross midnight: a day from 22:00 to 06:00 reads a shift at "02:00", "26:00" or
// "02:00+1" as the same 02:00 after midnight, keeps a time that only fits before the day on
// the start's day, and refuses times outside the day with the day shown as "22:00-06:00+1".
#include <catch2/catch.hpp>

#include "tests/support/scenario_test_helpers.hpp"

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/scenario.hpp"

using namespace ccsim;
using Catch::Matchers::Contains;
using ccsim::test::thrown;
namespace fs = std::filesystem;

namespace {

constexpr double kH = 3600;

// A night desk, 22:00 for 8 hours (to 06:00 the next day); `shifts` and `extra` go into
// its one agent group.
std::string night(const std::string& shifts, const std::string& extra = "", const std::string& start = "\"22:00\"") {
  return "[scenario]\nname = \"night\"\ninterval = \"30m\"\nstart = " + start +
         "\nduration = \"8h\"\n\n"
         "[[queue]]\nname = \"q\"\narrivals = { rate = \"20/h\" }\n"
         "handle_time = { dist = \"exponential\", mean = \"5m\" }\n\n"
         "[[agents]]\nname = \"desk\"\nserves = [\"q\"]\nshifts = " +
         shifts + "\n" + extra;
}

Scenario parse(const std::string& text) { return parse_scenario(text, "night.toml"); }

double first_shift_start(const std::string& start) {
  return parse(night("[{ start = " + start + ", length = \"4h\", count = 2 }]")).groups[0].shifts[0].start;
}

}  // namespace

TEST_CASE("02:00, 26:00, 02:00+1 and a TOML 02:00:00 are the same shift in a day from 22:00", "[scenario][clock]") {
  // Seconds after the day's start: 02:00 the next day is 4 hours in.
  for (const char* s : {"\"02:00\"", "\"26:00\"", "\"02:00+1\"", "\"2:00\"", "02:00:00"}) {
    INFO(s);
    CHECK(first_shift_start(s) == Approx(4 * kH));
  }
  // The whole schedule is the same, breaks included.
  const std::string breaks = ", length = \"6h\", count = 3, breaks = [{ after = \"2h\", length = \"30m\" }] }]";
  const Scenario a = parse(night("[{ start = \"23:00\", length = \"8h\", count = 4 }, { start = \"02:00\"" + breaks));
  const Scenario b = parse(night("[{ start = \"23:00\", length = \"8h\", count = 4 }, { start = \"26:00\"" + breaks));
  const Scenario c = parse(night("[{ start = \"23:00\", length = \"8h\", count = 4 }, { start = \"02:00+1\"" + breaks));
  for (const Scenario* s : {&b, &c}) {
    REQUIRE(s->groups[0].shifts.size() == 2);
    for (std::size_t j = 0; j < 2; ++j) {
      const Shift& x = a.groups[0].shifts[j];
      const Shift& y = s->groups[0].shifts[j];
      CHECK(x.start == y.start);
      CHECK(x.length == y.length);
      CHECK(x.count == y.count);
      REQUIRE(x.breaks.size() == y.breaks.size());
      for (std::size_t k = 0; k < x.breaks.size(); ++k) {
        CHECK(x.breaks[k].after == y.breaks[k].after);
        CHECK(x.breaks[k].length == y.breaks[k].length);
      }
    }
  }
  CHECK(a.groups[0].shifts[0].start == Approx(1 * kH));
}

TEST_CASE("the next-day rule: only a plain time earlier than the start that then falls in the day moves",
          "[scenario][clock]") {
  CHECK(first_shift_start("\"22:00\"") == Approx(0));
  CHECK(first_shift_start("\"23:30\"") == Approx(1.5 * kH));
  CHECK(first_shift_start("\"00:00\"") == Approx(2 * kH));
  CHECK(first_shift_start("\"05:59\"") == Approx(8 * kH - 60));
  // Before the day, on the start's day: it cannot be in the day tomorrow (21:30+1 is past 06:00).
  CHECK(first_shift_start("\"21:30\"") == Approx(-0.5 * kH));
  CHECK(first_shift_start("\"19:00\"") == Approx(-3 * kH));
  // A long shift from noon runs into the night on the start's day: it stays there.
  CHECK(parse(night("[{ start = \"12:00\", length = \"11h\", count = 2 }]")).groups[0].shifts[0].start ==
        Approx(-10 * kH));
  // "+0" says the start's day, as written: 04:00 today, 18 hours before the day.
  const InputError e = thrown([] { first_shift_start("\"04:00+0\""); });
  CHECK_THAT(e.message(), Contains("shifts[0] (04:00 for 4h) does not overlap the day (22:00-06:00+1)"));
  // A day that does not cross midnight reads every time on its own day, as always.
  const Scenario day = parse_scenario(
      night("[{ start = \"02:00\", length = \"8h\", count = 2 }, { start = \"12:00\", length = \"4h\", count = 2 }]",
            "", "\"08:00\""),
      "day.toml");
  CHECK(day.groups[0].shifts[0].start == Approx(-6 * kH));
  // A day starting at midnight that runs past the next: "02:00" is the first 02:00.
  std::string long_day = night("[{ start = \"02:00\", length = \"4h\", count = 2 }]", "", "\"00:00\"");
  long_day.replace(long_day.find("duration = \"8h\""), 16, "duration = \"30h\"");
  const Scenario from_midnight = parse_scenario(long_day, "long.toml");
  CHECK(from_midnight.groups[0].shifts[0].start == Approx(2 * kH));
}

TEST_CASE("shift pattern starts follow the same rule", "[scenario][clock]") {
  const Scenario s = parse(night("[{ start = \"22:00\", length = \"8h\", count = 4 }]",
                                 "shift_patterns = [{ start = [\"21:00\", \"00:00\", \"02:00\", \"26:00\", "
                                 "\"02:00+1\", 03:30:00], length = \"4h\" }]\n"));
  const auto& p = s.groups[0].shift_patterns;
  REQUIRE(p.size() == 6);
  CHECK(p[0].start == Approx(-1 * kH));
  CHECK(p[1].start == Approx(2 * kH));
  CHECK(p[2].start == Approx(4 * kH));
  CHECK(p[3].start == Approx(4 * kH));
  CHECK(p[4].start == Approx(4 * kH));
  CHECK(p[5].start == Approx(5.5 * kH));
}

TEST_CASE("trace arrivals after midnight: plain, +1 and hours past 24", "[scenario][clock]") {
  const fs::path dir = fs::temp_directory_path() / "ccsim_test_overnight_trace";
  fs::create_directories(dir);
  std::ofstream(dir / "calls.csv") << "arrival\n21:45:00\n22:00:10\n02:00:10\n02:00:10.5+1\n26:00:11\n05:59:59\n";
  const std::string text =
      "[scenario]\ninterval = \"30m\"\nstart = \"22:00\"\nduration = \"8h\"\nwarmup = \"30m\"\n"
      "[[queue]]\nname = \"q\"\narrivals = { trace = \"calls.csv\" }\n"
      "handle_time = { dist = \"exponential\", mean = \"5m\" }\n"
      "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = 2\n";
  const Scenario s = parse_scenario(text, (dir / "night.toml").string());
  const auto& calls = s.queues[0].arrivals.trace_calls;
  REQUIRE(calls.size() == 6);
  CHECK(calls[0].arrival == Approx(-15 * 60));  // in the warm-up, before the day
  CHECK(calls[1].arrival == Approx(10));
  CHECK(calls[2].arrival == Approx(4 * kH + 10));
  CHECK(calls[3].arrival == Approx(4 * kH + 10.5));
  CHECK(calls[4].arrival == Approx(4 * kH + 11));
  CHECK(calls[5].arrival == Approx(8 * kH - 1));

  // After the day, and past the warm-up: the messages place the times with their day.
  std::ofstream(dir / "late.csv") << "arrival\n06:00:00\n";
  std::string late = text;
  late.replace(late.find("calls.csv"), 9, "late.csv");
  InputError e = thrown([&] { parse_scenario(late, (dir / "night.toml").string()); });
  CHECK(e.where().line == 2);
  CHECK_THAT(e.message(), Contains("arrival \"06:00:00\" is at or after the end of the day (06:00+1: 16 intervals"));
  std::ofstream(dir / "early.csv") << "arrival\n21:00:00\n";
  std::string early = text;
  early.replace(early.find("calls.csv"), 9, "early.csv");
  e = thrown([&] { parse_scenario(early, (dir / "night.toml").string()); });
  CHECK_THAT(e.message(), Contains("arrival \"21:00:00\" is before the warm-up starts (21:30"));
  std::ofstream(dir / "bad.csv") << "arrival\n02:00:00+9\n";
  std::string bad = text;
  bad.replace(bad.find("calls.csv"), 9, "bad.csv");
  e = thrown([&] { parse_scenario(bad, (dir / "night.toml").string()); });
  CHECK_THAT(e.message(), Contains("the day after '+' runs from +0 to +6"));
  fs::remove_all(dir);
}

TEST_CASE("clock times outside the overnight day, and durations for clock times, are refused where written",
          "[scenario][clock]") {
  struct Case {
    std::string shifts;
    int column;
    std::string message;
  };
  const Case cases[] = {
      {"[{ start = \"07:00\", length = \"1h\", count = 2 }]", 11,
       "agents 'desk' shifts[0] (07:00+1 for 1h) does not overlap the day (22:00-06:00+1)"},
      // Outside either way and nearer the day on the start's day: named on that day.
      {"[{ start = \"20:00\", length = \"1h\", count = 2 }]", 11,
       "agents 'desk' shifts[0] (20:00 for 1h) does not overlap the day (22:00-06:00+1)"},
      {"[{ start = \"07:00+1\", length = \"1h\", count = 2 }]", 11,
       "agents 'desk' shifts[0] (07:00+1 for 1h) does not overlap the day (22:00-06:00+1)"},
      {"[{ start = \"30:00\", length = \"1h\", count = 2 }]", 11,
       "agents 'desk' shifts[0] (06:00+1 for 1h) does not overlap the day (22:00-06:00+1)"},
      {"[{ start = \"25:61\", length = \"1h\", count = 2 }]", 21,
       "agents 'desk' shifts[0].start: clock time \"25:61\" is out of range: minutes and seconds run from 00 to 59"},
      {"[{ start = \"48:00\", length = \"1h\", count = 2 }]", 21,
       "clock time \"48:00\" is out of range (00:00 to 47:59:59)"},
      {"[{ start = \"4h\", length = \"1h\", count = 2 }]", 21,
       "agents 'desk' shifts[0].start: cannot read \"4h\" as a clock time: it is a duration (4h); write a clock "
       "time such as \"02:00\" or \"02:00+1\""},
      {"[{ start = 14400, length = \"1h\", count = 2 }]", 21,
       "agents 'desk' shifts[0].start: expected a clock time like \"08:00\", got 14400; write a clock time such as "
       "\"02:00\" or \"02:00+1\""},
  };
  for (const Case& c : cases) {
    INFO(c.shifts);
    const InputError e = thrown([&] { parse(night(c.shifts)); });
    CHECK(e.where().file == "night.toml");
    CHECK(e.where().line == 15);
    CHECK(e.where().column == c.column);
    CHECK_THAT(e.message(), Contains(c.message));
  }
  // scenario.start itself: a duration is refused with the same hint.
  const InputError e =
      thrown([] { parse(night("[{ start = \"22:00\", length = \"8h\", count = 2 }]", "", "\"22h\"")); });
  CHECK(e.where().line == 4);
  CHECK_THAT(e.message(), Contains("scenario.start: cannot read \"22h\" as a clock time: it is a duration (22h)"));
}

TEST_CASE("notes label intervals as reports do: wrapped, a span ending at midnight ends 24:00", "[scenario][clock]") {
  // Nobody on duty from 23:00 to 24:00 and from 04:00 to 06:00.
  const Scenario s = parse(
      night("[{ start = \"22:00\", length = \"1h\", count = 2 }, { start = \"00:00\", length = \"4h\", count = 2 }]"));
  REQUIRE(s.notes.size() == 1);
  CHECK(s.notes[0] ==
        "queue q: no agents on duty in intervals 2-3 (23:00-24:00), 12-15 (04:00-06:00) while calls arrive");
  // A day ending at midnight keeps its "24:00".
  std::string evening = night("[{ start = \"16:00\", length = \"7h\", count = 2 }]", "", "\"16:00\"");
  const Scenario e = parse(evening);
  REQUIRE(e.notes.size() == 1);
  CHECK(e.notes[0] == "queue q: no agents on duty in intervals 14-15 (23:00-24:00) while calls arrive");
}
