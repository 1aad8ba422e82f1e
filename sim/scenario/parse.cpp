// load_scenario / parse_scenario: TOML text -> overrides -> checked Scenario (docs/interfaces.md §1).
// This file reads the tables in order; values are converted in sim/scenario/values.cpp,
// distributions in sim/scenario/distributions.cpp, and whole-scenario checks live in sim/scenario/check.cpp.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "models/units.hpp"
#include "sim/scenario/detail.hpp"

namespace ccsim {
namespace {

using namespace scenario_detail;

const KeyList kTopKeys{"format", "scenario", "routing", "day_factor", "queue", "agents", "sweep"};
const KeyList kSweepKeys{"vary", "zip"};
const KeyList kScenarioKeys{"name",         "interval", "start", "duration",  "warmup",
                            "replications", "seed",     "days",  "carry_over"};
const KeyList kQueueKeys{"name",
                         "arrivals",
                         "handle_time",
                         "patience",
                         "targets",
                         "short_abandon",
                         "sl_basis",
                         "sl_estimator",
                         "wrap_up",
                         "capacity",
                         "retrial",
                         "priority",
                         "revenue_per_answered",
                         "cost_per_abandon",
                         "cost_per_waiting_hour",
                         "sla",
                         "agent_choice",
                         "balk",
                         "at_close",
                         "transfer",
                         "callback"};
const KeyList kArrivalKeys{"volumes",     "rate",  "trace",      "forecast_cv",
                           "interval_cv", "scale", "day_factor", "day_scale"};
const KeyList kRetrialKeys{"probability", "delay", "max_attempts", "keep_patience"};
const KeyList kAgentKeys{"name",           "serves",         "staffing",
                         "shifts",         "cost_per_hour",  "shrinkage",
                         "absence",        "overtime",       "overtime_multiplier",
                         "efficiency",     "handle_time",    "overflow_after",
                         "shift_patterns", "staffing_delta", "call_choice",
                         "weights",        "bonus"};

// Upper bounds that only catch typos ("1000000s" for an interval); far above real use.
constexpr std::int64_t kMaxReplications = 10'000'000;
constexpr std::int64_t kMaxCapacity = 1'000'000'000;
constexpr std::int64_t kMaxPriority = 1'000'000;
constexpr std::int64_t kMaxAttempts = 1000;
constexpr int kDefaultMaxAttempts = 3;

void read_header(const Ctx& ctx, const toml::table& root, Scenario& sc, Facts& facts) {
  if (const auto* n = root.get("format")) {
    const auto f = read_integer(ctx, *n, "format");
    if (f != 1) ctx.fail(*n, "unsupported format " + describe(*n) + "; this ccsim reads format 1");
    sc.format = 1;
  }
  sc.name = std::filesystem::path(sc.file).stem().string();
  if (sc.name.empty()) sc.name = "scenario";
  facts.scenario_where = SourceLoc{ctx.file, 0, 0};
  const auto* node = root.get("scenario");
  if (!node) return;
  const auto& t = need_table(ctx, *node, "scenario", "[scenario] with name = \"...\"");
  facts.scenario_where = ctx.at(t);
  check_keys(ctx, t, kScenarioKeys, "[scenario]");
  if (const auto* n = t.get("name")) sc.name = read_string(ctx, *n, "scenario.name");
  if (const auto* n = t.get("interval")) {
    sc.interval = read_duration(ctx, *n, "scenario.interval");
    if (sc.interval < kMinInterval) ctx.fail(*n, "scenario.interval must be at least 1s, got " + describe(*n));
  }
  if (const auto* n = t.get("start")) sc.start = read_clock(ctx, *n, "scenario.start");
  if (const auto* n = t.get("warmup")) {
    sc.warmup = read_duration(ctx, *n, "scenario.warmup");
    if (sc.warmup > kMaxWarmup) ctx.fail(*n, "scenario.warmup must be at most 365 days, got " + describe(*n));
  }
  if (const auto* n = t.get("replications")) {
    const auto r = read_integer(ctx, *n, "scenario.replications");
    if (r < 1 || r > kMaxReplications) {
      ctx.fail(*n,
               "scenario.replications must be from 1 to " + std::to_string(kMaxReplications) + ", got " + describe(*n));
    }
    sc.replications = static_cast<int>(r);
  }
  if (const auto* n = t.get("seed")) {
    const auto s = read_integer(ctx, *n, "scenario.seed");
    if (s < 0) ctx.fail(*n, "scenario.seed must be a whole number 0 or more, got " + describe(*n));
    sc.seed = static_cast<std::uint64_t>(s);
  }
  if (const auto* n = t.get("days")) {
    const auto d = read_integer(ctx, *n, "scenario.days");
    if (d < 1 || d > kMaxDays) {
      ctx.fail(*n, "scenario.days must be from 1 to " + std::to_string(kMaxDays) + ", got " + describe(*n));
    }
    sc.days = static_cast<int>(d);
    facts.days_where = ctx.at(*n);
  }
  if (const auto* n = t.get("carry_over")) {
    if (!n->is_boolean()) ctx.fail(*n, "scenario.carry_over: expected true or false, got " + describe(*n));
    sc.carry_over = n->as_boolean()->get();
    facts.carry_over_where = ctx.at(*n);
  }
  if (const auto* n = t.get("duration")) {
    const double d = read_duration(ctx, *n, "scenario.duration");
    if (d <= 0) ctx.fail(*n, "scenario.duration must be more than 0, got " + describe(*n));
    const double ratio = d / sc.interval;
    const double whole = std::round(ratio);
    if (std::abs(ratio - whole) > 1e-9 * std::max(1.0, ratio) || whole < 1) {
      ctx.fail(*n, "scenario.duration " + models::format_duration(d) + " is not a whole number of intervals of " +
                       models::format_duration(sc.interval));
    }
    if (whole > 1e6) ctx.fail(*n, "scenario.duration makes more than 1000000 intervals");
    facts.by_duration = LengthClaim{
        "scenario.duration " + models::format_duration(d) + " / interval " + models::format_duration(sc.interval),
        static_cast<int>(whole), ctx.at(*n)};
  }
}

// [[queue]] and [[agents]]: arrays of tables (inline or not).
std::vector<const toml::table*> tables_of(const Ctx& ctx, const toml::table& root, const char* key) {
  std::vector<const toml::table*> out;
  const auto* n = root.get(key);
  if (!n) return out;
  if (n->is_table()) {
    ctx.fail(*n, std::string("'") + key + "' must be a list of tables: write [[" + key + "]] with double brackets");
  }
  const auto& a = need_array(ctx, *n, key);
  for (const auto& e : a) {
    if (!e.is_table()) ctx.fail(e, std::string(key) + ": expected a table, got " + describe(e));
    out.push_back(e.as_table());
  }
  return out;
}

// "[[queue]] 'general'" when the table has a usable name, else "[[queue]] #2".
std::string table_label(const toml::table& t, const std::string& kind, std::size_t index) {
  const auto* n = t.get_as<std::string>("name");
  if (n && !n->get().empty()) return "[[" + kind + "]] '" + n->get() + "'";
  return "[[" + kind + "]] #" + std::to_string(index + 1);
}

std::string read_name(const Ctx& ctx, const toml::table& t, const std::string& where,
                      const std::string& key_for_message, SourceLoc& loc) {
  const auto* n = t.get("name");
  if (!n) missing(ctx, t, where, "name");
  std::string s = read_string(ctx, *n, key_for_message);
  if (s.empty()) ctx.fail(*n, key_for_message + " must not be empty");
  loc = ctx.at(*n);
  return s;
}

Arrivals read_arrivals(const Ctx& ctx, const toml::node& node, const std::string& label, std::size_t queue_index,
                       double day_start, Facts& facts) {
  const std::string what = label + " arrivals";
  const auto& t =
      need_table(ctx, node, what, "{ volumes = [120, 150, 180] }, { rate = \"3600/h\" } or { trace = \"calls.csv\" }");
  check_keys(ctx, t, kArrivalKeys, what);
  Arrivals a;
  a.where = ctx.at(t);
  const auto* volumes = t.get("volumes");
  const auto* rate = t.get("rate");
  if (const auto* trace = t.get("trace")) {
    // A trace is the calls themselves: no expectation to scale, no second source.
    for (const char* other : {"volumes", "rate"}) {
      if (const auto* o = t.get(other)) {
        ctx.fail(later(*trace, *o), what + ": give either 'trace' or '" + other + "', not both");
      }
    }
    if (const auto* o = t.get("day_factor"))
      ctx.fail(*o, what +
                       ".day_factor does not apply to a trace, which replays the recorded calls as they came; use "
                       "volumes or rate to model forecast error");
    // 0 means "none", so a --set ...forecast_cv=0 can switch a file's queue to a trace.
    for (const char* cv : {"forecast_cv", "interval_cv"}) {
      if (const auto* o = t.get(cv); o && read_cv(ctx, *o, what + "." + cv) > 0) {
        ctx.fail(*o, what + "." + cv +
                         " does not apply to a trace, which replays the recorded calls as "
                         "they came; use volumes or rate to model forecast error (or set it to 0)");
      }
    }
    if (const auto* sc = t.get("scale"); sc && read_cv(ctx, *sc, what + ".scale") != 1) {
      ctx.fail(*sc, what +
                        ".scale does not apply to a trace, which replays the recorded calls "
                        "as they came; use volumes or rate to scale the forecast");
    }
    a.trace = true;
    TraceFacts tf;
    tf.queue = queue_index;
    read_trace(ctx, *trace, what + ".trace", day_start, a, tf);
    facts.traces.push_back(std::move(tf));
    return a;
  }
  if (volumes && rate) ctx.fail(*rate, what + ": give either 'volumes' or 'rate', not both");
  if (!volumes && !rate) {
    throw InputError(ctx.at(t), what +
                                    " needs 'volumes' (calls per interval), 'rate' (e.g. "
                                    "\"3600/h\") or 'trace' (a CSV file of recorded calls)");
  }
  if (rate) {
    a.stationary = true;
    a.rate = read_rate(ctx, *rate, what + ".rate");
  } else {
    const auto& arr = need_array(ctx, *volumes, what + ".volumes");
    if (arr.empty()) ctx.fail(arr, what + ".volumes is empty; give the calls of each interval");
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const std::string name = what + ".volumes[" + std::to_string(i) + "]";
      const double v = read_number(ctx, arr[i], name);
      if (v < 0) ctx.fail(arr[i], name + " must be 0 or more, got " + describe(arr[i]));
      a.volumes.push_back(v);
    }
    facts.arrays.push_back({what + ".volumes", static_cast<int>(arr.size()), ctx.at(arr)});
  }
  if (const auto* n = t.get("forecast_cv")) a.forecast_cv = read_cv(ctx, *n, what + ".forecast_cv");
  if (const auto* n = t.get("interval_cv")) a.interval_cv = read_cv(ctx, *n, what + ".interval_cv");
  if (const auto* n = t.get("day_factor")) read_day_factor_names(ctx, *n, what + ".day_factor", a);
  if (const auto* n = t.get("day_scale")) {
    const auto& arr = need_array(ctx, *n, what + ".day_scale");
    if (arr.empty()) ctx.fail(arr, what + ".day_scale is empty; give one factor per day of scenario.days");
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const std::string name = what + ".day_scale[" + std::to_string(i) + "]";
      const double v = read_number(ctx, arr[i], name);
      if (!(v >= 0) || v > 1e6) ctx.fail(arr[i], name + " must be from 0 to 1e6, got " + describe(arr[i]));
      a.day_scale.push_back(v);
    }
    a.day_scale_where = ctx.at(arr);
  }
  // A what-if factor on the forecast (sweeps of volume ±20%): everything downstream, Erlang
  // staffing included, sees the scaled volumes.
  const toml::node* scaled_by = t.get("scale");
  if (scaled_by) {
    const double k = read_cv(ctx, *scaled_by, what + ".scale");
    a.rate *= k;
    for (double& v : a.volumes) v *= k;
  }
  const std::string scaled = scaled_by ? " (after scale)" : "";
  if (rate && !(a.rate * 3600 <= kMaxCallsPerHour))
    ctx.fail(scaled_by ? *scaled_by : *rate, what + ".rate" + scaled + " must be at most 1e9 calls an hour");
  if (volumes)
    for (std::size_t i = 0; i < a.volumes.size(); ++i)
      if (!(a.volumes[i] <= kMaxVolume))
        ctx.fail(scaled_by ? *scaled_by : (*volumes->as_array())[i],
                 what + ".volumes[" + std::to_string(i) + "]" + scaled + " must be at most 1e9 calls an interval");
  return a;
}

