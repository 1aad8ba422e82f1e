#pragma once
// `--csv`: the day summary as CSV for spreadsheet users, one row per (queue, metric):
// queue,metric,mean,ci95. "queue" is "total" for all queues together.
#include <ostream>

#include "sim/run_summary.hpp"
#include "sim/scenario.hpp"

namespace ccsim {

void write_csv_summary(std::ostream& out, const Scenario& s, const RunSummary& r);

}  // namespace ccsim
