#include "sim/staff_tables.hpp"

#include <cmath>

#include "sim/results_tables.hpp"

namespace ccsim {

void write_staffing_table(ResultsFile& f, const Scenario& input, const StaffResult& r, int row) {
  const RunModel in = compile(input, r.model.thresholds);
  const std::size_t G = r.staffing.size();
  const int I = r.model.intervals;
  h5::TableData t;
  if (row >= 0) t.add<std::int16_t>("row").assign(G * static_cast<std::size_t>(I), static_cast<std::int16_t>(row));
  auto& group = t.add<std::int16_t>("group");
  auto& interval = t.add<std::int32_t>("interval");
  auto& agents = t.add<std::int32_t>("agents");
  auto& ec = t.add<std::int32_t>("erlang_c");
  auto& ea = t.add<std::int32_t>("erlang_a");
  auto& plan = t.add<double>("input");
  auto at = [](const std::vector<std::vector<int>>& v, std::size_t g, int i) {
    return g < v.size() && static_cast<std::size_t>(i) < v[g].size() ? v[g][static_cast<std::size_t>(i)] : 0;
  };
  for (std::size_t g = 0; g < G; ++g)
    for (int i = 0; i < I; ++i) {
      group.push_back(static_cast<std::int16_t>(g));
      interval.push_back(i);
      agents.push_back(at(r.staffing, g, i));
      ec.push_back(at(r.erlang.erlang_c, g, i));
      ea.push_back(at(r.erlang.erlang_a, g, i));
      const auto& duty = in.groups[g].on_duty;
      plan.push_back(static_cast<std::size_t>(i) < duty.size() ? duty[static_cast<std::size_t>(i)] : 0.0);
    }
  f.append("staffing", t);
}

void write_staff_attributes(ResultsFile& f, const StaffResult& r, const StaffOptions& o) {
  h5::set_attr(f.id(), "staff_scope", std::string(o.scope == StaffScope::day ? "day" : "interval"));
  h5::set_attr(f.id(), "staff_confidence", o.confidence);
  h5::set_attr(f.id(), "staff_feasible", static_cast<std::int64_t>(r.feasible ? 1 : 0));
  h5::set_attr(f.id(), "staff_simulations", static_cast<std::int64_t>(r.evaluations));
  // The targets searched for (--target replaces the file's, which /scenario_toml keeps).
  h5::TableData t;
  auto& queue = t.add<std::int16_t>("queue");
  auto& target = t.add<std::string>("target");
  for (std::size_t q = 0; q < r.scenario.queues.size(); ++q)
    for (const Target& x : r.scenario.queues[q].targets) {
      queue.push_back(static_cast<std::int16_t>(q));
      target.push_back(x.text);
    }
  f.append("staff_targets", t);
}

void write_compare_tables(ResultsFile& f, const Scenario& input, const std::vector<CompareRow>& rows) {
  h5::TableData t;
  auto& row = t.add<std::int16_t>("row");
  auto& target = t.add<std::string>("target");
  auto& feasible = t.add<std::int8_t>("feasible");
  auto& planned_hours = t.add<double>("planned_agent_hours");
  auto& planned_cost = t.add<double>("planned_cost");
  auto& hours = t.add<double>("agent_hours");
  auto& hours_ci = t.add<double>("agent_hours_ci95");
  auto& cost = t.add<double>("cost");
  auto& cost_ci = t.add<double>("cost_ci95");
  auto& dhours = t.add<double>("delta_agent_hours");
  auto& dhours_ci = t.add<double>("delta_agent_hours_ci95");
  auto& dcost = t.add<double>("delta_cost");
  auto& dcost_ci = t.add<double>("delta_cost_ci95");
  auto& p_meets = t.add<double>("p_day_meets_target");
  auto& sims = t.add<std::int32_t>("simulations");
  const double nan = std::nan("");
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const CompareRow& c = rows[k];
    row.push_back(static_cast<std::int16_t>(k));
    target.push_back(c.label);
    feasible.push_back(c.staff->feasible ? 1 : 0);
    planned_hours.push_back(c.planned_hours);
    planned_cost.push_back(c.has_cost ? c.planned_cost : nan);
    hours.push_back(c.agent_hours.mean);
    hours_ci.push_back(c.agent_hours.ci95);
    cost.push_back(c.has_cost ? c.cost.mean : nan);
    cost_ci.push_back(c.has_cost ? c.cost.ci95 : nan);
    dhours.push_back(c.delta_agent_hours.mean);
    dhours_ci.push_back(c.delta_agent_hours.ci95);
    dcost.push_back(c.has_cost ? c.delta_cost.mean : nan);
    dcost_ci.push_back(c.has_cost ? c.delta_cost.ci95 : nan);
    p_meets.push_back(c.p_day_meets);
    sims.push_back(c.staff->evaluations);
  }
  f.append("comparison", t);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const StaffResult& r = *rows[k].staff;
    write_staffing_table(f, input, r, static_cast<int>(k));
    write_run_tables(f, r.model, r.reps, r.summary, PlanKey{"row", static_cast<int>(k)});
  }
}

}  // namespace ccsim
