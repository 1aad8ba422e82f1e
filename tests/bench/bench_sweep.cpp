// Benchmark: `ccsim sweep` (issue 6). A 200-point sweep of the bank day
// (arrivals.scale 0.8..1.2 in 10 steps x staffing_delta -10..+9 in 20 steps), 20
// replications each, written to an HDF5 file as `ccsim sweep --out` does.
//
// Prints, for 1 and 2 threads: wall time and calls/s of the whole sweep, the parallel
// efficiency (goal >= 90% on 2 cores), and the per-point overhead beyond the simulation
// itself (goal < 1 ms): the sweep's single-thread time minus the time to simulate the same
// 4,000 days with the models already built, nothing summarized and nothing written, over
// the points.
//
//   cmake --build build --target bench-sweep      (or: build/ccsim_bench_sweep)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "sim/engine.hpp"
#include "sim/replicate.hpp"
#include "sim/results_file.hpp"
#include "sim/sweep_file.hpp"
#include "sim/sweep_run.hpp"

namespace {

using namespace ccsim;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

SweepPlan make_plan() {
  SweepPlan plan;
  plan.path = std::string(CCSIM_SOURCE_DIR) + "/scenarios/bank-80-20.toml";
  std::ifstream in(plan.path);
  std::ostringstream s;
  s << in.rdbuf();
  plan.text = s.str();
  plan.replications = 20;
  plan.replications_given = true;
  const SourceLoc here{"bench", 0, 0};
  plan.grid = make_grid({parse_axis("queue.general.arrivals.scale=0.8:1.2:0.0444444444444", here, "axis"),
                         parse_axis("agents.universal.staffing_delta=-10:9:1", here, "axis")},
                        false, here);
  plan.thresholds = check_points(plan, {});
  return plan;
}

struct Timing {
  double seconds = 0;
  double calls = 0;
};

Timing sweep_to_file(const SweepPlan& plan, int threads) {
  const std::string path = "/tmp/ccsim_bench_sweep_" + std::to_string(::getpid()) + ".h5";
  const Scenario base = parse_scenario(plan.text, plan.path);
  const RunModel base_model = compile(base, plan.thresholds);
  const auto t0 = Clock::now();
  ResultsFile f(path, "sweep", ResultsFile::Resumable{false});
  write_sweep_header(f, plan, base, base_model, ResultsHeader{"sweep", "bench"});
  std::vector<std::size_t> points(plan.grid.points());
  for (std::size_t p = 0; p < points.size(); ++p) points[p] = p;
  SweepCounters counters;
  run_points(plan, points, threads, [&](SweepPoint& p) { write_sweep_point(f, plan, p); }, &counters);
  f.commit();
  Timing t{since(t0), static_cast<double>(counters.calls.load())};
  std::remove(path.c_str());
  return t;
}

// The same days with the models built beforehand: the simulation alone, one thread.
double simulation_only(const SweepPlan& plan) {
  std::vector<std::unique_ptr<SweepPoint>> pts;
  for (std::size_t p = 0; p < plan.grid.points(); ++p) pts.push_back(prepare_point(plan, p));
  const auto t0 = Clock::now();
  for (auto& pt : pts) {
    Engine e(*pt->model);
    for (std::size_t r = 0; r < pt->reps.size(); ++r)
      e.run(pt->scenario->seed, static_cast<std::uint32_t>(r), pt->reps[r]);
  }
  return since(t0);
}

}  // namespace

int main() {
  const SweepPlan plan = make_plan();
  const double points = static_cast<double>(plan.grid.points());
  std::printf("sweep: %zu points x %d replications of the bank day\n", plan.grid.points(), plan.replications);
  Timing best1{1e9, 0}, best2{1e9, 0};
  double sim = 1e9;
  for (int trial = 0; trial < 3; ++trial) {
    const Timing t1 = sweep_to_file(plan, 1);
    const Timing t2 = sweep_to_file(plan, 2);
    if (t1.seconds < best1.seconds) best1 = t1;
    if (t2.seconds < best2.seconds) best2 = t2;
    sim = std::min(sim, simulation_only(plan));
  }
  std::printf("  1 thread:  %.3f s, %.2f M calls/s\n", best1.seconds, best1.calls / best1.seconds / 1e6);
  std::printf("  2 threads: %.3f s, %.2f M calls/s\n", best2.seconds, best2.calls / best2.seconds / 1e6);
  std::printf("  parallel efficiency on 2 threads: %.0f%% (goal >= 90%%)\n", 100 * best1.seconds / (2 * best2.seconds));
  std::printf("  simulation alone (models prebuilt, 1 thread): %.3f s\n", sim);
  std::printf("  per-point overhead (parse, compile, summarize, write): %.3f ms (goal < 1 ms)\n",
              (best1.seconds - sim) / points * 1e3);
  return 0;
}
