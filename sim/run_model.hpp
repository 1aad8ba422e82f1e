#pragma once
// The compiled run model: what the engine sees. Flat arrays and numbers only, no names,
// no strings, no TOML. Built once per run from a validated Scenario.
#include <cstdint>
#include <vector>

#include "models/distribution.hpp"
#include "sim/scenario.hpp"

namespace ccsim {

struct QueueModel {
  std::vector<double> rate;       // calls per second in each interval (warm-up uses rate[0])
  double forecast_cv = 0;         // day-level gamma factor on all rates; 0 = none
  models::Sampler handle;
  models::Sampler patience;
  bool has_patience = false;
  double short_abandon = 0;       // seconds
  int priority = 0;               // higher first when an agent picks among queues
  std::vector<std::uint32_t> groups;  // groups that serve this queue, most preferred first
};

struct GroupModel {
  std::vector<int> staffing;           // agents on duty per interval
  std::vector<std::uint32_t> serves;   // queues, in the group's order of preference
};

struct RunModel {
  double interval = 1800;  // seconds
  int intervals = 0;
  double warmup = 0;       // seconds simulated before interval 0, not counted
  std::vector<double> thresholds;  // SL thresholds measured for every queue, ascending
  std::vector<QueueModel> queues;
  std::vector<GroupModel> groups;

  double day_end() const { return interval * intervals; }
};

// Compiles a validated scenario. `extra_thresholds` (seconds) are measured beside the
// thresholds named by the queues' targets. The Scenario must outlive the RunModel
// (empirical samplers point into its value arrays).
RunModel compile(const Scenario& s, const std::vector<double>& extra_thresholds = {});

// Thresholds named by a queue's service-level targets, in seconds.
std::vector<double> target_thresholds(const QueueSpec& q);

}  // namespace ccsim
