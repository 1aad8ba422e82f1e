// Benchmark: `ccsim sweep` (issue 6). A 200-point sweep of the bank day
// (arrivals.scale 0.8..1.2 in 10 steps x staffing_delta -10..+9 in 20 steps), 20
// replications each, written to an HDF5 file as `ccsim sweep --out` does.
//
// Prints, for 1 and 2 threads: wall time and calls/s of the whole sweep, and the parallel
// efficiency (goal >= 90% on 2 cores). Then the per-point overhead beyond the simulation
// itself (goal < 1 ms), step by step on one thread, each step timed over all 200 points:
// checking the point's values, parsing and compiling its scenario, setting up an engine,
// summarizing its replications, writing its rows. (The difference between a whole sweep
// and the simulation alone is not used: both take ~5 s and vary by more than 200 x 1 ms.)
//
//   cmake --build build --target bench-sweep      (or: build/ccsim_bench_sweep)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "sim/compile/compile.hpp"
#include "sim/engine/engine.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/io/results_file.hpp"
#include "sim/sweep/output.hpp"
#include "sim/sweep/run.hpp"

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
  plan.interval_summaries = false;  // as `ccsim sweep --out` without --json
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
  SweepOutput out(path, plan, base, base_model, SweepOutput::Options{false, false, "bench"});
  std::vector<std::size_t> points(plan.grid.points());
  for (std::size_t p = 0; p < points.size(); ++p) points[p] = p;
  SweepCounters counters;
  run_points(
      plan, points, threads, [&](SweepPoint& p) { out.deliver(p); }, &counters);
  out.finish();
  Timing t{since(t0), static_cast<double>(counters.calls.load())};
  std::remove(path.c_str());
  return t;
}

// Where the per-point time goes, one thread: each step over all points.
void breakdown(const SweepPlan& plan) {
  const double n = static_cast<double>(plan.grid.points());
  auto t0 = Clock::now();
  (void)check_points(plan, {});
  const double check = since(t0);
  t0 = Clock::now();
  std::vector<std::unique_ptr<SweepPoint>> pts;
  for (std::size_t p = 0; p < plan.grid.points(); ++p) pts.push_back(prepare_point(plan, p));
  const double prepare = since(t0);
  double engines = 0, sim = 0;
  for (auto& pt : pts) {
    t0 = Clock::now();
    Engine e(*pt->model);
    engines += since(t0);
    t0 = Clock::now();
    for (std::size_t r = 0; r < pt->reps.size(); ++r)
      e.run(pt->scenario->seed, static_cast<std::uint32_t>(r), pt->reps[r]);
    sim += since(t0);
  }
  t0 = Clock::now();
  for (auto& pt : pts) pt->summary = summarize_run(*pt->model, pt->reps, plan.interval_summaries);
  const double summarize = since(t0);
  const std::string path = "/tmp/ccsim_bench_sweep_b_" + std::to_string(::getpid()) + ".h5";
  const Scenario base = parse_scenario(plan.text, plan.path);
  t0 = Clock::now();
  {
    const RunModel base_model = compile(base, plan.thresholds);
    SweepOutput out(path, plan, base, base_model, SweepOutput::Options{false, false, "bench"});
    for (auto& pt : pts) out.deliver(*pt);
    out.finish();
  }
  const double write = since(t0);
  std::remove(path.c_str());
  std::printf(
      "  per point: check %.3f ms, parse+compile %.3f ms, engine setup %.3f ms, summarize %.3f ms, "
      "write %.3f ms\n",
      check / n * 1e3, prepare / n * 1e3, engines / n * 1e3, summarize / n * 1e3, write / n * 1e3);
  std::printf("  per-point overhead: %.3f ms (goal < 1 ms), against %.1f ms of simulation per point\n",
              (check + prepare + engines + summarize + write) / n * 1e3, sim / n * 1e3);
}

}  // namespace

int main() {
  const SweepPlan plan = make_plan();
  const double points = static_cast<double>(plan.grid.points());
  std::printf("sweep: %zu points x %d replications of the bank day\n", plan.grid.points(), plan.replications);
  Timing best1{1e9, 0}, best2{1e9, 0};
  for (int trial = 0; trial < 3; ++trial) {
    const Timing t1 = sweep_to_file(plan, 1);
    const Timing t2 = sweep_to_file(plan, 2);
    if (t1.seconds < best1.seconds) best1 = t1;
    if (t2.seconds < best2.seconds) best2 = t2;
  }
  std::printf("  1 thread:  %.3f s, %.2f M calls/s\n", best1.seconds, best1.calls / best1.seconds / 1e6);
  std::printf("  2 threads: %.3f s, %.2f M calls/s\n", best2.seconds, best2.calls / best2.seconds / 1e6);
  std::printf("  parallel efficiency on 2 threads: %.0f%% (goal >= 90%%)\n", 100 * best1.seconds / (2 * best2.seconds));
  (void)points;
  breakdown(plan);
  return 0;
}
