#pragma once
// A group's staffing plan, per-interval `staffing` or `shifts` with breaks, turned into
// the step function the engine follows: agents that should be on duty over time, after
// breaks, shrinkage and overtime, and the hours the plan pays for.
//
// Rules (docs/scenario-format.md):
// - Shrinkage removes round(n * shrinkage) of the n scheduled agents at every moment
//   (deterministic; half rounds up), and overtime agents are added on top, per interval.
// - Paid hours are the plan's: staffing x interval length, or every shift's whole length
//   including breaks (paid breaks), whether or not it lies within the day.
// - During the warm-up the plan at the start of interval 0 applies (shifts: as scheduled).
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace ccsim {

struct GroupSchedule {
  int initial = 0;  // on duty when the simulation starts (at -warmup)
  struct Step {
    double time;
    int target;
  };
  std::vector<Step> steps;      // changes after the start, strictly inside (-warmup, day end)
  std::vector<double> on_duty;  // time-weighted agents on duty per interval
  double paid_hours = 0, overtime_hours = 0, productive_hours = 0;
};

GroupSchedule build_schedule(const AgentGroupSpec& g, const Scenario& s);

}  // namespace ccsim
