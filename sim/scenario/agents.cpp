// Agent groups' schedules and skills: shifts with breaks, the shift patterns a planner may
// use, and per-queue handle-time overrides and delayed overflow. Shift starts are clock
// times in the file and seconds after the start of interval 0 in the Scenario.
#include <algorithm>
#include <numeric>

#include "models/units.hpp"
#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
namespace {

const KeyList kShiftKeys{"start", "length", "count", "breaks", "days"};
const KeyList kBreakKeys{"after", "length"};
const KeyList kPatternKeys{"start", "length", "breaks", "max_count"};
const std::string kShiftExample = "{ start = \"08:00\", length = \"8h\", count = 12 }";
const std::string kPatternExample = "{ start = [\"07:00\", \"08:00\"], length = \"8h\" }";
const std::string kBreakExample = "{ after = \"2h\", length = \"15m\" }";

// Messages place times relative to the day: "02:00+1" for the next day (units.hpp).
using models::format_clock_day;
using models::format_duration;

std::string index_name(const std::string& what, std::size_t i) { return what + "[" + std::to_string(i) + "]"; }

// A table's entries in the order they were written (toml++ keeps them sorted by key), so
// the first mistake reported is the first one a reader meets.
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (auto&& [k, v] : t) out.emplace_back(&k, &v);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto& x = a.first->source().begin;
    const auto& y = b.first->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return out;
}

// Reads, checks against the shift's length, sorts by `after` and refuses overlaps.
std::vector<Break> read_breaks(const Ctx& ctx, const toml::node& n, const std::string& what, double shift_length) {
  const auto* arr = n.as_array();
  if (!arr) {
    ctx.fail(n, what + ": expected a list of breaks like [" + kBreakExample + "], got " + describe(n));
  }
  std::vector<Break> breaks;
  std::vector<const toml::node*> nodes;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string name = index_name(what, i);
    const auto& t = need_table(ctx, (*arr)[i], name, kBreakExample);
    check_keys(ctx, t, kBreakKeys, name);
    const auto* after = t.get("after");
    if (!after) missing(ctx, t, name, "after", " (time from the shift's start), e.g. after = \"2h\"");
    const auto* length = t.get("length");
    if (!length) missing(ctx, t, name, "length", ", e.g. length = \"15m\"");
    Break b;
    b.after = read_duration(ctx, *after, name + ".after");
    b.length = read_duration(ctx, *length, name + ".length");
    if (b.length <= 0) ctx.fail(*length, name + ".length must be more than 0, got " + describe(*length));
    if (b.length > shift_length) {
      ctx.fail(*length, name + ": the break (" + format_duration(b.length) + ") is longer than the shift (" +
                            format_duration(shift_length) + ")");
    }
    if (b.after + b.length > shift_length) {
      ctx.fail(*after, name + ": the break ends after the shift (after " + format_duration(b.after) + " + " +
                           format_duration(b.length) + " is past the shift's length of " +
                           format_duration(shift_length) + ")");
    }
    breaks.push_back(b);
    nodes.push_back(&(*arr)[i]);
  }
  std::vector<std::size_t> order(breaks.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return breaks[a].after < breaks[b].after; });
  std::vector<Break> sorted;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t cur = order[k];
    if (k > 0) {
      const std::size_t prev = order[k - 1];
      const Break& p = breaks[prev];
      const Break& c = breaks[cur];
      if (c.after < p.after + p.length) {
        ctx.fail(*nodes[cur], index_name(what, cur) + " (" + format_duration(c.after) + " to " +
                                  format_duration(c.after + c.length) + " into the shift) overlaps breaks[" +
                                  std::to_string(prev) + "] (" + format_duration(p.after) + " to " +
                                  format_duration(p.after + p.length) + "); breaks must not overlap");
      }
    }
    sorted.push_back(breaks[cur]);
  }
  return sorted;
}

