// The solvers behind `ccsim erlang --target`, `--lines` and `--shrinkage`, each against a
// method written here: a plain scan over n with its own verdicts, the Erlang B recursion in
// its inverse form, published Erlang B table values, and exact integer arithmetic.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "models/erlang.hpp"
#include "sim/staffing/erlang_solve.hpp"

using namespace ccsim;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<Target> targets(const std::vector<std::string>& texts) {
  std::vector<Target> out;
  for (const std::string& t : texts) {
    std::string why;
    const auto parsed = parse_target(t, &why);
    INFO(t << ": " << why);
    REQUIRE(parsed);
    out.push_back(*parsed);
  }
  return out;
}

// The test's own verdict at n, straight from models::Erlang.
bool meets(const ErlangGoal& g, int n) {
  const models::Erlang e({g.lambda, g.aht, n, g.patience});
  if (!e.stable()) return false;
  for (const Target& t : g.targets) {
    switch (t.kind) {
      case Target::Kind::service_level: {
        const double sl = g.basis == SlBasis::offered    ? e.sl_offered(t.threshold)
                          : g.basis == SlBasis::answered ? e.sl_answered(t.threshold)
                                                         : e.sl_refined(t.threshold);
        if (sl < t.fraction) return false;
        break;
      }
      case Target::Kind::asa:
        if (e.asa() > t.threshold) return false;
        break;
      case Target::Kind::abandon:
        if (e.p_abandon() > t.fraction) return false;
        break;
    }
  }
  return !g.max_occupancy || e.occupancy() <= *g.max_occupancy * (1 + 1e-9);
}

struct Case {
  double lambda, aht, patience;
  std::vector<std::string> targets;
  SlBasis basis;
  std::optional<double> max_occupancy;
};

ErlangGoal goal(const Case& c) {
  ErlangGoal g;
  g.lambda = c.lambda;
  g.aht = c.aht;
  g.patience = c.patience;
  g.targets = targets(c.targets);
  g.basis = c.basis;
  g.max_occupancy = c.max_occupancy;
  return g;
}

const SlBasis kOff = SlBasis::offered;
const std::optional<double> kNone;

const Case kCases[] = {
    // Erlang C
    {1, 240, kInf, {"80/20"}, kOff, kNone},
    {1, 240, kInf, {"90/10"}, kOff, kNone},
    {1, 240, kInf, {"asa<=30s"}, kOff, kNone},
    {1, 240, kInf, {"90/10", "99/300"}, kOff, kNone},
    {1, 240, kInf, {"80/20"}, kOff, 0.85},
    {1, 240, kInf, {"80/20"}, kOff, 0.95},
    {8.0 / 60, 60, kInf, {"80/20"}, kOff, kNone},
    {100.0 / 3600, 300, kInf, {"80/20"}, kOff, kNone},
    {1.0 / 480, 240, kInf, {"80/20"}, kOff, kNone},
    {0.1, 180, kInf, {"asa<=10s", "abandon<=5%"}, kOff, kNone},
    {10, 300, kInf, {"80/20"}, kOff, kNone},
    {1, 240, kInf, {"95/0"}, kOff, kNone},
    {255.0 / 3600, 240, kInf, {}, kOff, 0.85},
    {1, 240, kInf, {}, kOff, 1.0},
    // Erlang A
    {1, 240, 180, {"80/20"}, kOff, kNone},
    {1, 240, 180, {"abandon<=3%"}, kOff, kNone},
    {1, 240, 180, {"asa<=15s"}, kOff, kNone},
    {1, 240, 180, {"90/10", "99/300"}, kOff, kNone},
    {1, 240, 180, {"80/20"}, SlBasis::answered, kNone},
    {1, 240, 180, {"80/20"}, SlBasis::refined, kNone},
    {2, 300, 60, {"abandon<=5%"}, kOff, 0.85},
    {0.01, 120, 30, {"80/20"}, kOff, kNone},
    {1, 240, 60, {"abandon<=50%"}, kOff, kNone},
    {1, 240, 120, {"80/20", "asa<=20s", "abandon<=2%"}, kOff, 0.9},
    {1, 240, 180, {}, kOff, 0.85},
    {0.5, 400, 90, {"90/30"}, SlBasis::refined, 0.8},
};

}  // namespace

TEST_CASE("solve_agents gives the smallest n that a plain scan finds, and every larger n meets") {
  for (const Case& c : kCases) {
    const ErlangGoal g = goal(c);
    INFO("lambda " << c.lambda << " aht " << c.aht << " patience " << c.patience << " targets "
                   << (c.targets.empty() ? "-" : c.targets[0]) << (c.targets.size() > 1 ? "+..." : "") << " occ "
                   << (c.max_occupancy ? *c.max_occupancy : -1));
    int scan = 0;
    for (int n = 1; n <= 100000 && scan == 0; ++n)
      if (meets(g, n)) scan = n;
    REQUIRE(scan > 0);
    const std::optional<int> solved = solve_agents(g);
    REQUIRE(solved);
    CHECK(*solved == scan);
    // The monotonicity the solver relies on, near the answer.
    for (int n = scan; n < scan + 20; ++n) CHECK(meets(g, n));
    const ErlangCheck at = check_agents(g, scan);
    CHECK(at.met);
    CHECK(at.targets.size() == g.targets.size());
    if (scan > 1) CHECK_FALSE(check_agents(g, scan - 1).met);
  }
}

