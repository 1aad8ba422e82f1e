// Benchmark of `ccsim staff`.
// 1. The bank day of scenarios/bank-80-20.toml (issue 4): 24 half-hour intervals, one
//    queue, 100 replications per simulation, 80/20, scope interval and day, 1 and 2
//    threads. Goal: under 5 s on 2 cores (scope interval, default refinement).
// 2. Shared agents: tests/bench/multiskill-day.toml, 10 queues, 6 groups with overlapping
//    skills, 24 half-hour intervals, 30 replications per simulation, scope interval on 2
//    threads. Goal: under 60 s on 2 cores.
// Each run prints the wall time of the whole search, the simulations it ran, the days
// (replications) simulated, the answer's cost and agent-hours, the lower bound and gap, and
// the calls simulated per second; "refine off" is --max-replications at the scenario's
// replications, "refine on" the default (close verdicts doubled up to 3200).
//
//   cmake --build build --target bench-staff
//   build/ccsim_bench_staff [bank|multi|all] [BANK_FILE [MULTISKILL_FILE]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "sim/report/staff_report.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/staffing/search.hpp"

using namespace ccsim;

namespace {

void run(const Scenario& s, StaffScope scope, int threads, bool refine) {
  StaffOptions o;
  o.scope = scope;
  o.threads = threads;
  if (!refine) o.max_replications = s.replications;
  const auto t0 = std::chrono::steady_clock::now();
  const StaffResult r = find_staffing(s, o);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Calls per simulated day, times the days simulated over the whole search.
  const double calls = r.summary.day.back().offered.mean * static_cast<double>(r.simulated_days);
  int sharpest = s.replications;
  for (const StaffVerdict& v : r.verdicts) sharpest = std::max(sharpest, v.replications);
  std::printf(
      "refine %-3s scope %-8s threads %d: %.2f s, %d simulations, %ld days, cost %.2f, "
      "%.1f agent-hours, lower bound %.2f, gap %.4f, %.2f M calls/s%s\n",
      refine ? "on" : "off", scope == StaffScope::day ? "day" : "interval", threads, secs, r.evaluations,
      r.simulated_days, r.cost, plan_cost(r.scenario, r.staffing).agent_hours, r.lower_bound, r.gap, calls / secs / 1e6,
      r.feasible ? "" : " (NOT MET)");
  std::printf(
      "  search: %d add rounds, %d cut iterations, %d removals, %d trades, %d refine rounds, "
      "verdicts on up to %d replications\n",
      r.add_rounds, r.cut_iterations, r.remove_rounds, r.trade_moves, r.refine_rounds, sharpest);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string which = argc > 1 ? argv[1] : "all";
  const std::string bank = argc > 2 ? argv[2] : CCSIM_SOURCE_DIR "/scenarios/bank-80-20.toml";
  const std::string multi = argc > 3 ? argv[3] : CCSIM_SOURCE_DIR "/tests/bench/multiskill-day.toml";
  if (which != "all" && which != "bank" && which != "multi") {
    std::fprintf(stderr, "usage: ccsim_bench_staff [bank|multi|all] [BANK_FILE [MULTISKILL_FILE]]\n");
    return 2;
  }
  if (which != "multi") {
    const Scenario s = load_scenario(bank);
    std::printf("%s: %d intervals, %d replications per simulation\n", bank.c_str(), s.intervals, s.replications);
    for (const bool refine : {false, true})
      for (const StaffScope scope : {StaffScope::interval, StaffScope::day})
        for (const int threads : {1, 2}) run(s, scope, threads, refine);
  }
  if (which != "bank") {
    const Scenario m = load_scenario(multi);
    std::printf("\n%s: %zu queues, %zu groups, %d intervals, %d replications per simulation\n", multi.c_str(),
                m.queues.size(), m.groups.size(), m.intervals, m.replications);
    for (const bool refine : {false, true}) run(m, StaffScope::interval, 2, refine);
  }
  return 0;
}
