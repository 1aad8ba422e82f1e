#pragma once
// The money side of a run: what the calls earn and cost per day, and how each queue's
// service level agreement (SLA) fares over its measurement periods (docs/metrics.md §11).
//
// Promises:
// - Replications are consecutive simulated days: day r is replication r. A period of N days
//   is days pN .. pN+N-1; an `interval` period is one interval of one day. Feed
//   replications in order (as RunAccumulator): the figures are then the same for any
//   thread count.
// - A period's figure is pooled: the target's metric computed from the sums of the
//   period's counters (the ratio of its sums, as contracts measure it), on the queue's SL
//   basis. A period with no calls behind its figure meets its target.
// - A missed period costs penalty + penalty_per_point x points short (percentage points
//   for SL and abandon targets, seconds for ASA).
// - Net value per day = revenue - abandon cost - waiting cost - staff cost - SLA penalties,
//   each period's penalty spread evenly over its days. Its CI (and the penalties') is taken
//   over blocks of the longest SLA period (days in one period are not independent).
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_accumulator.hpp"
#include "sim/stats/summary.hpp"

namespace ccsim {

// One measurement period of one queue's SLA.
struct PeriodOutcome {
  int queue = 0;
  int period = 0;     // 0, 1, ... (interval periods: day x intervals + interval)
  int first_day = 0;  // its first simulated day (replication)
  double value = 0;   // the pooled figure (fraction for SL and abandon, seconds for ASA); NaN: no calls
  bool met = true;
  double penalty = 0;
};

struct SlaSummary {
  int periods = 0, met = 0;
  double p_meet = 0, p_meet_lo = 0, p_meet_hi = 0;  // share of periods that met, Wilson 95% interval
  Stat penalty;                                     // per period
  Stat value;                                       // the period figure over periods (NaN left out)
};

struct QueueValue {
  Stat revenue, abandon_cost, waiting_cost;  // per day
  std::optional<SlaSummary> sla;
};

struct ValueSummary {
  std::vector<QueueValue> queues;  // parallel to the scenario's queues
  double staff_cost = 0;           // per day, from the plan
  Stat revenue, call_costs;        // per day, all queues (call costs: abandon + waiting)
  Stat penalties;                  // per day, all queues, each period's penalty spread over its days (CI over blocks)
  Stat net;                        // per day
  int block_days = 1;              // days per block behind net's CI (the longest SLA period)
  Stat net_per_block;              // net over a block of block_days
};

// Whether the scenario states any money or SLA (reports show the section only then).
bool has_value_terms(const Scenario& s);

// The plan's staff cost of one day: the groups' costs in `summary`.
double staff_cost_per_day(const RunSummary& summary);

// Throws InputError at the SLA's period when `replications` days do not make whole periods.
void check_periods_fit(const Scenario& s, int replications);

// Points short of a target for a figure that missed it (see the promise above).
double points_short(const Target& t, double value);

// Wilson score 95% interval for k successes in n trials.
void wilson95(int k, int n, double& lo, double& hi);

class ValueAccumulator;

// Net value per block of `block_days` days (the summary's), staff cost included: the
// figures behind paired differences of net value between two plans on the same days.
std::vector<double> net_per_block(const ValueAccumulator& acc, int block_days, double staff_cost_per_day);

class ValueAccumulator {
 public:
  ValueAccumulator(const Scenario& s, const RunModel& model);
  // Folds in replication r's days (one, or each day of a horizon of several days, in
  // order); the periods they complete are in completed().
  void add(const ReplicationResult& r);
  const std::vector<PeriodOutcome>& completed() const { return completed_; }
  // `staff_cost_per_day`: the plan's staff cost of one day (staff_cost_per_day()).
  ValueSummary summary(double staff_cost_per_day) const;
  // Per-day figures before staff cost (revenue - call costs - penalties), for paired
  // comparisons of plans on the same days; only days whose periods are complete.
  const std::vector<double>& day_values() const { return day_values_; }

 private:
  struct QueueAcc {
    RunningStat revenue, abandon_cost, waiting_cost;
    RunningStat penalty, value;
    int periods = 0, met = 0;
    std::vector<double> cell;  // the open period's summed counters
    int days_in = 0;           // days summed into the open period
  };
  void add_day(const ReplicationResult& r, int first, int last);  // one day: intervals [first, last)
  void close_period(std::size_t q, const std::vector<double>& cell, int period, int first_day, int days);
  void settle_days();

  const Scenario& s_;
  const RunModel& m_;
  int day_ = 0;
  std::vector<QueueAcc> q_;
  std::vector<PeriodOutcome> completed_;
  // Days not yet settled (a queue's period still open): their money, and penalties spread.
  int first_pending_ = 0;
  std::vector<double> pending_money_, pending_penalty_;
  std::vector<int> open_until_;  // per queue: the first day of its open period
  RunningStat revenue_, call_costs_, penalties_, net_before_staff_;
  int block_days_ = 1;
  double block_sum_ = 0, block_penalty_ = 0;
  int block_in_ = 0;
  RunningStat block_, block_penalties_;
  std::vector<double> day_values_;
};

}  // namespace ccsim
