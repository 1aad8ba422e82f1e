#pragma once
// What a per-interval staffing plan costs: paid agent-hours and money, per group and in all.
#include <cstddef>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace ccsim {

struct PlanCost {
  double agent_hours = 0;  // paid agent-hours of a per-interval plan
  double cost = 0;         // cost_per_hour x hours, groups with a cost only
  bool has_cost = false;   // some group gives cost_per_hour
};

// Paid hours and cost of a per-interval plan [group][interval] for scenario s's groups.
PlanCost plan_cost(const Scenario& s, const std::vector<std::vector<int>>& plan);
PlanCost group_plan_cost(const Scenario& s, std::size_t g, const std::vector<int>& plan);

}  // namespace ccsim
