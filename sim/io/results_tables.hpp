#pragma once
// The tables of one simulated plan in a results file (docs/results-format.md §4):
// /intervals, /group_intervals, /replications, /group_replications, /summary and
// /group_summary. Built from the replications' additive tallies, so a reader can recompute
// any metric; the summary rows are those of --csv (sim/stats/summary_rows.hpp).
#include <string>
#include <vector>

#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/io/table_sink.hpp"
#include "sim/stats/run_summary.hpp"

namespace ccsim {

// A leading key column put on every table when a file holds several plans: `row` in
// compare files, `point` in sweep files.
struct PlanKey {
  const char* column = nullptr;  // nullptr: no key column
  int value = 0;
};

// Adds the key column (int16 `row`, int32 `point`) holding key.value n times; nothing
// without a key.
void add_plan_key(h5::TableData& t, PlanKey key, std::size_t n);

// Appends the plan's rows to every table. `prefix` goes before every table name: a compare
// file keeps the scenario's own plan in /baseline_intervals, /baseline_summary, ...
void write_run_tables(TableSink& f, const RunModel& m, const std::vector<ReplicationResult>& reps,
                      const RunSummary& summary, PlanKey key = {}, const std::string& prefix = "");

// The same, a replication at a time (in order, r = 0, 1, ...), then the summaries: the file
// is the same as write_run_tables writes, without holding every replication.
void write_replication_rows(TableSink& f, const RunModel& m, const ReplicationResult& rep, int r, PlanKey key = {},
                            const std::string& prefix = "");
void write_summary_tables(TableSink& f, const RunModel& m, const RunSummary& summary, PlanKey key = {},
                          const std::string& prefix = "");

}  // namespace ccsim
