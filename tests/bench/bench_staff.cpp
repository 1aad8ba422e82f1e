// Benchmark of `ccsim staff` (issue 4): the bank day of scenarios/bank-80-20.toml, 24
// half-hour intervals, 100 replications per simulation, 80/20. Prints the wall time of
// the whole search for scope interval and day on 1 and 2 threads, the simulations it ran
// and the calls simulated per second. Goal: under 5 s on 2 cores.
//
//   cmake --build build --target bench-staff     (or: build/ccsim_bench_staff [FILE])
#include <chrono>
#include <cstdio>
#include <string>

#include "sim/scenario.hpp"
#include "sim/staff_report.hpp"
#include "sim/staff_search.hpp"

using namespace ccsim;

int main(int argc, char** argv) {
  const std::string file = argc > 1 ? argv[1] : CCSIM_SOURCE_DIR "/scenarios/bank-80-20.toml";
  const Scenario s = load_scenario(file);
  std::printf("%s: %d intervals, %d replications per simulation\n", file.c_str(), s.intervals, s.replications);
  for (const StaffScope scope : {StaffScope::interval, StaffScope::day}) {
    for (const int threads : {1, 2}) {
      StaffOptions o;
      o.scope = scope;
      o.threads = threads;
      StaffResult r;
      const auto t0 = std::chrono::steady_clock::now();
      find_staffing(s, o, r);
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const double calls_per_sim = r.summary.day.back().offered.mean * s.replications;
      std::printf("scope %-8s threads %d: %.2f s, %d simulations, %.1f agent-hours, %.2f M calls/s%s\n",
                  scope == StaffScope::day ? "day" : "interval", threads, secs, r.evaluations,
                  plan_cost(r.scenario, r.staffing).agent_hours, calls_per_sim * r.evaluations / secs / 1e6,
                  r.feasible ? "" : " (NOT MET)");
    }
  }
  return 0;
}
