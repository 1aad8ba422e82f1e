// Benchmark of `ccsim staff`.
// 1. The bank day of scenarios/bank-80-20.toml (issue 4): 24 half-hour intervals, one
//    queue, 100 replications per simulation, 80/20. Prints the wall time of the whole
//    search for scope interval and day on 1 and 2 threads, the simulations it ran, the days
//    (replications) simulated, the calls simulated per second and the gap to the lower
//    bound. Goal: under 5 s on 2 cores.
// 2. Shared agents: tests/bench/multiskill-day.toml, 10 queues, 6 groups with overlapping
//    skills, 24 half-hour intervals, 30 replications per simulation. Prints, on 2 threads,
//    the wall time, simulations, simulated days, cost, lower bound and gap.
//
//   cmake --build build --target bench-staff
//   build/ccsim_bench_staff [BANK_FILE [MULTISKILL_FILE]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "sim/scenario.hpp"
#include "sim/staff_report.hpp"
#include "sim/staff_search.hpp"

using namespace ccsim;

namespace {

double run(const Scenario& s, const StaffOptions& o, StaffResult& r) {
  const auto t0 = std::chrono::steady_clock::now();
  find_staffing(s, o, r);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string file = argc > 1 ? argv[1] : CCSIM_SOURCE_DIR "/scenarios/bank-80-20.toml";
  const std::string multi = argc > 2 ? argv[2] : CCSIM_SOURCE_DIR "/tests/bench/multiskill-day.toml";

  const Scenario s = load_scenario(file);
  std::printf("%s: %d intervals, %d replications per simulation\n", file.c_str(), s.intervals, s.replications);
  // refine 0: --max-replications at the scenario's replications (no refinement of close
  // verdicts); 1: the default (doubling up to 3200).
  for (const int refine : {0, 1})
  for (const StaffScope scope : {StaffScope::interval, StaffScope::day}) {
    for (const int threads : {1, 2}) {
      StaffOptions o;
      o.scope = scope;
      o.threads = threads;
      if (!refine) o.max_replications = s.replications;
      std::printf("refine %-3s ", refine ? "on" : "off");
      StaffResult r;
      const double secs = run(s, o, r);
      // Calls per simulated day, times the days simulated over the whole search.
      const double calls = r.summary.day.back().offered.mean * static_cast<double>(r.simulated_days);
      std::printf("scope %-8s threads %d: %.2f s, %d simulations, %ld days, %.1f agent-hours, gap %.4f, "
                  "%.2f M calls/s%s\n",
                  scope == StaffScope::day ? "day" : "interval", threads, secs, r.evaluations, r.simulated_days,
                  plan_cost(r.scenario, r.staffing).agent_hours, r.gap, calls / secs / 1e6,
                  r.feasible ? "" : " (NOT MET)");
    }
  }

  const Scenario m = load_scenario(multi);
  std::printf("\n%s: %zu queues, %zu groups, %d intervals, %d replications per simulation\n", multi.c_str(),
              m.queues.size(), m.groups.size(), m.intervals, m.replications);
  for (const int refine : {0, 1}) {
  StaffOptions o;
  o.scope = StaffScope::interval;
  o.threads = 2;
  if (!refine) o.max_replications = m.replications;
  std::printf("refine %-3s ", refine ? "on" : "off");
  StaffResult r;
  const double secs = run(m, o, r);
  const double calls = r.summary.day.back().offered.mean * static_cast<double>(r.simulated_days);
  std::printf("scope interval threads 2: %.2f s, %d simulations, %ld days, cost %.2f, lower bound %.2f, "
              "gap %.4f, %.1f agent-hours, %.2f M calls/s%s\n",
              secs, r.evaluations, r.simulated_days, r.cost, r.lower_bound, r.gap,
              plan_cost(r.scenario, r.staffing).agent_hours, calls / secs / 1e6, r.feasible ? "" : " (NOT MET)");
  int sharpest = m.replications;
  for (const StaffVerdict& v : r.verdicts) sharpest = std::max(sharpest, v.replications);
  std::printf("  search: %d add rounds, %d cut iterations, %d removals, %d trades, %d refine rounds, "
              "verdicts on up to %d replications\n",
              r.add_rounds, r.cut_iterations, r.remove_rounds, r.trade_moves, r.refine_rounds, sharpest);
  }
  return 0;
}
