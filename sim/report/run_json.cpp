#include "sim/report/run_json.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include "models/units.hpp"
#include "sim/report/value_report.hpp"
#include "sim/stats/metric_registry.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

using json = nlohmann::ordered_json;

namespace {

json num(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// The member at a '.'-separated path, made (null) where missing. A "{T}" key stands for
// `t` (a threshold key, which may itself hold a '.': "7.5").
json& at_path(json& o, std::string_view path, const std::string& t = "") {
  json* node = &o;
  for (std::size_t from = 0;;) {
    const std::size_t dot = path.find('.', from);
    const std::string_view key = path.substr(from, dot - from);
    node = &(*node)[key == "{T}" ? t : std::string(key)];
    if (dot == std::string_view::npos) return *node;
    from = dot + 1;
  }
}

}  // namespace

json calls_json(const CallSummary& c, const std::vector<double>& thresholds, bool day, unsigned features,
                const CallSummary* long_run) {
  // Registry order, entry by entry: a per-threshold entry sets its key under every
  // threshold's object, which ordered_json keeps in first-insertion order, so each
  // "service_level"."T" object lists its bases in registry order.
  json o;
  for (const CallMetricDef& d : call_metric_registry()) {
    if (!(d.outputs & kOutJson) || (d.day_only && !day) || (d.needs & ~features)) continue;
    if (d.per_threshold) {
      json& parent = at_path(o, d.json.substr(0, d.json.find(".{T}")));
      if (parent.is_null()) parent = json::object();  // present even with no threshold
    }
    const std::size_t n = d.per_threshold ? thresholds.size() : 1;
    for (std::size_t k = 0; k < n; ++k) {
      const CallMetricRow row{&d, k};
      const std::string t = d.per_threshold ? threshold_key(thresholds[k]) : "";
      at_path(o, d.json, t) = stat_json(metric_stat(c, row));
    }
  }
  if (long_run) {
    json lr = json::object();
    for (const CallMetricRow& row : long_run_layout(thresholds.size(), kOutJson, day, features))
      at_path(lr, row.def->json, row.def->per_threshold ? threshold_key(thresholds[row.k]) : "") =
          stat_json(metric_stat(*long_run, row));
    o["long_run"] = std::move(lr);
  }
  return o;
}

namespace {

json group_json(const GroupSummary& g, bool has_cost) {
  json o;
  for (const GroupMetricDef& d : group_metric_registry()) {
    if (!(d.outputs & kOutJson) || (d.needs_cost && !has_cost)) continue;
    const Stat v = d.value(g);
    o[std::string(d.name)] = d.json_stat ? stat_json(v) : json(v.mean);
  }
  return o;
}

}  // namespace

json stat_json(const Stat& s) { return {{"mean", num(s.mean)}, {"ci95", num(s.ci95)}}; }

namespace {

// run_json's per-interval arrays, given either whole or, for the streaming writer, as a
// placeholder and a function that makes element k on demand.
struct LazyArrays {
  std::string nonce;  // marks placeholders; "" builds the arrays whole
  std::vector<std::pair<std::size_t, std::function<json(std::size_t)>>> arrays;
  json array(std::size_t n, std::function<json(std::size_t)> element) {
    if (nonce.empty()) {
      json a = json::array();
      for (std::size_t k = 0; k < n; ++k) a.push_back(element(k));
      return a;
    }
    arrays.emplace_back(n, std::move(element));
    return nonce + std::to_string(arrays.size() - 1);
  }
};

json run_json_with(const Scenario& s, const RunModel& m, const RunSummary& r, LazyArrays& lazy,
                   const ValueSummary* value) {
  json o;
  o["ccsim_version"] = CCSIM_VERSION;
  o["scenario"] = s.name;
  o["replications"] = r.replications;
  o["seed"] = s.seed;
  o["interval_seconds"] = s.interval;
  o["intervals"] = s.intervals;
  o["start"] = models::format_clock(s.start);
  if (s.days > 1) {  // a horizon of several days (only then, so one-day files stay as they were)
    o["days"] = s.days;
    o["day_intervals"] = s.day_intervals;
  }

  json queues = json::object();
  const std::size_t Q = s.queues.size();
  for (std::size_t q = 0; q <= Q; ++q) {
    json qo =
        calls_json(r.day[q], r.thresholds, true, r.features, q < r.day_long_run.size() ? &r.day_long_run[q] : nullptr);
    if (q < Q) {
      const QueueSpec& qs = s.queues[q];
      qo["sl_basis"] = sl_basis_name(qs.sl_basis);
      qo["sl_estimator"] = sl_estimator_name(qs.sl_estimator);
      json targets = json::array();
      for (const Target& t : qs.targets) {
        const TargetResult tr = check_target(t, qs.sl_basis, judged_day(r, qs, q), r.thresholds);
        targets.push_back({{"target", t.text}, {"value", stat_json(tr.value)}, {"met", tr.met}});
      }
      qo["targets"] = targets;
    }
    qo["intervals"] = lazy.array(static_cast<std::size_t>(s.intervals), [&s, &r, q](std::size_t i) {
      json io;
      io["start"] = models::format_clock(s.interval_clock(static_cast<double>(i)));
      if (s.days > 1) io["day"] = static_cast<int>(i) / s.day_intervals + 1;
      const bool lr = q < r.intervals_long_run.size() && i < r.intervals_long_run[q].size();
      io.update(
          calls_json(r.intervals[q][i], r.thresholds, false, r.features, lr ? &r.intervals_long_run[q][i] : nullptr));
      return io;
    });
    if (q < r.days.size() && !r.days[q].empty()) {
      json days = json::array();
      for (std::size_t d = 0; d < r.days[q].size(); ++d) {
        json dj;
        dj["day"] = d + 1;
        const bool lr = q < r.days_long_run.size() && d < r.days_long_run[q].size();
        dj.update(calls_json(r.days[q][d], r.thresholds, false, r.features, lr ? &r.days_long_run[q][d] : nullptr));
        days.push_back(std::move(dj));
      }
      qo["days"] = std::move(days);
    }
    if (q < Q)
      queues[s.queues[q].name] = qo;
    else
      o["queues"] = queues, o["total"] = qo;
  }

  json agents = json::object();
  double total_cost = 0;
  bool any_cost = false;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    json go = group_json(r.group_day[g], s.groups[g].cost_per_hour.has_value());
    if (s.groups[g].cost_per_hour) {
      total_cost += r.group_day[g].cost;
      any_cost = true;
    }
    const std::size_t I = static_cast<std::size_t>(s.intervals);
    const auto& gi = r.group_intervals[g];
    if (!m.groups[g].staffing.empty())
      go["staffing"] = lazy.array(I, [&m, g](std::size_t i) { return json(m.groups[g].staffing[i]); });
    go["interval_scheduled_agents"] = lazy.array(I, [&gi](std::size_t i) { return json(gi[i].scheduled_agents); });
    go["interval_agents_on_duty"] = lazy.array(I, [&gi, &s](std::size_t i) {
      Stat p = gi[i].on_duty_hours;  // agent-hours in the interval -> agents on duty on average
      p.mean *= 3600.0 / s.interval;
      p.ci95 *= 3600.0 / s.interval;
      return stat_json(p);
    });
    go["interval_occupancy"] = lazy.array(I, [&gi](std::size_t i) { return stat_json(gi[i].occupancy); });
    if (g < r.group_days.size() && !r.group_days[g].empty()) {
      json days = json::array();
      for (std::size_t d = 0; d < r.group_days[g].size(); ++d) {
        const GroupSummary& gd = r.group_days[g][d];
        days.push_back({{"day", d + 1},
                        {"agent_hours", gd.agent_hours.mean},
                        {"productive_hours", gd.productive_hours},
                        {"on_duty_hours", stat_json(gd.on_duty_hours)},
                        {"busy_hours", stat_json(gd.busy_hours)},
                        {"occupancy", stat_json(gd.occupancy)}});
      }
      go["days"] = std::move(days);
    }
    agents[s.groups[g].name] = go;
  }
  o["agents"] = agents;
  if (any_cost) o["cost"] = total_cost;
  if (value) o["value"] = value_json(s, *value);
  if (!s.notes.empty()) o["notes"] = s.notes;
  return o;
}

}  // namespace

