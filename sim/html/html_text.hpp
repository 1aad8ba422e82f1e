#pragma once
// Text for the HTML page: escaping (every string from a results file goes through it) and
// the number formats the page shows (percentages, seconds, money, clock labels).
#include <string>
#include <string_view>

namespace ccsim::html {

// Escapes & < > " ' so that any text is safe in element content and in quoted attributes.
std::string escape(std::string_view text);

// "81.2%" from 0.812; "-" for NaN.
std::string percent(double fraction, int decimals = 1);
// "12.3" with `decimals` decimals; "-" for NaN; thousands separated by commas ("13,225").
std::string number(double value, int decimals = 1);
// "± 1.2" style half-width, in the unit of `percent_units` (points) or plain; "" for NaN or 0
// when `keep_zero` is false.
std::string plus_minus(double half_width, bool percent_units, int decimals = 1);
// "08:30" from seconds after midnight (wraps past 24 h: 93600 -> "02:00").
std::string clock_label(double seconds);
// "30m", "1h", "45s", "1h30m" for a duration in seconds.
std::string duration_label(double seconds);
// A short SL threshold as written in column names: 20 -> "20", 12.5 -> "12.5".
std::string threshold_label(double seconds);

}  // namespace ccsim::html
