#pragma once
// The routing rule, in one place.
//
// 1. Ranking (once, at compile time: rank_groups). The groups that serve a queue are
//    ranked by where the queue stands in each group's `serves` list (a group that lists
//    it first ranks above one that lists it second: specialists before generalists);
//    equal positions keep the groups' order in the file.
// 2. A call arrives (pick_group): it goes to the first group in its queue's ranking that
//    has an idle agent and may take it at once (no overflow_after for this queue). With
//    none, it waits in its queue (FCFS).
// 3. An agent frees up (pick_queue): abandoned calls leave the heads of the group's
//    queues; of the queues whose head call the group may take now (waited at least the
//    group's overflow_after), it takes the head call of the queue of highest priority,
//    then the one that has waited longest (earliest arrival), then the first in `serves`.
//
// The engine-side choices are inline templates: callers pass lambdas for the state they
// keep (idle agents, queue heads), so no virtual or std::function call happens per event.
#include <cstddef>
#include <cstdint>

#include "sim/engine/run_model.hpp"

namespace ccsim {

// Fills every queue's `groups` and `group_overflow` from the groups' `serves` (rule 1).
// sim/compile calls it; models built by hand may call it or set the lists themselves.
void rank_groups(RunModel& m);

// Rule 2. Returns the index k into qm.groups of the group that takes a call of queue qm
// now, or -1 (the call waits). `has_idle(g)` says whether group g has an idle agent.
// kOverflow = false: the caller knows no group of this queue has overflow_after.
template <bool kOverflow, class HasIdle>
inline int pick_group(const QueueModel& qm, HasIdle&& has_idle) {
  for (std::size_t k = 0; k < qm.groups.size(); ++k)
    if (has_idle(qm.groups[k]) && (!kOverflow || !qm.has_overflow || qm.group_overflow[k] <= 0))
      return static_cast<int>(k);
  return -1;
}

// Rule 3. Returns the queue whose head call group gm takes at time t, or -1.
// `head(q, a)` drops the calls of queue q that abandoned by t, then returns false if the
// queue is empty, else true with `a` set to its head call's arrival time.
// kOverflow = false: the caller knows no overflow_after is in use (the check folds away).
template <bool kOverflow, class Head>
inline int pick_queue(const RunModel& m, const GroupModel& gm, double t, Head&& head) {
  int best = -1;
  int best_priority = 0;
  double best_arrival = 0;
  for (const ServedQueue& sq : gm.serves) {
    const std::uint32_t q = sq.queue;
    double a = 0;
    if (!head(q, a)) continue;
    // Not yet ours. Written as the overflow timer computes it (arrival + overflow_after),
    // so the timer's own moment always qualifies despite rounding.
    if (kOverflow && sq.overflow_after > 0 && a + sq.overflow_after > t) continue;
    const int pr = m.queues[q].priority;
    if (best < 0 || pr > best_priority || (pr == best_priority && a < best_arrival)) {
      best = static_cast<int>(q);
      best_priority = pr;
      best_arrival = a;
    }
  }
  return best;
}

}  // namespace ccsim
