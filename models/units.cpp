#include "models/units.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace ccsim::models {
namespace {

constexpr const char* kDurationUnits = "ms, s, m/min, h, d";
constexpr const char* kRateUnits = "/s, /m or /min, /h, /d";
// "02:00+6" at most: a week of clock times covers any day a planner writes.
constexpr int kMaxClockDays = 6;

// Sets *why (when asked for) and returns nullopt, so every failure path is one line.
template <class T = double>
std::optional<T> fail(std::string* why, std::string reason) {
  if (why) *why = std::move(reason);
  return std::nullopt;
}

std::string quoted(std::string_view s) { return '"' + std::string(s) + '"'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

void skip_spaces(std::string_view s, std::size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}

// A plain decimal number at s[i]: digits, optional fraction, optional exponent. Signs,
// "inf", "nan" and hex are refused here so that "-5s" reaches the caller's clear message
// instead of being half-read.
std::optional<double> read_number(std::string_view s, std::size_t& i) {
  if (i >= s.size()) return std::nullopt;
  const char c = s[i];
  if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    // 1e400 -> inf (so callers say "too large"), 1e-400 -> 0, as strtod rounds them.
    const std::string matched(s.data() + i, end);
    v = std::strtod(matched.c_str(), nullptr);
  } else if (ec != std::errc{}) {
    return std::nullopt;
  }
  i = static_cast<std::size_t>(end - s.data());
  return v;
}

std::string read_word(std::string_view s, std::size_t& i) {
  std::string w;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) {
    w += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    ++i;
  }
  return w;
}

// Seconds per unit; 0 for an unknown unit. Deliberately short and strict: "hours" or
// "sec" are refused so that one spelling reads the same in every file.
double unit_seconds(const std::string& u) {
  if (u == "ms") return 0.001;
  if (u == "s") return 1;
  if (u == "m" || u == "min") return 60;
  if (u == "h") return 3600;
  if (u == "d") return 86400;
  return 0;
}

bool starts_negative(std::string_view t) {
  return !t.empty() && t.front() == '-' && t.size() > 1 &&
         (std::isdigit(static_cast<unsigned char>(t[1])) || t[1] == '.');
}

}  // namespace

std::optional<double> parse_duration(std::string_view text, std::string* why) {
  const std::string_view t = trim(text);
  if (t.empty()) return fail(why, "empty duration; write e.g. \"240s\", \"4m\" or \"1h30m\"");
  if (starts_negative(t)) {
    return fail(why, "negative duration " + quoted(t) + "; a duration must be 0 or more");
  }
  std::size_t i = 0;
  double total = 0;
  int parts = 0;
  while (true) {
    skip_spaces(t, i);
    if (i == t.size()) break;
    const std::size_t num_at = i;
    const auto v = read_number(t, i);
    if (!v) {
      return fail(why, "cannot read " + quoted(t) +
                           " as a duration; write e.g. \"240s\", \"4m\", \"1h30m\" or a number "
                           "of seconds");
    }
    skip_spaces(t, i);
    const std::size_t unit_at = i;
    const std::string unit = read_word(t, i);
    if (unit.empty()) {
      // A lone number is seconds ("45"); after another part it is ambiguous ("1h30").
      if (parts == 0 && i == t.size()) {
        if (!std::isfinite(*v)) return fail(why, "duration " + quoted(t) + " is too large");
        return *v;
      }
      if (i < t.size() && !std::isdigit(static_cast<unsigned char>(t[i])) && t[i] != '.') {
        return fail(why, "cannot read " + quoted(t) + " as a duration: unexpected '" + std::string(1, t[i]) +
                             "'; use units " + kDurationUnits);
      }
      return fail(why, "missing unit after '" + std::string(t.substr(num_at, unit_at - num_at)) + "' in " + quoted(t) +
                           "; use " + kDurationUnits);
    }
    const double per = unit_seconds(unit);
    if (per == 0) {
      return fail(why, "unknown unit '" + std::string(t.substr(unit_at, i - unit_at)) + "' in " + quoted(t) + "; use " +
                           kDurationUnits);
    }
    total += *v * per;
    ++parts;
  }
  if (!std::isfinite(total)) return fail(why, "duration " + quoted(t) + " is too large");
  return total;
}

