#pragma once
// Days simulated apart (scenario.days > 1 without carry_over): each day of the horizon as
// a scenario of its own, which compile() turns into one of RunModel::day_models.
#include "sim/scenario/scenario.hpp"

namespace ccsim {

// Day d (0-based) of a laid-out horizon: its intervals of every per-interval list, its own
// shifts moved to start from the day's start; a scenario of one day.
Scenario horizon_day(const Scenario& s, int d);

}  // namespace ccsim
