#pragma once
// The sweep's results file (docs/results-format.md §6b): header, /axes, and per point the
// /points row and the run tables keyed by `point`. Points go to the sweep's journal as they
// finish (sim/sweep/journal.hpp); the file is built from the journal, at the end or, for a
// stopped sweep, as SWEEP.h5.part. A resumed journal is checked against the command first,
// so points of a different scenario or grid never mix.
#include <string>

#include "sim/io/results_file.hpp"
#include "sim/sweep/journal.hpp"
#include "sim/sweep/run.hpp"

namespace ccsim {

// A digest of what the results depend on: the resolved scenario, axes, zip, seed,
// replications and thresholds.
std::string sweep_fingerprint(const SweepPlan& plan, const Scenario& base);

// The journal header of a new sweep: what identifies it, and the file header it will get.
JournalHeader sweep_journal_header(const SweepPlan& plan, const Scenario& base, const std::string& command_line);

// For a resumed journal: throws InputError when it was made by another scenario, grid,
// seed or replications (`file` names it in the message).
void check_resumed(const JournalHeader& h, const SweepPlan& plan, const Scenario& base, const std::string& file);

// One finished point's rows: the /points row and the run tables.
void write_sweep_point(TableSink& f, const SweepPlan& plan, const SweepPoint& p);

// Writes the header and the first `points` points of the journal into `f` (not committed).
// Throws std::runtime_error when the journal holds fewer intact points.
void write_sweep_file(ResultsFile& f, const std::string& journal, std::uint64_t points, const SweepPlan& plan,
                      const Scenario& base, const RunModel& base_model);

}  // namespace ccsim
