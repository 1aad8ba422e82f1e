#pragma once
// Summaries built as replications arrive (docs/performance.md, "Memory"): for every queue
// (and the total), group, and the day and each interval, a running sum (so the mean is
// the exact sum over replications in replication order, divided by their number) and a
// running sum of squared deviations (Welford's update) for the confidence interval. Memory
// grows with queues x intervals x metrics, never with replications.
//
// Feed replications in replication order: the figures are then the same to the bit for
// any thread count (replicate_ordered does this).
#include <vector>

#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/stats/run_summary.hpp"

namespace ccsim {

// One metric over replications; NaN values (undefined on that day) are left out.
struct RunningStat {
  double sum = 0, m2 = 0;
  int n = 0;
  void add(double v);
  Stat stat() const;  // mean, 95% Student-t half-width, n
};

// One ratio metric's long-run figure R = sum x / sum y over replications, with the
// delta-method CI (docs/metrics.md §5). Sums are the exact ordered sums; the centred
// co-moments are updated as in Welford's algorithm, so the variance is not a difference of
// large sums of squares. Every replication counts, also one with y = 0.
struct RatioStat {
  double sx = 0, sy = 0, cxx = 0, cyy = 0, cxy = 0;
  int n = 0;
  void add(double x, double y);
  Stat stat() const;  // R, Student-t 95% half-width of the delta-method se, n; NaN when sum y = 0
};

class RunAccumulator {
 public:
  // per_interval false: the day's figures only (as summarize_run's flag).
  explicit RunAccumulator(const RunModel& model, bool per_interval = true);
  void add(const ReplicationResult& r);
  int replications() const { return replications_; }
  RunSummary summary() const;

 private:
  std::size_t call_slot(int q, int range) const;  // range 0: the day; 1 + i: interval i
  std::size_t group_slot(int g, int range) const;
  std::size_t ratio_slot(int q, int range) const;
  // The intervals [first, last) of a range: 0 the whole run, then each interval (when kept),
  // then each day of a horizon of several days.
  void span(int range, int& first, int& last) const;
  const RunModel& model_;
  int T_, Q_, G_, ranges_;
  int interval_ranges_;  // intervals kept (0 or model.intervals); the days' ranges follow
  int replications_ = 0;
  std::size_t per_call_;             // RunningStats per (queue, range)
  std::vector<RunningStat> calls_;   // [(queue or total) x range x metric]
  std::vector<RunningStat> groups_;  // [group x range x (occupancy, on duty, busy)]
  std::size_t per_ratio_;            // RatioStats per (queue, range): ratio_count(T_)
  std::vector<RatioStat> ratios_;    // [(queue or total) x range x ratio metric], long-run figures
  std::vector<double> x_, y_;        // scratch: one replication's ratio terms
  std::vector<double> cell_;         // scratch: one summed cell
};

}  // namespace ccsim
