#pragma once
// The editable scenario: plain, validated data with the source location of every part,
// so later checks (compile, CLI) can still point at the line a user must fix.
// All durations are in seconds, all rates in calls per second.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/distribution.hpp"
#include "models/rules.hpp"
#include "models/trace.hpp"
#include "sim/scenario/errors.hpp"

namespace ccsim {

// abandoned_met: (answered within T + abandoned before T) / offered (docs/metrics.md §2).
enum class SlBasis { offered, answered, refined, abandoned_met };
const char* sl_basis_name(SlBasis b);

// What a queue's targets are judged on (docs/metrics.md §6): the mean over replications of
// each day's ratio, or the long-run ratio of the sums over all replications.
enum class SlEstimator { daily_mean, long_run };
const char* sl_estimator_name(SlEstimator e);

struct Target {
  enum class Kind { service_level, asa, abandon };
  Kind kind = Kind::service_level;
  double fraction = 0;   // service_level: 0.8 for 80/20; abandon: cap as a fraction (0.05)
  double threshold = 0;  // service_level: 20 (s); asa: the ASA cap in seconds
  std::string text;      // as written, e.g. "80/20", "asa<=30s"
  SourceLoc where;
};

struct Arrivals {
  bool stationary = false;      // true: `rate` for the whole day; false: `volumes` per interval
  bool trace = false;           // true: replay `trace_calls` (every replication the same calls)
  double rate = 0;              // calls per second (stationary)
  std::vector<double> volumes;  // expected calls per interval (Poisson within each interval)
  double forecast_cv = 0;       // day-level gamma factor with mean 1 and this CV; 0 = none
  double interval_cv = 0;       // independent gamma factor per interval, mean 1; 0 = none
  // Named shared day factors ([[day_factor]]) this queue's volumes are multiplied by, beside
  // its own forecast_cv; resolved to indices of Scenario::day_factors after reading.
  std::vector<std::string> day_factor_names;
  std::vector<SourceLoc> day_factor_where;
  std::vector<std::size_t> day_factors;  // indices, incl. the all_queues factors
  std::string trace_file;                // as written in the scenario (trace only)
  std::vector<TraceCall> trace_calls;    // sorted by arrival (trace only)
  // A horizon of several days (scenario.days): one factor per day multiplying the day's
  // volumes (or rate), the weekly profile over the daily shape; empty = 1 every day.
  std::vector<double> day_scale;
  SourceLoc day_scale_where;
  SourceLoc where;
};

// What a queue's calls are worth and cost (plain amounts in the planner's currency, >= 0).
struct QueueMoney {
  double revenue_per_answered = 0;   // e.g. the margin of a sale
  double cost_per_abandon = 0;       // lost business of a caller who hangs up
  double cost_per_waiting_hour = 0;  // telecom: per hour that callers wait (answered or not)
  bool any() const { return revenue_per_answered > 0 || cost_per_abandon > 0 || cost_per_waiting_hour > 0; }
};

// A service level agreement: over each measurement period the target is judged on the
// period's pooled figure (the ratio of its sums), and a period that misses it costs
// `penalty` plus `penalty_per_point` per point short (percentage points for SL and
// abandon targets, seconds for ASA).
struct Sla {
  enum class Period { interval, day, week, month };
  Period period = Period::day;
  int days = 1;  // days per period: 1 for interval and day, N for week (7) and month (30)
  Target target;
  double penalty = 0, penalty_per_point = 0;
  SourceLoc where;         // the sla table
  SourceLoc period_where;  // its period (or the table when period is left out)
};
const char* sla_period_name(Sla::Period p);

// Answered calls passed on to another queue after their handle time (docs/routing.md).
struct TransferSpec {
  std::string to;  // a queue name (checked once every queue is read)
  double probability = 0;
  SourceLoc where;     // the table
  SourceLoc to_where;  // its `to`
};

// Callbacks (virtual hold, docs/routing.md): offered to a caller who must wait when the
// expected wait exceeds offer_after; a share `accept` takes it.
struct CallbackSpec {
  double offer_after = 0;  // seconds
  double accept = 0;       // probability
  SourceLoc where;
};

// Redials after an abandon or a busy signal.
struct Retrial {
  double probability = 0;      // chance that a caller who failed redials, in [0, 1]
  models::DistSpec delay;      // time from the failure to the redial
  int max_attempts = 3;        // attempts per caller in all, the first included (>= 1)
  bool keep_patience = false;  // a redial waits as long as the caller's first attempt would
  SourceLoc where;
};

struct QueueSpec {
  std::string name;
  Arrivals arrivals;
  models::DistSpec handle_time;
  SourceLoc handle_time_where;
  std::optional<models::DistSpec> patience;  // nullopt: nobody abandons
  SourceLoc patience_where;
  std::vector<Target> targets;
  double short_abandon = 0;  // seconds; abandons shorter than this leave the refined rate
  SlBasis sl_basis = SlBasis::offered;
  SlEstimator sl_estimator = SlEstimator::daily_mean;
  std::optional<models::DistSpec> wrap_up;  // after-call work: agent busy, caller gone
  // Per-interval forms (one per interval) when a parameter was given as a list; empty: the
  // distribution above holds all day (it is then interval 0's).
  std::vector<models::DistSpec> handle_time_by_interval, patience_by_interval, wrap_up_by_interval;
  // The distributions in force in interval i (null: none).
  const models::DistSpec& handle_time_in(std::size_t i) const {
    return handle_time_by_interval.empty() ? handle_time : handle_time_by_interval[i];
  }
  const models::DistSpec* patience_in(std::size_t i) const {
    return !patience ? nullptr : patience_by_interval.empty() ? &*patience : &patience_by_interval[i];
  }
  const models::DistSpec* wrap_up_in(std::size_t i) const {
    return !wrap_up ? nullptr : wrap_up_by_interval.empty() ? &*wrap_up : &wrap_up_by_interval[i];
  }
  std::optional<int> capacity;  // most calls that may wait; a call finding it full is blocked
  std::optional<Retrial> retrial;
  int priority = 0;  // higher first when an agent chooses among queues
  QueueMoney money;
  std::optional<Sla> sla;
  // Routing and caller behaviour (docs/routing.md).
  std::optional<models::AgentChoice> agent_choice;  // nullopt: the scenario's [routing] rule
  std::vector<double> balk;  // P(balk) by calls already waiting (last entry: and more); empty = none
  SourceLoc balk_where;
  models::AtClose at_close = models::AtClose::drain;
  std::vector<TransferSpec> transfers;
  std::optional<CallbackSpec> callback;
  SourceLoc where;  // the [[queue]] table
};

struct Break {
  double after = 0;   // seconds after the shift start
  double length = 0;  // seconds
};

// `count` agents working from `start` for `length`, with breaks.
struct Shift {
  double start = 0;   // seconds after the start of interval 0 (from the clock time given)
  double length = 0;  // seconds
  int count = 0;
  std::vector<Break> breaks;
  // In a horizon of several days: the days (1-based) this shift is worked; empty = every day.
  std::vector<int> on_days;
  int day = 0;  // once the horizon is laid out: the day (0-based) this copy belongs to
  std::vector<SourceLoc> on_days_where;
  SourceLoc where;
};

// A shift a planner may use (`shift_patterns`): `ccsim staff --shifts` chooses how many
// agents work it; `ccsim run` ignores it. One table with a list of starts gives one
// pattern per start.
struct ShiftPattern {
  double start = 0;           // seconds after the start of interval 0 (from the clock time given)
  double length = 0;          // seconds, breaks included
  std::vector<Break> breaks;  // sorted by `after`, within the pattern, not overlapping
  int max_count = -1;         // most agents that may work this pattern; -1 = no limit
  SourceLoc where;            // the start value (a clock time, or one of a list)
};

// Per (group, queue) skill: another handle-time distribution, and/or serving the queue
// only after its calls have waited `overflow_after`.
struct QueueSkill {
  std::string queue;
  std::optional<models::DistSpec> handle_time;
  std::vector<models::DistSpec> handle_time_by_interval;  // one per interval; empty = all day
  double overflow_after = 0;                              // seconds
  double weight = 1;                                      // call_choice weighted_wait: score = bonus + weight x wait
  double bonus = 0;                                       // seconds
  SourceLoc where;
};

struct AgentGroupSpec {
  std::string name;
  std::vector<std::string> serves;           // queue names, in order of preference
  std::vector<int> staffing;                 // agents on duty per interval (size = intervals); empty
                                             // when the group is staffed by `shifts`
  std::vector<Shift> shifts;                 // alternative to staffing
  std::vector<ShiftPattern> shift_patterns;  // shifts a planner may use (ignored by run)
  double shrinkage = 0;                      // share of scheduled time lost (meetings, absence), [0, 1)
  double absence = 0;                        // chance that a scheduled agent is away for a whole simulated day, [0, 1)
  std::vector<int> overtime;                 // extra agents per interval (size = intervals or empty)
  double overtime_multiplier = 1.5;          // overtime pay = multiplier x cost_per_hour
  double efficiency = 1.0;                   // handle times are divided by this (> 0)
  std::vector<QueueSkill> skills;            // per-queue handle_time override / overflow_after
  std::optional<double> cost_per_hour;
  std::optional<models::CallChoice> call_choice;  // nullopt: the scenario's [routing] rule
  SourceLoc weights_where;                        // `weights` or `bonus`, when given
  SourceLoc where;                                // the [[agents]] table
  SourceLoc staffing_where;                       // the staffing value
  std::vector<SourceLoc> serves_where;
};

// The [sweep] table: axes in `ccsim sweep --vary` syntax, for `ccsim sweep FILE`.
struct SweepSpec {
  std::vector<std::string> vary;  // "queue.general.arrivals.scale=0.8:1.2:0.1"
  std::vector<SourceLoc> vary_where;
  bool zip = false;
  SourceLoc where;  // the table; empty file when there is none
};

// The [routing] table: the rules every group and queue follows unless it names its own.
struct RoutingSpec {
  models::CallChoice call_choice = models::CallChoice::priority_then_wait;
  models::AgentChoice agent_choice = models::AgentChoice::group_order;
  SourceLoc where;  // the table; empty file when there is none
};

// Shared forecast error: one gamma factor (mean 1) per simulated day, and optionally one
// per interval, multiplying the volumes of every queue that names it (or of all queues).
struct DayFactorSpec {
  std::string name;
  double cv = 0;           // day-level coefficient of variation
  double interval_cv = 0;  // per-interval noise shared by the queues; 0 = none
  bool all_queues = false;
  SourceLoc where;
};

struct Scenario {
  std::string file;  // path as given
  int format = 1;
  std::string name;
  double interval = 1800;   // seconds
  double start = 0;         // clock seconds after midnight of interval 0 (reports only)
  int intervals = 0;        // number of planning intervals (the whole horizon's)
  int days = 1;             // scenario.days: simulated days in one replication
  bool carry_over = false;  // days follow each other: queue and busy agents continue
  int day_intervals = 0;    // intervals of one day when days > 1 (else 0)
  double warmup = 0;        // seconds before interval 0, not counted
  int replications = 30;
  std::uint64_t seed = 20261122;
  std::vector<QueueSpec> queues;
  std::vector<AgentGroupSpec> groups;
  RoutingSpec routing;
  std::vector<DayFactorSpec> day_factors;
  SweepSpec sweep;                 // ignored by every command but sweep
  std::string resolved_toml;       // the file as TOML after every --set (results files keep it)
  std::vector<std::string> notes;  // non-fatal findings ("queue x has no agents in 08:00-09:00")

