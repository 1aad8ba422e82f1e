// `ccsim staff` on the bundled scenarios with shared agents (scenarios/elite-line.toml,
// scenarios/blended-team.toml) beats every flat hand plan: the file's own plan with k more
// agents in every group and interval (k = 0, 1, 2, ...), the way a planner pads a plan
// until it holds. No such plan that PlanJudge (scope interval, the scenario's
// replications) calls feasible may cost less than staff's answer. The walk stops once a
// flat plan costs as much as the answer: every larger k costs more still.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/staffing/evaluate.hpp"
#include "sim/staffing/search.hpp"

using namespace ccsim;

namespace {

void check_bundled(const std::string& file) {
  const Scenario s = load_scenario(CCSIM_SOURCE_DIR "/scenarios/" + file);
  INFO(file);
  for (const AgentGroupSpec& g : s.groups) REQUIRE(g.shifts.empty());  // a per-interval plan

  StaffOptions o;
  o.threads = default_threads();
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = std::make_unique<StaffResult>(find_staffing(s, o));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(r->feasible);

  // The most replications any verdict behind the answer took (refinement of close calls).
  int sharpest = s.replications;
  for (const StaffVerdict& v : r->verdicts) sharpest = std::max(sharpest, v.replications);

  PlanJudge judge(s, StaffScope::interval, 0.0, default_threads());
  const double answer = judge.cost(r->staffing);
  const PlanEvaluation at_base = judge.evaluate(r->staffing, s.replications);
  std::printf(
      "%s: staff %.2f (reported %.2f, lower bound %.2f, gap %.4f; %d simulations, %ld days, "
      "verdicts on up to %d replications, %.2f s); on the file's %d replications the answer is %s\n",
      file.c_str(), answer, r->cost, r->lower_bound, r->gap, r->evaluations, r->simulated_days, sharpest, secs,
      s.replications, at_base.feasible ? "feasible" : "infeasible");

  StaffPlan file_plan;
  for (const AgentGroupSpec& g : s.groups) file_plan.push_back(g.staffing);
  for (int k = 0;; ++k) {
    StaffPlan p = file_plan;
    for (auto& row : p)
      for (int& x : row) x += k;
    const double c = judge.cost(p);
    if (c >= answer - 1e-9) {
      std::printf("  file plan + %d: %.2f, not cheaper than staff's answer: stop\n", k, c);
      break;
    }
    const PlanEvaluation e = judge.evaluate(p, s.replications);
    std::printf("  file plan + %d: %.2f, %s", k, c, e.feasible ? "feasible" : "infeasible");
    // Judged as sharply as the answer was: a plan meets the targets if it does on the file's
    // replications and on as many as the answer's close verdicts took.
    bool meets = e.feasible;
    if (e.feasible && sharpest > s.replications) {
      meets = judge.evaluate(p, sharpest).feasible;
      std::printf(" (on %d replications: %s)", sharpest, meets ? "feasible" : "infeasible");
    }
    std::printf("\n");
    std::fflush(stdout);
    INFO("file plan + " << k << " costs " << c << " against staff's " << answer);
    CHECK_FALSE(meets);  // cheaper than the answer, so it must miss a target
  }
}

}  // namespace

TEST_CASE("bundled: staff beats every flat padding of elite-line's plan") { check_bundled("elite-line.toml"); }

TEST_CASE("bundled: staff beats every flat padding of blended-team's plan") { check_bundled("blended-team.toml"); }
