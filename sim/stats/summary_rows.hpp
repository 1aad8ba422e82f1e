#pragma once
// The summary's metrics as (name, Stat) rows of one output, in the order and with the
// names of the metric registry (sim/stats/metric_registry.hpp, docs/metrics.md §8): the CSV
// writers and the HDF5 /summary table list them from here, so they never disagree.
#include <string>
#include <utility>
#include <vector>

#include "sim/stats/metric_registry.hpp"
#include "sim/stats/run_summary.hpp"

namespace ccsim {

using MetricRows = std::vector<std::pair<std::string, Stat>>;

// Every call metric of `c` that `output` (a MetricOutput) carries. `day` false leaves out
// the day-only ones (wait_p90).
// `features` (RunSummary::features) admits the optional metrics.
MetricRows call_metric_rows(const CallSummary& c, const std::vector<double>& thresholds, unsigned output,
                            bool day = true, unsigned features = 0);

// The same names, pointing into `c` (its SL vectors sized for `thresholds`): for reading
// a summary back from its rows (a resumed sweep's earlier points).
std::vector<std::pair<std::string, Stat*>> call_metric_fields(CallSummary& c, const std::vector<double>& thresholds,
                                                              unsigned output, bool day = true, unsigned features = 0);

}  // namespace ccsim
