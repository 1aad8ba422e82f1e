#pragma once
// The summary's metrics as (name, Stat) rows, in one fixed order with the names of
// docs/metrics.md §8. The CSV writers and the HDF5 /summary table all list them from here,
// so the three never disagree.
#include <string>
#include <utility>
#include <vector>

#include "sim/stats/run_summary.hpp"

namespace ccsim {

using MetricRows = std::vector<std::pair<std::string, Stat>>;

// Every call metric of `c`. `day` false leaves out wait_p90 (whole day only).
MetricRows call_metric_rows(const CallSummary& c, const std::vector<double>& thresholds, bool day = true);

// The same names, pointing into `c` (its SL vectors sized for `thresholds`): for reading
// a summary back from its rows (a resumed sweep's earlier points).
std::vector<std::pair<std::string, Stat*>> call_metric_fields(CallSummary& c, const std::vector<double>& thresholds,
                                                              bool day = true);

// occupancy, agent_hours, on_duty_hours, busy_hours, overtime_hours, cost (the last two
// from the plan: ci95 0).
MetricRows group_metric_rows(const GroupSummary& g);

}  // namespace ccsim
