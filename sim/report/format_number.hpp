#pragma once
// One number for a text report: printf-formatted, or "-" when it is undefined (NaN, inf),
// so tables never print "nan".
#include <cmath>
#include <cstdio>
#include <string>

namespace ccsim {

inline std::string fmt(const char* format, double x) {
  if (!std::isfinite(x)) return "-";
  char b[64];
  std::snprintf(b, sizeof b, format, x);
  return b;
}

}  // namespace ccsim