Retrial read_retrial(const Ctx& ctx, const toml::node& n, const std::string& label) {
  const std::string what = label + " retrial";
  const auto& t = need_table(
      ctx, n, what, "{ probability = 0.5, delay = { dist = \"exponential\", mean = \"5m\" }, max_attempts = 3 }");
  check_keys(ctx, t, kRetrialKeys, what);
  Retrial r;
  r.where = ctx.at(t);
  r.max_attempts = kDefaultMaxAttempts;
  const auto* p = t.get("probability");
  if (!p) {
    missing(ctx, t, what, "probability", " (the chance that a caller who failed redials), e.g. probability = 0.5");
  }
  r.probability = read_fraction(ctx, *p, what + ".probability");
  const auto* d = t.get("delay");
  if (!d) {
    missing(ctx, t, what, "delay",
            " (the time before the redial), e.g. delay = { dist = \"exponential\", mean = \"5m\" }");
  }
  r.delay = read_dist(ctx, *d, what + ".delay");
  if (const auto* m = t.get("max_attempts")) {
    const auto v = read_integer(ctx, *m, what + ".max_attempts");
    if (v < 1 || v > kMaxAttempts) {
      ctx.fail(*m, what + ".max_attempts must be from 1 to " + std::to_string(kMaxAttempts) +
                       " (attempts in all, the first included), got " + describe(*m));
    }
    r.max_attempts = static_cast<int>(v);
  }
  if (const auto* k = t.get("keep_patience")) {
    if (!k->is_boolean()) ctx.fail(*k, what + ".keep_patience: expected true or false, got " + describe(*k));
    r.keep_patience = k->as_boolean()->get();
  }
  return r;
}

