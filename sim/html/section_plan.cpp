// One simulated plan: per queue SL / ASA / abandon rate per interval with CI bands, the
// target and the misses; the day summary with CIs and long-run figures; the distribution
// of daily SL; per group agents and occupancy; money and SLA items.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "sim/html/html_blocks.hpp"
#include "sim/html/html_text.hpp"
#include "sim/html/page_context.hpp"
#include "sim/html/plan_stats.hpp"
#include "sim/html/svg_plot.hpp"

namespace ccsim::html {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string value_text(double v, bool pct, int decimals = 1) {
  return pct ? percent(v, decimals) : number(v, decimals);
}

std::string with_ci(double mean, double ci, bool pct, int decimals = 1) {
  const std::string pm = plus_minus(ci, pct, decimals);
  return value_text(mean, pct, decimals) + (pm.empty() || !std::isfinite(mean) ? "" : " " + pm);
}

// What a target's figure is: "SL 20s", "ASA", "abandon rate".
std::string target_unit(const Target& t) {
  switch (t.kind) {
    case Target::Kind::service_level:
      return "SL";
    case Target::Kind::asa:
      return "ASA";
    case Target::Kind::abandon:
      return "abandon rate";
  }
  return "";
}

std::string target_value_text(const Target& t) {
  return t.kind == Target::Kind::asa ? duration_label(t.threshold) : percent(t.fraction, 0);
}

// A chart of one figure per interval with its band, the target and the misses, plus the
// sentence listing the misses.
struct FigureSpec {
  std::string css, title, y_label, series_name;
  const std::vector<Stat>* stats = nullptr;
  bool pct = false;
  const Target* target = nullptr;
  std::string colour = "#1f77b4";
};

std::string interval_chart(const Context& ctx, const FigureSpec& f) {
  svg::LineChart c;
  c.css_class = f.css;
  c.title = f.title;
  c.y_label = f.y_label;
  c.x_labels = ctx.x_labels();
  c.separators = ctx.day_starts();
  c.percent = f.pct;
  if (f.css == "sl-chart") c.y_max = 1.0;
  svg::Series s;
  s.name = f.series_name + " (mean, 95% CI)";
  s.colour = f.colour;
  stat_band(*f.stats, s.y, s.lo, s.hi);
  std::vector<std::string> missed_text;
  if (f.target) {
    c.target = f.target->kind == Target::Kind::asa ? f.target->threshold : f.target->fraction;
    c.target_label = "target " + f.target->text;
    for (std::size_t i = 0; i < s.y.size(); ++i) {
      if (!std::isfinite(s.y[i]) || meets(*f.target, s.y[i])) continue;
      const std::string v = with_ci((*f.stats)[i].mean, (*f.stats)[i].ci95, f.pct);
      c.missed.push_back({i, s.y[i], ctx.interval_label(i) + ": " + v + " misses " + f.target->text});
      missed_text.push_back(ctx.interval_label(i) + " (" + value_text(s.y[i], f.pct) + ")");
    }
  }
  c.series.push_back(std::move(s));
  std::string out = figure(svg::line_chart(c), f.title);
  if (f.target) {
    if (missed_text.empty()) {
      out += para("Every interval meets " + f.target->text + " (" + target_unit(*f.target) + " " +
                      (f.target->kind == Target::Kind::service_level ? "≥ " : "≤ ") + target_value_text(*f.target) +
                      " on the mean).",
                  "met");
    } else {
      std::string list;
      for (const auto& m : missed_text) list += (list.empty() ? "" : ", ") + m;
      out += para(fmt::format("{} of {} intervals miss {} on the mean: {}.", missed_text.size(), ctx.intervals,
                              f.target->text, list),
                  "misses");
    }
  }
  return out;
}

const Target* first_of(const QueueGoal& g, Target::Kind kind) {
  for (const auto& t : g.targets)
    if (t.kind == kind) return &t;
  return nullptr;
}

// The day summary table of one queue (or the total, queue -1).
std::string summary_table(const Context& ctx, const Plan& plan, int queue, const QueueGoal* goal) {
  struct Row {
    std::string metric, label;
    bool pct;
    int decimals;
    const Target* target;
  };
  std::vector<Row> rows = {{"offered", "Offered calls per day", false, 1, nullptr},
                           {"answered", "Answered", false, 1, nullptr},
                           {"abandoned", "Abandoned", false, 1, nullptr}};
  const SlBasis basis = goal ? goal->basis : SlBasis::offered;
  for (double t : ctx.thresholds) {
    const std::string sfx = threshold_suffix(plan.intervals.columns, t);
    if (sfx.empty()) continue;
    const Target* tg = nullptr;
    if (goal)
      for (const auto& x : goal->targets)
        if (x.kind == Target::Kind::service_level && std::fabs(x.threshold - t) < 1e-9) tg = &x;
    rows.push_back({sl_metric(sfx, basis), "SL within " + duration_label(t) + " (" + sl_basis_name(basis) + " basis)",
                    true, 1, tg});
  }
  rows.push_back({"asa", "ASA (s)", false, 1, goal ? first_of(*goal, Target::Kind::asa) : nullptr});
  rows.push_back({"abandon_rate", "Abandon rate", true, 2, goal ? first_of(*goal, Target::Kind::abandon) : nullptr});
  rows.push_back({"abandon_rate_refined", "Refined abandon rate", true, 2, nullptr});
  rows.push_back({"mean_wait_all", "Mean wait, all calls (s)", false, 1, nullptr});
  rows.push_back({"wait_p90", "90th percentile wait (s)", false, 1, nullptr});
  rows.push_back({"blocked_rate", "Blocked rate", true, 2, nullptr});

  std::vector<std::vector<Cell>> cells;
  for (const auto& r : rows) {
    const SummaryValue v = summary_value(plan.summary, "queue", queue, r.metric);
    if (!v.found) continue;
    Cell verdict;
    if (r.target) {
      const bool long_run = goal && goal->estimator == SlEstimator::long_run;
      const double judged = long_run ? v.long_run : v.mean;
      const bool ok = meets(*r.target, judged);
      verdict = {r.target->text + (ok ? " met" : " missed") + (long_run ? " (long-run)" : ""), ok ? "met" : "miss", ""};
    }
    cells.push_back({{r.label, "", ""},
                     {with_ci(v.mean, v.ci95, r.pct, r.decimals), "num", ""},
                     {with_ci(v.long_run, v.long_run_ci95, r.pct, r.decimals), "num", ""},
                     verdict});
  }
  if (cells.empty()) return para("No summary rows for this queue in the file.", "note");
  return table({"Metric", "Mean per replication ± 95% CI", "Long-run (all calls pooled) ± 95% CI", "Target (day)"},
               cells);
}

// The distribution of each replication's SL, and the share below the target.
std::string daily_histogram(const Context& ctx, const Plan& plan, int queue, const QueueGoal& goal,
                            const std::string& id) {
  const Target* target = first_of(goal, Target::Kind::service_level);
  const double threshold = target ? target->threshold : ctx.thresholds.empty() ? kNaN : ctx.thresholds.front();
  if (!std::isfinite(threshold)) return "";
  const std::string sfx = threshold_suffix(plan.replications.columns, threshold);
  if (sfx.empty()) return "";
  const Table rows = plan.replications.where("queue", queue);
  const std::string metric = sl_metric(sfx, goal.basis);
  if (!rows.has(metric)) return "";
  const auto& values = rows.num(metric);
  std::size_t n = 0, below = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    ++n;
    if (target && !meets(*target, v)) ++below;
  }
  const std::string unit = ctx.days > 1 ? fmt::format("{}-day horizon", ctx.days) : "day";
  svg::Histogram h;
  h.css_class = "sl-hist";
  h.title = "Service level of each replication (" + unit + "), within " + duration_label(threshold) + ", " +
            sl_basis_name(goal.basis) + " basis";
  h.x_label = "SL within " + duration_label(threshold) + " of one replication";
  h.values = values;
  h.percent = true;
  h.bins = n < 30 ? 10 : 20;
  if (target) h.target = target->fraction;
  std::string out = heading(4, id + "-days", "Distribution of the daily service level");
  out += figure(svg::histogram(h), h.title);
  if (target && n > 0) {
    out +=
        para(fmt::format("{} of {} replications ({}) fall below {} — the share of {}s that breach the target.", below,
                         n, percent(static_cast<double>(below) / static_cast<double>(n)), target->text, unit, unit),
             below > 0 ? "misses" : "met");
  } else if (n == 0) {
    out += para("No replication has a defined service level (no calls).", "note");
  }
  if (ctx.days > 1)
    out +=
        para(fmt::format("Each replication simulates {} days; its SL pools them all. The table below gives each day.",
                         ctx.days),
             "note");
  return out;
}

