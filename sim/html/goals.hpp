#pragma once
// What each queue is judged on: its targets, SL basis and estimator. From the scenario
// text stored in the file (/scenario_toml), replaced by /staff_targets in staff files and
// by a comparison row's targets in compare files.
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace ccsim::html {

struct QueueGoal {
  std::string queue;
  SlBasis basis = SlBasis::offered;
  SlEstimator estimator = SlEstimator::daily_mean;
  std::vector<Target> targets;
  // The SL targets alone (P/T), in the order written.
  std::vector<Target> sl_targets() const;
};

// One goal per queue name, from the scenario text. A scenario that cannot be read again
// (e.g. a trace file no longer where it was) leaves every queue on the offered basis
// without targets, and `problem` says why.
std::vector<QueueGoal> scenario_goals(const std::vector<std::string>& queues, const std::string& toml,
                                      const std::string& path, std::string* problem);

// Targets as written on a command line: "90/10+99/300" (every queue), or QUEUE=TARGETS
// pairs "elite=90/10+99/300,general=80/20" (queues not named keep theirs).
std::vector<QueueGoal> with_row_targets(std::vector<QueueGoal> goals, const std::string& row);

// Replaces a queue's targets by the texts given (unreadable ones are skipped).
void set_targets(QueueGoal& goal, const std::vector<std::string>& texts);

// "80/20, asa<=30s" ("no target" when none).
std::string targets_text(const QueueGoal& goal);

}  // namespace ccsim::html
