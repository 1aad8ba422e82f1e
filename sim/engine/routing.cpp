#include "sim/engine/routing.hpp"

#include <algorithm>

namespace ccsim {

void rank_groups(RunModel& m) {
  struct Rank {
    std::size_t position;  // of the queue in the group's serves
    std::uint32_t group;
    double overflow_after;
  };
  std::vector<std::vector<Rank>> rank(m.queues.size());
  // Groups in file order, so the stable sort below keeps that order among equal positions.
  for (std::uint32_t g = 0; g < m.groups.size(); ++g) {
    const auto& serves = m.groups[g].serves;
    for (std::size_t k = 0; k < serves.size(); ++k) rank[serves[k].queue].push_back({k, g, serves[k].overflow_after});
  }
  for (std::size_t q = 0; q < m.queues.size(); ++q) {
    std::stable_sort(rank[q].begin(), rank[q].end(),
                     [](const Rank& a, const Rank& b) { return a.position < b.position; });
    QueueModel& qm = m.queues[q];
    qm.groups.clear();
    qm.group_overflow.clear();
    for (const Rank& r : rank[q]) {
      qm.groups.push_back(r.group);
      qm.group_overflow.push_back(r.overflow_after);
    }
  }
}

}  // namespace ccsim