// Several days: the day summary per day (/day_summary).
std::string day_table(const Context& ctx, const Plan& plan, int queue, const QueueGoal& goal) {
  if (plan.day_summary.empty()) return "";
  const Table t = plan.day_summary.where("queue", queue);
  const Target* sl_target = nullptr;
  for (const auto& x : goal.targets)
    if (x.kind == Target::Kind::service_level) {
      sl_target = &x;
      break;
    }
  const double threshold = sl_target ? sl_target->threshold : ctx.thresholds.empty() ? kNaN : ctx.thresholds[0];
  const std::string sfx = std::isfinite(threshold) ? threshold_suffix(plan.intervals.columns, threshold) : "";
  std::vector<std::vector<Cell>> cells;
  for (int d = 1; d <= ctx.days; ++d) {
    const Table day = t.where("day", d);
    auto get = [&](const std::string& m) { return summary_value(day, "queue", queue, m); };
    const SummaryValue off = get("offered"), asa = get("asa"), ab = get("abandon_rate");
    const SummaryValue sl = sfx.empty() ? SummaryValue{} : get(sl_metric(sfx, goal.basis));
    Cell sl_cell{with_ci(sl.mean, sl.ci95, true), "num", ""};
    if (sl_target && sl.found && !meets(*sl_target, sl.mean)) sl_cell.cls = "num miss";
    cells.push_back({{fmt::format("day {}", d), "", ""},
                     {with_ci(off.mean, off.ci95, false), "num", ""},
                     sl_cell,
                     {with_ci(asa.mean, asa.ci95, false), "num", ""},
                     {with_ci(ab.mean, ab.ci95, true, 2), "num", ""}});
  }
  return heading(4, "", "Each day of the horizon") +
         table({"Day", "Offered", "SL" + (sfx.empty() ? "" : " within " + duration_label(threshold)), "ASA (s)",
                "Abandon rate"},
               cells);
}

