#pragma once
// What `ccsim staff` prints: a readable table (agents per group and interval beside the
// Erlang C and Erlang A figures, the achieved SL/ASA/abandon with 95% CIs, totals and what
// Erlang C staffing would cost) or the JSON of docs/interfaces.md §4.
#include <ostream>

#include <nlohmann/json.hpp>

#include "sim/staff_search.hpp"

namespace ccsim {

struct PlanCost {
  double agent_hours = 0;  // paid agent-hours of a per-interval plan
  double cost = 0;         // cost_per_hour x hours, groups with a cost only
  bool has_cost = false;   // some group gives cost_per_hour
};

// Paid hours and cost of a per-interval plan [group][interval] for scenario s's groups.
PlanCost plan_cost(const Scenario& s, const std::vector<std::vector<int>>& plan);
PlanCost group_plan_cost(const Scenario& s, std::size_t g, const std::vector<int>& plan);

// "general: 80/20, asa<=30s; premium: 90/10 + 99/300"
std::string targets_text(const Scenario& s);

void write_staff_text(std::ostream& out, const StaffResult& r, const StaffOptions& o);
nlohmann::ordered_json staff_json(const StaffResult& r, const StaffOptions& o);

// The "groups" object of staff_json (also used by compare).
nlohmann::ordered_json staff_groups_json(const StaffResult& r);

}  // namespace ccsim
