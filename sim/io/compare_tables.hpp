#pragma once
// The tables of a compare results file (docs/results-format.md §6): /comparison (one row per
// target set), every row's /staffing and run tables (column `row`), and the scenario's own
// plan as /baseline with its run tables under /baseline_intervals, /baseline_summary, ...
#include "sim/io/results_file.hpp"
#include "sim/staffing/compare.hpp"

namespace ccsim {

// `input` is the scenario as given (its plan is /staffing's `input` column).
void write_compare_tables(ResultsFile& f, const Scenario& input, const Comparison& c);

}  // namespace ccsim
