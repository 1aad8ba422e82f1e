#include "sim/stats/summary_rows.hpp"

#include "sim/stats/metric_registry.hpp"

namespace ccsim {

std::vector<std::pair<std::string, Stat*>> call_metric_fields(CallSummary& c, const std::vector<double>& thresholds,
                                                              unsigned output, bool day, unsigned features) {
  const std::size_t T = thresholds.size();
  c.sl_offered.resize(T);
  c.sl_answered.resize(T);
  c.sl_refined.resize(T);
  c.sl_abandoned_met.resize(T);
  std::vector<std::pair<std::string, Stat*>> m;
  for (const CallMetricRow& row : call_metric_layout(T, output, day, MetricOrder::registry, features))
    m.emplace_back(metric_name(row, thresholds), &metric_stat(c, row));
  return m;
}

MetricRows call_metric_rows(const CallSummary& c, const std::vector<double>& thresholds, unsigned output, bool day,
                            unsigned features) {
  CallSummary copy = c;
  MetricRows out;
  for (const auto& [name, stat] : call_metric_fields(copy, thresholds, output, day, features))
    out.emplace_back(name, *stat);
  return out;
}

}  // namespace ccsim
