#include "sim/staffing/cost.hpp"

namespace ccsim {

PlanCost group_plan_cost(const Scenario& s, std::size_t g, const std::vector<int>& plan) {
  PlanCost c;
  for (int n : plan) c.agent_hours += n * s.interval / 3600.0;
  if (s.groups[g].cost_per_hour) {
    c.has_cost = true;
    c.cost = *s.groups[g].cost_per_hour * c.agent_hours;
  }
  return c;
}

PlanCost plan_cost(const Scenario& s, const std::vector<std::vector<int>>& plan) {
  PlanCost total;
  for (std::size_t g = 0; g < plan.size(); ++g) {
    const PlanCost c = group_plan_cost(s, g, plan[g]);
    total.agent_hours += c.agent_hours;
    total.cost += c.cost;
    total.has_cost = total.has_cost || c.has_cost;
  }
  return total;
}

}  // namespace ccsim
