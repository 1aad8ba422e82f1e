#pragma once
// The textbook staffing beside the simulated one: per interval, the fewest agents for
// which exact Erlang C (nobody abandons) or Erlang A (exponential patience with the
// queue's mean) meets every target of a queue, treating each interval as if it were in
// steady state on its own. `ccsim staff` starts its search from the Erlang A figure and
// reports both.
//
// Approximations, by design (docs/staffing.md): handle time and patience enter by their
// means (exact for exponential ones), wrap-up adds to the handle time, each queue's
// requirement goes to its first-ranked group, and a group's requirement is the sum over
// the queues assigned to it (no pooling credit). Erlang C cannot see abandonment, so it
// ignores abandon caps.
#include <vector>

#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"

namespace ccsim {

// Fewest agents on duty (at most `cap`, then `cap`) meeting every target in `targets` for
// a stationary queue: arrival rate `lambda` (/s), mean handle `aht` (s), mean patience
// (inf: Erlang C). Targets on SL use `basis`.
int erlang_agents(double lambda, double aht, double patience, const std::vector<Target>& targets, SlBasis basis,
                  int cap);

struct ErlangStaffing {
  std::vector<std::vector<int>> erlang_c;  // [group][interval], scheduled agents (after shrinkage)
  std::vector<std::vector<int>> erlang_a;
};

// Scheduled agents such that n - round(n * shrinkage) >= on_duty.
int scheduled_for(int on_duty, double shrinkage);

// Erlang C and A staffing of every group for the scenario's queue targets.
ErlangStaffing erlang_staffing(const Scenario& s, const RunModel& m, int cap);

}  // namespace ccsim
