#include "sim/report/run_text.hpp"
#include "sim/report/format_number.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "models/units.hpp"
#include "sim/report/value_report.hpp"
#include "sim/stats/metric_registry.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

namespace {

std::string pct(const Stat& s) { return num("{:.2f}%", 100 * s.mean) + num(" ± {:.2f}", 100 * s.ci95); }
std::string secs(const Stat& s) { return num("{:.1f} s", s.mean) + num(" ± {:.1f}", s.ci95); }
std::string count(const Stat& s) { return num("{:.1f}", s.mean) + num(" ± {:.1f}", s.ci95); }

void line(std::ostream& o, const std::string& label, const std::string& value) {
  o << fmt::format("  {} {}\n", pad_right(label, 34), value);
}

std::string figure(MetricUnit unit, const Stat& s) {
  switch (unit) {
    case MetricUnit::fraction:
      return pct(s);
    case MetricUnit::seconds:
      return secs(s);
    default:
      return count(s);
  }
}

// A queue's (q) or the total's (nullptr) lines: the registry's text metrics in text order.
// `transfer_dest`: some queue transfers calls to q.
// Daily mean and long-run figure differ by more than their two CIs together: worth a line.
bool differs(const Stat& daily, const Stat& long_run) {
  return std::isfinite(daily.mean) && std::isfinite(long_run.mean) &&
         std::abs(daily.mean - long_run.mean) > daily.ci95 + long_run.ci95;
}

// `long_run`: the block's long-run figures, shown after it where they differ (or nullptr).
void queue_block(std::ostream& o, const std::string& title, const CallSummary& c, const std::vector<double>& th,
                 const QueueSpec* q, unsigned features, const CallSummary* long_run, bool transfer_dest = false) {
  o << title << '\n';
  std::vector<std::string> pooled;  // the long-run lines, printed after the block
  for (const CallMetricRow& row : call_metric_layout(th.size(), kOutText, true, MetricOrder::text, features)) {
    const CallMetricDef& d = *row.def;
    if (d.text_when == TextWhen::balk && !(q ? !q->balk.empty() : c.balked.mean > 0)) continue;
    if (d.text_when == TextWhen::disconnect &&
        !(q ? q->at_close == models::AtClose::disconnect : c.disconnected.mean > 0))
      continue;
    if (d.text_when == TextWhen::callback && !(q ? q->callback.has_value() : c.callbacks_offered.mean > 0)) continue;
    if (d.text_when == TextWhen::transfer_out && !(q ? !q->transfers.empty() : c.transferred.mean > 0)) continue;
    if (d.text_when == TextWhen::transfer_in && !(q ? transfer_dest : c.transfers_in.mean > 0)) continue;
    if (d.text_when == TextWhen::message && !(q ? q->at_close == models::AtClose::message : c.messages.mean > 0))
      continue;
    // A queue shows the lines of its features; the total those that happened anywhere.
    if (d.text_when == TextWhen::retrial && !(q ? bool(q->retrial) : c.redials.mean > 0)) continue;
    if (d.text_when == TextWhen::capacity && !(q ? bool(q->capacity) : c.blocked.mean > 0)) continue;
    std::string label = metric_label(row, th);
    if (d.text_short_abandon && q) {
      label += " (short < ";
      label += models::format_duration(q->short_abandon);
      label += ')';
    }
    line(o, label, figure(d.unit, metric_stat(c, row)));
    if (long_run && d.ratio && differs(metric_stat(c, row), metric_stat(*long_run, row)))
      pooled.push_back(fmt::format("    {} {}", pad_right(label, 32), figure(d.unit, metric_stat(*long_run, row))));
  }
  if (pooled.empty()) return;
  o << "  long-run (all calls pooled), where it differs from the daily mean:\n";
  for (const std::string& p : pooled) o << p << '\n';
}

// The interval table's SL column: the first service-level target's threshold, else the
// smallest threshold measured; -1 when there is none.
int table_threshold(const Scenario& s, const std::vector<double>& thresholds) {
  for (const auto& qs : s.queues)
    for (const auto& t : qs.targets)
      if (t.kind == Target::Kind::service_level) {
        const int k = threshold_index(thresholds, t.threshold);
        if (k >= 0) return k;
      }
  return thresholds.empty() ? -1 : 0;
}

}  // namespace

