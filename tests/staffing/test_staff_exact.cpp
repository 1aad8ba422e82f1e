// `ccsim staff --scope interval` on stationary single-queue scenarios returns the exact
// minimal Erlang C (M/M/n) or Erlang A (M/M/n+M) agent count AT DEFAULT PRECISION: 30
// replications of a 12 h day (after 1 h of warm-up), with the default refinement of close
// verdicts (doubling up to 3200 replications). Agreement means the simulation's verdicts at
// n-1 and n, sharpened where they were too close to call, match the exact ones.
//
// Allowed: one agent off only where the exact figure at n-1 or n lies within 0.2
// percentage points of the target (SL, abandon rate) or within 1% of the cap (ASA): at 3200
// replications of 12 h the CI half-width is about that, so no simulation can tell there.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "models/erlang.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/staffing/erlang_start.hpp"
#include "sim/staffing/search.hpp"

using namespace ccsim;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Config {
  double calls_per_hour, aht, patience;  // seconds; patience inf = nobody abandons
};

Scenario stationary(const Config& c, const std::string& target, int replications) {
  std::ostringstream t;
  t << "[scenario]\nname = \"exact\"\ninterval = \"12h\"\nduration = \"12h\"\nwarmup = \"1h\"\n"
    << "replications = " << replications << "\nseed = 4242\n"
    << "[[queue]]\nname = \"q\"\narrivals = { rate = \"" << c.calls_per_hour << "/h\" }\n"
    << "handle_time = { dist = \"exponential\", mean = \"" << c.aht << "s\" }\n";
  if (std::isfinite(c.patience)) t << "patience = { dist = \"exponential\", mean = \"" << c.patience << "s\" }\n";
  t << "targets = [\"" << target << "\"]\n"
    << "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = 1\n";
  return parse_scenario(t.str(), "exact.toml");
}

// The exact figure a target is about, for n agents.
double exact_value(const Config& c, const Target& t, int n) {
  const models::Erlang e({c.calls_per_hour / 3600.0, c.aht, n, c.patience});
  if (!e.stable()) return t.kind == Target::Kind::service_level ? 0.0 : kInf;
  switch (t.kind) {
    case Target::Kind::service_level:
      return e.sl_offered(t.threshold);
    case Target::Kind::asa:
      return e.asa();
    case Target::Kind::abandon:
      return e.p_abandon();
  }
  return 0;
}

bool near_boundary(const Config& c, const Target& t, int n) {
  for (int m : {n - 1, n}) {
    const double v = exact_value(c, t, m);
    const double tol = t.kind == Target::Kind::asa ? 0.01 * t.threshold : 0.002;
    const double goal = t.kind == Target::Kind::asa ? t.threshold : t.fraction;
    if (std::abs(v - goal) <= tol) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("staff --scope interval finds the exact Erlang C / Erlang A agent count at 30 replications") {
  const Config configs[] = {
      {144, 300, kInf}, {100, 180, kInf},  {300, 240, kInf},
      {900, 240, kInf}, {2000, 180, kInf}, {60, 600, kInf},  // M/M/n
      {600, 300, 120},  {1200, 200, 300},  {60, 600, 600},
      {450, 360, 180},  {150, 420, 60},    {800, 150, 90},  // M/M/n+M
  };
  int checked = 0, exact = 0, near_one_pp = 0;
  for (const Config& c : configs) {
    for (const char* target : {"80/20", "90/10", "asa<=15s", "abandon<=4%"}) {
      const bool impatient = std::isfinite(c.patience);
      if (!impatient && std::string(target) == "abandon<=4%") continue;  // nobody abandons
      const Scenario s = stationary(c, target, 30);
      const Target& t = s.queues[0].targets[0];
      const int want = erlang_agents(c.calls_per_hour / 3600.0, c.aht, c.patience, {t}, SlBasis::offered, 100000);
      StaffOptions o;
      o.threads = default_threads();
      const StaffResult r = find_staffing(s, o);
      const int got = r.staffing[0][0];
      const double goal = t.kind == Target::Kind::asa ? t.threshold : t.fraction;
      const double at = exact_value(c, t, want);
      INFO(c.calls_per_hour << "/h, AHT " << c.aht << " s, patience " << c.patience << " s, " << target << ": exact "
                            << want << " (value " << at << ", at n-1 " << exact_value(c, t, want - 1) << "), staff "
                            << got << " after " << r.evaluations << " simulations, " << r.simulated_days
                            << " days, answer on " << r.replications << " replications");
      CHECK(r.feasible);
      if (near_boundary(c, t, want))
        CHECK(std::abs(got - want) <= 1);
      else
        CHECK(got == want);
      ++checked;
      exact += got == want;
      if (got != want)
        WARN("off by one: " << c.calls_per_hour << "/h, AHT " << c.aht << " s, patience " << c.patience << " s, "
                            << target << ": exact " << want << " (value " << at << ", at n-1 "
                            << exact_value(c, t, want - 1) << "), staff " << got << ", answer on " << r.replications
                            << " replications");
      if (t.kind != Target::Kind::asa && std::abs(at - goal) <= 0.01) ++near_one_pp;
    }
  }
  CHECK(checked == 42);
  CHECK(near_one_pp >= 2);  // the suite must include answers within 1 pp of their target
  WARN("exact agent count in " << exact << " of " << checked << " cases; " << near_one_pp
                               << " with the exact figure within 1 pp of the target");
}
