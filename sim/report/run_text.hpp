#pragma once
// The readable report of `ccsim run`: per queue the day's figures with 95% CIs and the
// targets' verdicts, an interval table, and the agent groups.
#include <ostream>

#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/value.hpp"

namespace ccsim {

// `value`: the money and SLA section (only when the scenario states any).
void write_text_report(std::ostream& out, const Scenario& s, const RunModel& m, const RunSummary& r,
                       const ValueSummary* value = nullptr);

}  // namespace ccsim