std::string queue_part(const Context& ctx, const Plan& plan, std::size_t q) {
  const QueueGoal& goal = plan.goals[q];
  const int qi = static_cast<int>(q);
  const std::string id = plan.id + "-q-" + anchor_id(ctx.queues[q]);
  std::string out = "<section class=\"queue\" id=\"" + escape(id) + "\">\n";
  out += heading(3, "", "Queue '" + ctx.queues[q] + "'");
  out += para(fmt::format(
      "Targets: {}. SL basis: {}. Targets are judged on the {}.", targets_text(goal), sl_basis_name(goal.basis),
      goal.estimator == SlEstimator::long_run ? "long-run figure (all calls pooled)" : "mean over replications"));
  // SL charts: one per SL target, else the first threshold measured.
  std::vector<std::pair<double, const Target*>> sl_charts;
  for (const auto& t : goal.targets)
    if (t.kind == Target::Kind::service_level) sl_charts.emplace_back(t.threshold, &t);
  if (sl_charts.empty() && !ctx.thresholds.empty()) sl_charts.emplace_back(ctx.thresholds.front(), nullptr);
  IntervalFigures base;
  bool have_base = false;
  for (const auto& [threshold, target] : sl_charts) {
    const std::string sfx = threshold_suffix(plan.intervals.columns, threshold);
    IntervalFigures fig = interval_figures(plan.intervals, qi, ctx.intervals, sfx, goal.basis);
    FigureSpec f;
    f.css = "sl-chart";
    f.title = "Service level per interval, within " + duration_label(threshold) + " (" + sl_basis_name(goal.basis) +
              " basis), queue '" + ctx.queues[q] + "'";
    f.y_label = "SL within " + duration_label(threshold);
    f.series_name = "SL";
    f.stats = &fig.sl;
    f.pct = true;
    f.target = target;
    out += interval_chart(ctx, f);
    if (!have_base) base = std::move(fig), have_base = true;
  }
  if (!have_base) base = interval_figures(plan.intervals, qi, ctx.intervals, "", goal.basis);
  {
    FigureSpec f;
    f.css = "asa-chart";
    f.title = "ASA per interval (seconds), queue '" + ctx.queues[q] + "'";
    f.y_label = "ASA (s)";
    f.series_name = "ASA";
    f.stats = &base.asa;
    f.target = first_of(goal, Target::Kind::asa);
    f.colour = "#9467bd";
    out += interval_chart(ctx, f);
  }
  {
    FigureSpec f;
    f.css = "abandon-chart";
    f.title = "Abandon rate per interval, queue '" + ctx.queues[q] + "'";
    f.y_label = "abandon rate";
    f.series_name = "abandon rate";
    f.stats = &base.abandon;
    f.pct = true;
    f.target = first_of(goal, Target::Kind::abandon);
    f.colour = "#ff7f0e";
    out += interval_chart(ctx, f);
  }
  out += heading(4, "", ctx.days > 1 ? fmt::format("Summary of the {}-day horizon", ctx.days) : "Summary of the day");
  out += summary_table(ctx, plan, qi, &goal);
  out += daily_histogram(ctx, plan, qi, goal, id);
  out += day_table(ctx, plan, qi, goal);
  return out + "</section>\n";
}