QueueSpec read_queue(const Ctx& ctx, const toml::table& t, std::size_t index, double day_start, Facts& facts) {
  QueueSpec q;
  q.where = ctx.at(t);
  // Keys first: a misspelt `name` should read "did you mean 'name'?", not "missing name".
  check_keys(ctx, t, kQueueKeys, table_label(t, "queue", index));
  SourceLoc name_at;
  q.name = read_name(ctx, t, table_label(t, "queue", index), "queue name", name_at);
  facts.queue_name_where.push_back(name_at);
  const std::string label = "queue '" + q.name + "'";
  const std::string where = "[[queue]] '" + q.name + "'";

  const auto* arrivals = t.get("arrivals");
  if (!arrivals) missing(ctx, t, where, "arrivals", ", e.g. arrivals = { volumes = [120, 150] }");
  q.arrivals = read_arrivals(ctx, *arrivals, label, index, day_start, facts);

  const auto* ht = t.get("handle_time");
  if (!ht) missing(ctx, t, where, "handle_time", ", e.g. handle_time = { dist = \"exponential\", mean = \"240s\" }");
  q.handle_time = read_dist_by_interval(ctx, *ht, label + " handle_time", q.handle_time_by_interval, facts);
  q.handle_time_where = ctx.at(*ht);

  if (const auto* n = t.get("patience")) {
    q.patience = read_dist_by_interval(ctx, *n, label + " patience", q.patience_by_interval, facts);
    q.patience_where = ctx.at(*n);
  }
  if (const auto* n = t.get("targets")) q.targets = read_targets(ctx, *n, label + " targets");
  if (const auto* n = t.get("short_abandon")) q.short_abandon = read_duration(ctx, *n, label + " short_abandon");
  if (const auto* n = t.get("sl_basis")) q.sl_basis = read_sl_basis(ctx, *n, label + " sl_basis");
  if (const auto* n = t.get("sl_estimator")) q.sl_estimator = read_sl_estimator(ctx, *n, label + " sl_estimator");
  if (const auto* n = t.get("wrap_up"))
    q.wrap_up = read_dist_by_interval(ctx, *n, label + " wrap_up", q.wrap_up_by_interval, facts);
  if (const auto* n = t.get("capacity")) {
    const auto c = read_integer(ctx, *n, label + " capacity");
    if (c < 0) {
      ctx.fail(*n, label + " capacity must be 0 or more (0: nobody may wait), got " + describe(*n));
    }
    if (c > kMaxCapacity) {
      ctx.fail(*n, label + " capacity must be at most " + std::to_string(kMaxCapacity) + "; omit it for no limit");
    }
    q.capacity = static_cast<int>(c);
  }
  if (const auto* n = t.get("retrial")) q.retrial = read_retrial(ctx, *n, label);
  if (const auto* n = t.get("priority")) {
    const auto p = read_integer(ctx, *n, label + " priority");
    if (p < -kMaxPriority || p > kMaxPriority) {
      ctx.fail(*n, label + " priority must be from " + std::to_string(-kMaxPriority) + " to " +
                       std::to_string(kMaxPriority) + ", got " + describe(*n));
    }
    q.priority = static_cast<int>(p);
  }
  read_money(ctx, t, label, q);
  read_queue_behaviour(ctx, t, label, q);
  return q;
}

