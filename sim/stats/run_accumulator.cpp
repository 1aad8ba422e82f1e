#include "sim/stats/run_accumulator.hpp"

#include <algorithm>
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

// The scalar ratio metrics in ratio_terms' order (metrics.hpp), then the SL vectors by basis.
constexpr Stat CallSummary::*kRatioStats[] = {&CallSummary::asa,
                                              &CallSummary::abandon_rate,
                                              &CallSummary::abandon_rate_refined,
                                              &CallSummary::mean_wait_all,
                                              &CallSummary::blocked_rate,
                                              &CallSummary::caller_answered_rate,
                                              &CallSummary::caller_abandon_rate,
                                              &CallSummary::caller_blocked_rate,
                                              &CallSummary::transfer_asa,
                                              &CallSummary::time_to_callback};
static_assert(std::size(kRatioStats) == kScalarRatios);
constexpr std::vector<Stat> CallSummary::*kRatioBases[] = {&CallSummary::sl_offered, &CallSummary::sl_answered,
                                                           &CallSummary::sl_refined, &CallSummary::sl_abandoned_met};
static_assert(std::size(kRatioBases) == kThresholdRatios);

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

void RatioStat::add(double x, double y) {
  const double bx = n ? sx / n : 0.0, by = n ? sy / n : 0.0;
  ++n;
  sx += x;
  sy += y;
  const double dx = x - bx;
  cxx += dx * (x - sx / n);
  cyy += (y - by) * (y - sy / n);
  cxy += dx * (y - sy / n);
}

