#pragma once
// The routing rules, in one place (in words, with examples: docs/routing.md).
//
// 1. Ranking (once, at compile time: rank_groups). The groups that serve a queue are
//    ranked by where the queue stands in each group's `serves` list (a group that lists
//    it first ranks above one that lists it second: specialists before generalists);
//    equal positions keep the groups' order in the file.
// 2. A call arrives: the candidates are the groups in its queue's ranking that have an
//    idle agent and may take it at once (no overflow_after for this queue). The queue's
//    agent_choice picks one (pick_group: group_order, the first; pick_group_by_rule: the
//    others). With none, the call waits in its queue (FCFS), balks or is blocked.
// 3. An agent frees up (pick_queue): abandoned calls leave the heads of the group's
//    queues; of the queues whose head call the group may take now (waited at least the
//    group's overflow_after), the group's call_choice picks one: priority_then_wait (the
//    highest priority, then the longest-waiting head call, then `serves` order),
//    longest_wait, group_order or weighted_wait.
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

// Rule 2 for the other agent choices (longest_idle, random, least_busy_group). `idle(g)`
// is group g's idle agents, `busy(g)` its busy ones, `idle_since(g)` when its longest-idle
// agent became idle; `u` is the call's uniform draw in [0, 1) (random only). Ties go to
// the ranking. Returns the index k into qm.groups, or -1.
template <class Idle, class Busy, class IdleSince>
inline int pick_group_by_rule(const QueueModel& qm, double u, Idle&& idle, Busy&& busy, IdleSince&& idle_since) {
  const auto eligible = [&](std::size_t k) {
    return idle(qm.groups[k]) > 0 && (!qm.has_overflow || qm.group_overflow[k] <= 0);
  };
  int best = -1;
  switch (qm.agent_choice) {
    case models::AgentChoice::group_order:
      for (std::size_t k = 0; k < qm.groups.size(); ++k)
        if (eligible(k)) return static_cast<int>(k);
      return -1;
    case models::AgentChoice::longest_idle: {
      double since = 0;
      for (std::size_t k = 0; k < qm.groups.size(); ++k) {
        if (!eligible(k)) continue;
        const double s = idle_since(qm.groups[k]);
        if (best < 0 || s < since) {
          best = static_cast<int>(k);
          since = s;
        }
      }
      return best;
    }
    case models::AgentChoice::random: {
      long total = 0;
      for (std::size_t k = 0; k < qm.groups.size(); ++k)
        if (eligible(k)) total += idle(qm.groups[k]);
      if (total == 0) return -1;
      // The agent numbered floor(u x total) among the candidates' idle agents, in ranking order.
      long pick = static_cast<long>(u * static_cast<double>(total));
      if (pick >= total) pick = total - 1;
      for (std::size_t k = 0; k < qm.groups.size(); ++k) {
        if (!eligible(k)) continue;
        pick -= idle(qm.groups[k]);
        if (pick < 0) return static_cast<int>(k);
      }
      return -1;
    }
    case models::AgentChoice::least_busy_group: {
      double share = 0;
      for (std::size_t k = 0; k < qm.groups.size(); ++k) {
        if (!eligible(k)) continue;
        const std::uint32_t g = qm.groups[k];
        const double b = static_cast<double>(busy(g));
        const double x = b / (b + static_cast<double>(idle(g)));
        if (best < 0 || x < share) {
          best = static_cast<int>(k);
          share = x;
        }
      }
      return best;
    }
  }
  return -1;
}

// Rule 3. Returns the queue whose head call group gm takes at time t, or -1.
// `head(q, a)` drops the calls of queue q that abandoned by t, then returns false if the
// queue is empty, else true with `a` set to its head call's arrival time.
// kRules = false: the caller knows no overflow_after is in use and every group follows
// priority_then_wait (the checks fold away).
template <bool kRules, class Head>
inline int pick_queue(const RunModel& m, const GroupModel& gm, double t, Head&& head) {
  const models::CallChoice rule = kRules ? gm.call_choice : models::CallChoice::priority_then_wait;
  int best = -1;
  int best_priority = 0;
  double best_arrival = 0;
  double best_score = 0;
  for (const ServedQueue& sq : gm.serves) {
    const std::uint32_t q = sq.queue;
    double a = 0;
    if (!head(q, a)) continue;
    // Not yet ours. Written as the overflow timer computes it (arrival + overflow_after),
    // so the timer's own moment always qualifies despite rounding.
    if (kRules && sq.overflow_after > 0 && a + sq.overflow_after > t) continue;
    if (!kRules || rule == models::CallChoice::priority_then_wait) {
      const int pr = m.queues[q].priority;
      if (best < 0 || pr > best_priority || (pr == best_priority && a < best_arrival)) {
        best = static_cast<int>(q);
        best_priority = pr;
        best_arrival = a;
      }
    } else if (rule == models::CallChoice::group_order) {
      return static_cast<int>(q);
    } else if (rule == models::CallChoice::longest_wait) {
      if (best < 0 || a < best_arrival) {
        best = static_cast<int>(q);
        best_arrival = a;
      }
    } else {  // weighted_wait
      const double score = sq.bonus + sq.weight * (t - a);
      if (best < 0 || score > best_score) {
        best = static_cast<int>(q);
        best_score = score;
      }
    }
  }
  return best;
}

}  // namespace ccsim
