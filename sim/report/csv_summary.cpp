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

namespace {

// Wide rows, one per (queue, range): `keys(q, i)` gives the leading cells after the queue;
// each metric's mean and ci95, then (added later, so at the end) each ratio metric's
// long-run figure and its ci95, then `tail(i)`'s cells.
template <class Keys, class Tail>
void write_wide(std::ostream& o, const Scenario& s, const RunSummary& r, const char* key_head, const char* tail_head,
                const std::vector<std::vector<CallSummary>>& daily, const std::vector<std::vector<CallSummary>>& lr,
                Keys keys, Tail tail) {
  const auto rows = call_metric_layout(r.thresholds.size(), kOutCsv, false, MetricOrder::registry, r.features);
  const auto lr_rows = long_run_layout(r.thresholds.size(), kOutCsv, false, r.features);
  o << "queue," << key_head;
  for (const CallMetricRow& row : rows) {
    const std::string metric = metric_name(row, r.thresholds);
    o << ',' << metric << ',' << metric << "_ci95";
  }
  for (const CallMetricRow& row : lr_rows) {
    const std::string metric = metric_name(row, r.thresholds);
    o << ',' << metric << "_long_run," << metric << "_long_run_ci95";
  }
  o << tail_head << '\n';
  for (std::size_t q = 0; q < daily.size(); ++q) {
    const std::string name = quoted(queue_name(s, q));
    for (std::size_t i = 0; i < daily[q].size(); ++i) {
      o << name << ',' << keys(i);
      for (const CallMetricRow& row : rows) o << ',' << stat_cells(metric_stat(daily[q][i], row));
      const bool have = q < lr.size() && i < lr[q].size();
      for (const CallMetricRow& row : lr_rows)
        o << ',' << (have ? stat_cells(metric_stat(lr[q][i], row)) : std::string(","));
      o << tail(i) << '\n';
    }
  }
}

}  // namespace

void write_csv_intervals(std::ostream& o, const Scenario& s, const RunSummary& r) {
  if (r.intervals.empty() || r.intervals[0].empty()) return;
  // A horizon of several days adds the day (1-based) as the last column.
  const bool days = s.days > 1 && s.day_intervals > 0;
  write_wide(
      o, s, r, "interval,start", days ? ",day" : "", r.intervals, r.intervals_long_run,
      [&s](std::size_t i) {
        return std::to_string(i) + ',' + models::format_clock(s.interval_clock(static_cast<double>(i)));
      },
      [&s, days](std::size_t i) {
        return days ? ',' + std::to_string(static_cast<int>(i) / s.day_intervals + 1) : std::string();
      });
}

void write_csv_days(std::ostream& o, const Scenario& s, const RunSummary& r) {
  write_wide(
      o, s, r, "day,start", "", r.days, r.days_long_run,
      [&s](std::size_t d) {
        return std::to_string(d + 1) + ',' + models::format_clock_day(s.day_clock(static_cast<int>(d)));
      },
      [](std::size_t) { return std::string(); });
}

}  // namespace ccsim