void write_text_report(std::ostream& o, const Scenario& s, const RunModel& m, const RunSummary& r,
                       const ValueSummary* value) {
  o << "ccsim " << CCSIM_VERSION << " | " << s.name << " | " << r.replications << " replications, seed " << s.seed
    << '\n';
  o << s.intervals << " intervals of " << models::format_duration(s.interval) << " from "
    << models::format_clock(s.start);
  if (s.days > 1)
    o << " (" << s.days << " days of " << s.day_intervals << ", "
      << (s.carry_over ? "queue and busy agents carried over" : "each simulated apart") << ")";
  if (s.warmup > 0) o << ", warm-up " << models::format_duration(s.warmup);
  o << ". Figures: mean ± half-width of the 95% confidence interval over replications.\n";
  for (const auto& n : s.notes) o << "note: " << n << '\n';

  const std::size_t Q = s.queues.size();
  for (std::size_t q = 0; q < Q; ++q) {
    const QueueSpec& qs = s.queues[q];
    o << '\n';
    bool dest = false;
    for (const auto& other : s.queues)
      for (const auto& x : other.transfers) dest = dest || x.to == qs.name;
    queue_block(o, "Queue '" + qs.name + "'", r.day[q], r.thresholds, &qs, r.features,
                q < r.day_long_run.size() ? &r.day_long_run[q] : nullptr, dest);
    const bool lr = qs.sl_estimator == SlEstimator::long_run;
    for (const Target& t : qs.targets) {
      const TargetResult tr = check_target(t, qs.sl_basis, judged_day(r, qs, q), r.thresholds);
      const bool sl = t.kind == Target::Kind::service_level;
      std::string how = sl ? sl_basis_name(qs.sl_basis) : "";
      if (lr) how += how.empty() ? "long-run" : ", long-run";
      line(o, "target " + t.text + (how.empty() ? "" : " (" + how + ")"),
           std::string(tr.met ? "met" : "NOT met") + " (" +
               (t.kind == Target::Kind::asa ? secs(tr.value) : pct(tr.value)) + ")");
    }
  }
  if (Q > 1) {
    o << '\n';
    queue_block(o, "All queues", r.day[Q], r.thresholds, nullptr, r.features,
                Q < r.day_long_run.size() ? &r.day_long_run[Q] : nullptr);
  }

  // Interval table over all queues: where the day falls short.
  const int k0 = table_threshold(s, r.thresholds);
  if (Q < r.days.size() && !r.days[Q].empty()) {
    // A horizon of several days: each day's figures, daily mean and long-run SL side by side.
    o << "\nPer day, all queues (means; SL daily mean and long-run):\n";
    const std::string head =
        k0 >= 0 ? "SL" + models::format_duration(r.thresholds[static_cast<std::size_t>(k0)]) : "SL";
    o << fmt::format("  {:>4} {:<8} {:>9} {:>9} {:>10} {:>16} {:>9} {:>8} {:>9}\n", "day", "start", "offered",
                     "answered", "abandoned", head, "long-run", "ASA s", "abandon");
    for (std::size_t d = 0; d < r.days[Q].size(); ++d) {
      const CallSummary& c = r.days[Q][d];
      const CallSummary& l = r.days_long_run[Q][d];
      const auto k = static_cast<std::size_t>(k0);
      o << fmt::format("  {:>4} {:<8} {:>9} {:>9} {:>10} {:>16} {:>9} {:>8} {:>9}\n", d + 1,
                       models::format_clock_day(s.day_clock(static_cast<int>(d))), num("{:.1f}", c.offered.mean),
                       num("{:.1f}", c.answered.mean), num("{:.1f}", c.abandoned.mean),
                       k0 >= 0 ? pct(c.sl_offered[k]) : "-", k0 >= 0 ? num("{:.2f}%", 100 * l.sl_offered[k].mean) : "-",
                       num("{:.1f}", c.asa.mean), num("{:.2f}%", 100 * c.abandon_rate.mean));
    }
  }
  o << "\nPer interval, all queues (means):\n";
  const std::string sl_head =
      k0 >= 0 ? "SL" + models::format_duration(r.thresholds[static_cast<std::size_t>(k0)]) : "SL";
  const std::size_t start_width = s.days > 1 ? 8 : 6;  // "06:00+6" in a horizon of several days
  o << fmt::format("  {} {:>9} {:>9} {:>10} {} {:>8} {:>9} {:>8}\n", pad_right("start", start_width), "offered",
                   "answered", "abandoned", pad_left(sl_head, 9), "ASA s", "abandon", "agents");
  for (int i = 0; i < s.intervals; ++i) {
    const CallSummary& c = r.intervals[Q][static_cast<std::size_t>(i)];
    double agents = 0;  // scheduled on duty, time-weighted, after breaks and shrinkage
    for (const auto& g : m.groups) agents += g.on_duty[static_cast<std::size_t>(i)];
    o << fmt::format("  {} {:>9} {:>9} {:>10} {:>9} {:>8} {:>9} {:8.1f}\n",
                     pad_right(s.days > 1 ? models::format_clock_day(s.interval_clock(i))
                                          : models::format_clock(s.start + i * s.interval),
                               start_width),
                     num("{:.1f}", c.offered.mean), num("{:.1f}", c.answered.mean), num("{:.1f}", c.abandoned.mean),
                     k0 >= 0 ? num("{:.1f}%", 100 * c.sl_offered[static_cast<std::size_t>(k0)].mean) : "-",
                     num("{:.1f}", c.asa.mean), num("{:.2f}%", 100 * c.abandon_rate.mean), agents);
  }

  o << "\nAgent groups:\n";
  double total_cost = 0;
  bool any_cost = false;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const GroupSummary& gs = r.group_day[g];
    o << "  '" << s.groups[g].name << "': occupancy " << pct(gs.occupancy) << ", paid "
      << num("{:.1f}", gs.agent_hours.mean) << " agent-hours";
    if (gs.overtime_hours > 0) o << " + " << num("{:.1f}", gs.overtime_hours) << " overtime";
    o << ", productive " << num("{:.1f}", gs.productive_hours) << ", on duty " << count(gs.on_duty_hours) << " h";
    if (s.groups[g].cost_per_hour) {
      o << ", cost " << num("{:.2f}", gs.cost);
      total_cost += gs.cost;
      any_cost = true;
    }
    o << '\n';
  }
  if (any_cost && s.groups.size() > 1) o << "  total cost " << num("{:.2f}", total_cost) << '\n';
  if (value) write_value_text(o, s, *value);
}

}  // namespace ccsim
