#pragma once
// The sweep's results file (docs/results-format.md §6b): header, /axes, and per point the
// /points row and the run tables keyed by `point`. A resumed file is checked against the
// command first, so points of a different scenario or grid never mix.
#include <string>

#include "sim/results_file.hpp"
#include "sim/sweep_run.hpp"

namespace ccsim {

// A digest of what the results depend on: the resolved scenario, axes, zip, seed,
// replications and thresholds.
std::string sweep_fingerprint(const SweepPlan& plan, const Scenario& base);

// Writes the header of a new sweep file.
void write_sweep_header(ResultsFile& f, const SweepPlan& plan, const Scenario& base, const RunModel& base_model,
                        const ResultsHeader& h);

// For a resumed file: throws InputError when it was made by another scenario, grid, seed or
// replications; returns how many points it holds (a prefix of the grid).
std::size_t check_resumed(ResultsFile& f, const SweepPlan& plan, const Scenario& base);

// Appends one finished point.
void write_sweep_point(ResultsFile& f, const SweepPlan& plan, const SweepPoint& p);

}  // namespace ccsim
