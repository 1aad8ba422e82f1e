// `ccsim staff` finds the least-cost staffing where agents are shared: on small instances
// (2-3 agent groups, 2-3 queues, 1-3 intervals) an exhaustive search over the same
// simulated calls gives the true optimum, and find_staffing must come within one
// agent-interval of it, with a lower bound that never exceeds it.
//
// The exhaustive search knows nothing about the simulated function: no monotonicity, no
// interval decomposition. It enumerates the plans (agents per group and interval, each
// >= 0) in order of increasing cost and judges each with PlanJudge (scope interval,
// confidence 0, the scenario's replications, hence the calls find_staffing judges on);
// the first plan judged feasible is a least-cost one, since every cheaper plan was
// simulated and judged infeasible. This is the box [0..U_g] per cell with U_g =
// floor(C* / unit_cost(g)), cut by the optimum's cost C* itself: no plan costing more
// than a feasible plan can be cheaper than it.
//
// Cost order without duplicates: every plan x != 0 has one parent, x less one agent in its
// last nonzero cell; a plan's children add one agent in its last nonzero cell or a later
// one. Costs are positive, so a child costs more than its parent, and a best-first walk
// of this tree from the empty plan pops every plan in order of cost.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/staffing/evaluate.hpp"
#include "sim/staffing/search.hpp"

using namespace ccsim;

namespace {

// Beyond this many plans an instance is too big for this test: it fails rather than
// pretending to be exhaustive.
constexpr long kMaxPlans = 400000;

struct Instance {
  const char* covers;
  const char* toml;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string plan_text(const Scenario& s, const StaffPlan& p) {
  std::ostringstream o;
  for (std::size_t g = 0; g < p.size(); ++g) {
    o << (g ? "  " : "") << s.groups[g].name << " [";
    for (std::size_t i = 0; i < p[g].size(); ++i) o << (i ? " " : "") << p[g][i];
    o << "]";
  }
  return o.str();
}

// Every plan x >= 0 over cells with positive unit costs, each once, in order of cost
// (ties: by the cells, so the order is fixed). See the comment at the top.
class CostOrderedPlans {
 public:
  explicit CostOrderedPlans(std::vector<double> unit) : unit_(std::move(unit)) {
    heap_.push({0.0, std::vector<int>(unit_.size(), 0), 0});
  }
  // The next plan and its cost.
  void next(std::vector<int>& x, double& cost) {
    Node n = heap_.top();
    heap_.pop();
    for (std::size_t k = n.last; k < unit_.size(); ++k) {
      Node c{n.cost + unit_[k], n.x, k};
      ++c.x[k];
      heap_.push(std::move(c));
    }
    x = std::move(n.x);
    cost = n.cost;
  }

 private:
  struct Node {
    double cost;
    std::vector<int> x;
    std::size_t last;  // children add an agent in cell >= last (the last nonzero cell)
  };
  struct Later {
    bool operator()(const Node& a, const Node& b) const { return a.cost != b.cost ? a.cost > b.cost : a.x > b.x; }
  };
  std::vector<double> unit_;
  std::priority_queue<Node, std::vector<Node>, Later> heap_;
};

struct Exhaustive {
  bool found = false;
  double cost = 0;
  StaffPlan plan;
  long rank = 0;       // the optimum's place in cost order: the rank - 1 plans before it are infeasible
  long simulated = 0;  // plans simulated (the optimum's batch is simulated whole)
  double seconds = 0;
};

// Plans in cost order, simulated in batches on `threads` threads (one PlanJudge each:
// PlanJudge keeps counters, so it is not shared). Within a batch the plans are in cost
// order, so the first feasible one of the first batch holding any is a least-cost plan.
Exhaustive exhaustive_optimum(const Scenario& s, int threads) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t groups = s.groups.size();
  const std::size_t intervals = static_cast<std::size_t>(s.intervals);
  const std::size_t cells = groups * intervals;  // cell k = g * intervals + i
  std::vector<std::unique_ptr<PlanJudge>> judges;
  for (int t = 0; t < threads; ++t) judges.push_back(std::make_unique<PlanJudge>(s, StaffScope::interval, 0.0, 1));
  std::vector<double> unit(cells);
  for (std::size_t k = 0; k < cells; ++k) unit[k] = judges[0]->unit_cost(k / intervals);
  for (double u : unit) REQUIRE(u > 0);
  CostOrderedPlans order(unit);

  auto to_plan = [&](const std::vector<int>& x) {
    StaffPlan p(groups, std::vector<int>(intervals, 0));
    for (std::size_t k = 0; k < cells; ++k) p[k / intervals][k % intervals] = x[k];
    return p;
  };