// "agents 'team' handle_time names queue 'genral', which ..." for a key that is not one
// of the group's served queues.
[[noreturn]] void not_served(const Ctx& ctx, const toml::key& k, const std::string& what,
                             const std::vector<std::string>& serves, const std::vector<std::string>& queues) {
  const std::string q(k.str());
  if (std::find(queues.begin(), queues.end(), q) != queues.end()) {
    throw InputError(ctx.at(k.source()), what + ": queue '" + q +
                                             "' is not served by this group; add it to serves "
                                             "or remove this entry");
  }
  const KeyList known(serves.begin(), serves.end());
  const std::string hint = did_you_mean(q, known);
  std::string list;
  for (const auto& s : serves) list += (list.empty() ? "'" : ", '") + s + "'";
  throw InputError(ctx.at(k.source()), what + " names queue '" + q + "', which this group does not serve" +
                                           (hint.empty() ? "; it serves " + list : hint));
}

}  // namespace

std::vector<Shift> read_shifts(const Ctx& ctx, const toml::node& n, const std::string& label, double day_start,
                               std::vector<bool>& plain) {
  const std::string what = label + " shifts";
  const auto* arr = n.as_array();
  if (!arr) {
    ctx.fail(n, what + ": expected a list of shifts like [" + kShiftExample + "], got " + describe(n));
  }
  if (arr->empty()) ctx.fail(n, what + " is empty; give at least one shift, e.g. [" + kShiftExample + "]");
  std::vector<Shift> shifts;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string name = index_name(what, i);
    const auto& t = need_table(ctx, (*arr)[i], name, kShiftExample);
    check_keys(ctx, t, kShiftKeys, name);
    Shift s;
    s.where = ctx.at(t);
    const auto* start = t.get("start");
    if (!start) missing(ctx, t, name, "start", " (a clock time), e.g. start = \"08:00\"");
    const models::ClockTime c = read_clock_time(ctx, *start, name + ".start");
    s.start = c.seconds - day_start;
    plain.push_back(c.plain);
    const auto* length = t.get("length");
    if (!length) missing(ctx, t, name, "length", ", e.g. length = \"8h\"");
    s.length = read_duration(ctx, *length, name + ".length");
    if (s.length <= 0) ctx.fail(*length, name + ".length must be more than 0, got " + describe(*length));
    const auto* count = t.get("count");
    if (!count) missing(ctx, t, name, "count", " (agents working this shift), e.g. count = 12");
    s.count = read_agents_count(ctx, *count, name + ".count");
    // Every shift may be on duty at once: their sum must fit the same limit (and an int).
    total += s.count;
    if (total > kMaxAgents)
      ctx.fail(*count, what + " add up to " + std::to_string(total) + " agents by " + name + "; at most " +
                           std::to_string(kMaxAgents) + " are allowed in a group");
    if (const auto* b = t.get("breaks")) s.breaks = read_breaks(ctx, *b, name + ".breaks", s.length);
    if (const auto* d = t.get("days")) {
      // Checked against scenario.days when the horizon is laid out (expand_horizon).
      const auto& arr = need_array(ctx, *d, name + ".days");
      if (arr.empty()) ctx.fail(arr, name + ".days is empty; give the days this shift is worked, e.g. [1, 2, 3, 4, 5]");
      for (std::size_t k = 0; k < arr.size(); ++k) {
        const std::string e = name + ".days[" + std::to_string(k) + "]";
        const auto v = read_integer(ctx, arr[k], e);
        if (v < 1 || v > kMaxDays)
          ctx.fail(arr[k], e + " must be a day from 1 to scenario.days, got " + describe(arr[k]));
        s.on_days.push_back(static_cast<int>(v));
        s.on_days_where.push_back(ctx.at(arr[k]));
      }
    }
    shifts.push_back(std::move(s));
  }
  return shifts;
}

