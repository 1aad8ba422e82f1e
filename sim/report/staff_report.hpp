#pragma once
// What `ccsim staff` prints: a readable table (agents per group and interval beside the
// Erlang C and Erlang A figures, the achieved SL/ASA/abandon with 95% CIs, totals and what
// Erlang C staffing would cost) or the JSON of docs/interfaces.md §4.
#include <ostream>

#include <nlohmann/json.hpp>

#include "sim/staffing/cost.hpp"
#include "sim/staffing/search.hpp"

namespace ccsim {

// "general: 80/20, asa<=30s; premium: 90/10 + 99/300"
std::string targets_text(const Scenario& s);

void write_staff_text(std::ostream& out, const StaffResult& r, const StaffOptions& o);
nlohmann::ordered_json staff_json(const StaffResult& r, const StaffOptions& o);

// The "groups" object of staff_json (also used by compare).
nlohmann::ordered_json staff_groups_json(const StaffResult& r);

}  // namespace ccsim