TEST_CASE("check_agents reports each target's exact figure") {
  const ErlangGoal g = goal({1, 240, 180, {"80/20", "asa<=15s", "abandon<=3%"}, SlBasis::answered, 0.9});
  const ErlangCheck c = check_agents(g, 250);
  const models::Erlang e({1, 240, 250, 180});
  REQUIRE(c.stable);
  REQUIRE(c.targets.size() == 3);
  CHECK(c.targets[0].figure == e.sl_answered(20));
  CHECK(c.targets[0].met == (e.sl_answered(20) >= 0.8));
  CHECK(c.targets[1].figure == e.asa());
  CHECK(c.targets[1].met == (e.asa() <= 15));
  CHECK(c.targets[2].figure == e.p_abandon());
  CHECK(c.occupancy == e.occupancy());
  CHECK(c.occupancy_met == (e.occupancy() <= 0.9));
  CHECK(c.met == (c.targets[0].met && c.targets[1].met && c.targets[2].met && c.occupancy_met));

  // Erlang C below the load: unstable, nothing met, figures NaN.
  const ErlangGoal cg = goal({1, 240, kInf, {"80/20"}, SlBasis::offered, kNone});
  const ErlangCheck u = check_agents(cg, 240);
  CHECK_FALSE(u.stable);
  CHECK_FALSE(u.met);
  CHECK_FALSE(u.targets[0].met);
  CHECK(std::isnan(u.targets[0].figure));
  CHECK(std::isnan(u.occupancy));
}

TEST_CASE("the occupancy cap takes a round load exactly") {
  // 255/h x 4 min is 17 erlangs up to rounding; at 85% that is 20 agents, not 21.
  const ErlangGoal g = goal({255.0 / 3600, 240, kInf, {}, SlBasis::offered, 0.85});
  CHECK(solve_agents(g) == 20);
  const ErlangGoal a = goal({255.0 / 3600, 240, 1e12, {}, SlBasis::offered, 1.0});
  CHECK(check_agents(a, 17).occupancy_met);
}

TEST_CASE("erlang_binding names the constraints missed one agent below") {
  const ErlangGoal sl = goal({1, 240, kInf, {"80/20", "asa<=60s"}, SlBasis::offered, kNone});
  const int n = *solve_agents(sl);
  const ErlangBinding b = erlang_binding(sl, n);
  CHECK_FALSE(b.stability);
  CHECK_FALSE(b.occupancy);
  REQUIRE_FALSE(b.targets.empty());
  for (std::size_t i : b.targets) CHECK_FALSE(check_agents(sl, n - 1).targets[i].met);

  // 240 erlangs at 85% occupancy need 283 agents, far more than 80/20 does.
  const ErlangGoal occ = goal({1, 240, kInf, {"80/20"}, SlBasis::offered, 0.85});
  CHECK(solve_agents(occ) == 283);
  const ErlangBinding bo = erlang_binding(occ, 283);
  CHECK(bo.occupancy);
  CHECK(bo.targets.empty());

  // Erlang C with nothing but a loose cap: the load alone sets the answer.
  const ErlangGoal st = goal({1, 240, kInf, {"abandon<=5%"}, SlBasis::offered, kNone});
  CHECK(solve_agents(st) == 241);
  CHECK(erlang_binding(st, 241).stability);

  // One agent meets everything: nothing binds.
  const ErlangGoal one = goal({0.001, 60, 30, {"80/20"}, SlBasis::offered, kNone});
  CHECK(solve_agents(one) == 1);
  const ErlangBinding b1 = erlang_binding(one, 1);
  CHECK((b1.targets.empty() && !b1.occupancy && !b1.stability));
}

