#include "sim/io/compare_tables.hpp"

#include <cmath>
#include <cstdint>

#include "sim/io/results_tables.hpp"
#include "sim/io/staff_tables.hpp"
#include "sim/io/value_tables.hpp"

namespace ccsim {

namespace {

// A value and its 95% half-width as two float64 columns; NaN where there is no cost.
struct StatColumns {
  StatColumns(h5::TableData& t, const std::string& name)
      : mean(t.add<double>(name)), ci95(t.add<double>(name + "_ci95")) {}
  void push(const Stat& s, bool defined = true) {
    mean.push_back(defined ? s.mean : std::nan(""));
    ci95.push_back(defined ? s.ci95 : std::nan(""));
  }
  std::vector<double>& mean;
  std::vector<double>& ci95;
};

void comparison_table(ResultsFile& f, const Comparison& c) {
  h5::TableData t;
  auto& row = t.add<std::int16_t>("row");
  auto& target = t.add<std::string>("target");
  auto& feasible = t.add<std::int8_t>("feasible");
  auto& planned_hours = t.add<double>("planned_agent_hours");
  auto& planned_cost = t.add<double>("planned_cost");
  StatColumns hours(t, "agent_hours"), cost(t, "cost"), dhours(t, "delta_agent_hours"), dcost(t, "delta_cost");
  auto& p_meets = t.add<double>("p_day_meets_target");
  auto& sims = t.add<std::int32_t>("simulations");
  // Added after the first layout (results-format §7: new columns go last); NaN without a baseline.
  StatColumns dhours_plan(t, "delta_agent_hours_vs_plan"), dcost_plan(t, "delta_cost_vs_plan");
  const bool base = c.baseline != nullptr;
  for (std::size_t k = 0; k < c.rows.size(); ++k) {
    const CompareRow& r = c.rows[k];
    row.push_back(static_cast<std::int16_t>(k));
    target.push_back(r.label);
    feasible.push_back(r.staff->feasible ? 1 : 0);
    planned_hours.push_back(r.planned_hours);
    planned_cost.push_back(r.has_cost ? r.planned_cost : std::nan(""));
    hours.push(r.agent_hours);
    cost.push(r.cost, r.has_cost);
    dhours.push(r.delta_agent_hours);
    dcost.push(r.delta_cost, r.has_cost);
    p_meets.push_back(r.p_day_meets);
    sims.push_back(r.staff->evaluations);
    dhours_plan.push(r.delta_agent_hours_vs_plan, base);
    dcost_plan.push(r.delta_cost_vs_plan, base && r.has_cost);
  }
  // With money or SLA terms: net value per day, its paired deltas and expected penalties.
  if (!c.rows.empty() && c.rows.front().value) {
    StatColumns net(t, "net_per_day"), dnet(t, "delta_net_per_day"), dnet_plan(t, "delta_net_per_day_vs_plan");
    StatColumns pen(t, "penalties_per_day");
    for (const CompareRow& r : c.rows) {
      net.push(r.value->net);
      dnet.push(r.delta_net);
      dnet_plan.push(r.delta_net_vs_plan, base);
      pen.push(r.value->penalties);
    }
  }
  f.append("comparison", t);
}

// One line, like a /comparison row, for the scenario's own plan.
void baseline_table(ResultsFile& f, const CompareBaseline& b, const std::string& targets) {
  h5::TableData t;
  t.add<std::string>("target").push_back(targets);
  t.add<double>("planned_agent_hours").push_back(b.planned_hours);
  t.add<double>("planned_cost").push_back(b.has_cost ? b.planned_cost : std::nan(""));
  StatColumns(t, "agent_hours").push(b.agent_hours);
  StatColumns(t, "cost").push(b.cost, b.has_cost);
  t.add<double>("p_day_meets_target").push_back(b.p_day_meets);
  if (b.value) {
    StatColumns(t, "net_per_day").push(b.value->net);
    StatColumns(t, "penalties_per_day").push(b.value->penalties);
  }
  f.append("baseline", t);
}

}  // namespace

void write_compare_tables(ResultsFile& f, const Scenario& input, const Comparison& c) {
  comparison_table(f, c);
  for (std::size_t k = 0; k < c.rows.size(); ++k) {
    const StaffResult& r = *c.rows[k].staff;
    write_staffing_table(f, input, r, static_cast<int>(k));
    write_run_tables(f, r.model, r.reps, r.summary, PlanKey{"row", static_cast<int>(k)});
    if (c.rows[k].value) write_value_table(f, r.scenario, *c.rows[k].value, PlanKey{"row", static_cast<int>(k)});
  }
  if (const CompareBaseline* b = c.baseline.get()) {
    baseline_table(f, *b, c.rows.empty() ? std::string() : c.rows.front().label);
    write_run_tables(f, b->model, b->reps, b->summary, PlanKey{}, "baseline_");
    if (b->value) write_value_table(f, b->scenario, *b->value, PlanKey{}, "baseline_");
  }
}

}  // namespace ccsim
