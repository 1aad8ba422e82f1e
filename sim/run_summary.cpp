#include "sim/run_summary.hpp"

#include <functional>

namespace ccsim {

namespace {

// Summaries of one (queue, interval range) over replications.
CallSummary summarize_calls(const std::vector<ReplicationResult>& reps, int q, int first, int last,
                            int T, bool with_p90) {
  std::vector<CallMetrics> per;
  per.reserve(reps.size());
  for (const auto& r : reps) per.push_back(call_metrics(sum_cells(r.calls, q, first, last), T));
  auto col = [&](const std::function<double(const CallMetrics&)>& f) {
    std::vector<double> v;
    v.reserve(per.size());
    for (const auto& m : per) v.push_back(f(m));
    return summarize(v);
  };
  CallSummary s;
  s.offered = col([](const CallMetrics& m) { return m.offered; });
  s.answered = col([](const CallMetrics& m) { return m.answered; });
  s.abandoned = col([](const CallMetrics& m) { return m.abandoned; });
  s.blocked = col([](const CallMetrics& m) { return m.blocked; });
  for (int k = 0; k < T; ++k) {
    s.sl_offered.push_back(col([k](const CallMetrics& m) { return m.sl_offered[k]; }));
    s.sl_answered.push_back(col([k](const CallMetrics& m) { return m.sl_answered[k]; }));
    s.sl_refined.push_back(col([k](const CallMetrics& m) { return m.sl_refined[k]; }));
  }
  s.asa = col([](const CallMetrics& m) { return m.asa; });
  s.abandon_rate = col([](const CallMetrics& m) { return m.abandon_rate; });
  s.abandon_rate_refined = col([](const CallMetrics& m) { return m.abandon_rate_refined; });
  s.mean_wait_all = col([](const CallMetrics& m) { return m.mean_wait_all; });
  s.blocked_rate = col([](const CallMetrics& m) { return m.blocked_rate; });
  s.redials = col([](const CallMetrics& m) { return m.redials; });
  s.callers = col([](const CallMetrics& m) { return m.callers; });
  s.caller_answered_rate = col([](const CallMetrics& m) { return m.caller_answered_rate; });
  s.caller_abandon_rate = col([](const CallMetrics& m) { return m.caller_abandon_rate; });
  s.caller_blocked_rate = col([](const CallMetrics& m) { return m.caller_blocked_rate; });
  if (with_p90) {
    std::vector<double> v;
    for (const auto& r : reps) v.push_back(r.wait_p90[static_cast<std::size_t>(q)]);
    s.wait_p90 = summarize(v);
  }
  return s;
}

GroupSummary summarize_group(const RunModel& model, const std::vector<ReplicationResult>& reps, int g,
                             int first, int last) {
  std::vector<double> occ, duty, busy;
  for (const auto& r : reps) {
    const GroupMetrics m = group_metrics(r.groups, g, first, last);
    occ.push_back(m.occupancy);
    duty.push_back(m.on_duty_hours);
    busy.push_back(m.busy_hours);
  }
  GroupSummary s;
  s.occupancy = summarize(occ);
  s.on_duty_hours = summarize(duty);
  s.busy_hours = summarize(busy);
  const GroupModel& gm = model.groups[static_cast<std::size_t>(g)];
  s.agent_hours.n = static_cast<int>(reps.size());
  if (first == 0 && last > model.intervals) {  // the whole day
    s.agent_hours.mean = gm.paid_hours;
    s.overtime_hours = gm.overtime_hours;
    s.productive_hours = gm.productive_hours;
    s.cost = gm.cost();
    return s;
  }
  // One interval: the plan's time-weighted agents on duty; paid hours of a per-interval
  // plan are its staffing (shift plans pay by shift, not by interval).
  const std::size_t i = static_cast<std::size_t>(first);
  s.scheduled_agents = i < gm.on_duty.size() ? gm.on_duty[i] : 0;
  s.productive_hours = s.scheduled_agents * model.interval / 3600.0;
  s.agent_hours.mean = i < gm.staffing.size() ? gm.staffing[i] * model.interval / 3600.0 : 0;
  return s;
}

}  // namespace

RunSummary summarize_run(const RunModel& model, const std::vector<ReplicationResult>& reps, bool per_interval) {
  RunSummary s;
  s.replications = static_cast<int>(reps.size());
  s.thresholds = model.thresholds;
  const int T = static_cast<int>(model.thresholds.size());
  const int Q = static_cast<int>(model.queues.size());
  const int I = model.intervals;
  for (int q = 0; q <= Q; ++q) {
    s.day.push_back(summarize_calls(reps, q, 0, I, T, true));
    std::vector<CallSummary> iv;
    for (int i = 0; per_interval && i < I; ++i) iv.push_back(summarize_calls(reps, q, i, i + 1, T, false));
    s.intervals.push_back(std::move(iv));
  }
  for (int g = 0; g < static_cast<int>(model.groups.size()); ++g) {
    s.group_day.push_back(summarize_group(model, reps, g, 0, I + 1));  // incl. the drain
    std::vector<GroupSummary> iv;
    for (int i = 0; per_interval && i < I; ++i) iv.push_back(summarize_group(model, reps, g, i, i + 1));
    s.group_intervals.push_back(std::move(iv));
  }
  return s;
}

}  // namespace ccsim
