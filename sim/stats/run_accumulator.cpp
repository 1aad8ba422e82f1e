#include "sim/stats/run_accumulator.hpp"

#include <cmath>
#include <limits>

#include "sim/stats/metrics.hpp"

namespace ccsim {

namespace {

// The scalar call metrics, in the same order as their Stats in CallSummary (kStats).
constexpr double CallMetrics::*kValues[] = {&CallMetrics::offered,
                                            &CallMetrics::answered,
                                            &CallMetrics::abandoned,
                                            &CallMetrics::blocked,
                                            &CallMetrics::asa,
                                            &CallMetrics::abandon_rate,
                                            &CallMetrics::abandon_rate_refined,
                                            &CallMetrics::mean_wait_all,
                                            &CallMetrics::blocked_rate,
                                            &CallMetrics::redials,
                                            &CallMetrics::callers,
                                            &CallMetrics::caller_answered_rate,
                                            &CallMetrics::caller_abandon_rate,
                                            &CallMetrics::caller_blocked_rate,
                                            &CallMetrics::balked,
                                            &CallMetrics::disconnected,
                                            &CallMetrics::messages,
                                            &CallMetrics::transferred,
                                            &CallMetrics::transfers_in,
                                            &CallMetrics::transfer_asa,
                                            &CallMetrics::callbacks_offered,
                                            &CallMetrics::callbacks_accepted,
                                            &CallMetrics::callbacks_completed,
                                            &CallMetrics::time_to_callback};
constexpr Stat CallSummary::*kStats[] = {&CallSummary::offered,
                                         &CallSummary::answered,
                                         &CallSummary::abandoned,
                                         &CallSummary::blocked,
                                         &CallSummary::asa,
                                         &CallSummary::abandon_rate,
                                         &CallSummary::abandon_rate_refined,
                                         &CallSummary::mean_wait_all,
                                         &CallSummary::blocked_rate,
                                         &CallSummary::redials,
                                         &CallSummary::callers,
                                         &CallSummary::caller_answered_rate,
                                         &CallSummary::caller_abandon_rate,
                                         &CallSummary::caller_blocked_rate,
                                         &CallSummary::balked,
                                         &CallSummary::disconnected,
                                         &CallSummary::messages,
                                         &CallSummary::transferred,
                                         &CallSummary::transfers_in,
                                         &CallSummary::transfer_asa,
                                         &CallSummary::callbacks_offered,
                                         &CallSummary::callbacks_accepted,
                                         &CallSummary::callbacks_completed,
                                         &CallSummary::time_to_callback};
constexpr std::size_t kScalars = std::size(kValues);
static_assert(std::size(kStats) == kScalars);

}  // namespace

void RunningStat::add(double v) {
  if (std::isnan(v)) return;
  // Welford's update with the mean taken as sum / n: the mean stays the exact ordered sum.
  const double before = n ? sum / n : 0.0;
  ++n;
  sum += v;
  m2 += (v - before) * (v - sum / n);
}

Stat RunningStat::stat() const {
  Stat s;
  s.n = n;
  if (n == 0) {
    s.mean = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  s.mean = sum / n;
  if (n < 2) return s;
  s.ci95 = student_t95(n - 1) * std::sqrt(std::max(0.0, m2) / (n - 1)) / std::sqrt(static_cast<double>(n));
  return s;
}

RunAccumulator::RunAccumulator(const RunModel& model, bool per_interval)
    : model_(model),
      T_(static_cast<int>(model.thresholds.size())),
      Q_(static_cast<int>(model.queues.size())),
      G_(static_cast<int>(model.groups.size())),
      ranges_(per_interval ? 1 + model.intervals : 1),
      per_call_(kScalars + 3 * static_cast<std::size_t>(T_) + 1),  // + wait_p90 (used by the day)
      calls_(static_cast<std::size_t>(Q_ + 1) * static_cast<std::size_t>(ranges_) * per_call_),
      groups_(static_cast<std::size_t>(G_) * static_cast<std::size_t>(ranges_) * 3) {}

std::size_t RunAccumulator::call_slot(int q, int range) const {
  return (static_cast<std::size_t>(q) * static_cast<std::size_t>(ranges_) + static_cast<std::size_t>(range)) *
         per_call_;
}

std::size_t RunAccumulator::group_slot(int g, int range) const {
  return (static_cast<std::size_t>(g) * static_cast<std::size_t>(ranges_) + static_cast<std::size_t>(range)) * 3;
}

void RunAccumulator::add(const ReplicationResult& r) {
  ++replications_;
  const int I = model_.intervals;
  for (int q = 0; q <= Q_; ++q)
    for (int range = 0; range < ranges_; ++range) {
      const int first = range == 0 ? 0 : range - 1, last = range == 0 ? I : range;
      const CallMetrics m = call_metrics(sum_cells(r.calls, q, first, last), T_);
      RunningStat* s = &calls_[call_slot(q, range)];
      for (std::size_t k = 0; k < kScalars; ++k) s[k].add(m.*kValues[k]);
      s += kScalars;
      for (int k = 0; k < T_; ++k) {
        const auto kk = static_cast<std::size_t>(k);
        s[kk].add(m.sl_offered[kk]);
        s[static_cast<std::size_t>(T_) + kk].add(m.sl_answered[kk]);
        s[2 * static_cast<std::size_t>(T_) + kk].add(m.sl_refined[kk]);
      }
      if (range == 0) s[3 * static_cast<std::size_t>(T_)].add(r.wait_p90[static_cast<std::size_t>(q)]);
    }
  for (int g = 0; g < G_; ++g)
    for (int range = 0; range < ranges_; ++range) {
      // The day includes the drain after the last interval (bucket I).
      const int first = range == 0 ? 0 : range - 1, last = range == 0 ? I + 1 : range;
      const GroupMetrics m = group_metrics(r.groups, g, first, last);
      RunningStat* s = &groups_[group_slot(g, range)];
      s[0].add(m.occupancy);
      s[1].add(m.on_duty_hours);
      s[2].add(m.busy_hours);
    }
}

RunSummary RunAccumulator::summary() const {
  RunSummary out;
  out.replications = replications_;
  out.features = metric_features(model_);
  out.thresholds = model_.thresholds;
  const bool per_interval = ranges_ > 1;
  auto call_summary = [&](int q, int range) {
    const RunningStat* s = &calls_[call_slot(q, range)];
    CallSummary c;
    for (std::size_t k = 0; k < kScalars; ++k) c.*kStats[k] = s[k].stat();
    s += kScalars;
    for (int k = 0; k < T_; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      c.sl_offered.push_back(s[kk].stat());
      c.sl_answered.push_back(s[static_cast<std::size_t>(T_) + kk].stat());
      c.sl_refined.push_back(s[2 * static_cast<std::size_t>(T_) + kk].stat());
    }
    if (range == 0) c.wait_p90 = s[3 * static_cast<std::size_t>(T_)].stat();
    return c;
  };
  for (int q = 0; q <= Q_; ++q) {
    out.day.push_back(call_summary(q, 0));
    std::vector<CallSummary> iv;
    if (per_interval) iv.reserve(static_cast<std::size_t>(model_.intervals));
    for (int range = 1; range < ranges_; ++range) iv.push_back(call_summary(q, range));
    out.intervals.push_back(std::move(iv));
  }
  auto group_summary = [&](int g, int range) {
    const RunningStat* s = &groups_[group_slot(g, range)];
    GroupSummary gs;
    gs.occupancy = s[0].stat();
    gs.on_duty_hours = s[1].stat();
    gs.busy_hours = s[2].stat();
    const GroupModel& gm = model_.groups[static_cast<std::size_t>(g)];
    gs.agent_hours.n = replications_;
    if (range == 0) {  // the whole day
      gs.agent_hours.mean = gm.paid_hours;
      gs.overtime_hours = gm.overtime_hours;
      gs.productive_hours = gm.productive_hours;
      gs.cost = gm.cost();
      return gs;
    }
    // One interval: the plan's time-weighted agents on duty; paid hours of a per-interval
    // plan are its staffing (shift plans pay by shift, not by interval).
    const std::size_t i = static_cast<std::size_t>(range - 1);
    gs.scheduled_agents = i < gm.on_duty.size() ? gm.on_duty[i] : 0;
    gs.productive_hours = gs.scheduled_agents * model_.interval / 3600.0;
    gs.agent_hours.mean = i < gm.staffing.size() ? gm.staffing[i] * model_.interval / 3600.0 : 0;
    return gs;
  };
  for (int g = 0; g < G_; ++g) {
    out.group_day.push_back(group_summary(g, 0));
    std::vector<GroupSummary> iv;
    for (int range = 1; range < ranges_; ++range) iv.push_back(group_summary(g, range));
    out.group_intervals.push_back(std::move(iv));
  }
  return out;
}

}  // namespace ccsim
