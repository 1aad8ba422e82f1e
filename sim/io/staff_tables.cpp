#include "sim/io/staff_tables.hpp"
#include "sim/compile/compile.hpp"

#include <cstdint>

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
  h5::set_attr(f.id(), "staff_simulated_days", static_cast<std::int64_t>(r.simulated_days));
  h5::set_attr(f.id(), "staff_cost", r.cost);
  h5::set_attr(f.id(), "staff_lower_bound", r.lower_bound);  // NaN under scope day
  h5::set_attr(f.id(), "staff_gap", r.gap);
  h5::set_attr(f.id(), "staff_max_replications", static_cast<std::int64_t>(o.max_replications));
  std::int64_t unresolved = 0;
  for (const StaffVerdict& v : r.verdicts) unresolved += v.resolved ? 0 : 1;
  h5::set_attr(f.id(), "staff_unresolved_verdicts", unresolved);
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

}  // namespace ccsim
