// Units as planners write them: every accepted form, and the reasons given for rejects.
#include <catch2/catch.hpp>

#include "models/units.hpp"

using namespace ccsim::models;
using Catch::Matchers::Contains;

namespace {

// The reason a parse fails, or "" when it unexpectedly succeeds.
template <class F>
std::string why_not(F parse, std::string_view text) {
  std::string why;
  return parse(text, &why) ? std::string() : why;
}

}  // namespace

TEST_CASE("durations in every unit", "[units]") {
  CHECK(parse_duration("20s") == Approx(20));
  CHECK(parse_duration("4m") == Approx(240));
  CHECK(parse_duration("4min") == Approx(240));
  CHECK(parse_duration("90min") == Approx(5400));
  CHECK(parse_duration("1h30m") == Approx(5400));
  CHECK(parse_duration("1h 30m") == Approx(5400));
  CHECK(parse_duration("1.5h") == Approx(5400));
  CHECK(parse_duration("250ms") == Approx(0.25));
  CHECK(parse_duration("2d") == Approx(172800));
  CHECK(parse_duration("1m30s") == Approx(90));
  CHECK(parse_duration("1h1m1s") == Approx(3661));
  CHECK(parse_duration("20 s") == Approx(20));
  CHECK(parse_duration(" 10S ") == Approx(10));
  CHECK(parse_duration(".5s") == Approx(0.5));
  CHECK(parse_duration("1e2s") == Approx(100));
  CHECK(parse_duration("0s") == Approx(0));
}

TEST_CASE("a bare number is seconds", "[units]") {
  CHECK(parse_duration("45") == Approx(45));
  CHECK(parse_duration("2.5") == Approx(2.5));
  CHECK(parse_duration("0") == Approx(0));
}

TEST_CASE("bad durations say why", "[units]") {
  CHECK_THAT(why_not(parse_duration, "-5s"), Contains("negative duration \"-5s\""));
  CHECK_THAT(why_not(parse_duration, "-5"), Contains("negative"));
  CHECK(why_not(parse_duration, "4hours") == "unknown unit 'hours' in \"4hours\"; use ms, s, m/min, h, d");
  CHECK_THAT(why_not(parse_duration, "20 sec"), Contains("unknown unit 'sec'"));
  CHECK_THAT(why_not(parse_duration, "1h30"), Contains("missing unit after '30'"));
  CHECK_THAT(why_not(parse_duration, "abc"), Contains("cannot read \"abc\" as a duration"));
  CHECK_THAT(why_not(parse_duration, ""), Contains("empty duration"));
  CHECK_THAT(why_not(parse_duration, "5%"), Contains("unexpected '%'"));
  CHECK_THAT(why_not(parse_duration, "inf"), Contains("cannot read"));
  CHECK_THAT(why_not(parse_duration, "nan s"), Contains("cannot read"));
  CHECK_THAT(why_not(parse_duration, "1e400s"), Contains("too large"));
  CHECK(!parse_duration("s"));
  CHECK(!parse_duration("1h-30m"));
}

TEST_CASE("rates in calls per second", "[units]") {
  CHECK(parse_rate("3600/h") == Approx(1));
  CHECK(parse_rate("1/s") == Approx(1));
  CHECK(parse_rate("60/min") == Approx(1));
  CHECK(parse_rate("60/m") == Approx(1));
  CHECK(parse_rate("1000/d") == Approx(1000.0 / 86400));
  CHECK(parse_rate("0/h") == Approx(0));
  CHECK(parse_rate("120 / 30m") == Approx(120.0 / 1800));
  CHECK(parse_rate("2.5/s") == Approx(2.5));
}

TEST_CASE("bad rates say why", "[units]") {
  CHECK_THAT(why_not(parse_rate, "3600"), Contains("missing time unit"));
  CHECK_THAT(why_not(parse_rate, "3600/hour"), Contains("unknown unit 'hour'"));
  CHECK_THAT(why_not(parse_rate, "-1/s"), Contains("negative rate"));
  CHECK_THAT(why_not(parse_rate, "x/s"), Contains("cannot read \"x/s\" as a rate"));
  CHECK_THAT(why_not(parse_rate, "5/0s"), Contains("must be more than 0"));
  CHECK_THAT(why_not(parse_rate, "5/"), Contains("cannot read the time"));
}

TEST_CASE("percentages", "[units]") {
  CHECK(parse_percent("5%") == Approx(0.05));
  CHECK(parse_percent("12.5 %") == Approx(0.125));
  CHECK(parse_percent("100%") == Approx(1));
  CHECK(parse_percent("0%") == Approx(0));
  CHECK_THAT(why_not(parse_percent, "150%"), Contains("over 100%"));
  CHECK_THAT(why_not(parse_percent, "-5%"), Contains("negative"));
  CHECK_THAT(why_not(parse_percent, "5"), Contains("expected a percentage"));
  CHECK_THAT(why_not(parse_percent, "x%"), Contains("cannot read"));
}

TEST_CASE("clock times", "[units]") {
  CHECK(parse_clock("08:00") == Approx(8 * 3600));
  CHECK(parse_clock("8:30") == Approx(8.5 * 3600));
  CHECK(parse_clock("08:00:30") == Approx(8 * 3600 + 30));
  CHECK(parse_clock("00:00") == Approx(0));
  CHECK(parse_clock("24:00") == Approx(86400));
  CHECK_THAT(why_not(parse_clock, "48:00"), Contains("out of range"));  // past midnight: test_model_clock
  CHECK_THAT(why_not(parse_clock, "24:60"), Contains("out of range"));
  CHECK_THAT(why_not(parse_clock, "08:60"), Contains("out of range"));
  CHECK_THAT(why_not(parse_clock, "8h"), Contains("as a clock time"));
  CHECK(!parse_clock("08"));
  CHECK(!parse_clock("08:0"));
  CHECK(!parse_clock("08:00:00:00"));
  CHECK(!parse_clock("-1:00"));
  CHECK(!parse_clock(""));
}

TEST_CASE("format_duration is short and round-trips", "[units]") {
  CHECK(format_duration(20) == "20s");
  CHECK(format_duration(1800) == "30m");
  CHECK(format_duration(5400) == "1h30m");
  CHECK(format_duration(0.5) == "0.5s");
  CHECK(format_duration(0.25) == "0.25s");
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(90) == "1m30s");
  CHECK(format_duration(3600) == "1h");
  CHECK(format_duration(36000) == "10h");
  CHECK(format_duration(59.9999) == "1m");
  CHECK(format_duration(-20) == "-20s");
  for (double s : {0.0, 0.5, 20.0, 90.0, 1800.0, 5400.0, 3661.0, 86400.0, 100000.125}) {
    CHECK(parse_duration(format_duration(s)) == Approx(s));
  }
}

TEST_CASE("format_clock", "[units]") {
  CHECK(format_clock(8 * 3600) == "08:00");
  CHECK(format_clock(8 * 3600 + 30) == "08:00:30");
  CHECK(format_clock(9.5 * 3600) == "09:30");
  CHECK(format_clock(0) == "00:00");
  CHECK(format_clock(86400) == "00:00");      // labels wrap at midnight (test_model_clock)
  CHECK(format_clock_end(86400) == "24:00");  // but a span ends at 24:00
  CHECK(format_clock(25.5 * 3600) == "01:30");
}
