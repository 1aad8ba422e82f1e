#pragma once
// Private to the scenario library (sim/scenario_*.cpp): the helpers that turn TOML nodes
// into checked values and every mistake into an InputError at the node's position.
// Not installed and not meant for other layers; they see only sim/scenario/scenario.hpp.
#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/units.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/scenario.hpp"

namespace ccsim::scenario_detail {

// Where a node came from. Nodes parsed from the scenario carry its path; nodes made by
// --set carry the path "--set" and the column within the KEY=VALUE argument; nodes made
// implicitly (no source) fall back to the scenario file without a line.
struct Ctx {
  std::string file;  // scenario path as given
  std::string dir;   // its directory, for relative empirical file= paths ("" = cwd)

  SourceLoc at(const toml::source_region& r) const;
  SourceLoc at(const toml::node& n) const { return at(n.source()); }
  [[noreturn]] void fail(const toml::node& n, const std::string& what) const;
};

// "got ..." text for messages: 42, "abc", true, an array, a table.
std::string describe(const toml::node& n);

// --- keys (sim/scenario/keys.cpp) ---
using KeyList = std::vector<std::string_view>;
using ccsim::closest;  // sim/scenario/did_you_mean.hpp
using ccsim::edit_distance;
// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, const KeyList& known);
// Throws for the first key (in file order) of `tbl` not in `known`; `where` names the
// table as a user sees it ("[scenario]", "[[queue]] 'general'").
void check_keys(const Ctx& ctx, const toml::table& tbl, const KeyList& known, const std::string& where);

// --- values (sim/scenario/values.cpp); `what` names the key with its path, e.g.
// "queue 'general' handle_time.mean" ---
const toml::table& need_table(const Ctx& ctx, const toml::node& n, const std::string& what, const std::string& example);
const toml::array& need_array(const Ctx& ctx, const toml::node& n, const std::string& what);
std::string read_string(const Ctx& ctx, const toml::node& n, const std::string& what);
std::int64_t read_integer(const Ctx& ctx, const toml::node& n, const std::string& what);
double read_number(const Ctx& ctx, const toml::node& n, const std::string& what);
double read_duration(const Ctx& ctx, const toml::node& n, const std::string& what);
double read_rate(const Ctx& ctx, const toml::node& n, const std::string& what);
double read_clock(const Ctx& ctx, const toml::node& n, const std::string& what);
// As read_clock, also telling whether the time was written without a day ("02:00": plain,
// placed by place_plain_clocks once the day's length is known) or with one ("26:00",
// "02:00+1", "02:00+0"). A TOML local time (02:00:00) is plain.
models::ClockTime read_clock_time(const Ctx& ctx, const toml::node& n, const std::string& what);
// 0.05 or "5%", within [0, 1].
double read_fraction(const Ctx& ctx, const toml::node& n, const std::string& what);
// A coefficient of variation or factor (forecast_cv, interval_cv, scale): 0.1 or "10%", >= 0.
double read_cv(const Ctx& ctx, const toml::node& n, const std::string& name);
// A whole number of agents, 0 to 1 000 000 (30.0 is refused).
// Agents in one group and interval (or one shift): at most this many. It catches typos only,
// far above real use, and keeps every sum of agents well inside 64-bit arithmetic.
constexpr std::int64_t kMaxAgents = 1'000'000;
// Calls: a queue's rate at most 1e9 calls an hour, a volume at most 1e9 calls an interval
// (far above any centre; beyond, arrival gaps vanish against the clock's resolution).
constexpr double kMaxCallsPerHour = 1e9;
constexpr double kMaxVolume = 1e9;
// The scenario clock: intervals of at least 1 s; a warm-up of at most 365 days.
constexpr double kMinInterval = 1;
constexpr double kMaxWarmup = 365 * 86400.0;
// Durations of handle-time, wrap-up and patience distributions: at most 1e10 s.
constexpr double kMaxDistDuration = 1e10;
int read_agents_count(const Ctx& ctx, const toml::node& n, const std::string& what);
// Throws "WHERE is missing required key 'KEY'HINT" at the table.
[[noreturn]] void missing(const Ctx& ctx, const toml::node& table, const std::string& where, std::string_view key,
                          const std::string& hint = "");
// Of two keys' values in one table, the one written later (the one to report when they
// exclude each other).
const toml::node& later(const toml::node& a, const toml::node& b);

// --- distributions (sim/scenario/distributions.cpp) ---
models::DistSpec read_dist(const Ctx& ctx, const toml::node& n, const std::string& what);
struct Facts;
// As read_dist, but parameters may be per-interval lists (docs/scenario-format.md,
// "Per-interval handle time and patience"): then `by_interval` gets one distribution per
// interval (else it is left empty) and the lists' length is checked against the day's.
models::DistSpec read_dist_by_interval(const Ctx& ctx, const toml::node& n, const std::string& what,
                                       std::vector<models::DistSpec>& by_interval, Facts& facts);
// Values of an empirical CSV file (first column, seconds or durations); errors are
// located at FILE:LINE:COL of the bad row, or at `file_node` when unreadable.
std::vector<double> read_csv_values(const Ctx& ctx, const toml::node& file_node, const std::string& what);
// Whole file into `out`, without a leading UTF-8 byte-order mark; false with errno's text
// in `why`.
bool read_file(const std::string& path, std::string& out, std::string& why);
// Calls fn(line, row) for every line of a CSV text (1-based line numbers) that holds more
// than blanks once a '#' comment is cut off; the row keeps its own spacing.
template <class Fn>
void for_each_csv_row(std::string_view text, Fn fn) {
  std::size_t pos = 0;
  for (int line = 1; pos <= text.size(); ++line) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view row = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (const auto hash = row.find('#'); hash != std::string_view::npos) row = row.substr(0, hash);
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    fn(line, row);
  }
}
// A file named in the scenario, relative to the scenario's folder unless absolute.
std::string resolve_path(const Ctx& ctx, const std::string& file);