void write_indented(std::ostream& out, const std::string& text, std::size_t pad) {
  std::size_t from = 0;
  for (std::size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1) {
    out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
    out << std::string(pad, ' ');
  }
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

json run_json(const Scenario& s, const RunModel& m, const RunSummary& r, const ValueSummary* value) {
  LazyArrays whole;
  return run_json_with(s, m, r, whole, value);
}

void write_run_json(std::ostream& out, const Scenario& s, const RunModel& m, const RunSummary& r,
                    const ValueSummary* value) {
  // The document without its per-interval arrays, then each array an element at a time
  // where its placeholder stands, indented as dump(2) would: the same bytes as
  // run_json(...).dump(2), without the whole document in memory.
  LazyArrays lazy;
  std::ostringstream nonce;  // (a stream: GCC 12 warns falsely on a chain of string +)
  nonce << '\x01' << "ccsim-array-" << reinterpret_cast<std::uintptr_t>(&lazy) << '-';
  lazy.nonce = nonce.str();
  const std::string text = run_json_with(s, m, r, lazy, value).dump(2);
  std::string quoted = json(lazy.nonce).dump();  // as dumped: "\u0001ccsim-array-...-"
  quoted.pop_back();                             // without the closing quote
  std::size_t from = 0;
  for (std::size_t at; (at = text.find(quoted, from)) != std::string::npos;) {
    const std::size_t digits = at + quoted.size();
    const std::size_t close = text.find('"', digits);
    const std::size_t k = std::stoul(text.substr(digits, close - digits));
    const std::size_t line = text.rfind('\n', at) + 1;
    const std::size_t depth = text.find_first_not_of(' ', line) - line;  // the key's indentation
    out.write(text.data() + from, static_cast<std::streamsize>(at - from));
    const auto& [n, element] = lazy.arrays.at(k);
    if (n == 0) {
      out << "[]";
    } else {
      out << "[\n";
      const std::string pad(depth + 2, ' ');
      for (std::size_t i = 0; i < n; ++i) {
        out << pad;
        write_indented(out, element(i).dump(2), depth + 2);
        out << (i + 1 < n ? ",\n" : "\n");
      }
      out << std::string(depth, ' ') << ']';
    }
    from = close + 1;
  }
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

}  // namespace ccsim
