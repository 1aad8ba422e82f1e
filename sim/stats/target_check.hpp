#pragma once
// Whether a queue's targets hold, on the queue's SL basis: judged on the mean over
// replications, or (confidence p > 0) on the metric's one-sided p confidence bound.
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"

namespace ccsim {

struct TargetResult {
  const Target* target = nullptr;
  Stat value;         // the metric the target is about
  double judged = 0;  // the figure compared with the target: the mean, or its bound
  bool met = false;
};

// confidence 0: the mean must meet the target. confidence p in (0, 1): the one-sided
// Student-t p bound must (SL: mean - t_p * se >= share; ASA, abandon: mean + t_p * se <= cap).
// A metric with no calls behind it (NaN) fails nothing.
TargetResult check_target(const Target& t, SlBasis basis, const CallSummary& s, const std::vector<double>& thresholds,
                          double confidence = 0);

// The summary queue q's targets are judged on, by its sl_estimator: the means over
// replications of the daily figures (`r.day`), or the long-run figures (`r.day_long_run`).
// A summary without long-run figures gives the daily means.
const CallSummary& judged_day(const RunSummary& r, const QueueSpec& qs, std::size_t q);
const CallSummary& judged_interval(const RunSummary& r, const QueueSpec& qs, std::size_t q, std::size_t i);

// The SL Stat of threshold index k on `basis`.
const Stat& sl_stat(const CallSummary& s, SlBasis basis, std::size_t k);

// The same for a target's figure already summarised over replications (`value` is the
// metric the target is about: the SL on the queue's basis, the ASA or the abandon rate).
TargetResult check_target(const Target& t, const Stat& value, double confidence = 0);

// The figure target `t` is about in one replication's metrics (NaN: no calls behind it,
// or an SL threshold not in `thresholds`).
double target_figure(const Target& t, SlBasis basis, const CallMetrics& m, const std::vector<double>& thresholds);

// The numerator x and denominator y of the figure target `t` is about, from one summed
// cell (sum_cells): the figure is x / y, and its long-run form sum x / sum y. False for an
// SL threshold not in `thresholds`.
bool target_terms(const Target& t, SlBasis basis, const std::vector<double>& cell,
                  const std::vector<double>& thresholds, double& x, double& y);

// The same for one replication's figures (no bound): for the share of days that meet.
bool target_met(const Target& t, SlBasis basis, const CallMetrics& m, const std::vector<double>& thresholds);

// Why a target can never be met by any staffing ("" when it can): a share of 100%, an ASA
// cap of 0 s, or an abandon cap of 0% when callers are impatient.
std::string unattainable(const Target& t, bool impatient);

// Index of threshold t (seconds) in `thresholds`, or -1.
int threshold_index(const std::vector<double>& thresholds, double t);

// "20", "300", "7.5": the JSON key of a threshold.
std::string threshold_key(double seconds);

}  // namespace ccsim
