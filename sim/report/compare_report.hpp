#pragma once
// What `ccsim compare` prints: one table line per row (the baseline first, as "as planned"),
// or the JSON of docs/interfaces.md §4 with the baseline beside "rows" (docs/compare.md).
#include <ostream>

#include <nlohmann/json.hpp>

#include "sim/staffing/compare.hpp"

namespace ccsim {

void write_compare_text(std::ostream& out, const Scenario& s, const Comparison& c, const StaffOptions& o);

// {"rows": [...] in the order given, "baseline": {...} (only with one), "scope", "confidence"}.
nlohmann::ordered_json compare_json(const Comparison& c, const StaffOptions& o);

}  // namespace ccsim
