#pragma once
// `ccsim staff --shifts`: the per-interval answer turned into shifts from each group's
// allowed `shift_patterns` (least paid time covering the requirement, sim/shift_cover),
// then simulated again, because breaks, shift edges and over-coverage change the service.
#include <string>
#include <vector>

#include "sim/staffing/search.hpp"
#include "sim/staffing/shift_cover.hpp"

namespace ccsim {

struct ShiftPlan {
  std::vector<std::vector<CoverPattern>> patterns;  // [group]
  std::vector<ShiftCoverResult> cover;              // [group]
  std::vector<std::vector<double>> required;        // [group][interval], agents on duty
  Scenario scenario;                                // the staff answer's scenario with every group on its shifts
  RunModel model;                                   // compiled from `scenario`
  RunSummary summary;                               // the shift plan simulated (same seed and replications)
  int intervals_short = 0;                          // (queue, interval, target) cases the shift plan misses
  bool judged_ok = true;                            // every target holds under the staff scope and confidence

  // Move only: a copy would be large and is never needed.
  ShiftPlan() = default;
  ShiftPlan(const ShiftPlan&) = delete;
  ShiftPlan& operator=(const ShiftPlan&) = delete;
  ShiftPlan(ShiftPlan&&) = default;
  ShiftPlan& operator=(ShiftPlan&&) = default;
};

// Every group must have shift_patterns; InputError (at the group) otherwise.
ShiftPlan plan_shifts(const StaffResult& staff, const StaffOptions& o);

}  // namespace ccsim
