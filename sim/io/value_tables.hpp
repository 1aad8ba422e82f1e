#pragma once
// The money and SLA tables of a results file (docs/results-format.md §4b): /periods, one
// row per SLA period, and /value, one row per queue (and the total) x item.
#include <vector>

#include "sim/io/results_tables.hpp"
#include "sim/io/table_sink.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/value.hpp"

namespace ccsim {

// Appends the periods just completed (ValueAccumulator::completed()).
void write_period_rows(TableSink& f, const std::vector<PeriodOutcome>& periods, PlanKey key = {},
                       const std::string& prefix = "");
void write_value_table(TableSink& f, const Scenario& s, const ValueSummary& v, PlanKey key = {},
                       const std::string& prefix = "");

}  // namespace ccsim
