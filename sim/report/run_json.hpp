#pragma once
// The JSON of `ccsim run --json` (docs/interfaces.md §3), plus additive extras: per-queue
// "targets" and "intervals", per-group interval arrays. Key order follows the contract.
#include <cstdint>
#include <iosfwd>

#include <nlohmann/json.hpp>

#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/value.hpp"

namespace ccsim {

// `value`: the money and SLA figures, as "value" (only when the scenario states any).
nlohmann::ordered_json run_json(const Scenario& s, const RunModel& m, const RunSummary& r,
                                const ValueSummary* value = nullptr);

// Writes run_json(s, m, r).dump(2), byte for byte, producing the per-interval arrays an
// element at a time: memory does not hold the whole document (a run of 100,000 intervals
// would need gigabytes).
void write_run_json(std::ostream& out, const Scenario& s, const RunModel& m, const RunSummary& r,
                    const ValueSummary* value = nullptr);

// One queue's (or the total's) figures as in run_json's "queues" (day: with wait_p90).
// With `long_run`, a last key "long_run" holds its ratio metrics at the same paths.
nlohmann::ordered_json calls_json(const CallSummary& c, const std::vector<double>& thresholds, bool day,
                                  unsigned features = 0, const CallSummary* long_run = nullptr);

nlohmann::ordered_json stat_json(const Stat& s);

// Writes `text` (a dump(2)) with every line after the first indented by `pad` more spaces:
// an element of an array streamed into a document as dump(2) would place it.
void write_indented(std::ostream& out, const std::string& text, std::size_t pad);

}  // namespace ccsim