TEST_CASE("targets no staffing meets are refused, and so are answers beyond the cap") {
  for (const char* t : {"100/20", "asa<=0s"}) {
    for (double patience : {kInf, 180.0}) {
      const ErlangGoal g = goal({1, 240, patience, {"80/20", t}, SlBasis::offered, kNone});
      CHECK_FALSE(erlang_unattainable(g).empty());
      CHECK_FALSE(solve_agents(g));
    }
  }
  const ErlangGoal ab = goal({1, 240, 180, {"abandon<=0%"}, SlBasis::offered, kNone});
  CHECK(erlang_unattainable(ab).find("abandon") != std::string::npos);
  CHECK_FALSE(solve_agents(ab));
  // Without patience nobody abandons: a 0% cap is met by any stable staffing.
  const ErlangGoal abc = goal({1, 240, kInf, {"abandon<=0%"}, SlBasis::offered, kNone});
  CHECK(erlang_unattainable(abc).empty());
  CHECK(solve_agents(abc) == 241);

  const ErlangGoal big = goal({1000, 300, kInf, {"80/20"}, SlBasis::offered, kNone});
  CHECK_FALSE(solve_agents(big));
  const ErlangGoal g = goal({1, 240, kInf, {"80/20"}, SlBasis::offered, kNone});
  const int n = *solve_agents(g);
  CHECK_FALSE(solve_agents(g, n - 1));
  CHECK(solve_agents(g, n) == n);
}

namespace {
// Erlang B by the inverse recursion 1/B(k) = 1 + (k/a) / B(k-1), in long double.
double erlang_b_inverse(int n, double a) {
  long double inv = 1;
  for (int k = 1; k <= n; ++k) inv = 1 + inv * k / a;
  return static_cast<double>(1 / inv);
}
}  // namespace

TEST_CASE("Erlang B equals the recursion and the published tables") {
  for (double a : {0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 37.9, 84.06, 250.0})
    for (int n : {1, 2, 3, 5, 10, 11, 20, 50, 100, 300}) {
      INFO("n " << n << " a " << a);
      const LinesCheck c = check_lines(a, n);
      CHECK(c.lines == n);
      CHECK(c.blocking == Approx(erlang_b_inverse(n, a)).epsilon(1e-12));
      CHECK(c.carried_load == Approx(a * (1 - c.blocking)).epsilon(1e-15));
      CHECK(c.met);
    }
  CHECK(check_lines(5, 10).blocking == Approx(0.018385).margin(5e-7));
  CHECK_FALSE(check_lines(5, 10, 0.01).met);
  CHECK(check_lines(5, 11, 0.01).met);
  // The classic table at 1% blocking: 5 erlangs need 11 lines; 10, 20, 50 and 100 lines
  // carry 4.461, 12.031, 37.901 and 84.064 erlangs.
  CHECK(solve_lines(5, 0.01) == 11);
  CHECK(solve_lines(4.46, 0.01) == 10);
  CHECK(solve_lines(4.47, 0.01) == 11);
  CHECK(solve_lines(12.03, 0.01) == 20);
  CHECK(solve_lines(12.04, 0.01) == 21);
  CHECK(solve_lines(37.90, 0.01) == 50);
  CHECK(solve_lines(37.91, 0.01) == 51);
  CHECK(solve_lines(84.06, 0.01) == 100);
  CHECK(solve_lines(84.07, 0.01) == 101);
  CHECK(solve_lines(5, 0.02) == 10);
}

TEST_CASE("solve_lines gives the smallest N a scan finds") {
  for (double a : {0.01, 0.3, 1.0, 4.0, 12.5, 60.0, 400.0})
    for (double cap : {0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5}) {
      INFO("a " << a << " blocking " << cap);
      int scan = 0;
      for (int n = 1; scan == 0; ++n)
        if (erlang_b_inverse(n, a) <= cap) scan = n;
      const std::optional<int> solved = solve_lines(a, cap);
      REQUIRE(solved);
      CHECK(*solved == scan);
      CHECK(check_lines(a, *solved, cap).met);
      if (*solved > 1) CHECK_FALSE(check_lines(a, *solved - 1, cap).met);
    }
  CHECK_FALSE(solve_lines(1e6, 0.01, 1000));
  CHECK(solve_lines(0, 0.01) == 1);
}

TEST_CASE("shrinkage headcount: on duty / (1 - shrinkage), rounded up, exactly") {
  CHECK(shrinkage_headcount(21, 0.3) == 30);
  CHECK(shrinkage_headcount(10, 0.1) == 12);
  CHECK(shrinkage_headcount(0, 0.3) == 0);
  for (int n : {1, 7, 21, 255, 100000}) CHECK(shrinkage_headcount(n, 0.0) == n);
  // Every whole percentage against integer arithmetic: ceil(100 n / (100 - p)).
  for (int p = 0; p < 100; ++p)
    for (int n = 0; n <= 1000; ++n) {
      const long long exact = (100LL * n + (100 - p) - 1) / (100 - p);
      INFO("n " << n << " p " << p);
      REQUIRE(shrinkage_headcount(n, p / 100.0) == exact);
    }
  // Tenths of a percent too.
  for (int p = 0; p < 1000; p += 7)
    for (int n = 0; n <= 300; ++n) {
      const long long exact = (1000LL * n + (1000 - p) - 1) / (1000 - p);
      INFO("n " << n << " p/10 " << p);
      REQUIRE(shrinkage_headcount(n, p / 1000.0) == exact);
    }
}
