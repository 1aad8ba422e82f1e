// libFuzzer target: the value parsers behind --set and --vary, and the units of the
// scenario format. The input is split at newlines into up to 32 pieces; every piece goes
// through parse_duration, parse_rate, parse_percent, parse_clock (and format_duration /
// format_clock of what they read), parse_target, parse_override (KEY=VALUE) and parse_axis
// (KEY=V1,V2 or KEY=START:STOP:STEP; long ranges excepted, see long_range). The overrides read are then applied
// together to a small fixed scenario through parse_scenario, as are the first and last points of the grid the axes make
// (make_grid; zipped when the input's first byte is odd); each scenario that validates is compiled and simulated under
// the caps of fuzz_common.hpp.
//
// ccsim::InputError is the expected rejection and is caught; anything else is a finding.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "models/units.hpp"
#include "sim/compile/compile.hpp"
#include "sim/scenario/errors.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/grid.hpp"

namespace {

// Two queues (one name with a dot, as --set allows) and two groups, two 1-hour intervals,
// with most optional keys present so that overrides of nested keys find their tables.
const std::string kScenario = R"(format = 1
[scenario]
name = "fuzz values"
interval = "1h"
duration = "2h"
start = "08:00"
replications = 2
seed = 5

[[queue]]
name = "general"
arrivals = { volumes = [12, 8], forecast_cv = 0.1, scale = 1 }
handle_time = { dist = "lognormal", mean = "240s", sd = "180s" }
patience = { dist = "exponential", mean = "2m" }
wrap_up = { dist = "fixed", value = "10s" }
targets = ["80/20", "asa<=30s", "abandon<=5%"]
short_abandon = "5s"
retrial = { probability = 0.5, delay = { dist = "exponential", mean = "5m" }, max_attempts = 3 }

[[queue]]
name = "sales.uk"
arrivals = { rate = "10/h" }
handle_time = { dist = "exponential", mean = "300s" }
capacity = 5
priority = 1

[[agents]]
name = "universal"
serves = ["general", "sales.uk"]
staffing = [2, 3]
cost_per_hour = 25.0
overtime = [0, 1]
handle_time = { "sales.uk" = { dist = "gamma", mean = "4m", sd = "2m" } }
overflow_after = { "sales.uk" = "20s" }

[[agents]]
name = "team"
serves = ["general"]
shifts = [{ start = "08:00", length = "2h", count = 1, breaks = [{ after = "30m", length = "10m" }] }]
shift_patterns = [{ start = ["08:00", "09:00"], length = "1h", max_count = 3 }]
shrinkage = "10%"
efficiency = 1.1
)";

void units(std::string_view p) {
  using namespace ccsim::models;
  std::string why;
  if (const auto d = parse_duration(p, &why)) (void)format_duration(*d);
  if (const auto r = parse_rate(p, &why)) (void)format_duration(*r > 0 ? 1 / *r : 0);
  (void)parse_percent(p, &why);
  if (const auto c = parse_clock(p, &why)) (void)format_clock(*c);
  (void)ccsim::parse_target(p, &why);
}

// A number as parse_axis reads one (plain, percentage, rate, duration), or NaN.
double axis_number(const std::string& v) {
  using namespace ccsim::models;
  const auto b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
  if (b == std::string::npos) return std::nan("");
  const std::string t = v.substr(b, e - b + 1);
  char* end = nullptr;
  const double x = std::strtod(t.c_str(), &end);
  if (end == t.c_str() + t.size()) return x;
  if (t.back() == '%') return parse_percent(t).value_or(std::nan(""));
  if (t.find('/') != std::string::npos) return parse_rate(t).value_or(std::nan(""));
  return parse_duration(t).value_or(std::nan(""));
}

// Whether `p` is a range axis START:STOP:STEP of more than 20,000 and at most about a
// million values. parse_axis builds each of them (about 2 s for a million under ASan), a
// documented limit rather than a defect, so such pieces skip it to keep the fuzzer fast;
// ranges over the limit still go through it (they are refused at once).
bool long_range(const std::string& p) {
  const auto eq = p.find('=');
  if (eq == std::string::npos || p.find(',', eq) != std::string::npos) return false;
  const std::string rhs = p.substr(eq + 1);
  const auto c1 = rhs.find(':');
  const auto c2 = c1 == std::string::npos ? c1 : rhs.find(':', c1 + 1);
  if (c2 == std::string::npos || rhs.find(':', c2 + 1) != std::string::npos) return false;
  const double lo = axis_number(rhs.substr(0, c1)), hi = axis_number(rhs.substr(c1 + 1, c2 - c1 - 1)),
               step = axis_number(rhs.substr(c2 + 1));
  const double n = std::abs((hi - lo) / step);
  return n > 20'000 && n < 1.1e6;  // NaN (unreadable parts) is neither
}

// Parses, compiles and simulates the fixed scenario with `overrides` (the unsafe ones,
// which could name a file outside the fixture folder, left out).
void apply(const std::vector<ccsim::Override>& overrides) {
  std::vector<ccsim::Override> safe;
  for (const auto& ov : overrides)
    if (ccsim::fuzz::override_safe(ov)) safe.push_back(ov);
  try {
    const ccsim::Scenario s = ccsim::parse_scenario(kScenario, ccsim::fuzz::scenario_path(), safe);
    const ccsim::RunModel m = ccsim::compile(s);
    ccsim::fuzz::run_capped(s, m, 1);
  } catch (const ccsim::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> pieces;
  for (std::size_t b = 0; b <= in.size() && pieces.size() < 32;) {
    std::size_t e = in.find('\n', b);
    if (e == std::string_view::npos) e = in.size();
    pieces.emplace_back(in.substr(b, e - b));
    b = e + 1;
  }

  std::vector<ccsim::Override> overrides;
  std::vector<ccsim::SweepAxis> axes;
  const ccsim::SourceLoc where{"ccsim sweep", 0, 0};
  for (const std::string& p : pieces) {
    units(p);
    try {
      overrides.push_back(ccsim::parse_override(p));
    } catch (const ccsim::InputError&) {
    }
    if (long_range(p)) continue;
    try {
      axes.push_back(ccsim::parse_axis(p, where, "--vary"));
    } catch (const ccsim::InputError&) {
    }
  }
  if (!overrides.empty()) apply(overrides);
  if (!axes.empty()) {
    try {
      const ccsim::SweepGrid g = ccsim::make_grid(axes, size > 0 && (data[0] & 1), where);
      const std::size_t n = g.points();
      if (n > 0) {
        (void)g.coordinates(n / 2);
        apply(g.overrides(0));
        if (n > 1) apply(g.overrides(n - 1));
      }
    } catch (const ccsim::InputError&) {
    }
  }
  return 0;
}
