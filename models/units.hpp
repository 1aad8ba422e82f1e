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

// "08:00" or "8:30" or "08:00:30" -> seconds after midnight.
std::optional<double> parse_clock(std::string_view text, std::string* why = nullptr);

// Seconds as a short human string: 20 -> "20s", 1800 -> "30m", 5400 -> "1h30m", 0.5 -> "0.5s".
std::string format_duration(double seconds);

// Seconds after midnight -> "08:00" (or "08:00:30" when not whole minutes).
std::string format_clock(double seconds);

}  // namespace ccsim::models
