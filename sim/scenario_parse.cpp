// load_scenario / parse_scenario: TOML text -> overrides -> checked Scenario (CONTRACT 1).
// This file reads the tables in order; values are converted in scenario_values.cpp,
// distributions in scenario_dist.cpp, and whole-scenario checks live in scenario_check.cpp.
#include <cmath>
#include <filesystem>

#include "models/units.hpp"
#include "sim/scenario_detail.hpp"

namespace ccsim {
namespace {

using namespace scenario_detail;

const KeyList kTopKeys{"format", "scenario", "queue", "agents"};
const KeyList kScenarioKeys{"name",   "interval",     "start", "duration",
                            "warmup", "replications", "seed"};
const KeyList kQueueKeys{"name",    "arrivals",      "handle_time", "patience",
                         "targets", "short_abandon", "sl_basis"};
const KeyList kArrivalKeys{"volumes", "rate", "forecast_cv"};
const KeyList kAgentKeys{"name", "serves", "staffing", "cost_per_hour"};

// Upper bounds that only catch typos ("1000000s" for an interval); far above real use.
constexpr std::int64_t kMaxReplications = 10'000'000;
constexpr std::int64_t kMaxAgents = 1'000'000;

[[noreturn]] void missing(const Ctx& ctx, const toml::node& table, const std::string& where,
                          std::string_view key, const std::string& hint = "") {
  throw InputError(ctx.at(table),
                   where + " is missing required key '" + std::string(key) + "'" + hint);
}

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
    if (sc.interval <= 0)
      ctx.fail(*n, "scenario.interval must be more than 0, got " + describe(*n));
  }
  if (const auto* n = t.get("start")) sc.start = read_clock(ctx, *n, "scenario.start");
  if (const auto* n = t.get("warmup")) sc.warmup = read_duration(ctx, *n, "scenario.warmup");
  if (const auto* n = t.get("replications")) {
    const auto r = read_integer(ctx, *n, "scenario.replications");
    if (r < 1 || r > kMaxReplications) {
      ctx.fail(*n, "scenario.replications must be from 1 to " + std::to_string(kMaxReplications) +
                       ", got " + describe(*n));
    }
    sc.replications = static_cast<int>(r);
  }
  if (const auto* n = t.get("seed")) {
    const auto s = read_integer(ctx, *n, "scenario.seed");
    if (s < 0) ctx.fail(*n, "scenario.seed must be a whole number 0 or more, got " + describe(*n));
    sc.seed = static_cast<std::uint64_t>(s);
  }
  if (const auto* n = t.get("duration")) {
    const double d = read_duration(ctx, *n, "scenario.duration");
    if (d <= 0) ctx.fail(*n, "scenario.duration must be more than 0, got " + describe(*n));
    const double ratio = d / sc.interval;
    const double whole = std::round(ratio);
    if (std::abs(ratio - whole) > 1e-9 * std::max(1.0, ratio) || whole < 1) {
      ctx.fail(*n, "scenario.duration " + models::format_duration(d) +
                       " is not a whole number of intervals of " +
                       models::format_duration(sc.interval));
    }
    if (whole > 1e6) ctx.fail(*n, "scenario.duration makes more than 1000000 intervals");
    facts.by_duration = LengthClaim{"scenario.duration " + models::format_duration(d) +
                                        " / interval " + models::format_duration(sc.interval),
                                    static_cast<int>(whole), ctx.at(*n)};
  }
}