  double day_length() const { return interval * intervals; }
  // Clock time of interval i's start, seconds after midnight of the first day: in a horizon
  // of several days, day d's intervals start d x 24 h after the first day's (also when the
  // days are shorter than 24 hours and simulated apart).
  double interval_clock(double i) const {
    if (day_intervals <= 0) return start + i * interval;
    const double d = std::floor(i / day_intervals);
    return start + (i - d * day_intervals) * interval + d * 86400.0;
  }
  // Where day d (0-based) of the horizon starts, seconds after midnight of the first day.
  double day_clock(int d) const { return start + d * 86400.0; }
};

// One `--set KEY=VALUE` override, applied before validation (docs/interfaces.md §2).
struct Override {
  std::string key;    // dotted path: scenario.replications, queue.general.handle_time.mean,
                      // agents.universal.staffing
  std::string value;  // TOML value text; a bare word that is not valid TOML is a string
};

// Reads, applies overrides, validates. Throws InputError (FILE:LINE:COLUMN) on any
// problem: unreadable file, TOML syntax, unknown key (with did-you-mean), wrong type or
// unit, negative duration, wrong staffing length, unserved queue, unknown served queue.
Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides = {});

// Same from text already in memory; `path` is used for messages and relative file= paths.
Scenario parse_scenario(const std::string& text, const std::string& path, const std::vector<Override>& overrides = {});

// Parses "KEY=VALUE" as given on the command line; throws InputError on a missing '='.
Override parse_override(const std::string& arg);

// One target as written in a scenario or on a command line ("80/20", "90/10s", "asa<=30s",
// "abandon<=5%", "abandon<=0.05"). Returns nullopt and a reason in `why` when unreadable.
// `where` is left empty.
std::optional<Target> parse_target(std::string_view text, std::string* why = nullptr);

}  // namespace ccsim