std::string group_part(const Context& ctx, const Plan& plan, std::size_t g) {
  const GroupFigures fig = group_figures(plan.group_intervals, static_cast<int>(g), ctx.intervals);
  svg::LineChart c;
  c.css_class = "agents-chart";
  c.title = "Agents per interval, group '" + ctx.groups[g] + "'";
  c.y_label = "agents";
  c.x_labels = ctx.x_labels();
  c.separators = ctx.day_starts();
  svg::Series sched;
  sched.name = "scheduled (plan)";
  sched.colour = "#7f7f7f";
  sched.step = true;
  std::vector<double> lo, hi;
  stat_band(fig.scheduled, sched.y, lo, hi);
  svg::Series duty;
  duty.name = "on duty (mean, 95% CI)";
  duty.colour = "#2ca02c";
  stat_band(fig.on_duty, duty.y, duty.lo, duty.hi);
  c.series = {sched, duty};
  std::string out = "<section class=\"group\">\n" + heading(3, "", "Agent group '" + ctx.groups[g] + "'");
  out += figure(svg::line_chart(c), c.title);
  svg::LineChart o;
  o.css_class = "occupancy-chart";
  o.title = "Occupancy per interval, group '" + ctx.groups[g] + "'";
  o.y_label = "occupancy";
  o.x_labels = c.x_labels;
  o.separators = c.separators;
  o.percent = true;
  o.y_max = 1.0;
  svg::Series occ;
  occ.name = "occupancy (mean, 95% CI)";
  occ.colour = "#8c564b";
  stat_band(fig.occupancy, occ.y, occ.lo, occ.hi);
  o.series = {occ};
  out += figure(svg::line_chart(o), o.title);
  struct Row {
    std::string metric, label;
    bool pct;
  };
  const std::vector<Row> rows = {
      {"occupancy", "Occupancy (day)", true},      {"agent_hours", "Paid agent-hours", false},
      {"overtime_hours", "Overtime hours", false}, {"on_duty_hours", "On-duty hours", false},
      {"busy_hours", "Busy hours", false},         {"cost", "Cost (plan)", false}};
  std::vector<std::vector<Cell>> cells;
  for (const auto& r : rows) {
    const SummaryValue v = summary_value(plan.group_summary, "group", static_cast<int>(g), r.metric);
    if (!v.found) continue;
    cells.push_back({{r.label, "", ""}, {with_ci(v.mean, v.ci95, r.pct), "num", ""}});
  }
  if (!cells.empty()) out += table({"Figure", "Mean ± 95% CI"}, cells);
  return out + "</section>\n";
}