std::optional<double> parse_rate(std::string_view text, std::string* why) {
  const std::string_view t = trim(text);
  const std::string example = "write e.g. \"3600/h\", \"60/min\" or \"1/s\"";
  if (t.empty()) return fail(why, "empty rate; " + example);
  if (starts_negative(t)) return fail(why, "negative rate " + quoted(t) + "; a rate must be 0 or more");
  const std::size_t slash = t.find('/');
  if (slash == std::string_view::npos) {
    return fail(why, "missing time unit in rate " + quoted(t) + "; " + example);
  }
  const std::string_view num = trim(t.substr(0, slash));
  std::size_t i = 0;
  const auto count = read_number(num, i);
  if (!count || i != num.size()) {
    return fail(why, "cannot read " + quoted(t) + " as a rate; " + example);
  }
  const std::string_view per_text = trim(t.substr(slash + 1));
  // The denominator is a unit ("h") or a duration ("30m", "15min"): "120/30m".
  std::size_t j = 0;
  const std::string unit = read_word(per_text, j);
  double per = 0;
  if (!unit.empty() && j == per_text.size()) {
    per = unit_seconds(unit);
    if (per == 0) {
      return fail(why, "unknown unit '" + std::string(per_text) + "' in " + quoted(t) + "; use " + kRateUnits);
    }
  } else {
    std::string inner;
    const auto d = parse_duration(per_text, &inner);
    if (!d) return fail(why, "cannot read the time after '/' in " + quoted(t) + ": " + inner);
    if (*d <= 0) return fail(why, "the time after '/' in " + quoted(t) + " must be more than 0");
    per = *d;
  }
  const double r = *count / per;
  if (!std::isfinite(r)) return fail(why, "rate " + quoted(t) + " is too large");
  return r;
}

std::optional<double> parse_percent(std::string_view text, std::string* why) {
  const std::string_view t = trim(text);
  if (t.empty() || t.back() != '%') {
    return fail(why, "expected a percentage like \"5%\", got " + quoted(t));
  }
  const std::string_view num = trim(t.substr(0, t.size() - 1));
  if (starts_negative(num)) return fail(why, "negative percentage " + quoted(t));
  std::size_t i = 0;
  const auto v = read_number(num, i);
  if (!v || i != num.size()) return fail(why, "cannot read " + quoted(t) + " as a percentage");
  if (*v > 100) return fail(why, "percentage " + quoted(t) + " is over 100%");
  return *v / 100.0;
}

std::optional<ClockTime> parse_clock_time(std::string_view text, std::string* why) {
  const std::string_view t = trim(text);
  // A duration where a clock time belongs ("4h", "14400") is a common slip when a day
  // runs past midnight: say what it read and how to write the clock time instead.
  const auto bad = [&]() -> std::optional<ClockTime> {
    if (t.find(':') == std::string_view::npos) {
      if (const auto d = parse_duration(t)) {
        return fail<ClockTime>(why, "cannot read " + quoted(t) + " as a clock time: it is a duration (" +
                                        format_duration(*d) + "); " + kClockHint);
      }
    }
    return fail<ClockTime>(why,
                           "cannot read " + quoted(t) + " as a clock time; " + kClockHint + " (02:00 the next day)");
  };
  // The day suffix: "+N" after the time.
  std::string_view body = t;
  int day = -1;
  if (const auto plus = t.find('+'); plus != std::string_view::npos) {
    const std::string_view d = t.substr(plus + 1);
    if (d.empty() ||
        !std::all_of(d.begin(), d.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return bad();
    body = t.substr(0, plus);
    day = d.size() > 2 ? 99 : std::stoi(std::string(d));
  }
  int parts[3] = {0, 0, 0};
  int n = 0;
  std::size_t i = 0;
  while (n < 3) {
    const std::size_t from = i;
    int v = 0;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])) && i - from < 2) {
      v = v * 10 + (body[i] - '0');
      ++i;
    }
    const std::size_t digits = i - from;
    // Hours may have one digit ("8:30"); minutes and seconds always have two.
    if (digits == 0 || (n > 0 && digits != 2)) return bad();
    parts[n++] = v;
    if (i == body.size()) break;
    if (body[i] != ':') return bad();
    ++i;
  }
  if (i != body.size() || n < 2) return bad();
  const int h = parts[0], m = parts[1], s = parts[2];
  if (m > 59 || s > 59) {
    return fail<ClockTime>(why, "clock time " + quoted(t) + " is out of range: minutes and seconds run from 00 to 59");
  }
  if (day >= 0) {
    if (day > kMaxClockDays) {
      return fail<ClockTime>(why, "clock time " + quoted(t) + " is out of range: the day after '+' runs from +0 to +" +
                                      std::to_string(kMaxClockDays));
    }
    if (h > 23) {
      return fail<ClockTime>(why, "clock time " + quoted(t) + " is out of range: with a day (+" + std::to_string(day) +
                                      ") hours run from 00 to 23");
    }
    return ClockTime{day * 86400.0 + h * 3600.0 + m * 60.0 + s, false};
  }
  if (h > 47) {
    return fail<ClockTime>(why, "clock time " + quoted(t) +
                                    " is out of range (00:00 to 47:59:59); for a time more than a day on, write "
                                    "e.g. \"02:00+2\"");
  }
  return ClockTime{h * 3600.0 + m * 60.0 + s, h < 24};
}