// --- targets (sim/scenario/targets.cpp) ---
std::vector<Target> read_targets(const Ctx& ctx, const toml::node& n, const std::string& what);
SlBasis read_sl_basis(const Ctx& ctx, const toml::node& n, const std::string& what);
SlEstimator read_sl_estimator(const Ctx& ctx, const toml::node& n, const std::string& what);

// --- overrides (sim/scenario/overrides.cpp) ---
void apply_overrides(toml::table& root, const std::vector<Override>& overrides);

// --- trace arrivals (sim/scenario/trace.cpp) ---
// Where each row of a trace came from, parallel to Arrivals::trace_calls as read (before
// sorting), so the checks that need the day's length can still point at the row.
struct TraceRow {
  int line = 0;
  int column = 0;            // of the arrival cell
  std::string text;          // the arrival cell as written
  bool plain_clock = false;  // a clock time without a day: place_plain_clocks may move it
};
struct TraceFacts {
  std::size_t queue = 0;  // index in Scenario::queues
  std::string path;       // the CSV file as opened (resolved)
  std::string what;       // "queue 'general' arrivals.trace"
  std::vector<TraceRow> rows;
};
// Reads the CSV named by `file_node` into a.trace_calls (file order; arrivals in seconds
// after `day_start`, the clock time of interval 0) and its rows' positions into `tf`.
void read_trace(const Ctx& ctx, const toml::node& file_node, const std::string& what, double day_start, Arrivals& a,
                TraceFacts& tf);
// Once the day's length is known: every arrival within [-warmup, day end); then sorts
// each trace by arrival (stable).
void check_traces(Scenario& sc, const std::vector<TraceFacts>& traces);

// --- agent groups' schedules and skills (sim/scenario/agents.cpp); `label` is "agents 'x'" ---
// shifts = [{ start, length, count, breaks = [{ after, length }] }]; starts relative to
// `day_start`; breaks checked and sorted. `plain` gets, per shift, whether its start was a
// clock time without a day (read_clock_time).
std::vector<Shift> read_shifts(const Ctx& ctx, const toml::node& n, const std::string& label, double day_start,
                               std::vector<bool>& plain);
// shift_patterns = [{ start = CLOCK | [CLOCK, ...], length, breaks = [...], max_count }]:
// one ShiftPattern per start, relative to `day_start`; breaks checked as for shifts.
// Appends each pattern's name as messages show it ("agents 'x' shift_patterns[0].start[2]")
// to `names`, and whether its start was plain (read_clock_time) to `plain`.
std::vector<ShiftPattern> read_shift_patterns(const Ctx& ctx, const toml::node& n, const std::string& label,
                                              double day_start, std::vector<std::string>& names,
                                              std::vector<bool>& plain);
// handle_time = { QUEUE = dist } and overflow_after = duration | { QUEUE = duration } into
// g.skills (g.serves must be read); `queues` names every [[queue]] for messages.
void read_skills(const Ctx& ctx, const toml::table& t, const std::string& label, const std::vector<std::string>& queues,
                 AgentGroupSpec& g, Facts& facts);
