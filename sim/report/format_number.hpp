#pragma once
// Text report helpers on libfmt: one number, or "-" when it is undefined (NaN, inf), so
// tables never print "nan"; a figure with its 95% CI half-width, or "n/a" where there is
// no interval (one replication); and printf-style string columns.
#include <cmath>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "sim/stats/summary.hpp"

namespace ccsim {

// `x` formatted by `format` (one replacement field, e.g. "{:.1f} s"), or "-" if not finite.
inline std::string num(fmt::format_string<double> format, double x) {
  if (!std::isfinite(x)) return "-";
  return fmt::vformat(format, fmt::make_format_args(x));
}

// The CI part of a figure: `half` formats the half-width h (e.g. " ± {:.2f}"). With fewer
// than two values behind the mean (`n`: one replication) there is no interval, and a
// "± 0.00" would claim certainty: " n/a" instead.
inline std::string half_width(fmt::format_string<double> half, double h, int n) {
  if (n < 2) return " n/a";
  return num(half, h);
}

// A mean and its CI half-width, both times `scale` ("90.33% ± 0.42", "90.33% n/a"), or "-"
// alone when the mean is undefined.
inline std::string with_ci(fmt::format_string<double> mean, fmt::format_string<double> half, const Stat& s,
                           double scale = 1) {
  if (!std::isfinite(s.mean)) return "-";
  return num(mean, scale * s.mean) + half_width(half, scale * s.ci95, s.n);
}

// `s` padded with spaces to `width` bytes, left-aligned (printf's "%-Ns") or right-aligned
// ("%Ns"). Bytes, not fmt's display width: a column holding "±" keeps its old layout.
inline std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}
inline std::string pad_left(std::string_view s, std::size_t width) {
  std::string out;
  if (s.size() < width) out.assign(width - s.size(), ' ');
  out += s;
  return out;
}

// Columns `s` takes on a terminal: one per UTF-8 code point ("±" is two bytes, one column).
inline std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The same padding by columns, for tables whose cells may or may not hold a "±".
inline std::string pad_left_columns(std::string_view s, std::size_t width) {
  std::string out;
  const std::size_t c = columns(s);
  if (c < width) out.assign(width - c, ' ');
  out += s;
  return out;
}
inline std::string pad_right_columns(std::string_view s, std::size_t width) {
  std::string out(s);
  const std::size_t c = columns(s);
  if (c < width) out.append(width - c, ' ');
  return out;
}

}  // namespace ccsim
