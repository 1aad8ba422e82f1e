#pragma once
// Text report helpers on libfmt: one number, or "-" when it is undefined (NaN, inf), so
// tables never print "nan"; and printf-style string columns.
#include <cmath>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace ccsim {

// `x` formatted by `format` (one replacement field, e.g. "{:.1f} s"), or "-" if not finite.
inline std::string num(fmt::format_string<double> format, double x) {
  if (!std::isfinite(x)) return "-";
  return fmt::vformat(format, fmt::make_format_args(x));
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

}  // namespace ccsim