Stat RatioStat::stat() const {
  Stat s;
  s.n = n;
  if (!(sy != 0)) {
    s.mean = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  const double r = sx / sy;
  s.mean = r;
  if (n < 2) return s;
  // sum_i (x_i - R y_i)^2 = Cxx - 2 R Cxy + R^2 Cyy, as R = xbar / ybar.
  const double ss = std::max(0.0, cxx - 2 * r * cxy + r * r * cyy);
  const double ybar = sy / n;
  const double var = ss / (static_cast<double>(n) * (n - 1) * ybar * ybar);
  s.ci95 = student_t95(n - 1) * std::sqrt(var);
  return s;
}

RunAccumulator::RunAccumulator(const RunModel& model, bool per_interval)
    : model_(model),
      T_(static_cast<int>(model.thresholds.size())),
      Q_(static_cast<int>(model.queues.size())),
      G_(static_cast<int>(model.groups.size())),
      ranges_(1 + (per_interval ? model.intervals : 0) +
              (model.day_intervals > 0 && model.day_intervals < model.intervals
                   ? (model.intervals + model.day_intervals - 1) / model.day_intervals
                   : 0)),
      interval_ranges_(per_interval ? model.intervals : 0),
      // + wait_p90 (used by the day), then sl_abandoned_met (added later, so after it)
      per_call_(kScalars + 4 * static_cast<std::size_t>(T_) + 1),
      calls_(static_cast<std::size_t>(Q_ + 1) * static_cast<std::size_t>(ranges_) * per_call_),
      groups_(static_cast<std::size_t>(G_) * static_cast<std::size_t>(ranges_) * 3),
      per_ratio_(static_cast<std::size_t>(ratio_count(T_))),
      ratios_(static_cast<std::size_t>(Q_ + 1) * static_cast<std::size_t>(ranges_) * per_ratio_),
      x_(per_ratio_),
      y_(per_ratio_) {}

void RunAccumulator::span(int range, int& first, int& last) const {
  if (range == 0) {
    first = 0;
    last = model_.intervals;
  } else if (range <= interval_ranges_) {
    first = range - 1;
    last = range;
  } else {
    const int d = range - 1 - interval_ranges_;
    first = d * model_.day_intervals;
    last = std::min(model_.intervals, first + model_.day_intervals);
  }
}

std::size_t RunAccumulator::call_slot(int q, int range) const {
  return (static_cast<std::size_t>(q) * static_cast<std::size_t>(ranges_) + static_cast<std::size_t>(range)) *
         per_call_;
}

std::size_t RunAccumulator::ratio_slot(int q, int range) const {
  return (static_cast<std::size_t>(q) * static_cast<std::size_t>(ranges_) + static_cast<std::size_t>(range)) *
         per_ratio_;
}

std::size_t RunAccumulator::group_slot(int g, int range) const {
  return (static_cast<std::size_t>(g) * static_cast<std::size_t>(ranges_) + static_cast<std::size_t>(range)) * 3;
}

void RunAccumulator::add(const ReplicationResult& r) {
  ++replications_;
  const int I = model_.intervals;
  for (int q = 0; q <= Q_; ++q)
    for (int range = 0; range < ranges_; ++range) {
      int first = 0, last = 0;
      span(range, first, last);
      const std::vector<double> cell = sum_cells(r.calls, q, first, last);
      const CallMetrics m = call_metrics(cell, T_);
      ratio_terms(cell.data(), T_, x_.data(), y_.data());
      RatioStat* lr = &ratios_[ratio_slot(q, range)];
      for (std::size_t j = 0; j < per_ratio_; ++j) lr[j].add(x_[j], y_[j]);
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
      for (int k = 0; k < T_; ++k)
        s[3 * static_cast<std::size_t>(T_) + 1 + static_cast<std::size_t>(k)].add(
            m.sl_abandoned_met[static_cast<std::size_t>(k)]);
    }
  for (int g = 0; g < G_; ++g)
    for (int range = 0; range < ranges_; ++range) {
      // The day (and a carried-over horizon's last day) includes the drain after the last
      // interval (bucket I); days simulated apart leave their drains to the whole run.
      int first = 0, last = 0;
      span(range, first, last);
      if (range == 0 || (range > interval_ranges_ && last == I && model_.day_models.empty())) ++last;
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
  const bool per_interval = interval_ranges_ > 0;
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
    for (int k = 0; k < T_; ++k) c.sl_abandoned_met.push_back(s[3 * static_cast<std::size_t>(T_) + 1 + k].stat());
    if (range == 0) c.wait_p90 = s[3 * static_cast<std::size_t>(T_)].stat();
    return c;
  };
  // The long-run figures: the ratio metrics as ratios of sums; counts as their means (the
  // same thing), wait_p90 undefined (no pooled histogram: docs/metrics.md §3).
  auto long_run = [&](int q, int range, const CallSummary& daily) {
    const RatioStat* s = &ratios_[ratio_slot(q, range)];
    CallSummary c = daily;
    for (std::size_t k = 0; k < kScalarRatios; ++k) c.*kRatioStats[k] = s[k].stat();
    s += kScalarRatios;
    for (std::vector<Stat> CallSummary::*basis : kRatioBases) {
      for (int k = 0; k < T_; ++k) (c.*basis)[static_cast<std::size_t>(k)] = s[k].stat();
      s += T_;
    }
    c.wait_p90 = Stat{std::numeric_limits<double>::quiet_NaN(), 0, 0};
    return c;
  };
  for (int q = 0; q <= Q_; ++q) {
    out.day.push_back(call_summary(q, 0));
    out.day_long_run.push_back(long_run(q, 0, out.day.back()));
    std::vector<CallSummary> iv, iv_long;
    if (per_interval) {
      iv.reserve(static_cast<std::size_t>(model_.intervals));
      iv_long.reserve(static_cast<std::size_t>(model_.intervals));
    }
    for (int range = 1; range <= interval_ranges_; ++range) {
      iv.push_back(call_summary(q, range));
      iv_long.push_back(long_run(q, range, iv.back()));
    }
    out.intervals.push_back(std::move(iv));
    out.intervals_long_run.push_back(std::move(iv_long));
    std::vector<CallSummary> dd, dd_long;
    for (int range = 1 + interval_ranges_; range < ranges_; ++range) {
      dd.push_back(call_summary(q, range));
      dd_long.push_back(long_run(q, range, dd.back()));
    }
    out.days.push_back(std::move(dd));
    out.days_long_run.push_back(std::move(dd_long));
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
    if (range > interval_ranges_) {  // one day of a horizon: its intervals' sums
      int first = 0, last = 0;
      span(range, first, last);
      for (int k = first; k < last; ++k) {
        const auto i = static_cast<std::size_t>(k);
        const double on = i < gm.on_duty.size() ? gm.on_duty[i] : 0;
        gs.productive_hours += on * model_.interval / 3600.0;
        gs.agent_hours.mean += (i < gm.staffing.size() ? gm.staffing[i] : on) * model_.interval / 3600.0;
      }
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
    for (int range = 1; range <= interval_ranges_; ++range) iv.push_back(group_summary(g, range));
    out.group_intervals.push_back(std::move(iv));
    std::vector<GroupSummary> dd;
    for (int range = 1 + interval_ranges_; range < ranges_; ++range) dd.push_back(group_summary(g, range));
    out.group_days.push_back(std::move(dd));
  }
  return out;
}

}  // namespace ccsim
