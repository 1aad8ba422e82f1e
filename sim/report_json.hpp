#pragma once
// The JSON of `ccsim run --json` (CONTRACT section 3), plus additive extras: per-queue
// "targets" and "intervals", per-group interval arrays. Key order follows the contract.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "sim/run_model.hpp"
#include "sim/run_summary.hpp"
#include "sim/scenario.hpp"

namespace ccsim {

nlohmann::ordered_json run_json(const Scenario& s, const RunModel& m, const RunSummary& r);

// One queue's (or the total's) figures as in run_json's "queues" (day: with wait_p90).
nlohmann::ordered_json calls_json(const CallSummary& c, const std::vector<double>& thresholds, bool day);

nlohmann::ordered_json stat_json(const Stat& s);

}  // namespace ccsim
