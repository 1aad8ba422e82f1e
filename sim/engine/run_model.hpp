#pragma once
// The compiled run model: what the engine sees. Flat arrays and numbers only, no names,
// no strings, no TOML. Built once per run from a validated Scenario (sim/compile/compile.hpp).
// Self-contained: it owns or shares everything it refers to (traces, empirical samples), so
// it may outlive the Scenario, and copies and moves are safe.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/distribution.hpp"
#include "models/rules.hpp"
#include "models/trace.hpp"

namespace ccsim {

struct QueueModel {
  std::vector<double> rate;                // calls per second in each interval (warm-up uses rate[0])
  double forecast_cv = 0;                  // day-level gamma factor on all rates; 0 = none
  double interval_cv = 0;                  // independent gamma factor per interval; 0 = none
  std::vector<std::uint32_t> day_factors;  // shared factors (RunModel::day_factors) on all rates
  // Replayed arrivals instead of Poisson; null = none. Shared, never changed once compiled.
  std::shared_ptr<const std::vector<TraceCall>> trace;
  models::Sampler handle;
  models::Sampler patience;
  bool has_patience = false;
  models::Sampler wrap_up;
  bool has_wrap_up = false;
  // Per-interval distributions (docs/scenario-format.md): an attempt draws from those of
  // the interval it arrives in (the warm-up: interval 0's). Empty: the one above all day.
  std::vector<models::Sampler> handle_by, patience_by, wrap_up_by;
  std::vector<double> callback_handle_by;  // the mean of handle_by[i]
  bool by_interval() const { return !handle_by.empty() || !patience_by.empty() || !wrap_up_by.empty(); }
  static std::size_t pick(int interval, std::size_t n) {
    return interval <= 0 ? 0 : std::min(static_cast<std::size_t>(interval), n - 1);
  }
  const models::Sampler& handle_in(int i) const {
    return handle_by.empty() ? handle : handle_by[pick(i, handle_by.size())];
  }
  const models::Sampler& patience_in(int i) const {
    return patience_by.empty() ? patience : patience_by[pick(i, patience_by.size())];
  }
  const models::Sampler& wrap_up_in(int i) const {
    return wrap_up_by.empty() ? wrap_up : wrap_up_by[pick(i, wrap_up_by.size())];
  }
  int capacity = -1;             // most calls waiting at once; -1 = no limit
  double retry_probability = 0;  // 0 = nobody redials
  models::Sampler retry_delay;
  int max_attempts = 1;
  bool keep_patience = false;          // a redial keeps the caller's patience instead of drawing one
  double short_abandon = 0;            // seconds
  int priority = 0;                    // higher first when an agent picks among queues
  std::vector<std::uint32_t> groups;   // groups that serve this queue, most preferred first
  std::vector<double> group_overflow;  // parallel to groups: that group's overflow_after
                                       // (empty = all 0)
  bool has_overflow = false;           // some group serves it only after overflow_after
  bool has_skill_handle = false;       // some group has its own handle-time distribution for it
  // Routing and caller behaviour (docs/routing.md).
  models::AgentChoice agent_choice = models::AgentChoice::group_order;
  std::vector<double> balk;  // P(balk) by calls already waiting (last: and more); empty = none
  models::AtClose at_close = models::AtClose::drain;
  // Transfers after service: destination queues and cumulative probabilities (parallel).
  std::vector<std::uint32_t> transfer_to;
  std::vector<double> transfer_cum;
  std::vector<std::uint32_t> transfer_from;  // queues that transfer to this one (set by compile)
  // Callbacks: offered when (waiting + 1) x callback_handle / agents > callback_after.
  bool has_callback = false;
  double callback_after = 0, callback_accept = 0;
  double callback_handle = 0;  // the mean of `handle`
  bool plain = true;           // no capacity, retrials, overflow or balking (set by compile)
  bool retrials() const { return retry_probability > 0 && max_attempts > 1; }
};

// How one group serves one of its queues.
struct ServedQueue {
  ServedQueue() = default;
  explicit ServedQueue(std::uint32_t q) : queue(q) {}
  std::uint32_t queue = 0;
  double overflow_after = 0;         // serves a call only after it waited this long
  bool has_handle_override = false;  // a group-specific handle-time distribution
  models::Sampler handle_override;
  std::vector<models::Sampler> handle_override_by;  // per interval of the call's arrival; empty = all day
  const models::Sampler& handle_override_in(int i) const {
    return handle_override_by.empty() ? handle_override
                                      : handle_override_by[QueueModel::pick(i, handle_override_by.size())];
  }
  double weight = 1;  // call_choice weighted_wait: score = bonus + weight x wait (s)
  double bonus = 0;
};

// A change of the number of agents a group should have on duty, at `time`.
struct StaffChange {
  double time;
  std::uint32_t group;
  int target;
};

struct GroupModel {
  std::vector<int> staffing;        // per interval, as planned (reports; empty with shifts)
  std::vector<ServedQueue> serves;  // queues, in the group's order of preference
  double efficiency = 1;            // handle time / efficiency (no override)
  // Chance that each scheduled agent position is away for a whole simulated day (drawn per
  // replication; docs/scenario-format.md, "Absence"). 0 = everyone comes.
  double absence = 0;
  bool has_skills = false;  // efficiency != 1 or a handle-time override
  models::CallChoice call_choice = models::CallChoice::priority_then_wait;
  int initial = 0;  // agents on duty when the simulation starts
  // Deterministic, from the plan: for reports and costs.
  std::vector<double> on_duty;  // scheduled agents on duty per interval (time-weighted,
                                // after breaks, shrinkage and overtime)
  double paid_hours = 0;        // regular paid hours (shifts incl. breaks, or staffing)
  double overtime_hours = 0;    // overtime agent-hours
  double productive_hours = 0;  // scheduled on-duty hours within the day
  double cost_per_hour = 0;     // 0 when not given
  double overtime_multiplier = 1.5;
  double cost() const { return cost_per_hour * (paid_hours + overtime_multiplier * overtime_hours); }
};

// A forecast error shared by several queues: each replication draws one gamma factor
// (mean 1) for the day and, with interval_cv, one per interval, from the factor's own streams.
struct DayFactorModel {
  double cv = 0;
  double interval_cv = 0;
};

struct RunModel {
  double interval = 1800;  // seconds
  int intervals = 0;
  int day_intervals = 0;  // a horizon of several days: intervals per day (0: one day); day factors are drawn per day
  double warmup = 0;      // seconds simulated before interval 0, not counted
  std::vector<double> thresholds;  // SL thresholds measured for every queue, ascending
  std::vector<QueueModel> queues;
  std::vector<GroupModel> groups;
  std::vector<DayFactorModel> day_factors;
  std::vector<StaffChange> changes;  // all groups, sorted by time then group; times in [0, day end)
  bool track_idle = false;           // some queue routes by longest_idle (set by compile)
  // Days simulated apart (scenario.days > 1 without carry_over): each day's own one-day
  // model, run one after another from an empty centre; this model then only frames the
  // horizon (intervals = days x day_intervals) for the outputs. Empty otherwise.
  std::vector<RunModel> day_models;

  double day_end() const { return interval * intervals; }
  // Outputs name the counters of these behaviours only when some queue uses them, so
  // other scenarios' files stay as they were.
  bool balks() const {
    for (const QueueModel& q : queues)
      if (!q.balk.empty()) return true;
    return false;
  }
  bool transfers() const {
    for (const QueueModel& q : queues)
      if (!q.transfer_to.empty()) return true;
    return false;
  }
  bool callbacks() const {
    for (const QueueModel& q : queues)
      if (q.has_callback) return true;
    return false;
  }
  bool closes_queues() const {
    for (const QueueModel& q : queues)
      if (q.at_close != models::AtClose::drain) return true;
    return false;
  }
};

}  // namespace ccsim
