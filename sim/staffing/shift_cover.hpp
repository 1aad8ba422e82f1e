#pragma once
// Shift cover: how many agents to put on each allowed shift pattern so that every planning
// interval has at least the agents it needs on duty, at the least paid time. This is the
// "per-interval requirement into shifts" step of `ccsim staff --shifts`.
//
// The integer programme, for intervals i and patterns p:
//   minimise   sum_p length_p x_p                       (paid time; cost is proportional)
//   subject to sum_p (1 - shrinkage) a[i][p] x_p >= required[i]   for every i with required > 0
//              x_p integer, 0 <= x_p <= max_count_p
// where a[i][p] is the fraction of interval i during which an agent of pattern p is on duty
// (inside the shift and not on a break). Solved with GLPK: simplex (with presolver) for the
// LP relaxation, then branch-and-cut.
//
// Coverage is fractional, like the scheduled agents of `ccsim run` (time-weighted), but
// shrinkage here is a plain factor: the engine removes round(n x shrinkage) agents.
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace ccsim {

// One shift an agent may work. Times in seconds after the start of interval 0; a pattern
// may start before 0 or end after the last interval (that time is paid, not counted).
struct CoverPattern {
  double start = 0;
  double length = 0;          // > 0, breaks included
  std::vector<Break> breaks;  // within [0, length]
  int max_count = -1;         // most agents on this pattern; -1 = no limit
  SourceLoc where;            // where the pattern was written (kept by to_shifts)
};

struct ShiftCoverInput {
  std::vector<double> required;  // agents on duty needed per interval, >= 0
  double interval = 1800;        // seconds, > 0
  std::vector<CoverPattern> patterns;
  double shrinkage = 0;      // share lost, [0, 1): an agent counts (1 - shrinkage)
  double cost_per_hour = 1;  // paid per shift hour, breaks included (for `cost` only)
  double time_limit = 10;    // seconds for GLPK in all; then the best plan found
};

struct ShiftCoverResult {
  std::vector<int> counts;           // agents per pattern (size = patterns)
  std::vector<double> coverage;      // time-weighted agents on duty per interval, after breaks
                                     // and shrinkage (size = required)
  double paid_hours = 0;             // sum of counts x pattern length
  double cost = 0;                   // paid_hours x cost_per_hour
  double over_coverage_hours = 0;    // sum over intervals of max(0, coverage - required) x interval
  std::vector<int> short_intervals;  // intervals no choice of counts can cover (their
                                     // requirement is dropped); empty when feasible
  bool optimal = false;              // GLPK proved optimality (within its relative MIP gap)
  std::string method;                // "GLPK 5.0 branch-and-cut", or how else it was found
};

// Throws std::invalid_argument for malformed input (interval <= 0, shrinkage outside [0, 1),
// a negative or non-finite requirement, a pattern with length <= 0 or a break outside it,
// max_count < -1) and std::runtime_error if GLPK fails unexpectedly.
ShiftCoverResult cover_with_shifts(const ShiftCoverInput& in);

// The plan as scenario shifts, one per pattern with a count above 0 (in pattern order), so
// it can be put into an AgentGroupSpec and simulated. Throws std::invalid_argument when the
// sizes differ.
std::vector<Shift> to_shifts(const std::vector<CoverPattern>& patterns, const std::vector<int>& counts);

// A group's `shift_patterns` as cover patterns (same order, same times).
std::vector<CoverPattern> cover_patterns(const AgentGroupSpec& g);

}  // namespace ccsim
