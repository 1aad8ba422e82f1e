// `staff --objective net` (sim/staffing/net_search.hpp) against an exhaustive search over n
// of the same simulated net value: one queue, one interval, one group, stationary calls.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/staffing/evaluate.hpp"
#include "sim/staffing/net_search.hpp"

namespace {

using namespace ccsim;

// 4 h of 240 calls/h, AHT 300 s (20 erlangs), patience 90 s; a sale is worth `revenue`.
Scenario sales_desk(double revenue, const std::string& extra) {
  return parse_scenario(
      "[scenario]\nname = \"t\"\ninterval = \"4h\"\nstart = \"08:00\"\nreplications = 30\n"
      "[[queue]]\nname = \"q\"\narrivals = { rate = \"240/h\" }\n"
      "handle_time = { dist = \"exponential\", mean = \"300s\" }\n"
      "patience = { dist = \"exponential\", mean = \"90s\" }\n"
      "revenue_per_answered = " +
          std::to_string(revenue) + "\ncost_per_abandon = 4.0\n" + extra +
          "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = [12]\ncost_per_hour = 25.0\n",
      "t.toml");
}

struct Best {
  int n = -1;
  double net = 0;
};

// Every n in [lo, hi] on the same days; `allowed(n, feasible)` filters.
template <class Allowed>
Best exhaustive(const Scenario& s, int lo, int hi, Allowed allowed) {
  PlanJudge judge(s, StaffScope::interval, 0, 2);
  Best b;
  for (int n = lo; n <= hi; ++n) {
    bool feasible = true;
    const double net = plan_net(judge, StaffPlan{{n}}, s.replications, nullptr, &feasible);
    if (!allowed(n, feasible)) continue;
    if (b.n < 0 || net > b.net) b = {n, net};
  }
  return b;
}

}  // namespace

TEST_CASE("net staffing without targets: the best n of an exhaustive search, same net") {
  for (const double revenue : {3.0, 6.0, 12.0}) {
    const Scenario s = sales_desk(revenue, "");
    StaffOptions o;
    o.threads = 2;
    const NetResult r = find_net_staffing(s, o, false);
    const Best b = exhaustive(s, 1, 45, [](int, bool) { return true; });
    INFO("revenue " << revenue << ": ascent n = " << r.staff.staffing[0][0] << ", exhaustive n = " << b.n);
    CHECK(r.staff.staffing[0][0] == b.n);
    CHECK(r.value.net.mean == b.net);  // the same simulated days: exactly the same figure
    CHECK_FALSE(r.start_is_cost_answer);
  }
}

TEST_CASE("net staffing with a target as constraint: the best feasible n") {
  // A low sale value: net alone would staff below 80/20, so the target binds.
  const Scenario s = sales_desk(0.25, "targets = [\"80/20\"]\n");
  StaffOptions o;
  o.threads = 2;
  const NetResult r = find_net_staffing(s, o, true);
  REQUIRE(r.start_is_cost_answer);
  const int n_cost = r.start[0][0];
  // The plans that meet the target, as the ascent takes them: at least the least-cost answer.
  const Best b = exhaustive(s, 1, 45, [&](int n, bool) { return n >= n_cost; });
  const Best free = exhaustive(s, 1, 45, [](int, bool) { return true; });
  INFO("ascent n = " << r.staff.staffing[0][0] << ", exhaustive feasible n = " << b.n << ", unconstrained " << free.n
                     << ", least cost " << n_cost);
  CHECK(free.n < n_cost);  // the constraint binds
  CHECK(r.staff.staffing[0][0] == b.n);
  CHECK(r.value.net.mean == b.net);
  CHECK(r.staff.feasible);
}

TEST_CASE("net staffing refuses a group without a price") {
  Scenario s = sales_desk(5.0, "");
  s.groups[0].cost_per_hour.reset();
  CHECK_THROWS_AS(find_net_staffing(s, StaffOptions{}, false), InputError);
}
