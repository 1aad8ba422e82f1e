#include "sim/stats/summary_rows.hpp"

#include "sim/stats/target_check.hpp"

namespace ccsim {

std::vector<std::pair<std::string, Stat*>> call_metric_fields(CallSummary& c, const std::vector<double>& thresholds,
                                                              bool day) {
  const std::size_t T = thresholds.size();
  c.sl_offered.resize(T);
  c.sl_answered.resize(T);
  c.sl_refined.resize(T);
  std::vector<std::pair<std::string, Stat*>> m{
      {"offered", &c.offered}, {"answered", &c.answered}, {"abandoned", &c.abandoned}, {"blocked", &c.blocked}};
  for (std::size_t k = 0; k < T; ++k) {
    const std::string t = threshold_key(thresholds[k]);
    m.emplace_back("service_level_" + t + "_offered", &c.sl_offered[k]);
    m.emplace_back("service_level_" + t + "_answered", &c.sl_answered[k]);
    m.emplace_back("service_level_" + t + "_refined", &c.sl_refined[k]);
  }
  m.emplace_back("asa", &c.asa);
  m.emplace_back("abandon_rate", &c.abandon_rate);
  m.emplace_back("abandon_rate_refined", &c.abandon_rate_refined);
  m.emplace_back("mean_wait_all", &c.mean_wait_all);
  if (day) m.emplace_back("wait_p90", &c.wait_p90);
  m.emplace_back("blocked_rate", &c.blocked_rate);
  m.emplace_back("redials", &c.redials);
  m.emplace_back("callers", &c.callers);
  m.emplace_back("caller_answered_rate", &c.caller_answered_rate);
  m.emplace_back("caller_abandon_rate", &c.caller_abandon_rate);
  m.emplace_back("caller_blocked_rate", &c.caller_blocked_rate);
  return m;
}

MetricRows call_metric_rows(const CallSummary& c, const std::vector<double>& thresholds, bool day) {
  CallSummary copy = c;
  MetricRows out;
  for (const auto& [name, stat] : call_metric_fields(copy, thresholds, day)) out.emplace_back(name, *stat);
  return out;
}

MetricRows group_metric_rows(const GroupSummary& g) {
  const int n = g.agent_hours.n;
  return {{"occupancy", g.occupancy},
          {"agent_hours", g.agent_hours},
          {"on_duty_hours", g.on_duty_hours},
          {"busy_hours", g.busy_hours},
          {"overtime_hours", Stat{g.overtime_hours, 0, n}},
          {"cost", Stat{g.cost, 0, n}}};
}

}  // namespace ccsim
