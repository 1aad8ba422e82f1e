#include "sim/sweep/grid.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "models/units.hpp"
#include "sim/scenario/errors.hpp"

namespace ccsim {

namespace {

constexpr std::size_t kMaxValues = 1'000'000;

enum class Unit { plain, duration, rate, percent, none };

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::optional<double> plain_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// A value's unit and its number in base units (rates per hour, as planners write them).
Unit classify(const std::string& s, double& number) {
  if (auto v = plain_number(s)) {
    number = *v;
    return Unit::plain;
  }
  if (!s.empty() && s.back() == '%') {
    if (auto v = models::parse_percent(s)) {
      number = *v;
      return Unit::percent;
    }
    return Unit::none;
  }
  if (s.find('/') != std::string::npos) {
    if (auto v = models::parse_rate(s)) {
      number = *v * 3600;
      return Unit::rate;
    }
    return Unit::none;
  }
  if (auto v = models::parse_duration(s)) {
    number = *v;
    return Unit::duration;
  }
  return Unit::none;
}

const char* unit_name(Unit u) {
  switch (u) {
    case Unit::plain:
      return "a plain number";
    case Unit::duration:
      return "a duration";
    case Unit::rate:
      return "a rate";
    case Unit::percent:
      return "a percentage";
    default:
      return "not a number";
  }
}

// A range value written back for --set, in the unit the range was given in.
std::string format_value(double v, Unit u) {
  char b[64];
  std::snprintf(b, sizeof b, "%.12g", v);
  std::string s = b;
  if (s == "-0") s = "0";
  switch (u) {
    case Unit::duration:
      return s + "s";
    case Unit::rate:
      return s + "/h";
    case Unit::percent:
      return s + "%";
    default:
      return s;
  }
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (;;) {
    const std::size_t e = s.find(sep, b);
    out.push_back(trim(s.substr(b, e == std::string::npos ? std::string::npos : e - b)));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

}  // namespace

SweepAxis parse_axis(const std::string& text, const SourceLoc& where, const std::string& what) {
  auto fail = [&](const std::string& why) { throw InputError(where, what + " '" + text + "': " + why); };
  SweepAxis a;
  a.text = text;
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos)
    fail("expected KEY=V1,V2,... or KEY=START:STOP:STEP, e.g. agents.universal.staffing_delta=-2:2:1");
  a.key = trim(text.substr(0, eq));
  if (a.key.empty()) fail("missing KEY before '='");
  const std::string rhs = trim(text.substr(eq + 1));
  if (rhs.empty()) fail("no values after '='; give a list (1,2,3) or a range (START:STOP:STEP)");

  const auto parts = split(rhs, ':');
  if (rhs.find(',') == std::string::npos && parts.size() == 3) {
    double lo = 0, hi = 0, step = 0;
    const Unit u0 = classify(parts[0], lo), u1 = classify(parts[1], hi), u2 = classify(parts[2], step);
    for (std::size_t k = 0; k < 3; ++k) {
      double dummy;
      if (classify(parts[k], dummy) == Unit::none)
        fail("cannot read '" + parts[k] + "' as a number, duration, rate or percentage");
    }
    // A duration step may be written bare ("60s:300s:60" is 60 s steps) since bare numbers are seconds.
    const bool same = u0 == u1 && (u2 == u0 || (u0 == Unit::duration && u2 == Unit::plain));
    if (!same)
      fail(std::string("START, STOP and STEP must have the same unit; got ") + unit_name(u0) + ", " + unit_name(u1) +
           " and " + unit_name(u2));
    if (step == 0) fail("STEP is 0; give a step that moves from START to STOP");
    if ((hi - lo) / step < 0)
      fail("STEP goes away from STOP; use " + (step > 0 ? std::string("a negative") : "a positive") + " step");
    const double n = std::floor((hi - lo) / step + 1e-9) + 1;
    if (n > kMaxValues) fail("more than a million values; use a larger STEP");
    for (std::size_t k = 0; k < static_cast<std::size_t>(n); ++k) {
      const double v = lo + static_cast<double>(k) * step;
      a.values.push_back(format_value(v, u0));
      double num = 0;
      classify(a.values.back(), num);
      a.numbers.push_back(num);
    }
    a.numeric = true;
    return a;
  }
  a.values = split(rhs, ',');
  if (a.values.size() > kMaxValues) fail("more than a million values");
  a.numeric = true;
  for (const std::string& v : a.values) {
    if (v.empty()) fail("an empty value in the list; write values separated by commas, e.g. 10,12,14");
    double num = 0;
    if (classify(v, num) == Unit::none) a.numeric = false;
    a.numbers.push_back(num);
  }
  if (!a.numeric) a.numbers.clear();
  return a;
}

std::size_t SweepGrid::points() const {
  if (axes.empty()) return 0;
  if (zip) return axes[0].values.size();
  std::size_t n = 1;
  for (const SweepAxis& a : axes) n *= a.values.size();
  return n;
}

std::vector<std::size_t> SweepGrid::coordinates(std::size_t p) const {
  std::vector<std::size_t> c(axes.size());
  for (std::size_t k = axes.size(); k-- > 0;) {
    if (zip) {
      c[k] = p;
      continue;
    }
    const std::size_t n = axes[k].values.size();
    c[k] = p % n;
    p /= n;
  }
  return c;
}

std::vector<Override> SweepGrid::overrides(std::size_t p) const {
  const auto c = coordinates(p);
  std::vector<Override> out;
  for (std::size_t k = 0; k < axes.size(); ++k) out.push_back(Override{axes[k].key, axes[k].values[c[k]]});
  return out;
}

SweepGrid make_grid(std::vector<SweepAxis> axes, bool zip, const SourceLoc& where) {
  if (axes.empty()) throw InputError(where, "nothing to sweep; give at least one --vary KEY=V1,V2,...");
  for (std::size_t i = 0; i < axes.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (axes[i].key == axes[j].key)
        throw InputError(where, "'" + axes[i].key + "' is varied twice; give one axis per key");
  if (zip)
    for (const SweepAxis& a : axes)
      if (a.values.size() != axes[0].values.size())
        throw InputError(where, "--zip needs axes of equal length: '" + axes[0].key + "' has " +
                                    std::to_string(axes[0].values.size()) + " values, '" + a.key + "' has " +
                                    std::to_string(a.values.size()));
  SweepGrid g{std::move(axes), zip};
  if (!zip && g.axes.size() > 1) {
    double n = 1;
    for (const SweepAxis& a : g.axes) n *= static_cast<double>(a.values.size());
    if (n > 1e8) throw InputError(where, "the grid has more than 100 million points; narrow the axes");
  }
  return g;
}

}  // namespace ccsim
