#pragma once
// Scenario -> RunModel: the one step from what a planner wrote to what the engine runs.
#include <vector>

#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"

namespace ccsim {

// For run models built by hand (tests, benchmarks): derives each group's initial agents,
// the staffing changes, on-duty and paid hours from its per-interval `staffing`.
void staffing_from_intervals(RunModel& m);

// Compiles a validated scenario. `extra_thresholds` (seconds) are measured beside the
// thresholds named by the queues' targets. The RunModel keeps its own copy of traces and
// empirical values: it does not refer to `s` afterwards.
RunModel compile(const Scenario& s, const std::vector<double>& extra_thresholds = {});

// Thresholds named by a queue's service-level targets, in seconds.
std::vector<double> target_thresholds(const QueueSpec& q);

}  // namespace ccsim
