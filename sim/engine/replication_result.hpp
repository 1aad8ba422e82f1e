#pragma once
// Everything one replication leaves behind: additive tallies (so any metric can be
// recomputed for any set of intervals) and the wait percentiles that are not additive.
#include <vector>

#include "sim/engine/tally.hpp"

namespace ccsim {

struct ReplicationResult {
  CallTally calls;               // queues x intervals
  GroupTally groups;             // groups x (intervals + drain)
  std::vector<double> wait_p90;  // per queue, then the total over all queues (answered calls)
  double end_time = 0;           // when the last call left (seconds after interval 0 began)
};

}  // namespace ccsim