// [[queue]] and [[agents]]: arrays of tables (inline or not).
std::vector<const toml::table*> tables_of(const Ctx& ctx, const toml::table& root,
                                          const char* key) {
  std::vector<const toml::table*> out;
  const auto* n = root.get(key);
  if (!n) return out;
  if (n->is_table()) {
    ctx.fail(*n, std::string("'") + key + "' must be a list of tables: write [[" + key +
                     "]] with double brackets");
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

Arrivals read_arrivals(const Ctx& ctx, const toml::node& node, const std::string& label,
                       Facts& facts) {
  const std::string what = label + " arrivals";
  const auto& t =
      need_table(ctx, node, what, "{ volumes = [120, 150, 180] } or { rate = \"3600/h\" }");
  check_keys(ctx, t, kArrivalKeys, what);
  Arrivals a;
  a.where = ctx.at(t);
  const auto* volumes = t.get("volumes");
  const auto* rate = t.get("rate");
  if (volumes && rate) ctx.fail(*rate, what + ": give either 'volumes' or 'rate', not both");
  if (!volumes && !rate) {
    throw InputError(ctx.at(t),
                     what + " needs 'volumes' (calls per interval) or 'rate' (e.g. \"3600/h\")");
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
  if (const auto* n = t.get("forecast_cv")) {
    const std::string name = what + ".forecast_cv";
    a.forecast_cv = n->is_string() ? read_fraction(ctx, *n, name) : read_number(ctx, *n, name);
    if (a.forecast_cv < 0) ctx.fail(*n, name + " must be 0 or more, got " + describe(*n));
  }
  return a;
}

QueueSpec read_queue(const Ctx& ctx, const toml::table& t, std::size_t index, Facts& facts) {
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
  q.arrivals = read_arrivals(ctx, *arrivals, label, facts);

  const auto* ht = t.get("handle_time");
  if (!ht)
    missing(ctx, t, where, "handle_time",
            ", e.g. handle_time = { dist = \"exponential\", mean = \"240s\" }");
  q.handle_time = read_dist(ctx, *ht, label + " handle_time");
  q.handle_time_where = ctx.at(*ht);

  if (const auto* n = t.get("patience")) {
    q.patience = read_dist(ctx, *n, label + " patience");
    q.patience_where = ctx.at(*n);
  }
  if (const auto* n = t.get("targets")) q.targets = read_targets(ctx, *n, label + " targets");
  if (const auto* n = t.get("short_abandon"))
    q.short_abandon = read_duration(ctx, *n, label + " short_abandon");
  if (const auto* n = t.get("sl_basis")) q.sl_basis = read_sl_basis(ctx, *n, label + " sl_basis");
  return q;
}

int read_agents_count(const Ctx& ctx, const toml::node& n, const std::string& what) {
  if (n.is_floating_point())
    ctx.fail(n, what + ": expected a whole number of agents, got " + describe(n));
  const auto v = read_integer(ctx, n, what);
  if (v < 0 || v > kMaxAgents) ctx.fail(n, what + " must be 0 or more, got " + describe(n));
  return static_cast<int>(v);
}

AgentGroupSpec read_group(const Ctx& ctx, const toml::table& t, std::size_t index, Facts& facts) {
  AgentGroupSpec g;
  g.where = ctx.at(t);
  // Keys first: a misspelt `name` should read "did you mean 'name'?", not "missing name".
  check_keys(ctx, t, kAgentKeys, table_label(t, "agents", index));
  SourceLoc name_at;
  g.name = read_name(ctx, t, table_label(t, "agents", index), "agents name", name_at);
  facts.group_name_where.push_back(name_at);
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
  if (!staffing)
    missing(ctx, t, where, "staffing", ", e.g. staffing = [12, 14, 16] or staffing = 12");
  g.staffing_where = ctx.at(*staffing);
  if (const auto* arr = staffing->as_array()) {
    if (arr->empty())
      ctx.fail(*arr, label + " staffing is empty; give agents per interval or one number");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      g.staffing.push_back(
          read_agents_count(ctx, (*arr)[i], label + " staffing[" + std::to_string(i) + "]"));
    }
    facts.arrays.push_back({label + " staffing", static_cast<int>(arr->size()), g.staffing_where});
    facts.scalar_staffing.push_back(false);
  } else {
    if (!staffing->is_number()) {
      ctx.fail(*staffing, label +
                              " staffing: expected agents per interval like [12, 14, 16] or one "
                              "number, got " +
                              describe(*staffing));
    }
    g.staffing.push_back(read_agents_count(ctx, *staffing, label + " staffing"));
    facts.scalar_staffing.push_back(true);
  }

  if (const auto* n = t.get("cost_per_hour")) {
    const double c = read_number(ctx, *n, label + " cost_per_hour");
    if (c < 0) ctx.fail(*n, label + " cost_per_hour must be 0 or more, got " + describe(*n));
    g.cost_per_hour = c;
  }
  return g;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& path,
                        const std::vector<Override>& overrides) {
  const Ctx ctx{path, std::filesystem::path(path).parent_path().string()};
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(SourceLoc{path, static_cast<int>(e.source().begin.line),
                               static_cast<int>(e.source().begin.column)},
                     "invalid TOML: " + std::string(e.description()));
  }
  apply_overrides(root, overrides);

  Scenario sc;
  sc.file = path;
  Facts facts;
  check_keys(ctx, root, kTopKeys, "the top level of the file");
  read_header(ctx, root, sc, facts);
  const auto queues = tables_of(ctx, root, "queue");
  for (std::size_t i = 0; i < queues.size(); ++i)
    sc.queues.push_back(read_queue(ctx, *queues[i], i, facts));
  const auto groups = tables_of(ctx, root, "agents");
  for (std::size_t i = 0; i < groups.size(); ++i)
    sc.groups.push_back(read_group(ctx, *groups[i], i, facts));
  if (sc.queues.empty()) {
    throw InputError(SourceLoc{path, 0, 0}, "the scenario has no [[queue]]; add at least one");
  }
  if (sc.groups.empty()) {
    throw InputError(SourceLoc{path, 0, 0},
                     "the scenario has no [[agents]] group; add at least one");
  }
  resolve_intervals(sc, facts);
  cross_check(sc, facts);
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  std::string text, why;
  if (!read_file(path, text, why))
    throw InputError(SourceLoc{path, 0, 0}, "cannot read file (" + why + ")");
  return parse_scenario(text, path, overrides);
}

}  // namespace ccsim
