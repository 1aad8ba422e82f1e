// The routing rule (sim/engine/routing.hpp) and the arrival heap's order, on their own.
#include <catch2/catch.hpp>

#include "sim/engine/arrival_heap.hpp"
#include "sim/engine/routing.hpp"

namespace {

using namespace ccsim;

RunModel three_queues_three_groups() {
  RunModel m;
  m.queues.resize(3);
  m.groups.resize(3);
  m.groups[0].serves = {ServedQueue{2}, ServedQueue{0}};  // generalist: queue 0 second
  m.groups[1].serves = {ServedQueue{0}};                  // specialist for queue 0
  m.groups[2].serves = {ServedQueue{0}, ServedQueue{1}};
  m.groups[2].serves[1].overflow_after = 30;
  rank_groups(m);
  return m;
}

}  // namespace

TEST_CASE("rank_groups: position in serves first, then the order of the groups") {
  const RunModel m = three_queues_three_groups();
  CHECK(m.queues[0].groups == std::vector<std::uint32_t>{1, 2, 0});
  CHECK(m.queues[1].groups == std::vector<std::uint32_t>{2});
  CHECK(m.queues[1].group_overflow == std::vector<double>{30});
  CHECK(m.queues[2].groups == std::vector<std::uint32_t>{0});
}

TEST_CASE("pick_group: the first ranked group with an idle agent that may take the call now") {
  RunModel m = three_queues_three_groups();
  bool idle[3] = {true, false, true};
  auto has_idle = [&](std::uint32_t g) { return idle[g]; };
  CHECK(pick_group<true>(m.queues[0], has_idle) == 1);  // groups {1, 2, 0}: index 1 = group 2
  m.queues[1].has_overflow = true;
  CHECK(pick_group<true>(m.queues[1], has_idle) == -1);  // group 2 only after 30 s
  idle[2] = false;
  CHECK(pick_group<true>(m.queues[0], has_idle) == 2);
  idle[0] = false;
  CHECK(pick_group<true>(m.queues[0], has_idle) == -1);
}

TEST_CASE("pick_queue: priority, then the longest-waiting head, then serves order") {
  RunModel m = three_queues_three_groups();
  double head[3] = {10, 5, 5};
  bool waiting[3] = {true, true, true};
  auto heads = [&](std::uint32_t q, double& a) {
    a = head[q];
    return waiting[q];
  };
  CHECK(pick_queue<true>(m, m.groups[0], 100, heads) == 2);  // 5 before 10
  m.queues[0].priority = 1;
  CHECK(pick_queue<true>(m, m.groups[0], 100, heads) == 0);  // priority first
  // Group 2 takes queue 1's call only once it waited 30 s (arrival + 30 <= t).
  m.queues[0].priority = 0;
  CHECK(pick_queue<true>(m, m.groups[2], 34, heads) == 0);
  CHECK(pick_queue<true>(m, m.groups[2], 35, heads) == 1);
  waiting[0] = waiting[1] = false;
  CHECK(pick_queue<true>(m, m.groups[2], 35, heads) == -1);
}

TEST_CASE("ArrivalHeap: earliest time first, equal times to the lowest queue") {
  ArrivalHeap h;
  const double t[] = {7, 3, 3, 9, 3, 1e300};
  for (std::uint32_t q = 0; q < 6; ++q) h.push(t[q], q);
  std::vector<std::uint32_t> order;
  for (int k = 0; k < 6; ++k) {
    order.push_back(h.top().queue);
    h.replace_top_time(2e300);
  }
  CHECK(order == std::vector<std::uint32_t>{1, 2, 4, 0, 3, 5});
}