// overtime = 2 or [0, 2, 3, 0]: extra agents per interval.
void read_overtime(const Ctx& ctx, const toml::node& n, const std::string& label, AgentGroupSpec& g, Facts& facts) {
  const std::string what = label + " overtime";
  if (const auto* arr = n.as_array()) {
    if (arr->empty()) ctx.fail(*arr, what + " is empty; give extra agents per interval or one number");
    for (std::size_t i = 0; i < arr->size(); ++i)
      g.overtime.push_back(read_agents_count(ctx, (*arr)[i], what + "[" + std::to_string(i) + "]"));
    facts.arrays.push_back({what, static_cast<int>(arr->size()), ctx.at(n)});
    facts.scalar_overtime.back() = false;
    return;
  }
  if (!n.is_number()) {
    ctx.fail(n, what + ": expected extra agents per interval like [0, 2, 2, 0] or one number, got " + describe(n));
  }
  g.overtime.push_back(read_agents_count(ctx, n, what));
  facts.scalar_overtime.back() = true;
}

AgentGroupSpec read_group(const Ctx& ctx, const toml::table& t, std::size_t index, const Scenario& sc, Facts& facts) {
  AgentGroupSpec g;
  g.where = ctx.at(t);
  // Keys first: a misspelt `name` should read "did you mean 'name'?", not "missing name".
  check_keys(ctx, t, kAgentKeys, table_label(t, "agents", index));
  SourceLoc name_at;
  g.name = read_name(ctx, t, table_label(t, "agents", index), "agents name", name_at);
  facts.group_name_where.push_back(name_at);
  facts.scalar_staffing.push_back(false);
  facts.scalar_overtime.push_back(false);
  facts.pattern_names.emplace_back();
  facts.shift_plain.emplace_back();
  facts.pattern_plain.emplace_back();
  const std::string label = "agents '" + g.name + "'";
  const std::string where = "[[agents]] '" + g.name + "'";

  const auto* serves = t.get("serves");
  if (!serves) missing(ctx, t, where, "serves", ", e.g. serves = [\"general\"]");
  if (serves->is_string()) {  // serves = "general": a list of one
    g.serves.push_back(read_string(ctx, *serves, label + " serves"));
    g.serves_where.push_back(ctx.at(*serves));
  } else {
    const auto& arr = need_array(ctx, *serves, label + " serves");
    if (arr.empty()) ctx.fail(arr, label + " serves is empty; name the queues this group answers");
    for (std::size_t i = 0; i < arr.size(); ++i) {
      g.serves.push_back(read_string(ctx, arr[i], label + " serves[" + std::to_string(i) + "]"));
      g.serves_where.push_back(ctx.at(arr[i]));
    }
  }

  const auto* staffing = t.get("staffing");
  const auto* shifts = t.get("shifts");
  if (staffing && shifts) {
    ctx.fail(later(*staffing, *shifts), label + ": give either 'staffing' (agents per interval) or 'shifts', not both");
  }
  if (!staffing && !shifts) {
    missing(ctx, t, where, "staffing' or 'shifts",
            ", e.g. staffing = [12, 14, 16] or shifts = [{ start = \"08:00\", length = \"8h\", "
            "count = 12 }]");
  }
  if (shifts) {
    g.staffing_where = ctx.at(*shifts);
    g.shifts = read_shifts(ctx, *shifts, label, sc.start, facts.shift_plain.back());
  } else if (const auto* arr = staffing->as_array()) {
    g.staffing_where = ctx.at(*staffing);
    if (arr->empty()) ctx.fail(*arr, label + " staffing is empty; give agents per interval or one number");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      g.staffing.push_back(read_agents_count(ctx, (*arr)[i], label + " staffing[" + std::to_string(i) + "]"));
    }
    facts.arrays.push_back({label + " staffing", static_cast<int>(arr->size()), g.staffing_where});
  } else {
    g.staffing_where = ctx.at(*staffing);
    if (!staffing->is_number()) {
      ctx.fail(*staffing, label +
                              " staffing: expected agents per interval like [12, 14, 16] or one "
                              "number, got " +
                              describe(*staffing));
    }
    g.staffing.push_back(read_agents_count(ctx, *staffing, label + " staffing"));
    facts.scalar_staffing.back() = true;
  }
  // A what-if shift of the whole plan (sweeps of staffing ±k), never below 0 agents.
  if (const auto* n = t.get("staffing_delta")) {
    if (shifts) {
      ctx.fail(*n, label +
                       " staffing_delta applies to per-interval staffing, not to shifts; "
                       "vary the shifts' count instead");
    }
    const std::int64_t d = read_integer(ctx, *n, label + " staffing_delta");
    // Checked before adding: a delta beyond the agent limit would wrap an int.
    if (d < -kMaxAgents || d > kMaxAgents)
      ctx.fail(*n, label + " staffing_delta must be from -" + std::to_string(kMaxAgents) + " to " +
                       std::to_string(kMaxAgents) + ", got " + describe(*n));
    for (int& v : g.staffing) {
      const std::int64_t agents = std::max<std::int64_t>(0, std::int64_t{v} + d);
      if (agents > kMaxAgents)
        ctx.fail(*n, label + " staffing_delta " + describe(*n) + " makes " + std::to_string(agents) +
                         " agents in an interval; at most " + std::to_string(kMaxAgents) + " are allowed");
      v = static_cast<int>(agents);
    }
  }

  if (const auto* n = t.get("shift_patterns")) {
    g.shift_patterns =
        read_shift_patterns(ctx, *n, label, sc.start, facts.pattern_names.back(), facts.pattern_plain.back());
  }

  if (const auto* n = t.get("cost_per_hour")) {
    const double c = read_number(ctx, *n, label + " cost_per_hour");
    if (c < 0) ctx.fail(*n, label + " cost_per_hour must be 0 or more, got " + describe(*n));
    g.cost_per_hour = c;
  }
  if (const auto* n = t.get("shrinkage")) {
    const std::string name = label + " shrinkage";
    g.shrinkage = read_fraction(ctx, *n, name);
    if (g.shrinkage >= 1) {
      ctx.fail(*n, name + " must be less than 1 (100%: nobody would be left to work), got " + describe(*n));
    }
  }
  if (const auto* n = t.get("absence")) {
    const std::string name = label + " absence";
    g.absence = read_fraction(ctx, *n, name);
    if (g.absence >= 1) ctx.fail(*n, name + " must be less than 1 (100%: nobody would come), got " + describe(*n));
  }
  if (const auto* n = t.get("overtime")) read_overtime(ctx, *n, label, g, facts);
  if (const auto* n = t.get("overtime_multiplier")) {
    const std::string name = label + " overtime_multiplier";
    g.overtime_multiplier = read_number(ctx, *n, name);
    if (g.overtime_multiplier < 0) ctx.fail(*n, name + " must be 0 or more, got " + describe(*n));
  }
  if (const auto* n = t.get("efficiency")) {
    const std::string name = label + " efficiency";
    g.efficiency = read_number(ctx, *n, name);
    if (g.efficiency <= 0) {
      ctx.fail(*n, name + " must be more than 0 (1 = as fast as the queues' handle_time), got " + describe(*n));
    }
  }
  std::vector<std::string> queue_names;
  for (const auto& q : sc.queues) queue_names.push_back(q.name);
  read_skills(ctx, t, label, queue_names, g, facts);
  read_group_routing(ctx, t, label, sc, g);
  return g;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& path, const std::vector<Override>& overrides) {
  const Ctx ctx{path, std::filesystem::path(path).parent_path().string()};
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(
        SourceLoc{path, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
        "invalid TOML: " + std::string(e.description()));
  }
  apply_overrides(root, overrides);

  Scenario sc;
  sc.file = path;
  {
    std::ostringstream text_out;
    text_out << toml::toml_formatter{root};
    sc.resolved_toml = text_out.str();
  }
  Facts facts;
  check_keys(ctx, root, kTopKeys, "the top level of the file");
  read_header(ctx, root, sc, facts);
  if (const auto* n = root.get("sweep")) {
    const auto& t = need_table(ctx, *n, "[sweep]", "[sweep] with vary = [\"agents.universal.staffing_delta=-2:2:1\"]");
    check_keys(ctx, t, kSweepKeys, "[sweep]");
    sc.sweep.where = ctx.at(t);
    if (const auto* v = t.get("vary")) {
      const auto& arr = need_array(ctx, *v, "[sweep] vary");
      for (std::size_t i = 0; i < arr.size(); ++i) {
        sc.sweep.vary.push_back(read_string(ctx, arr[i], "[sweep] vary[" + std::to_string(i) + "]"));
        sc.sweep.vary_where.push_back(ctx.at(arr[i]));
      }
    }
    if (const auto* z = t.get("zip")) {
      if (!z->is_boolean()) ctx.fail(*z, "[sweep] zip: expected true or false, got " + describe(*z));
      sc.sweep.zip = z->as_boolean()->get();
    }
  }
  read_routing(ctx, root, sc);
  read_day_factors(ctx, root, sc);
  const auto queues = tables_of(ctx, root, "queue");
  for (std::size_t i = 0; i < queues.size(); ++i) sc.queues.push_back(read_queue(ctx, *queues[i], i, sc.start, facts));
  const auto groups = tables_of(ctx, root, "agents");
  for (std::size_t i = 0; i < groups.size(); ++i) sc.groups.push_back(read_group(ctx, *groups[i], i, sc, facts));
  if (sc.queues.empty()) {
    throw InputError(SourceLoc{path, 0, 0}, "the scenario has no [[queue]]; add at least one");
  }
  if (sc.groups.empty()) {
    throw InputError(SourceLoc{path, 0, 0}, "the scenario has no [[agents]] group; add at least one");
  }
  resolve_intervals(sc, facts);
  place_plain_clocks(sc, facts);
  expand_horizon(sc, facts);
  cross_check(sc, facts);
  check_transfers(sc);
  resolve_day_factors(sc);
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  std::string text, why;
  if (!read_file(path, text, why)) throw InputError(SourceLoc{path, 0, 0}, "cannot read file (" + why + ")");
  return parse_scenario(text, path, overrides);
}

}  // namespace ccsim