// Whether a group has anyone scheduled in interval i (staffing or a shift with count > 0
// covering any part of it, or overtime).
bool group_staffed(const Scenario& sc, const AgentGroupSpec& g, int i);
// Every shift overlaps the day [0, day end).
void check_shifts(const Scenario& sc);
// Every shift pattern overlaps the day; `names` per group, per pattern (read_shift_patterns).
void check_shift_patterns(const Scenario& sc, const std::vector<std::vector<std::string>>& names);

// --- whole-scenario checks (sim/scenario/check.cpp) ---
// A claim about the number of intervals: scenario.duration or a per-interval array.
struct LengthClaim {
  std::string what;  // "scenario.duration 10h / interval 30m", "agents 'a' staffing"
  int count = 0;
  SourceLoc where;
};
// What the reader saw that the cross checks need beyond the Scenario itself.
// scenario.days and a shift's `days` may be at most this (a leap year).
inline constexpr std::int64_t kMaxDays = 366;

struct Facts {
  SourceLoc scenario_where;                // [scenario] table, or the file when there is none
  SourceLoc days_where, carry_over_where;  // scenario.days / carry_over, when given
  std::optional<LengthClaim> by_duration;
  std::vector<LengthClaim> arrays;    // per-interval arrays in file order
  std::vector<bool> scalar_staffing;  // per group: one number for the whole day
  std::vector<bool> scalar_overtime;  // per group: overtime given as one number
  std::vector<TraceFacts> traces;     // queues with arrivals = { trace = ... }
  std::vector<SourceLoc> queue_name_where;
  std::vector<SourceLoc> group_name_where;
  // Per group, per shift pattern: its name in messages, "agents 'x' shift_patterns[0].start[1]".
  std::vector<std::vector<std::string>> pattern_names;
  // Per group, per shift and per pattern: a start written without a day ("02:00").
  std::vector<std::vector<bool>> shift_plain;
  std::vector<std::vector<bool>> pattern_plain;
};
// "FILE:LINE:COL" of a place, for messages that point at a second place.
std::string loc_text(const SourceLoc& l);
// Sets sc.intervals and expands scalar staffing and overtime; throws when the claims disagree.
void resolve_intervals(Scenario& sc, const Facts& facts);
// Once the day's length is known: every clock time written without a day ("02:00") that
// is earlier than scenario.start moves to the next day when that puts it before the day's
// end, so a day from 22:00 to 06:00 reads "02:00" as 02:00 after midnight
// (sim/scenario/next_day.cpp). Shift starts, shift pattern starts and trace arrivals.
void place_plain_clocks(Scenario& sc, Facts& facts);
// --- horizon (sim/scenario/horizon.cpp) ---
// scenario.days > 1: checks the horizon's keys and lays the one day read so far out over
// every day (volumes times day_scale, staffing, per-interval lists, shifts per day).
void expand_horizon(Scenario& sc, const Facts& facts);
// Duplicate names, unknown served queues, unserved queues, shifts outside the day, trace
// rows outside the day (then sorts the traces); zero-staff notes.
void cross_check(Scenario& sc, const Facts& facts);

// --- money and SLA (sim/scenario/money.cpp) ---
// Reads revenue_per_answered, cost_per_abandon, cost_per_waiting_hour and sla of queue
// table `t` into q (after q.targets, since an SLA's target defaults to the queue's first).
void read_money(const Ctx& ctx, const toml::table& t, const std::string& label, QueueSpec& q);

// --- shared forecast error (sim/scenario/day_factors.cpp) ---
// The [[day_factor]] tables into sc.day_factors.
void read_day_factors(const Ctx& ctx, const toml::table& root, Scenario& sc);
// arrivals.day_factor = "NAME" or ["A", "B"] into a.day_factor_names (checked later).
void read_day_factor_names(const Ctx& ctx, const toml::node& n, const std::string& what, Arrivals& a);
// Every named factor exists (did-you-mean otherwise); fills each queue's day_factors.
void resolve_day_factors(Scenario& sc);

// --- routing rules and caller behaviour (sim/scenario/routing.cpp) ---
// The [routing] table, if any, into sc.routing.
void read_routing(const Ctx& ctx, const toml::table& root, Scenario& sc);
// Every transfer names another queue of the scenario (after all queues are read).
void check_transfers(const Scenario& sc);
// A queue's agent_choice, balk, at_close and transfer.
void read_queue_behaviour(const Ctx& ctx, const toml::table& t, const std::string& label, QueueSpec& q);
// A group's call_choice; refuses weights/bonus unless its rule is weighted_wait (after
// read_skills and read_routing).
void read_group_routing(const Ctx& ctx, const toml::table& t, const std::string& label, const Scenario& sc,
                        AgentGroupSpec& g);

}  // namespace ccsim::scenario_detail
