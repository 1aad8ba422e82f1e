#pragma once
// What `ccsim staff --shifts` adds to its report: the shifts per group, their paid hours,
// cost and over-coverage, and how the shift plan did when simulated (text or JSON).
#include <ostream>

#include <nlohmann/json.hpp>

#include "sim/staffing/shift_plan.hpp"

namespace ccsim {

void write_shift_text(std::ostream& out, const StaffResult& staff, const ShiftPlan& plan);
nlohmann::ordered_json shift_json(const StaffResult& staff, const ShiftPlan& plan);

}  // namespace ccsim
