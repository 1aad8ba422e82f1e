#pragma once
// The metric formulas, in one place (docs/metrics.md gives the same in words).
// Inputs are additive tallies summed over any set of intervals and queues; outputs are the
// ratios planners read. A ratio whose denominator is zero is NaN ("no calls").
#include <vector>

#include "sim/engine/replication_result.hpp"

namespace ccsim {

struct CallMetrics {
  double offered = 0, answered = 0, abandoned = 0, blocked = 0;
  std::vector<double> sl_offered;        // answered within T / offered
  std::vector<double> sl_answered;       // answered within T / answered
  std::vector<double> sl_refined;        // answered within T / (offered - abandoned within T)
  std::vector<double> sl_abandoned_met;  // (answered within T + abandoned within T) / offered
  double asa = 0;                        // wait of answered calls / answered
  double abandon_rate = 0;               // abandoned / offered
  double abandon_rate_refined = 0;       // (abandoned - short) / (offered - short)
  double mean_wait_all = 0;              // wait of answered and abandoned calls / (answered + abandoned)
  double blocked_rate = 0;               // blocked / offered (attempt basis)
  double redials = 0;                    // attempts that were redials
  // Caller basis: each caller once, in the interval of their first attempt.
  double callers = 0;               // first attempts
  double caller_answered_rate = 0;  // callers answered on some attempt / callers
  double caller_abandon_rate = 0;   // callers lost to an abandon / callers
  double caller_blocked_rate = 0;   // callers lost to a busy signal / callers
  // Caller behaviour (docs/routing.md); 0 where a queue does not use it.
  double balked = 0;        // abandoned at once on finding a wait (a part of abandoned)
  double disconnected = 0;  // waiting at the close, at_close = "disconnect"
  double messages = 0;      // waiting at the close, at_close = "message"
  double transferred = 0;   // answered calls passed on to another queue
  double transfers_in = 0;  // arrivals by transfer (a part of offered)
  double transfer_asa = 0;  // wait of answered transferred calls / answered transferred calls
  double callbacks_offered = 0, callbacks_accepted = 0, callbacks_completed = 0;
  double time_to_callback = 0;  // callback_wait / callbacks_completed
};

// Sums the call tallies of queue q (or all queues when q == calls.queues) over intervals
// [first, last). The result has the layout of one cell.
std::vector<double> sum_cells(const CallTally& calls, int q, int first, int last);

// Metrics from one summed cell with `thresholds` SL thresholds.
CallMetrics call_metrics(const std::vector<double>& cell, int thresholds);

// Every ratio metric as its numerator x and denominator y, both additive counters, so the
// long-run figure over replications is sum x / sum y (docs/metrics.md §5). Order: the
// kScalarRatios scalars (asa, abandon_rate, abandon_rate_refined, mean_wait_all,
// blocked_rate, caller_answered_rate, caller_abandon_rate, caller_blocked_rate,
// transfer_asa, time_to_callback), then per basis (offered, answered, refined,
// abandoned_met) the thresholds in order. x / y is exactly what call_metrics returns.
constexpr int kScalarRatios = 10;
constexpr int kThresholdRatios = 4;
constexpr int ratio_count(int thresholds) { return kScalarRatios + kThresholdRatios * thresholds; }
void ratio_terms(const double* cell, int thresholds, double* x, double* y);

struct GroupMetrics {
  double busy_hours = 0;     // time agents spent handling calls
  double on_duty_hours = 0;  // time agents were present, incl. finishing calls after leaving time
  double occupancy = 0;      // busy / on duty
};

// Group g over buckets [first, last) (bucket `intervals` is the drain after the day).
GroupMetrics group_metrics(const GroupTally& groups, int g, int first, int last);

}  // namespace ccsim
