#include "sim/report/csv_summary.hpp"

#include <cmath>

#include <fmt/format.h>

#include "models/units.hpp"
#include "sim/stats/metric_registry.hpp"

namespace ccsim {

namespace {

std::string quoted(const std::string& q) {
  std::string out = "\"";
  for (char ch : q) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + '"';
}

std::string number(double v) {
  if (!std::isfinite(v)) return "";
  return fmt::format("{:.10g}", v);
}

// "mean,ci95": both empty when the mean is undefined.
std::string stat_cells(const Stat& st) {
  return number(st.mean) + ',' + (std::isfinite(st.mean) ? number(st.ci95) : "");
}

std::string queue_name(const Scenario& s, std::size_t q) { return q < s.queues.size() ? s.queues[q].name : "total"; }

}  // namespace

void write_csv_summary(std::ostream& o, const Scenario& s, const RunSummary& r) {
  // The long-run columns come last, so the first four keep their places; they are empty
  // for metrics without a long-run form (counts, wait_p90).
  o << "queue,metric,mean,ci95,long_run_mean,long_run_ci95\n";
  const auto rows = call_metric_layout(r.thresholds.size(), kOutCsv, true, MetricOrder::registry, r.features);
  for (std::size_t q = 0; q < r.day.size(); ++q) {
    const std::string name = quoted(queue_name(s, q));
    const CallSummary* lr = q < r.day_long_run.size() ? &r.day_long_run[q] : nullptr;
    for (const CallMetricRow& row : rows) {
      const Stat& st = metric_stat(r.day[q], row);
      o << name << ',' << metric_name(row, r.thresholds) << ',' << stat_cells(st) << ',';
      if (lr && row.def->ratio)
        o << stat_cells(metric_stat(*lr, row));
      else
        o << ',';
      o << '\n';
    }
  }
}

void write_csv_intervals(std::ostream& o, const Scenario& s, const RunSummary& r) {
  if (r.intervals.empty() || r.intervals[0].empty()) return;
  // Wide rows: each metric's mean and ci95, then (added later, so at the end) each ratio
  // metric's long-run figure and its ci95.
  const auto rows = call_metric_layout(r.thresholds.size(), kOutCsv, false, MetricOrder::registry, r.features);
  const auto lr_rows = long_run_layout(r.thresholds.size(), kOutCsv, false, r.features);
  o << "queue,interval,start";
  for (const CallMetricRow& row : rows) {
    const std::string metric = metric_name(row, r.thresholds);
    o << ',' << metric << ',' << metric << "_ci95";
  }
  for (const CallMetricRow& row : lr_rows) {
    const std::string metric = metric_name(row, r.thresholds);
    o << ',' << metric << "_long_run," << metric << "_long_run_ci95";
  }
  o << '\n';
  for (std::size_t q = 0; q < r.intervals.size(); ++q) {
    const std::string name = quoted(queue_name(s, q));
    for (std::size_t i = 0; i < r.intervals[q].size(); ++i) {
      o << name << ',' << i << ',' << models::format_clock(s.start + static_cast<double>(i) * s.interval);
      for (const CallMetricRow& row : rows) o << ',' << stat_cells(metric_stat(r.intervals[q][i], row));
      const bool have = q < r.intervals_long_run.size() && i < r.intervals_long_run[q].size();
      for (const CallMetricRow& row : lr_rows)
        o << ',' << (have ? stat_cells(metric_stat(r.intervals_long_run[q][i], row)) : std::string(","));
      o << '\n';
    }
  }
}

}  // namespace ccsim
