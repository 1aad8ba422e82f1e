#pragma once
// The staff tables of a results file (docs/results-format.md §6): /staffing (the answer per
// group and interval beside Erlang C, Erlang A and the input plan) and /staff_targets.
// Compare files add theirs with sim/io/compare_tables.hpp.
#include <vector>

#include "sim/io/results_file.hpp"
#include "sim/staffing/search.hpp"

namespace ccsim {

// Appends the answer's staffing; `input` is the scenario as given (its plan is the
// `input` column). row >= 0 adds a leading `row` column (compare files).
void write_staffing_table(ResultsFile& f, const Scenario& input, const StaffResult& r, int row = -1);

// Root attributes of a staff file (staff_scope, staff_confidence, staff_feasible,
// staff_simulations) and the table /staff_targets of the targets searched for.
void write_staff_attributes(ResultsFile& f, const StaffResult& r, const StaffOptions& o);

}  // namespace ccsim
