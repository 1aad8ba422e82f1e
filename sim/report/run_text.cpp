#include "sim/report/run_text.hpp"
#include "sim/report/format_number.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/units.hpp"
#include "sim/report/value_report.hpp"
#include "sim/stats/metric_registry.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

namespace {

// Mean ± 95% CI half-width ("n/a" for the half-width with one replication).
std::string pct(const Stat& s) { return with_ci("{:.2f}%", " ± {:.2f}", s, 100); }
std::string secs(const Stat& s) { return with_ci("{:.1f} s", " ± {:.1f}", s); }
std::string count(const Stat& s) { return with_ci("{:.1f}", " ± {:.1f}", s); }

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

// The basis in words (docs/metrics.md §2, "The four SL bases").
const char* sl_basis_formula(SlBasis b) {
  switch (b) {
    case SlBasis::answered:
      return "SL = answered within T / answered (abandoned calls left out)";
    case SlBasis::refined:
      return "SL = answered within T / (offered - abandoned within T) (callers who hung up before T left out, "
             "later abandons count as missed)";
    case SlBasis::abandoned_met:
      return "SL = (answered within T + abandoned within T) / offered (a caller who hung up before T counts as met)";
    case SlBasis::offered:
      break;
  }
  return "SL = answered within T / offered (abandons count as missed)";
}

std::string basis_words(const QueueSpec& q) {
  std::string w = sl_basis_name(q.sl_basis);
  for (char& c : w)
    if (c == '_') c = ' ';
  w += " basis";
  if (q.sl_estimator == SlEstimator::long_run) w += ", long-run (all calls pooled)";
  return w;
}

// The SL basis (and estimator) the queues' SL figures and targets are on: one line when all
// queues share it, else one line per queue.
void sl_basis_header(std::ostream& o, const Scenario& s) {
  bool same = true;
  for (const QueueSpec& q : s.queues)
    same = same && q.sl_basis == s.queues.front().sl_basis && q.sl_estimator == s.queues.front().sl_estimator;
  if (same && !s.queues.empty()) {
    const QueueSpec& q = s.queues.front();
    o << "SL on the " << basis_words(q) << ": " << sl_basis_formula(q.sl_basis) << ".\n";
    return;
  }
  o << "SL per queue:\n";
  for (const QueueSpec& q : s.queues)
    o << "  '" << q.name << "' on the " << basis_words(q) << ": " << sl_basis_formula(q.sl_basis) << ".\n";
}

// An SL, ASA or abandon cell of the interval table: mean ± 95% CI half-width, "n/a" for the
// half-width with one replication. Fixed widths, so that the ± signs line up.
std::string ci_cell(const Stat& s, double scale, fmt::format_string<double> mean, fmt::format_string<double> half,
                    std::size_t mean_width, std::size_t half_width_cols) {
  if (!std::isfinite(s.mean)) return "-";
  const std::string h = s.n < 2 ? std::string("n/a") : num(half, scale * s.ci95);
  return pad_left(num(mean, scale * s.mean), mean_width) + (s.n < 2 ? "  " : " ±") +
         pad_left_columns(h, half_width_cols);
}

// One interval table: queue q's own (SL on its basis at its targets' thresholds, a marker on
// every interval that misses one of its targets, and how many do), or (q = Q) all queues
// pooled (offered basis at the first SL target's threshold, no target). `agents`: add the
// column of agents on duty (all groups: a table of one queue or of all queues).
void interval_block(std::ostream& o, const Scenario& s, const RunModel& m, const RunSummary& r, std::size_t q, int k0,
                    bool agents, std::size_t start_width) {
  const std::size_t Q = s.queues.size();
  const QueueSpec* qs = q < Q ? &s.queues[q] : nullptr;
  const SlBasis basis = qs ? qs->sl_basis : SlBasis::offered;
  const bool long_run = qs && qs->sl_estimator == SlEstimator::long_run;
  // SL columns: the queue's SL targets' thresholds, in target order, else the common one.
  std::vector<std::size_t> ks;
  bool asa_target = false, abandon_target = false;
  if (qs)
    for (const Target& t : qs->targets) {
      asa_target = asa_target || t.kind == Target::Kind::asa;
      abandon_target = abandon_target || t.kind == Target::Kind::abandon;
      if (t.kind != Target::Kind::service_level) continue;
      const int k = threshold_index(r.thresholds, t.threshold);
      if (k >= 0 && std::find(ks.begin(), ks.end(), static_cast<std::size_t>(k)) == ks.end())
        ks.push_back(static_cast<std::size_t>(k));
    }
  if (ks.empty() && k0 >= 0) ks.push_back(static_cast<std::size_t>(k0));

  std::string targets;
  if (qs)
    for (const Target& t : qs->targets) targets += (targets.empty() ? "" : " + ") + t.text;
  o << "\nPer interval, " << (qs ? "queue '" + qs->name + "'" : std::string("all queues pooled")) << " ("
    << (long_run             ? "long-run figures, all calls pooled"
        : r.replications > 1 ? "means over replications"
                             : "one replication");
  if (!ks.empty()) {
    std::string b = sl_basis_name(basis);
    for (char& c : b)
      if (c == '_') c = ' ';
    o << "; SL on the " << b << " basis";
  }
  if (r.replications > 1) o << ", ± 95% CI half-width";
  if (qs)
    o << "; " << (targets.empty() ? std::string("no target") : "target " + targets);
  else
    o << "; the targets are per queue, above";
  o << "):\n";

  const char* ci_head = r.replications > 1 ? " ± CI" : "";
  const std::size_t sl_w = 14, asa_w = asa_target ? 14 : 8, ab_w = abandon_target ? 15 : 9;
  std::string head =
      fmt::format("  {} {:>9} {:>9} {:>10}", pad_right("start", start_width), "offered", "answered", "abandoned");
  for (const std::size_t k : ks)
    head += ' ' + pad_left_columns("SL" + models::format_duration(r.thresholds[k]) + ci_head, sl_w);
  head += ' ' + pad_left_columns(std::string("ASA s") + (asa_target ? ci_head : ""), asa_w) + ' ' +
          pad_left_columns(std::string("abandon") + (abandon_target ? ci_head : ""), ab_w);
  if (agents) head += fmt::format(" {:>8}", "agents");
  o << head << '\n';

  std::vector<int> missed(qs ? qs->targets.size() : 0, 0);
  int any_missed = 0, beyond_ci = 0;
  for (int i = 0; i < s.intervals; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    const CallSummary& c = r.intervals[q][ii];
    const CallSummary& f = qs ? judged_interval(r, *qs, q, ii) : c;  // what the targets are judged on
    std::string row =
        fmt::format("  {} {:>9} {:>9} {:>10}",
                    pad_right(s.days > 1 ? models::format_clock_day(s.interval_clock(i))
                                         : models::format_clock(s.start + i * s.interval),
                              start_width),
                    num("{:.1f}", c.offered.mean), num("{:.1f}", c.answered.mean), num("{:.1f}", c.abandoned.mean));
    for (const std::size_t k : ks)
      row += ' ' + pad_left_columns(ci_cell(sl_stat(f, basis, k), 100, "{:.1f}%", "{:.1f}", 6, 4), sl_w);
    row += ' ' + pad_left_columns(asa_target ? ci_cell(f.asa, 1, "{:.1f}", "{:.1f}", 6, 5) : num("{:.1f}", f.asa.mean),
                                  asa_w);
    row += ' ' + pad_left_columns(abandon_target ? ci_cell(f.abandon_rate, 100, "{:.2f}%", "{:.2f}", 6, 5)
                                                 : num("{:.2f}%", 100 * f.abandon_rate.mean),
                                  ab_w);
    if (agents) {
      double on_duty = 0;  // scheduled on duty, time-weighted, after breaks and shrinkage
      for (const auto& g : m.groups) on_duty += g.on_duty[ii];
      row += fmt::format(" {:8.1f}", on_duty);
    }
    std::string misses;
    bool clear = false;  // some target missed by more than its figure's 95% CI half-width
    if (qs)
      for (std::size_t t = 0; t < qs->targets.size(); ++t) {
        const Target& target = qs->targets[t];
        const TargetResult tr = check_target(target, basis, f, r.thresholds);
        if (tr.met) continue;
        misses += (misses.empty() ? "  <- misses " : ", ") + target.text;
        ++missed[t];
        const double limit = target.kind == Target::Kind::asa ? target.threshold : target.fraction;
        clear = clear || (tr.value.n > 1 && std::abs(tr.value.mean - limit) > tr.value.ci95);
      }
    beyond_ci += clear;
    any_missed += !misses.empty();
    o << row << misses << '\n';
  }
  if (!qs || qs->targets.empty()) return;
  std::string judged = long_run ? "on the long-run figure" : "on the mean";
  if (any_missed > 0 && r.replications > 1) {
    const std::string clearly =
        beyond_ci == 0 ? "none clearly: each 95% CI reaches the target"
        : beyond_ci == any_missed
            ? std::string(any_missed == 1 ? "clearly" : "all clearly") + ": the whole 95% CI beyond the target"
            : fmt::format("{} clearly: the whole 95% CI beyond the target", beyond_ci);
    judged += "; " + clearly;
  }
  if (qs->targets.size() == 1) {
    o << fmt::format("  {} of {} intervals miss the target {} (judged {}).\n", any_missed, s.intervals,
                     qs->targets.front().text, judged);
    return;
  }
  std::string each;
  for (std::size_t t = 0; t < qs->targets.size(); ++t)
    each += fmt::format("{}{} in {}", t ? ", " : "", qs->targets[t].text, missed[t]);
  o << fmt::format("  {} of {} intervals miss a target ({}; judged {}).\n", any_missed, s.intervals, each, judged);
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
  if (r.replications > 1)
    o << ". Figures: mean ± half-width of the 95% confidence interval over replications.\n";
  else
    o << ". Figures: one replication, so no confidence interval (n/a).\n";
  if (!r.thresholds.empty()) sl_basis_header(o, s);
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
      // The day can meet a target that some intervals miss: say so (the interval table marks them).
      int missed = 0;
      for (std::size_t i = 0; s.intervals > 1 && i < r.intervals[q].size(); ++i)
        missed += !check_target(t, qs.sl_basis, judged_interval(r, qs, q, i), r.thresholds).met;
      line(o, "target " + t.text + (how.empty() ? "" : " (" + how + ")"),
           std::string(tr.met ? "met" : "NOT met") + " (" +
               (t.kind == Target::Kind::asa ? secs(tr.value) : pct(tr.value)) + ")" +
               (missed > 0 ? fmt::format(", missed in {} of {} intervals", missed, s.intervals) : ""));
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
  const std::size_t start_width = s.days > 1 ? 8 : 6;  // "06:00+6" in a horizon of several days
  for (std::size_t q = 0; q < Q; ++q) interval_block(o, s, m, r, q, k0, Q == 1, start_width);
  if (Q > 1) interval_block(o, s, m, r, Q, k0, true, start_width);

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
