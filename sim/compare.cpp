#include "sim/compare.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "sim/metrics.hpp"
#include "sim/report_json.hpp"
#include "sim/staff_report.hpp"
#include "sim/target_check.hpp"

namespace ccsim {

using json = nlohmann::ordered_json;

namespace {

// Worked hours and cost of each replication: the plan's paid hours, plus the on-duty time
// beyond the plan's scheduled presence (finishing calls after leaving time, the drain).
void worked(const StaffResult& r, std::vector<double>& hours, std::vector<double>& cost, bool& has_cost) {
  const Scenario& s = r.scenario;
  const RunModel& m = r.model;
  hours.assign(r.reps.size(), 0.0);
  cost.assign(r.reps.size(), 0.0);
  has_cost = false;
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const GroupModel& gm = m.groups[g];
    const double rate = s.groups[g].cost_per_hour.value_or(0.0);
    has_cost = has_cost || s.groups[g].cost_per_hour.has_value();
    for (std::size_t k = 0; k < r.reps.size(); ++k) {
      const GroupMetrics x = group_metrics(r.reps[k].groups, static_cast<int>(g), 0, m.intervals + 1);
      const double over = std::max(0.0, x.on_duty_hours - gm.productive_hours);
      hours[k] += gm.paid_hours + gm.overtime_hours + over;
      cost[k] += gm.cost() + rate * over;
    }
  }
}

double day_meets_share(const StaffResult& r) {
  const Scenario& s = r.scenario;
  const int T = static_cast<int>(r.model.thresholds.size());
  int meets = 0;
  for (const ReplicationResult& rep : r.reps) {
    bool ok = true;
    for (std::size_t q = 0; q < s.queues.size() && ok; ++q) {
      const CallMetrics m = call_metrics(sum_cells(rep.calls, static_cast<int>(q), 0, s.intervals), T);
      for (const Target& t : s.queues[q].targets)
        if (!target_met(t, s.queues[q].sl_basis, m, r.model.thresholds)) ok = false;
    }
    meets += ok;
  }
  return r.reps.empty() ? 0 : static_cast<double>(meets) / static_cast<double>(r.reps.size());
}

Stat paired(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d(a.size());
  for (std::size_t k = 0; k < a.size(); ++k) d[k] = a[k] - b[k];
  return summarize(d);
}

std::string fmt(const char* f, double x) {
  if (!std::isfinite(x)) return "-";
  char b[64];
  std::snprintf(b, sizeof b, f, x);
  return b;
}

}  // namespace

std::vector<CompareRow> compare_targets(const Scenario& s,
                                        const std::vector<std::pair<std::string, std::vector<Target>>>& sets,
                                        const StaffOptions& given) {
  // Every row measures every row's SL thresholds, so rows can be set side by side.
  StaffOptions o = given;
  for (const auto& set : sets)
    for (const Target& t : set.second)
      if (t.kind == Target::Kind::service_level) o.extra_thresholds.push_back(t.threshold);
  std::vector<CompareRow> rows;
  for (const auto& [label, targets] : sets) {
    Scenario x = s;
    for (QueueSpec& q : x.queues) q.targets = targets;
    CompareRow row;
    row.label = label;
    row.staff = std::make_unique<StaffResult>();
    find_staffing(x, o, *row.staff);
    worked(*row.staff, row.hours_per_rep, row.cost_per_rep, row.has_cost);
    row.agent_hours = summarize(row.hours_per_rep);
    row.cost = summarize(row.cost_per_rep);
    const PlanCost plan = plan_cost(row.staff->scenario, row.staff->staffing);
    row.planned_hours = plan.agent_hours;
    row.planned_cost = plan.cost;
    row.p_day_meets = day_meets_share(*row.staff);
    rows.push_back(std::move(row));
  }
  for (CompareRow& row : rows) {
    row.delta_agent_hours = paired(row.hours_per_rep, rows.front().hours_per_rep);
    row.delta_cost = paired(row.cost_per_rep, rows.front().cost_per_rep);
  }
  return rows;
}