  Exhaustive out;
  const std::size_t batch_size = 48;
  std::vector<std::vector<int>> batch(batch_size);
  std::vector<double> batch_cost(batch_size);
  while (!out.found && out.simulated < kMaxPlans) {
    for (std::size_t j = 0; j < batch_size; ++j) order.next(batch[j], batch_cost[j]);
    std::vector<char> feasible(batch_size, 0);
    std::atomic<std::size_t> next{0};
    auto work = [&](PlanJudge& judge) {
      for (std::size_t j; (j = next.fetch_add(1)) < batch_size;)
        feasible[j] = judge.evaluate(to_plan(batch[j]), s.replications).feasible ? 1 : 0;
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work, std::ref(*judges[static_cast<std::size_t>(t)]));
    work(*judges[0]);
    for (auto& th : pool) th.join();
    for (std::size_t j = 0; j < batch_size; ++j)
      if (feasible[j]) {
        out.found = true;
        out.cost = batch_cost[j];
        out.plan = to_plan(batch[j]);
        out.rank = out.simulated + static_cast<long>(j) + 1;
        break;
      }
    out.simulated += static_cast<long>(batch_size);
  }
  out.seconds = seconds_since(t0);
  return out;
}

void check_instance(const Instance& in) {
  const Scenario s = parse_scenario(in.toml, "optimal.toml");
  INFO(s.name << ": " << in.covers);
  REQUIRE(s.groups.size() >= 2);
  REQUIRE(s.groups.size() <= 3);
  REQUIRE(s.queues.size() >= 2);
  REQUIRE(s.queues.size() <= 3);
  REQUIRE(s.intervals >= 1);
  REQUIRE(s.intervals <= 3);
  const int threads = std::clamp(default_threads(), 1, 2);

  const Exhaustive ex = exhaustive_optimum(s, threads);
  REQUIRE(ex.found);  // else the instance is too big for kMaxPlans

  StaffOptions o;
  o.scope = StaffScope::interval;
  o.max_replications = s.replications;  // no refinement: judged on exactly these calls
  o.threads = threads;
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = std::make_unique<StaffResult>(find_staffing(s, o));
  const double staff_seconds = seconds_since(t0);

  PlanJudge judge(s, StaffScope::interval, 0.0, threads);
  const PlanEvaluation staff_eval = judge.evaluate(r->staffing, s.replications);
  double max_unit = 0;
  for (std::size_t g = 0; g < s.groups.size(); ++g) max_unit = std::max(max_unit, judge.unit_cost(g));

  std::printf("%-26s %s\n", s.name.c_str(), in.covers);
  std::printf("  exhaustive: cost %8.2f  %s\n", ex.cost, plan_text(s, ex.plan).c_str());
  std::printf(
      "              found at plan %ld in cost order (the %ld before it all infeasible), %ld simulated, %.2f s\n",
      ex.rank, ex.rank - 1, ex.simulated, ex.seconds);
  std::printf("  staff:      cost %8.2f  %s  (%s by PlanJudge)\n", staff_eval.cost, plan_text(s, r->staffing).c_str(),
              staff_eval.feasible ? "feasible" : "INFEASIBLE");
  std::printf(
      "              reported cost %.2f, lower bound %.2f, gap %.4f, %d simulations, %ld days, %.2f s;"
      " excess over optimum %+.2f (allowed %.2f)\n",
      r->cost, r->lower_bound, r->gap, r->evaluations, r->simulated_days, staff_seconds, staff_eval.cost - ex.cost,
      max_unit);
  std::fflush(stdout);

  CHECK(staff_eval.feasible);
  CHECK(staff_eval.cost <= ex.cost + max_unit + 1e-9);
  if (!std::isnan(r->lower_bound)) CHECK(r->lower_bound <= ex.cost + 1e-9);
}

// ---- The instances. Costs per hour are whole numbers and intervals 30 or 60 minutes,
// so every plan's cost is exact in binary floating point and cost ties are real ties.

const Instance kGeneralistsCheaper{"generalists cheaper than specialists; 80/20 and 90/10; 1 interval",
                                   R"(
[scenario]
name = "generalists-cheaper"
interval = "30m"
replications = 30
seed = 7001

[[queue]]
name = "billing"
arrivals = { volumes = [45] }
handle_time = { dist = "lognormal", mean = "4m", sd = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]

[[queue]]
name = "tech"
arrivals = { volumes = [30] }
handle_time = { dist = "lognormal", mean = "5m", sd = "4m" }
patience = { dist = "exponential", mean = "4m" }
targets = ["90/10"]

[[agents]]
name = "billing-spec"
serves = ["billing"]
staffing = 0
cost_per_hour = 22

[[agents]]
name = "tech-spec"
serves = ["tech"]
staffing = 0
cost_per_hour = 22

[[agents]]
name = "blend"
serves = ["billing", "tech"]
staffing = 0
cost_per_hour = 20
)"};

const Instance kGeneralistsDearer{"generalists dearer than specialists (pooling vs price); 80/20 both; 2 intervals",
                                  R"(
[scenario]
name = "generalists-dearer"
interval = "30m"
replications = 30
seed = 7002

[[queue]]
name = "a"
arrivals = { volumes = [14, 22] }
handle_time = { dist = "exponential", mean = "4m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]

[[queue]]
name = "b"
arrivals = { volumes = [10, 6] }
handle_time = { dist = "exponential", mean = "4m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]

[[agents]]
name = "a-spec"
serves = ["a"]
staffing = 0
cost_per_hour = 20

[[agents]]
name = "blend"
serves = ["b", "a"]
staffing = 0
cost_per_hour = 26
)"};

const Instance kDelayedOverflow{
    "delayed overflow (overflow_after 15s) from a dearer team; 80/20 and abandon<=5%; 2 intervals",
    R"(
[scenario]
name = "delayed-overflow"
interval = "30m"
replications = 20
seed = 7003

[[queue]]
name = "service"
arrivals = { volumes = [24, 32] }
handle_time = { dist = "lognormal", mean = "4m", sd = "3m" }
patience = { dist = "exponential", mean = "90s" }
targets = ["80/20"]

[[queue]]
name = "sales"
arrivals = { volumes = [10, 14] }
handle_time = { dist = "lognormal", mean = "5m", sd = "3m" }
patience = { dist = "exponential", mean = "2m" }
targets = ["abandon<=5%"]

[[agents]]
name = "service-team"
serves = ["service"]
staffing = 0
cost_per_hour = 20

[[agents]]
name = "sales-team"
serves = ["sales", "service"]
overflow_after = { service = "15s" }
staffing = 0
cost_per_hour = 24
)"};

const Instance kPriority{"queue priorities: a VIP line served first by a shared team; 90/10 and 80/20; 2 intervals",
                         R"(
[scenario]
name = "priority"
interval = "30m"
replications = 30
seed = 7004

[[queue]]
name = "vip"
arrivals = { volumes = [8, 12] }
handle_time = { dist = "lognormal", mean = "6m", sd = "4m" }
patience = { dist = "exponential", mean = "4m" }
targets = ["90/10"]
priority = 1

[[queue]]
name = "regular"
arrivals = { volumes = [26, 20] }
handle_time = { dist = "lognormal", mean = "4m", sd = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]

[[agents]]
name = "vip-desk"
serves = ["vip"]
staffing = 0
cost_per_hour = 30

[[agents]]
name = "universal"
serves = ["vip", "regular"]
staffing = 0
cost_per_hour = 22
)"};

const Instance kEfficiency{"efficiency 0.7 trainees, cheaper but slower; asa<=20s and 80/20; 2 intervals",
                           R"(
[scenario]
name = "efficiency"
interval = "30m"
replications = 30
seed = 7005

[[queue]]
name = "orders"
arrivals = { volumes = [20, 28] }
handle_time = { dist = "exponential", mean = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["asa<=20s"]

[[queue]]
name = "returns"
arrivals = { volumes = [12, 8] }
handle_time = { dist = "exponential", mean = "5m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]

[[agents]]
name = "trainees"
serves = ["orders"]
efficiency = 0.7
staffing = 0
cost_per_hour = 14

[[agents]]
name = "experts"
serves = ["returns", "orders"]
staffing = 0
cost_per_hour = 24
)"};

const Instance kThreeQueues{
    "3 queues, overlapping skills (AB, BC, ABC); 80/20, 90/10, asa<=30s + abandon<=5%; 1 interval",
    R"(
[scenario]
name = "three-queues"
interval = "30m"
replications = 30
seed = 7006

[[queue]]
name = "q1"
arrivals = { volumes = [30] }
handle_time = { dist = "lognormal", mean = "4m", sd = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]

[[queue]]
name = "q2"
arrivals = { volumes = [20] }
handle_time = { dist = "lognormal", mean = "4m", sd = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["90/10"]

[[queue]]
name = "q3"
arrivals = { volumes = [25] }
handle_time = { dist = "lognormal", mean = "3m", sd = "2m" }
patience = { dist = "exponential", mean = "2m" }
targets = ["asa<=30s", "abandon<=5%"]

[[agents]]
name = "g12"
serves = ["q1", "q2"]
staffing = 0
cost_per_hour = 20

[[agents]]
name = "g23"
serves = ["q3", "q2"]
staffing = 0
cost_per_hour = 21

[[agents]]
name = "g123"
serves = ["q1", "q2", "q3"]
staffing = 0
cost_per_hour = 23
)"};

const Instance kThreeIntervals{
    "3 intervals with a peak: queues carried over; 80/20 and abandon<=4%; specialist + blend",
    R"(
[scenario]
name = "three-intervals"
interval = "30m"
replications = 20
seed = 7007

[[queue]]
name = "main"
arrivals = { volumes = [6, 12, 7] }
handle_time = { dist = "lognormal", mean = "3m", sd = "2m" }
patience = { dist = "exponential", mean = "2m" }
targets = ["80/20"]

[[queue]]
name = "side"
arrivals = { volumes = [3, 6, 3] }
handle_time = { dist = "lognormal", mean = "4m", sd = "3m" }
patience = { dist = "exponential", mean = "2m" }
targets = ["abandon<=4%"]

[[agents]]
name = "main-spec"
serves = ["main"]
staffing = 0
cost_per_hour = 20

[[agents]]
name = "blend"
serves = ["side", "main"]
staffing = 0
cost_per_hour = 23
)"};

const Instance kMixedFeatures{
    "priority + delayed overflow (20s) + efficiency 0.85 flex team; 90/10 and 80/20; 3 groups, 2 intervals",
    R"(
[scenario]
name = "mixed-features"
interval = "30m"
replications = 30
seed = 7008

[[queue]]
name = "premium"
arrivals = { volumes = [6, 9] }
handle_time = { dist = "lognormal", mean = "5m", sd = "3m" }
patience = { dist = "exponential", mean = "4m" }
targets = ["90/10"]
priority = 1

[[queue]]
name = "standard"
arrivals = { volumes = [14, 10] }
handle_time = { dist = "lognormal", mean = "4m", sd = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]

[[agents]]
name = "premium-desk"
serves = ["premium"]
staffing = 0
cost_per_hour = 28

[[agents]]
name = "standard-team"
serves = ["standard", "premium"]
overflow_after = { premium = "20s" }
staffing = 0
cost_per_hour = 20

[[agents]]
name = "flex"
serves = ["premium", "standard"]
efficiency = 0.85
staffing = 0
cost_per_hour = 18
)"};

const Instance kDualTarget{
    "dual 90/10 + 99/300 on a refined basis beside asa<=15s + abandon<=10%; 1-hour intervals; 2 intervals",
    R"(
[scenario]
name = "dual-target"
interval = "1h"
replications = 20
seed = 7009

[[queue]]
name = "elite"
arrivals = { volumes = [12, 18] }
handle_time = { dist = "lognormal", mean = "6m", sd = "4m" }
patience = { dist = "exponential", mean = "5m" }
targets = ["90/10", "99/300"]
sl_basis = "refined"
short_abandon = "5s"

[[queue]]
name = "chat"
arrivals = { volumes = [30, 24] }
handle_time = { dist = "exponential", mean = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["asa<=15s", "abandon<=10%"]

[[agents]]
name = "elite-desk"
serves = ["elite"]
staffing = 0
cost_per_hour = 30

[[agents]]
name = "shared"
serves = ["chat", "elite"]
staffing = 0
cost_per_hour = 24
)"};

const Instance kThreeByThree{
    "3 groups x 3 intervals, cheap generalists that are slower (efficiency 0.8); 80/20 and 90/10",
    R"(
[scenario]
name = "three-by-three"
interval = "30m"
replications = 20
seed = 7010

[[queue]]
name = "x"
arrivals = { volumes = [3, 5, 3] }
handle_time = { dist = "exponential", mean = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]

[[queue]]
name = "y"
arrivals = { volumes = [3, 4, 4] }
handle_time = { dist = "exponential", mean = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["90/10"]

[[agents]]
name = "x-spec"
serves = ["x"]
staffing = 0
cost_per_hour = 20

[[agents]]
name = "y-spec"
serves = ["y"]
staffing = 0
cost_per_hour = 20

[[agents]]
name = "generalist"
serves = ["x", "y"]
efficiency = 0.8
staffing = 0
cost_per_hour = 18
)"};

}  // namespace

TEST_CASE("optimal: generalists cheaper than specialists") { check_instance(kGeneralistsCheaper); }
TEST_CASE("optimal: generalists dearer than specialists") { check_instance(kGeneralistsDearer); }
TEST_CASE("optimal: delayed overflow") { check_instance(kDelayedOverflow); }
TEST_CASE("optimal: queue priorities") { check_instance(kPriority); }
TEST_CASE("optimal: group efficiency below 1") { check_instance(kEfficiency); }
TEST_CASE("optimal: three queues with overlapping skills and mixed targets") { check_instance(kThreeQueues); }
TEST_CASE("optimal: three intervals with the queue carried over") { check_instance(kThreeIntervals); }
TEST_CASE("optimal: priority with overflow and efficiency together") { check_instance(kMixedFeatures); }
TEST_CASE("optimal: dual target on the refined basis and an ASA goal") { check_instance(kDualTarget); }
TEST_CASE("optimal: three groups by three intervals") { check_instance(kThreeByThree); }

// The walk itself, with no simulation: against a plain nested enumeration of a box, it
// must give every plan up to a cost exactly once, never a cheaper one after a dearer one.
TEST_CASE("optimal: the cost-ordered walk gives every plan once, cheapest first") {
  const std::vector<double> unit{10, 10, 9, 12, 11, 9.5};
  const double budget = 80;
  std::map<std::vector<int>, int> seen;
  CostOrderedPlans order(unit);
  double last = 0;
  for (;;) {
    std::vector<int> x;
    double c = 0;
    order.next(x, c);
    if (c > budget) break;
    CHECK(c >= last);
    last = c;
    ++seen[x];
  }
  long expected = 0;
  std::vector<int> x(unit.size(), 0);
  std::function<void(std::size_t, double)> box = [&](std::size_t k, double c) {
    if (k == unit.size()) {
      ++expected;
      const auto it = seen.find(x);
      CHECK((it != seen.end() && it->second == 1));
      return;
    }
    for (x[k] = 0; c + x[k] * unit[k] <= budget; ++x[k]) box(k + 1, c + x[k] * unit[k]);
    x[k] = 0;
  };
  box(0, 0.0);
  CHECK(static_cast<long>(seen.size()) == expected);
  CHECK(expected > 1000);
}

// The exhaustive search takes PlanJudge's word for feasibility, so a plan it calls
// feasible must really meet the targets. A queue nobody serves has calls offered and none
// answered: its ASA and its SL on the answered basis have no answered call behind them
// (NaN), and "a figure with no calls behind it constrains nothing" would let an empty plan
// meet "asa<=15s" or an answered-basis "80/20" while every caller abandons. The cheapest
// "feasible" plan of such a queue would then be to staff it with nobody.
namespace {

bool empty_plan_feasible(const std::string& targets, const std::string& basis, StaffScope scope) {
  const Scenario s = parse_scenario(R"(
[scenario]
name = "starved"
interval = "30m"
replications = 20
seed = 7011

[[queue]]
name = "chat"
arrivals = { volumes = [30, 24] }
handle_time = { dist = "exponential", mean = "3m" }
patience = { dist = "exponential", mean = "3m" }
targets = )" + targets + "\nsl_basis = \"" +
                                        basis + R"("

[[agents]]
name = "team"
serves = ["chat"]
staffing = 0
cost_per_hour = 20
)",
                                    "starved.toml");
  PlanJudge judge(s, scope, 0.0, 1);
  return judge.evaluate({{0, 0}}, s.replications).feasible;
}

}  // namespace

TEST_CASE("PlanJudge: a queue whose calls are all abandoned does not meet an ASA target") {
  INFO("the empty plan: every caller abandons, none is answered");
  CHECK_FALSE(empty_plan_feasible(R"(["asa<=15s"])", "offered", StaffScope::interval));
  CHECK_FALSE(empty_plan_feasible(R"(["asa<=15s"])", "offered", StaffScope::day));
}

TEST_CASE("PlanJudge: a queue whose calls are all abandoned does not meet an answered-basis SL") {
  INFO("the empty plan: every caller abandons, none is answered");
  CHECK_FALSE(empty_plan_feasible(R"(["80/20"])", "offered", StaffScope::interval));
  CHECK_FALSE(empty_plan_feasible(R"(["80/20"])", "refined", StaffScope::interval));
  CHECK_FALSE(empty_plan_feasible(R"(["80/20"])", "answered", StaffScope::interval));
  CHECK_FALSE(empty_plan_feasible(R"(["80/20"])", "answered", StaffScope::day));
}