std::vector<ShiftPattern> read_shift_patterns(const Ctx& ctx, const toml::node& n, const std::string& label,
                                              double day_start, std::vector<std::string>& names,
                                              std::vector<bool>& plain) {
  const std::string what = label + " shift_patterns";
  const auto* arr = n.as_array();
  if (!arr) {
    ctx.fail(n, what + ": expected a list of shift patterns like [" + kPatternExample + "], got " + describe(n));
  }
  if (arr->empty()) {
    ctx.fail(n, what + " is empty; give at least one shift pattern, e.g. [" + kPatternExample + "]");
  }
  std::vector<ShiftPattern> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string name = index_name(what, i);
    const auto& t = need_table(ctx, (*arr)[i], name, kPatternExample);
    if (const auto* c = t.get("count")) {  // copied from a shift: say what to write instead
      ctx.fail(*c, name +
                       ": a shift pattern has no 'count' (the planner chooses how many agents "
                       "work it); write max_count to limit it");
    }
    check_keys(ctx, t, kPatternKeys, name);
    // One pattern per start, in the order written.
    const auto* start = t.get("start");
    if (!start) {
      missing(ctx, t, name, "start", " (a clock time or a list of them), e.g. start = [\"07:00\", \"08:00\"]");
    }
    std::vector<std::pair<double, SourceLoc>> starts;
    std::vector<std::string> start_names;
    std::vector<bool> start_plain;
    const auto add_start = [&](const toml::node& node, const std::string& sname) {
      const models::ClockTime c = read_clock_time(ctx, node, sname);
      starts.emplace_back(c.seconds - day_start, ctx.at(node));
      start_names.push_back(sname);
      start_plain.push_back(c.plain);
    };
    if (const auto* list = start->as_array()) {
      if (list->empty()) {
        ctx.fail(*start, name +
                             ".start is empty; give a clock time or a list of them, e.g. "
                             "[\"07:00\", \"08:00\"]");
      }
      for (std::size_t k = 0; k < list->size(); ++k) add_start((*list)[k], index_name(name + ".start", k));
    } else {
      add_start(*start, name + ".start");
    }
    ShiftPattern p;
    const auto* length = t.get("length");
    if (!length) missing(ctx, t, name, "length", ", e.g. length = \"8h\"");
    p.length = read_duration(ctx, *length, name + ".length");
    if (p.length <= 0) ctx.fail(*length, name + ".length must be more than 0, got " + describe(*length));
    if (const auto* b = t.get("breaks")) p.breaks = read_breaks(ctx, *b, name + ".breaks", p.length);
    if (const auto* m = t.get("max_count")) p.max_count = read_agents_count(ctx, *m, name + ".max_count");
    for (std::size_t k = 0; k < starts.size(); ++k) {
      p.start = starts[k].first;
      p.where = starts[k].second;
      out.push_back(p);
      names.push_back(start_names[k]);
      plain.push_back(start_plain[k]);
    }
  }
  return out;
}

