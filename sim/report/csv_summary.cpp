#include "sim/report/csv_summary.hpp"

#include <cmath>

#include <fmt/format.h>

#include "models/units.hpp"
#include "sim/stats/summary_rows.hpp"

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

std::string queue_name(const Scenario& s, std::size_t q) { return q < s.queues.size() ? s.queues[q].name : "total"; }

}  // namespace

void write_csv_summary(std::ostream& o, const Scenario& s, const RunSummary& r) {
  o << "queue,metric,mean,ci95\n";
  for (std::size_t q = 0; q < r.day.size(); ++q) {
    const std::string name = quoted(queue_name(s, q));
    for (const auto& [metric, st] : call_metric_rows(r.day[q], r.thresholds, kOutCsv, true, r.features))
      o << name << ',' << metric << ',' << number(st.mean) << ',' << (std::isfinite(st.mean) ? number(st.ci95) : "")
        << '\n';
  }
}

void write_csv_intervals(std::ostream& o, const Scenario& s, const RunSummary& r) {
  if (r.intervals.empty() || r.intervals[0].empty()) return;
  o << "queue,interval,start";
  for (const auto& [metric, st] : call_metric_rows(r.intervals[0][0], r.thresholds, kOutCsv, false, r.features))
    o << ',' << metric << ',' << metric << "_ci95";
  o << '\n';
  for (std::size_t q = 0; q < r.intervals.size(); ++q) {
    const std::string name = quoted(queue_name(s, q));
    for (std::size_t i = 0; i < r.intervals[q].size(); ++i) {
      o << name << ',' << i << ',' << models::format_clock(s.start + static_cast<double>(i) * s.interval);
      for (const auto& [metric, st] : call_metric_rows(r.intervals[q][i], r.thresholds, kOutCsv, false, r.features))
        o << ',' << number(st.mean) << ',' << (std::isfinite(st.mean) ? number(st.ci95) : "");
      o << '\n';
    }
  }
}

}  // namespace ccsim
