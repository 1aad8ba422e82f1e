#include "sim/report_json.hpp"

#include <cmath>

#include "models/units.hpp"
#include "sim/target_check.hpp"

namespace ccsim {

using json = nlohmann::ordered_json;

namespace {

json num(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

}  // namespace

json calls_json(const CallSummary& c, const std::vector<double>& thresholds, bool day) {
  json o;
  o["offered"] = stat_json(c.offered);
  o["answered"] = stat_json(c.answered);
  o["abandoned"] = stat_json(c.abandoned);
  o["blocked"] = stat_json(c.blocked);
  json sl = json::object();
  for (std::size_t k = 0; k < thresholds.size(); ++k) {
    sl[threshold_key(thresholds[k])] = {{"offered", stat_json(c.sl_offered[k])},
                                        {"answered", stat_json(c.sl_answered[k])},
                                        {"refined", stat_json(c.sl_refined[k])}};
  }
  o["service_level"] = sl;
  o["asa"] = stat_json(c.asa);
  o["abandon_rate"] = stat_json(c.abandon_rate);
  o["abandon_rate_refined"] = stat_json(c.abandon_rate_refined);
  o["mean_wait_all"] = stat_json(c.mean_wait_all);
  if (day) o["wait_p90"] = stat_json(c.wait_p90);
  o["blocked_rate"] = stat_json(c.blocked_rate);
  o["redials"] = stat_json(c.redials);
  // Caller basis (each caller once, however many attempts): equal to the attempt basis
  // when nobody redials.
  o["callers"] = {{"offered", stat_json(c.callers)},
                  {"answered_rate", stat_json(c.caller_answered_rate)},
                  {"abandon_rate", stat_json(c.caller_abandon_rate)},
                  {"blocked_rate", stat_json(c.caller_blocked_rate)}};
  return o;
}

namespace {

json group_json(const GroupSummary& g) {
  return {{"occupancy", stat_json(g.occupancy)},
          {"agent_hours", stat_json(g.agent_hours)},
          {"on_duty_hours", stat_json(g.on_duty_hours)},
          {"busy_hours", stat_json(g.busy_hours)},
          {"paid_hours", g.agent_hours.mean},
          {"overtime_hours", g.overtime_hours},
          {"productive_hours", g.productive_hours}};
}

}  // namespace

json stat_json(const Stat& s) { return {{"mean", num(s.mean)}, {"ci95", num(s.ci95)}}; }

json run_json(const Scenario& s, const RunModel& m, const RunSummary& r) {
  json o;
  o["ccsim_version"] = CCSIM_VERSION;
  o["scenario"] = s.name;
  o["replications"] = r.replications;
  o["seed"] = s.seed;
  o["interval_seconds"] = s.interval;
  o["intervals"] = s.intervals;
  o["start"] = models::format_clock(s.start);

  json queues = json::object();
  const std::size_t Q = s.queues.size();
  for (std::size_t q = 0; q <= Q; ++q) {
    json qo = calls_json(r.day[q], r.thresholds, true);
    if (q < Q) {
      const QueueSpec& qs = s.queues[q];
      qo["sl_basis"] = sl_basis_name(qs.sl_basis);
      json targets = json::array();
      for (const Target& t : qs.targets) {
        const TargetResult tr = check_target(t, qs.sl_basis, r.day[q], r.thresholds);
        targets.push_back({{"target", t.text}, {"value", stat_json(tr.value)}, {"met", tr.met}});
      }
      qo["targets"] = targets;
    }
    json iv = json::array();
    for (int i = 0; i < s.intervals; ++i) {
      json io;
      io["start"] = models::format_clock(s.start + i * s.interval);
      io.update(calls_json(r.intervals[q][static_cast<std::size_t>(i)], r.thresholds, false));
      iv.push_back(io);
    }
    qo["intervals"] = iv;
    if (q < Q) queues[s.queues[q].name] = qo;
    else o["queues"] = queues, o["total"] = qo;
  }

  json agents = json::object();
  double total_cost = 0;
  bool any_cost = false;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    json go = group_json(r.group_day[g]);
    if (s.groups[g].cost_per_hour) {
      go["cost"] = r.group_day[g].cost;
      total_cost += r.group_day[g].cost;
      any_cost = true;
    }
    json staffing = json::array(), occ = json::array(), planned = json::array(), present = json::array();
    for (int i = 0; i < s.intervals; ++i) {
      const GroupSummary& gi = r.group_intervals[g][static_cast<std::size_t>(i)];
      if (!m.groups[g].staffing.empty()) staffing.push_back(m.groups[g].staffing[static_cast<std::size_t>(i)]);
      occ.push_back(stat_json(gi.occupancy));
      planned.push_back(gi.scheduled_agents);
      Stat p = gi.on_duty_hours;  // agent-hours in the interval -> agents on duty on average
      p.mean *= 3600.0 / s.interval;
      p.ci95 *= 3600.0 / s.interval;
      present.push_back(stat_json(p));
    }
    if (!m.groups[g].staffing.empty()) go["staffing"] = staffing;
    go["interval_scheduled_agents"] = planned;
    go["interval_agents_on_duty"] = present;
    go["interval_occupancy"] = occ;
    agents[s.groups[g].name] = go;
  }
  o["agents"] = agents;
  if (any_cost) o["cost"] = total_cost;
  if (!s.notes.empty()) o["notes"] = s.notes;
  return o;
}

}  // namespace ccsim
