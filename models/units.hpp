#pragma once
// Units of the scenario format: durations, rates and percentages as planners write them.
// Pure functions: no I/O. Each returns nullopt on bad input and, if `why` is given,
// a short reason suitable for an error message ("unknown unit 'hours'; use s, m/min, h, d").
#include <optional>
#include <string>
#include <string_view>

namespace ccsim::models {

// "20s", "4m", "90min", "1h30m", "1.5h", "250ms", "2d", or a bare number "45" = seconds.
// Negative values are rejected. Result in seconds.
std::optional<double> parse_duration(std::string_view text, std::string* why = nullptr);

// "3600/h", "1/s", "60/min", "60/m", "1000/d". Result in events per second. Non-negative.
std::optional<double> parse_rate(std::string_view text, std::string* why = nullptr);

// "5%" -> 0.05. (A bare number given as TOML float is handled by the caller.)
std::optional<double> parse_percent(std::string_view text, std::string* why = nullptr);

// A clock time as written: "08:00", "8:30", "08:00:30"; past midnight "26:00" (hours up to
// 47) or "02:00+1" (a day suffix +0 to +6 on hours 00-23). `plain` is true for a time of
// day without a day ("02:00", "23:59:59"): the scenario decides which day it falls on (in
// a day that crosses midnight "02:00" may mean the next day); "26:00", "02:00+1" and
// "02:00+0" name their day and are taken as written.
struct ClockTime {
  double seconds = 0;  // after midnight of the scenario's first day
  bool plain = true;
};
std::optional<ClockTime> parse_clock_time(std::string_view text, std::string* why = nullptr);

// parse_clock_time's seconds: "08:00" -> 28800, "26:00" and "02:00+1" -> 93600.
std::optional<double> parse_clock(std::string_view text, std::string* why = nullptr);

// The hint every "not a clock time" message ends with.
inline constexpr const char* kClockHint = "write a clock time such as \"02:00\" or \"02:00+1\"";

// Seconds as a short human string: 20 -> "20s", 1800 -> "30m", 5400 -> "1h30m", 0.5 -> "0.5s".
std::string format_duration(double seconds);

// Seconds after midnight -> the time of day as labels show it: "08:00" (or "08:00:30" when
// not whole minutes); at and after 24:00 wrapped, so 26:00 reads "02:00". Negative
// seconds (a warm-up before a day starting at midnight) read "-01:00", as before.
std::string format_clock(double seconds);

// The end of a span (a day, an interval): as format_clock, except that an end exactly at
// midnight after the start reads "24:00" (a day 08:00-24:00, an interval 23:30-24:00).
std::string format_clock_end(double seconds);

// For sentences where a bare time could mean either day (error messages, check's summary):
// as format_clock, with "+N" for a time N days after the first ("02:00+1"), exactly the
// form parse_clock reads back. A time exactly at midnight that ends a span (`end`) reads
// "24:00" of the day before ("24:00", "24:00+1").
std::string format_clock_day(double seconds, bool end = false);

}  // namespace ccsim::models
