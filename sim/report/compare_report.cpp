#include "sim/report/compare_report.hpp"
#include "sim/report/format_number.hpp"
#include "sim/report/value_report.hpp"

#include <algorithm>
#include <cmath>

#include "sim/report/run_json.hpp"
#include "sim/report/staff_report.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

using json = nlohmann::ordered_json;

namespace {

// The day's SL over all queues on the first SL target's threshold (the first queue that has
// one; offered basis), "-" when the plan's targets have none.
std::string total_sl(const Scenario& s, const RunSummary& r) {
  for (const QueueSpec& q : s.queues)
    for (const Target& t : q.targets)
      if (t.kind == Target::Kind::service_level) {
        const int k = threshold_index(r.thresholds, t.threshold);
        return k < 0 ? "-" : num("{:.1f}%", 100 * r.day.back().sl_offered[static_cast<std::size_t>(k)].mean);
      }
  return "-";
}

std::string delta_text(const Stat& d) { return with_ci("{:+.1f}", " ± {:.1f}", d); }

json targets_json(const Scenario& s) {
  json t = json::object();
  for (const QueueSpec& q : s.queues) {
    json a = json::array();
    for (const Target& x : q.targets) a.push_back(x.text);
    t[q.name] = a;
  }
  return t;
}

// The plan of each group as the scenario gives it: agents per interval where it is a list,
// and what is on duty per interval (after shifts, breaks, shrinkage and overtime) always.
json plan_groups_json(const CompareBaseline& b) {
  json groups = json::object();
  for (std::size_t g = 0; g < b.model.groups.size(); ++g) {
    const GroupModel& gm = b.model.groups[g];
    const AgentGroupSpec& spec = b.scenario.groups[g];
    json go;
    if (!gm.staffing.empty()) go["staffing"] = gm.staffing;
    if (!spec.overtime.empty()) go["overtime"] = spec.overtime;
    go["scheduled_agents"] = gm.on_duty;
    go["agent_hours"] = gm.paid_hours;
    go["overtime_hours"] = gm.overtime_hours;
    go["cost"] = spec.cost_per_hour ? json(gm.cost()) : json(nullptr);
    go["occupancy"] = stat_json(b.summary.group_day[g].occupancy);
    groups[spec.name] = go;
  }
  return groups;
}

json cost_stat(const PlanFigures& f, const Stat& s) { return f.has_cost ? stat_json(s) : json(nullptr); }

std::string money_text(const Stat& s) { return with_ci("{:.2f}", " ± {:.2f}", s); }

// The money and SLA of every row: net value per day and its paired difference to the
// first row, expected penalties, and each SLA's chance to meet its period.
void write_compare_value_text(std::ostream& o, const Scenario& s, const Comparison& c, int width) {
  const CompareBaseline* base = c.baseline.get();
  o << "\nMoney and SLA per row (per simulated day; ± 95% CI):\n";
  o << fmt::format("  {} {} {} {}  {}\n", pad_right("target", static_cast<std::size_t>(width)),
                   pad_left("net value", 22), pad_left("vs first", 22), pad_left("SLA penalties", 20),
                   "P(period meets) [95% CI], expected penalty per period");
  auto line = [&](const std::string& label, const ValueSummary& v, const std::string& d_first) {
    std::string slas;
    for (std::size_t q = 0; q < s.queues.size(); ++q) {
      if (!v.queues[q].sla) continue;
      const SlaSummary& r = *v.queues[q].sla;
      const Sla& sla = *s.queues[q].sla;
      slas +=
          fmt::format("{}{} {} per {}: {} [{}, {}], {}", slas.empty() ? "" : "; ", s.queues[q].name, sla.target.text,
                      sla_period_text(sla), num("{:.0f}%", 100 * r.p_meet), num("{:.0f}%", 100 * r.p_meet_lo),
                      num("{:.0f}%", 100 * r.p_meet_hi), num("{:.0f}", r.penalty.mean));
    }
    o << fmt::format("  {} {} {} {}  {}\n", pad_right(label, static_cast<std::size_t>(width)),
                     pad_left(money_text(v.net), 22), pad_left(d_first, 22), pad_left(money_text(v.penalties), 20),
                     slas.empty() ? "-" : slas);
  };
  if (base && base->value) line("as planned", *base->value, "-");
  for (const CompareRow& r : c.rows) line(r.label, *r.value, &r == &c.rows.front() ? "-" : money_text(r.delta_net));
  o << "  net value: revenue - abandon and waiting costs - staff cost - SLA penalties (each period's penalty\n"
       "  spread over its days); vs first: paired difference on the same simulated days.\n";
}

}  // namespace