std::string money_part(const Context& ctx, const Plan& plan) {
  if (plan.value.empty()) return "";
  std::vector<std::vector<Cell>> cells;
  const auto& q = plan.value.num("queue");
  const auto& item = plan.value.str("item");
  const auto& days = plan.value.num("days");
  const auto& mean = plan.value.num("mean");
  const auto& ci = plan.value.num("ci95");
  for (std::size_t r = 0; r < plan.value.rows; ++r) {
    const bool total = q[r] < 0 || q[r] >= static_cast<double>(ctx.queues.size());
    const std::string who = total ? "all queues" : ctx.queues[static_cast<std::size_t>(q[r])];
    const bool share = item[r] == "p_meet" || item[r] == "p_meet_lo" || item[r] == "p_meet_hi";
    const int dec = share ? 1 : (item[r] == "periods" || item[r] == "periods_met") ? 0 : 2;
    cells.push_back({{who, "", ""},
                     {item[r], "", ""},
                     {std::isfinite(days[r]) ? fmt::format("{}", static_cast<long long>(days[r])) : "-", "num", ""},
                     {with_ci(mean[r], ci[r], share, dec), "num", ""}});
  }
  std::string out = heading(3, plan.id + "-money", "Money and service level agreements");
  out += para(
      "Per day (days = 1) or per SLA period (days = the period's length): revenue, call costs, staff cost, "
      "penalties and net value; p_meet is the share of SLA periods that met the target (docs/results-format.md §4b).",
      "note");
  out += table({"Queue", "Item", "Days", "Mean ± 95% CI"}, cells);
  if (!plan.periods.empty()) {
    std::vector<std::vector<Cell>> pc;
    for (std::size_t k = 0; k < ctx.queues.size(); ++k) {
      const Table t = plan.periods.where("queue", static_cast<double>(k));
      if (t.empty()) continue;
      std::size_t met = 0;
      double penalty = 0;
      for (std::size_t r = 0; r < t.rows; ++r) {
        met += t.num("met")[r] != 0;
        if (std::isfinite(t.num("penalty")[r])) penalty += t.num("penalty")[r];
      }
      pc.push_back({{ctx.queues[k], "", ""},
                    {fmt::format("{}", t.rows), "num", ""},
                    {fmt::format("{}", met), met == t.rows ? "num met" : "num miss", ""},
                    {number(penalty, 2), "num", ""}});
    }
    if (!pc.empty()) out += table({"Queue", "SLA periods", "Met", "Penalties in all"}, pc);
  }
  return out;
}

}  // namespace

std::string plan_section(const Context& ctx, const Plan& plan) {
  std::string out;
  for (std::size_t q = 0; q < ctx.queues.size() && q < plan.goals.size(); ++q) out += queue_part(ctx, plan, q);
  if (ctx.queues.size() > 1) {
    out += "<section class=\"queue total\">\n" + heading(3, "", "All queues together");
    out += summary_table(ctx, plan, -1, nullptr) + "</section>\n";
  }
  for (std::size_t g = 0; g < ctx.groups.size(); ++g) out += group_part(ctx, plan, g);
  out += money_part(ctx, plan);
  return out;
}

}  // namespace ccsim::html
