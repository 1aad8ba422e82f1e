#include "sim/html/html_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ccsim::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string percent(double fraction, int decimals) {
  if (!std::isfinite(fraction)) return "-";
  return fmt::format("{:.{}f}%", 100.0 * fraction, decimals);
}

std::string number(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t dot = digits.find('.');
  const std::size_t int_len = dot == std::string::npos ? digits.size() : dot;
  std::string s;
  s.reserve(digits.size() + int_len / 3 + 1);
  for (std::size_t i = 0; i < int_len; ++i) {
    if (i > 0 && (int_len - i) % 3 == 0) s.push_back(',');
    s.push_back(digits[i]);
  }
  s.append(digits, int_len, std::string::npos);
  // A value that rounds to zero prints without a minus sign.
  if (value < 0 && digits.find_first_not_of("0.") != std::string::npos) s.insert(s.begin(), '-');
  return s;
}

std::string plus_minus(double half_width, bool percent_units, int decimals) {
  if (!std::isfinite(half_width) || half_width <= 0) return "";
  std::string out = "± ";
  out.append(percent_units ? fmt::format("{:.{}f}", 100.0 * half_width, decimals) : number(half_width, decimals));
  return out;
}

std::string clock_label(double seconds) {
  if (!std::isfinite(seconds)) return "-";
  long s = std::lround(seconds);
  s %= 86400;
  if (s < 0) s += 86400;
  return fmt::format("{:02d}:{:02d}", s / 3600, (s % 3600) / 60);
}

std::string duration_label(double seconds) {
  if (!std::isfinite(seconds)) return "-";
  const long s = std::lround(seconds);
  if (s == 0) return "0s";
  std::string out;
  if (s >= 3600) out += fmt::format("{}h", s / 3600);
  if (s % 3600 >= 60) out += fmt::format("{}m", (s % 3600) / 60);
  if (s % 60) out += fmt::format("{}s", s % 60);
  return out;
}

std::string threshold_label(double seconds) {
  if (std::floor(seconds) == seconds && std::fabs(seconds) < 1e15)
    return fmt::format("{}", static_cast<long long>(seconds));
  return fmt::format("{}", seconds);
}

}  // namespace ccsim::html
