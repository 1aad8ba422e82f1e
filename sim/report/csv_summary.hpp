#pragma once
// `--csv` and `--csv-intervals`: the summary as CSV for spreadsheet users
// (docs/results-format.md §8). Queue names are quoted (RFC 4180); an empty mean means
// "no calls" (NaN).
#include <ostream>

#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"

namespace ccsim {

// One row per (queue, metric): queue,metric,mean,ci95. "queue" is "total" for all queues.
void write_csv_summary(std::ostream& out, const Scenario& s, const RunSummary& r);

// One row per (queue, interval): queue,interval,start, then each metric's mean and
// metric_ci95, over replications of each replication's interval value.
void write_csv_intervals(std::ostream& out, const Scenario& s, const RunSummary& r);

// A horizon of several days: one row per (queue, day): queue,day,start (e.g. "06:00+1"),
// then the same columns as write_csv_intervals; the header alone for a run of one day.
void write_csv_days(std::ostream& out, const Scenario& s, const RunSummary& r);

}  // namespace ccsim