void write_compare_text(std::ostream& o, const Scenario& s, const Comparison& c, const StaffOptions& opt) {
  const auto& rows = c.rows;
  const CompareBaseline* base = c.baseline.get();
  o << "What each target costs: " << s.name << " (" << s.intervals << " intervals, " << s.replications
    << " replications, seed " << s.seed << ", scope " << (opt.scope == StaffScope::day ? "day" : "interval")
    << (opt.confidence > 0 ? num(", {:.0f}% confidence bound", 100 * opt.confidence) : std::string(", on the mean"))
    << ")\n\n";
  const bool has_cost = !rows.empty() && rows.front().has_cost;
  const char* unit = has_cost ? "cost" : "hours";
  int width = 16;  // labels as given can be long ("elite=90/10+99/300,general=80/20")
  for (const CompareRow& r : rows) width = std::max(width, static_cast<int>(r.label.size()));
  const std::string first = std::string("vs first (") + unit + ", 95% CI)";
  const std::string plan = base ? std::string("vs plan (") + unit + ", 95% CI)" : std::string();
  // One line: label, hours, cost, vs first, [vs plan], SL, ASA, abandon, P(day), search.
  auto line = [&](const std::string& label, const std::string& hours, const std::string& cost,
                  const std::string& d_first, const std::string& d_plan, const std::string& sl, const std::string& asa,
                  const std::string& abandon, const std::string& p, const std::string& search) {
    o << fmt::format("  {} {} {}  {}", pad_right(label, static_cast<std::size_t>(width)), pad_left(hours, 12),
                     pad_left(cost, 12), pad_right(d_first, 24));
    if (base) o << ' ' << pad_right(d_plan, 24);
    o << fmt::format(" {} {} {} {}  {}\n", pad_left(sl, 9), pad_left(asa, 8), pad_left(abandon, 9), pad_left(p, 8),
                     search);
  };
  line("target", "agent-hours", has_cost ? "cost" : "", first, plan, "SL", "ASA s", "abandon", "P(day)", "search");
  auto figures = [&](const std::string& label, const PlanFigures& f, const Scenario& x, const RunSummary& sum,
                     const std::string& d_first, const std::string& d_plan, const std::string& search) {
    const CallSummary& tot = sum.day.back();
    line(label, num("{:.1f}", f.agent_hours.mean), has_cost ? num("{:.2f}", f.cost.mean) : "", d_first, d_plan,
         total_sl(x, sum), num("{:.1f}", tot.asa.mean), num("{:.2f}%", 100 * tot.abandon_rate.mean),
         num("{:.0f}%", 100 * f.p_day_meets), search);
  };
  if (base) figures("as planned", *base, base->scenario, base->summary, "-", "-", "the file's plan");
  for (const CompareRow& r : rows) {
    const StaffResult& st = *r.staff;
    const bool is_first = &r == &rows.front();
    figures(r.label, r, st.scenario, st.summary,
            is_first ? "-" : delta_text(has_cost ? r.delta_cost : r.delta_agent_hours),
            base ? delta_text(has_cost ? r.delta_cost_vs_plan : r.delta_agent_hours_vs_plan) : "",
            std::to_string(st.evaluations) + " sims" + (st.feasible ? "" : ", NOT MET"));
  }
  o << "\n  agent-hours and cost: the plan's paid hours plus time agents stay to finish calls, mean over "
       "replications;\n  vs first: paired difference to the first row (common random numbers); SL on the first "
       "SL target's\n  threshold, all queues; P(day): share of simulated days meeting every target.\n";
  if (base)
    o << "  as planned: the scenario's own staffing, simulated as `ccsim run` does on the same calls; its P(day)\n"
         "  and SL are judged on the first row's targets; vs plan: paired difference to it.\n";
  if (!rows.empty() && rows.front().value) write_compare_value_text(o, s, c, width);
}

json compare_json(const Comparison& c, const StaffOptions& opt) {
  const CompareBaseline* base = c.baseline.get();
  json out;
  json arr = json::array();
  for (const CompareRow& r : c.rows) {
    const StaffResult& st = *r.staff;
    const json run = run_json(st.scenario, st.model, st.summary);
    json o;
    o["target"] = r.label;
    o["agent_hours"] = r.agent_hours.mean;
    o["cost"] = r.has_cost ? json(r.cost.mean) : json(nullptr);
    o["delta_agent_hours"] = stat_json(r.delta_agent_hours);
    o["delta_cost"] = cost_stat(r, r.delta_cost);
    o["p_day_meets_target"] = r.p_day_meets;
    o["groups"] = staff_groups_json(st);
    o["queues"] = run["queues"];
    o["total"] = run["total"];
    o["planned_agent_hours"] = r.planned_hours;
    o["planned_cost"] = r.has_cost ? json(r.planned_cost) : json(nullptr);
    o["feasible"] = st.feasible;
    o["iterations"] = st.evaluations;
    o["targets"] = targets_json(st.scenario);
    if (base) {
      o["delta_agent_hours_vs_plan"] = stat_json(r.delta_agent_hours_vs_plan);
      o["delta_cost_vs_plan"] = cost_stat(r, r.delta_cost_vs_plan);
    }
    if (r.value) {
      o["value"] = value_json(st.scenario, *r.value);
      o["delta_net_per_day"] = stat_json(r.delta_net);
      if (base) o["delta_net_per_day_vs_plan"] = stat_json(r.delta_net_vs_plan);
    }
    arr.push_back(o);
  }
  out["rows"] = arr;
  if (base) {
    const json run = run_json(base->scenario, base->model, base->summary);
    json o;
    o["target"] = "as planned";
    o["agent_hours"] = base->agent_hours.mean;
    o["cost"] = base->has_cost ? json(base->cost.mean) : json(nullptr);
    o["p_day_meets_target"] = base->p_day_meets;
    o["groups"] = plan_groups_json(*base);
    o["queues"] = run["queues"];
    o["total"] = run["total"];
    o["planned_agent_hours"] = base->planned_hours;
    o["planned_cost"] = base->has_cost ? json(base->planned_cost) : json(nullptr);
    o["agent_hours_ci95"] = base->agent_hours.ci95;
    o["cost_ci95"] = base->has_cost ? json(base->cost.ci95) : json(nullptr);
    o["targets_from"] = c.rows.empty() ? json(nullptr) : json(c.rows.front().label);
    o["targets"] = targets_json(base->scenario);
    o["replications"] = static_cast<int>(base->reps.size());
    if (base->value) o["value"] = value_json(base->scenario, *base->value);
    out["baseline"] = o;
  }
  out["scope"] = opt.scope == StaffScope::day ? "day" : "interval";
  out["confidence"] = opt.confidence;
  out["replications"] = c.replications;  // behind the compare figures, the same for every row
  return out;
}

}  // namespace ccsim
