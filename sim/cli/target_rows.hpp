#pragma once
// The rows of `ccsim compare --targets` (docs/compare.md):
// - a row without QUEUE= is one target set for every queue: "80/20", "90/10+99/300",
//   "asa<=30s" (the '=' of a target's "<=" names no queue);
// - a row with QUEUE= names queues: "elite=90/10+99/300,general=80/20"; the queues it does
//   not name keep the scenario's own targets.
// Mistakes are InputErrors naming the row (number and text) and the 1-based column in it.
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace ccsim::cli {

struct TargetRow {
  std::string text;                          // as given: the row's label everywhere
  int number = 0;                            // 1-based, in the order given
  bool per_queue = false;                    // the row names queues
  std::vector<std::vector<Target>> targets;  // [queue of the scenario]: what that queue must meet
  std::vector<int> column;                   // [queue]: where the row names it (0: not named)
};

// Reads row `number` of `command`'s --targets against the queues of `s`.
TargetRow read_target_row(const std::string& command, int number, const std::string& text, const Scenario& s);

// Refuses, before any search, a row holding a target no staffing can meet (unattainable()
// in sim/stats/target_check.hpp), naming the row and the queue.
void check_attainable(const std::string& command, const TargetRow& row, const Scenario& s);

}  // namespace ccsim::cli
