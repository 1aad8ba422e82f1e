// Clock times past midnight (a day from 22:00 to 06:00): "26:00" and "02:00+1" read as
// 02:00 the next day, bad forms are refused with a reason, and labels wrap at midnight.
#include <catch2/catch.hpp>

#include "models/units.hpp"

using namespace ccsim::models;
using Catch::Matchers::Contains;

namespace {

std::string why_not(std::string_view text) {
  std::string why;
  return parse_clock_time(text, &why) ? std::string() : why;
}

constexpr double kH = 3600;

}  // namespace

TEST_CASE("clock times after midnight: hours up to 47 and a day suffix", "[units][clock]") {
  CHECK(parse_clock("26:00") == Approx(26 * kH));
  CHECK(parse_clock("02:00+1") == Approx(26 * kH));
  CHECK(parse_clock("2:00+1") == Approx(26 * kH));
  CHECK(parse_clock("02:00+0") == Approx(2 * kH));
  CHECK(parse_clock("02:00:30+1") == Approx(26 * kH + 30));
  CHECK(parse_clock("23:59:59") == Approx(24 * kH - 1));
  CHECK(parse_clock("47:59:59") == Approx(48 * kH - 1));
  CHECK(parse_clock("00:00+2") == Approx(48 * kH));
  CHECK(parse_clock("23:00+6") == Approx(6 * 24 * kH + 23 * kH));
  CHECK(parse_clock(" 26:00 ") == Approx(26 * kH));
}

TEST_CASE("plain clock times name no day, the others name theirs", "[units][clock]") {
  CHECK(parse_clock_time("02:00")->plain);
  CHECK(parse_clock_time("23:59:59")->plain);
  CHECK_FALSE(parse_clock_time("24:00")->plain);  // already the next midnight
  CHECK_FALSE(parse_clock_time("26:00")->plain);
  CHECK_FALSE(parse_clock_time("02:00+1")->plain);
  CHECK_FALSE(parse_clock_time("02:00+0")->plain);  // today, as written
}

TEST_CASE("bad clock times say what is wrong and how to write them", "[units][clock]") {
  CHECK_THAT(why_not("48:00"), Contains("out of range (00:00 to 47:59:59)"));
  CHECK_THAT(why_not("48:00"), Contains("\"02:00+2\""));
  CHECK_THAT(why_not("02:00+9"), Contains("the day after '+' runs from +0 to +6"));
  CHECK_THAT(why_not("02:00+10"), Contains("out of range"));
  CHECK_THAT(why_not("25:61"), Contains("minutes and seconds run from 00 to 59"));
  CHECK_THAT(why_not("23:59:60"), Contains("out of range"));
  CHECK_THAT(why_not("26:00+1"), Contains("with a day (+1) hours run from 00 to 23"));
  CHECK_THAT(why_not("02:00+"), Contains("cannot read \"02:00+\" as a clock time"));
  CHECK_THAT(why_not("02:00-1"), Contains("cannot read"));
  CHECK_THAT(why_not("+1"), Contains("cannot read"));
  CHECK_THAT(why_not("02:00+1+1"), Contains("cannot read"));
  // A duration where a clock time belongs: name what it read and how to write a time.
  CHECK(why_not("4h") ==
        "cannot read \"4h\" as a clock time: it is a duration (4h); write a clock time such as \"02:00\" or "
        "\"02:00+1\"");
  CHECK_THAT(why_not("14400"), Contains("it is a duration (4h); write a clock time such as \"02:00\""));
  CHECK_THAT(why_not("1h30m"), Contains("it is a duration (1h30m)"));
  CHECK_THAT(why_not("noon"), Contains("write a clock time such as \"02:00\" or \"02:00+1\""));
}

TEST_CASE("labels wrap at midnight, span ends and sentences keep the day", "[units][clock]") {
  CHECK(format_clock(22 * kH) == "22:00");
  CHECK(format_clock(24 * kH) == "00:00");
  CHECK(format_clock(26 * kH) == "02:00");
  CHECK(format_clock(26 * kH + 30) == "02:00:30");
  CHECK(format_clock(48 * kH + 90) == "00:01:30");
  CHECK(format_clock(-kH) == "-01:00");  // a warm-up before a day starting at midnight, as before

  CHECK(format_clock_end(24 * kH) == "24:00");
  CHECK(format_clock_end(30 * kH) == "06:00");
  CHECK(format_clock_end(48 * kH) == "24:00");
  CHECK(format_clock_end(0) == "00:00");

  CHECK(format_clock_day(22 * kH) == "22:00");
  CHECK(format_clock_day(26 * kH) == "02:00+1");
  CHECK(format_clock_day(24 * kH) == "00:00+1");
  CHECK(format_clock_day(24 * kH, true) == "24:00");
  CHECK(format_clock_day(30 * kH, true) == "06:00+1");
  CHECK(format_clock_day(48 * kH, true) == "24:00+1");
  CHECK(format_clock_day(50 * kH) == "02:00+2");
  // A sentence's time reads back as the same time.
  for (double t : {0.0, 3600.0, 22 * kH, 24 * kH, 26 * kH + 30, 47 * kH, 5 * 24 * kH + 7 * kH})
    CHECK(parse_clock(format_clock_day(t)) == Approx(t));
}