void read_skills(const Ctx& ctx, const toml::table& t, const std::string& label, const std::vector<std::string>& queues,
                 AgentGroupSpec& g, Facts& facts) {
  // One slot per served queue, so skills come out in the group's order of preference.
  std::vector<std::optional<QueueSkill>> per(g.serves.size());
  const auto slot = [&](const toml::key& k, const SourceLoc& where, const std::string& what) -> QueueSkill& {
    const auto it = std::find(g.serves.begin(), g.serves.end(), k.str());
    if (it == g.serves.end()) not_served(ctx, k, what, g.serves, queues);
    auto& p = per[static_cast<std::size_t>(it - g.serves.begin())];
    if (!p) {
      p = QueueSkill{};
      p->queue = *it;
      p->where = where;
    }
    return *p;
  };
  if (const auto* n = t.get("handle_time")) {
    const std::string what = label + " handle_time";
    const auto& ht = need_table(ctx, *n, what, "{ general = { dist = \"exponential\", mean = \"5m\" } }");
    if (ht.contains("dist")) {
      ctx.fail(*n, what +
                       " is per queue: write handle_time = { QUEUE = { dist = ... } } for each "
                       "queue this group handles at its own speed, or use efficiency for all");
    }
    for (const auto& [k, v] : in_file_order(ht)) {
      QueueSkill& s = slot(*k, ctx.at(*v), what);
      s.handle_time =
          read_dist_by_interval(ctx, *v, what + "." + std::string(k->str()), s.handle_time_by_interval, facts);
    }
  }
  if (const auto* n = t.get("overflow_after")) {
    const std::string what = label + " overflow_after";
    if (const auto* ot = n->as_table()) {
      for (const auto& [k, v] : in_file_order(*ot)) {
        QueueSkill& s = slot(*k, ctx.at(*v), what);
        s.overflow_after = read_duration(ctx, *v, what + "." + std::string(k->str()));
      }
    } else {
      if (!n->is_string() && !n->is_number()) {
        ctx.fail(*n, what +
                         ": expected a duration like \"30s\" (for every queue served) or a "
                         "table like { general = \"30s\" }, got " +
                         describe(*n));
      }
      const double d = read_duration(ctx, *n, what);
      for (std::size_t i = 0; i < g.serves.size(); ++i) {
        if (std::find(g.serves.begin(), g.serves.begin() + static_cast<std::ptrdiff_t>(i), g.serves[i]) !=
            g.serves.begin() + static_cast<std::ptrdiff_t>(i)) {
          continue;  // listed twice: cross_check reports it
        }
        if (!per[i]) {
          per[i] = QueueSkill{};
          per[i]->queue = g.serves[i];
          per[i]->where = ctx.at(*n);
        }
        per[i]->overflow_after = d;
      }
    }
  }
  // weighted_wait's score terms per queue (sim/scenario/routing.cpp checks the rule).
  if (const auto* n = t.get("weights")) {
    const std::string what = label + " weights";
    g.weights_where = ctx.at(*n);
    const auto& wt = need_table(ctx, *n, what, "{ sales = 2.0, service = 1.0 }");
    for (const auto& [k, v] : in_file_order(wt)) {
      QueueSkill& s = slot(*k, ctx.at(*v), what);
      s.weight = read_number(ctx, *v, what + "." + std::string(k->str()));
      if (s.weight < 0) ctx.fail(*v, what + "." + std::string(k->str()) + " must be 0 or more, got " + describe(*v));
    }
  }
  if (const auto* n = t.get("bonus")) {
    const std::string what = label + " bonus";
    if (g.weights_where.file.empty()) g.weights_where = ctx.at(*n);
    const auto& bt = need_table(ctx, *n, what, "{ service = \"30s\" }");
    for (const auto& [k, v] : in_file_order(bt)) {
      QueueSkill& s = slot(*k, ctx.at(*v), what);
      s.bonus = read_duration(ctx, *v, what + "." + std::string(k->str()));
    }
  }
  for (auto& p : per) {
    if (p) g.skills.push_back(std::move(*p));
  }
}

bool group_staffed(const Scenario& sc, const AgentGroupSpec& g, int i) {
  const auto k = static_cast<std::size_t>(i);
  if (k < g.overtime.size() && g.overtime[k] > 0) return true;
  if (g.shifts.empty()) return k < g.staffing.size() && g.staffing[k] > 0;
  const double a = i * sc.interval;
  const double b = a + sc.interval;
  for (const Shift& s : g.shifts) {
    if (s.count > 0 && s.start < b && s.start + s.length > a) return true;
  }
  return false;
}

void check_shifts(const Scenario& sc) {
  const double end = sc.day_length();
  for (const AgentGroupSpec& g : sc.groups) {
    for (std::size_t j = 0; j < g.shifts.size(); ++j) {
      const Shift& s = g.shifts[j];
      if (s.start < end && s.start + s.length > 0) continue;
      throw InputError(s.where, "agents '" + g.name + "' shifts[" + std::to_string(j) + "] (" +
                                    format_clock_day(sc.start + s.start) + " for " + format_duration(s.length) +
                                    ") does not overlap the day (" + format_clock_day(sc.start) + "-" +
                                    format_clock_day(sc.start + end, true) + ")");
    }
  }
}

void check_shift_patterns(const Scenario& sc, const std::vector<std::vector<std::string>>& names) {
  const double end = sc.day_length();
  for (std::size_t g = 0; g < sc.groups.size(); ++g) {
    const AgentGroupSpec& grp = sc.groups[g];
    for (std::size_t j = 0; j < grp.shift_patterns.size(); ++j) {
      const ShiftPattern& p = grp.shift_patterns[j];
      if (p.start < end && p.start + p.length > 0) continue;
      throw InputError(p.where, names[g][j] + " (" + format_clock_day(sc.start + p.start) + " for " +
                                    format_duration(p.length) + ") does not overlap the day (" +
                                    format_clock_day(sc.start) + "-" + format_clock_day(sc.start + end, true) + ")");
    }
  }
}

}  // namespace ccsim::scenario_detail
