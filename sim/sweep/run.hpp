#pragma once
// Runs the points of a sweep on a pool of threads, parallel over points x replications.
//
// Promises:
// - Replication r of every point uses the streams of (seed, r): common random numbers, so
//   differences between points are paired, and results do not depend on the thread count.
// - Points are handed to `deliver` in the order of `points`, one at a time, each once all
//   its replications are done; memory holds only the points in flight (about one per
//   thread), so it grows with points x intervals kept by the caller, never with calls.
// - After SIGINT/SIGTERM the simulation stops within milliseconds: no new point starts,
//   the points in flight are dropped (not delivered), so the delivered points are always a
//   prefix of `points`; then Interrupted is thrown.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/sweep/grid.hpp"

namespace ccsim {

struct SweepPlan {
  std::string text, path;      // the scenario file's text and path
  std::vector<Override> base;  // --set, applied before each point's axis values
  SweepGrid grid;
  std::vector<double> thresholds;  // measured at every point: the union over points + --threshold
  int replications = 30;           // after -r (0: the scenario's)
  std::uint64_t seed = 0;          // after --seed
  bool seed_given = false, replications_given = false;
  bool interval_summaries = true;  // false: SweepPoint::summary holds the day's figures only
};

struct SweepPoint {
  std::size_t index = 0;
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<RunModel> model;  // points into *scenario
  std::vector<ReplicationResult> reps;
  RunSummary summary;
};

// Point p's scenario and model (parse with the overrides, compile). Thread-safe.
std::unique_ptr<SweepPoint> prepare_point(const SweepPlan& plan, std::size_t p);

// Every point's scenario, parsed once to find bad values before anything runs; returns the
// union of their SL thresholds. Throws InputError naming the axis value at fault.
std::vector<double> check_points(const SweepPlan& plan, const std::vector<double>& extra_thresholds);

struct SweepCounters {
  std::atomic<std::uint64_t> points{0};  // delivered
  std::atomic<std::uint64_t> calls{0};   // offered calls simulated
};

// `stop`, when given and set, acts like an interrupt (another MPI rank stopped).
void run_points(const SweepPlan& plan, const std::vector<std::size_t>& points, int threads,
                const std::function<void(SweepPoint&)>& deliver, SweepCounters* counters = nullptr,
                const std::atomic<bool>* stop = nullptr);

}  // namespace ccsim
