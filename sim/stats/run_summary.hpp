#pragma once
// A whole run reduced to what reports show: for each queue (and the total over all
// queues) and each agent group, the mean and 95% CI over replications of every metric,
// for the whole day and for every interval. Built once; the text, JSON and later HDF5
// writers only format it.
#include <vector>

#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/stats/metrics.hpp"
#include "sim/stats/summary.hpp"

namespace ccsim {

struct CallSummary {
  Stat offered, answered, abandoned, blocked;
  std::vector<Stat> sl_offered, sl_answered, sl_refined;  // per RunModel threshold
  Stat asa, abandon_rate, abandon_rate_refined, mean_wait_all;
  Stat blocked_rate, redials, callers, caller_answered_rate, caller_abandon_rate, caller_blocked_rate;
  Stat wait_p90;                        // whole day only (a percentile is not additive over intervals)
  Stat balked, disconnected, messages;  // docs/routing.md; reported only where used
  Stat transferred, transfers_in, transfer_asa;
  Stat callbacks_offered, callbacks_accepted, callbacks_completed, time_to_callback;
  std::vector<Stat> sl_abandoned_met;  // per threshold: (answered + abandoned within T) / offered
};

struct GroupSummary {
  Stat occupancy;
  Stat agent_hours;    // paid regular hours of the plan (staffing x interval, or shifts)
  Stat on_duty_hours;  // present, incl. finishing calls after leaving time and the drain
  Stat busy_hours;
  // From the plan (deterministic): day totals, or the interval's share for intervals.
  double overtime_hours = 0;
  double productive_hours = 0;  // scheduled on duty after breaks and shrinkage, + overtime
  double scheduled_agents = 0;  // time-weighted agents on duty per the plan (intervals)
  double cost = 0;              // cost_per_hour x (paid + overtime_multiplier x overtime)
};

// Features whose metrics the outputs carry only when the model uses them (bit flags of
// RunSummary::features and the registry's `needs`), so other outputs stay as they were.
enum MetricFeature : unsigned {
  kFeatureBalk = 1u << 0,
  kFeatureClose = 1u << 1,
  kFeatureTransfer = 1u << 2,
  kFeatureCallback = 1u << 3
};
unsigned metric_features(const RunModel& model);

struct RunSummary {
  int replications = 0;
  unsigned features = 0;  // MetricFeature bits: which optional metrics apply
  std::vector<double> thresholds;
  std::vector<CallSummary> day;                     // queues, then total
  std::vector<std::vector<CallSummary>> intervals;  // [queue or total][interval]
  // The same, long-run: each ratio metric as sum over replications of its numerator / sum of
  // its denominator, with a delta-method CI (docs/metrics.md §5). Counts equal `day`'s;
  // wait_p90 is undefined.
  std::vector<CallSummary> day_long_run;
  std::vector<std::vector<CallSummary>> intervals_long_run;
  std::vector<GroupSummary> group_day;
  std::vector<std::vector<GroupSummary>> group_intervals;  // [group][interval]
  // A horizon of several days (scenario.days > 1): the same per day ([queue or total][day],
  // [group][day]); empty for a run of one day. `day` above is then the whole horizon.
  std::vector<std::vector<CallSummary>> days, days_long_run;
  std::vector<std::vector<GroupSummary>> group_days;
};

// per_interval false leaves `intervals` and `group_intervals` empty (a sweep that only
// writes its file needs the day's figures alone, and intervals cost ten times more).
RunSummary summarize_run(const RunModel& model, const std::vector<ReplicationResult>& reps, bool per_interval = true);

}  // namespace ccsim