void write_compare_text(std::ostream& o, const Scenario& s, const std::vector<CompareRow>& rows,
                        const StaffOptions& opt) {
  o << "What each target costs: " << s.name << " (" << s.intervals << " intervals, " << s.replications
    << " replications, seed " << s.seed << ", scope " << (opt.scope == StaffScope::day ? "day" : "interval")
    << (opt.confidence > 0 ? fmt(", %.0f%% confidence bound", 100 * opt.confidence) : std::string(", on the mean"))
    << ")\n\n";
  const bool has_cost = !rows.empty() && rows.front().has_cost;
  char b[512];
  std::snprintf(b, sizeof b, "  %-16s %12s %12s  %-24s %9s %8s %9s %8s  %s\n", "target", "agent-hours",
                has_cost ? "cost" : "", has_cost ? "vs first (cost, 95% CI)" : "vs first (hours, 95% CI)", "SL",
                "ASA s", "abandon", "P(day)", "search");
  o << b;
  for (const CompareRow& r : rows) {
    const StaffResult& st = *r.staff;
    const Scenario& x = st.scenario;
    // Total SL on the first SL target's threshold (offered basis), ASA and abandon rate.
    const CallSummary& tot = st.summary.day.back();
    std::string sl = "-";
    for (const Target& t : x.queues.front().targets)
      if (t.kind == Target::Kind::service_level) {
        for (std::size_t k = 0; k < st.summary.thresholds.size(); ++k)
          if (st.summary.thresholds[k] == t.threshold) sl = fmt("%.1f%%", 100 * tot.sl_offered[k].mean);
        break;
      }
    const Stat& d = has_cost ? r.delta_cost : r.delta_agent_hours;
    const std::string delta = &r == &rows.front() ? "-" : fmt("%+.1f", d.mean) + fmt(" ± %.1f", d.ci95);
    std::snprintf(b, sizeof b, "  %-16s %12.1f %12s  %-24s %9s %8s %9s %7.0f%%  %d sims%s\n", r.label.c_str(),
                  r.agent_hours.mean, has_cost ? fmt("%.2f", r.cost.mean).c_str() : "", delta.c_str(), sl.c_str(),
                  fmt("%.1f", tot.asa.mean).c_str(), fmt("%.2f%%", 100 * tot.abandon_rate.mean).c_str(),
                  100 * r.p_day_meets, st.evaluations, st.feasible ? "" : ", NOT MET");
    o << b;
  }
  o << "\n  agent-hours and cost: the plan's paid hours plus time agents stay to finish calls, mean over "
       "replications;\n  vs first: paired difference to the first row (common random numbers); SL on the first "
       "SL target's\n  threshold, all queues; P(day): share of simulated days meeting every target.\n";
}

json compare_json(const std::vector<CompareRow>& rows, const StaffOptions& opt) {
  json out;
  json arr = json::array();
  for (const CompareRow& r : rows) {
    const StaffResult& st = *r.staff;
    const json run = run_json(st.scenario, st.model, st.summary);
    json o;
    o["target"] = r.label;
    o["agent_hours"] = r.agent_hours.mean;
    o["cost"] = r.has_cost ? json(r.cost.mean) : json(nullptr);
    o["delta_agent_hours"] = stat_json(r.delta_agent_hours);
    o["delta_cost"] = r.has_cost ? stat_json(r.delta_cost) : json(nullptr);
    o["p_day_meets_target"] = r.p_day_meets;
    o["groups"] = staff_groups_json(st);
    o["queues"] = run["queues"];
    o["total"] = run["total"];
    o["planned_agent_hours"] = r.planned_hours;
    o["planned_cost"] = r.has_cost ? json(r.planned_cost) : json(nullptr);
    o["feasible"] = st.feasible;
    o["iterations"] = st.evaluations;
    arr.push_back(o);
  }
  out["rows"] = arr;
  out["scope"] = opt.scope == StaffScope::day ? "day" : "interval";
  out["confidence"] = opt.confidence;
  return out;
}

}  // namespace ccsim