std::optional<double> parse_clock(std::string_view text, std::string* why) {
  const auto c = parse_clock_time(text, why);
  if (!c) return std::nullopt;
  return c->seconds;
}

std::string format_duration(double seconds) {
  if (std::isnan(seconds)) return "nan";
  // Appending (not "-" + string) sidesteps GCC 12's false -Wrestrict warning.
  if (seconds < 0) return std::string("-").append(format_duration(-seconds));
  if (std::isinf(seconds) || seconds > 1e12) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%gs", seconds);
    return buf;
  }
  // Round to milliseconds first, so 59.9999 prints as "1m", not "60s".
  long long ms = std::llround(seconds * 1000.0);
  if (ms == 0) return "0s";
  const long long h = ms / 3600000;
  ms %= 3600000;
  const long long m = ms / 60000;
  ms %= 60000;
  const long long s = ms / 1000;
  ms %= 1000;
  std::string out;
  if (h) out += std::to_string(h) + "h";
  if (m) out += std::to_string(m) + "m";
  if (s || ms) {
    out += std::to_string(s);
    if (ms) {
      char frac[8];
      std::snprintf(frac, sizeof frac, ".%03lld", ms);
      std::string f = frac;
      while (f.back() == '0') f.pop_back();
      out += f;
    }
    out += "s";
  }
  return out;
}

namespace {

// Whole seconds, the day they fall on (0 = the first) and the time of day as "HH:MM[:SS]".
struct Wrapped {
  long long day = 0;
  std::string time;
};
Wrapped wrap(double seconds) {
  const long long total = std::llround(std::min(seconds, 1e12));
  const long long day = total / 86400, t = total % 86400;
  const long long h = t / 3600, m = t % 3600 / 60, s = t % 60;
  char buf[40];
  if (s) {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", h, m, s);
  } else {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", h, m);
  }
  return {day, buf};
}

// An end at exactly midnight after the start is "24:00" of the day before.
bool midnight_end(double seconds) { return std::llround(std::min(seconds, 1e12)) % 86400 == 0 && seconds > 0.5; }

}  // namespace

std::string format_clock(double seconds) {
  if (!std::isfinite(seconds)) return "--:--";
  if (seconds < 0) return std::string("-").append(format_clock(-seconds));
  return wrap(seconds).time;
}

std::string format_clock_end(double seconds) {
  if (std::isfinite(seconds) && midnight_end(seconds)) return "24:00";
  return format_clock(seconds);
}

std::string format_clock_day(double seconds, bool end) {
  if (!std::isfinite(seconds)) return "--:--";
  if (seconds < 0) return std::string("-").append(format_clock(-seconds));
  Wrapped w = wrap(seconds);
  if (end && midnight_end(seconds)) w = {w.day - 1, "24:00"};
  return w.day == 0 ? w.time : w.time + "+" + std::to_string(w.day);
}

}  // namespace ccsim::models
