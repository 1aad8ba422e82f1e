#pragma once
// The money and SLA section of `ccsim run`: text and JSON (docs/metrics.md §11).
#include <ostream>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"
#include "sim/stats/value.hpp"

namespace ccsim {

// "month (30 days)", "week (7 days)", "day", "interval".
std::string sla_period_text(const Sla& sla);

void write_value_text(std::ostream& out, const Scenario& s, const ValueSummary& v);

// The "value" object of run --json.
nlohmann::ordered_json value_json(const Scenario& s, const ValueSummary& v);

}  // namespace ccsim
