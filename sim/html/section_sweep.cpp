// ccsim sweep files: the axes, a table of points with the main figures, and per queue the
// service level against the first axis (one line per value of the other axes).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/html/html_blocks.hpp"
#include "sim/html/html_text.hpp"
#include "sim/html/page_context.hpp"
#include "sim/html/plan_stats.hpp"
#include "sim/html/svg_plot.hpp"

namespace ccsim::html {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string axis_value(const Table& points, const std::string& key, std::size_t r) {
  if (points.strings.count(key)) return points.str(key)[r];
  const double v = points.num(key)[r];
  return std::isfinite(v) ? fmt::format("{}", v) : "-";
}

std::string ci_cell(const SummaryValue& v, bool pct, int dec) {
  if (!v.found) return "-";
  const std::string pm = plus_minus(v.ci95, pct, dec);
  return (pct ? percent(v.mean, dec) : number(v.mean, dec)) + (pm.empty() || !std::isfinite(v.mean) ? "" : " " + pm);
}

}  // namespace

std::string sweep_section(const ResultsFile& file, const Context& ctx) {
  const Table axes = file.table("axes");
  const Table points = file.table("points");
  const Table summary = file.table("summary");
  const Table group_summary = file.table("group_summary");
  std::string out = "<section class=\"sweep\">\n" + heading(2, "sweep", "Sweep points (ccsim sweep)");
  std::vector<std::string> keys = axes.str("key");
  if (keys.empty())
    for (const auto& c : points.columns)
      if (c != "point") keys.push_back(c);
  std::vector<std::vector<Cell>> ar;
  for (std::size_t a = 0; a < keys.size(); ++a)
    ar.push_back({{fmt::format("{}", a), "", ""},
                  {keys[a], "", ""},
                  {a < axes.rows ? number(axes.num("values")[a], 0) : "-", "num", ""}});
  const auto total = file.number_attr("sweep_points");
  out += para(fmt::format("{} of {} points finished{}. Axes: {}.", points.rows,
                          total ? fmt::format("{}", static_cast<long long>(*total)) : "?",
                          file.number_attr("sweep_zip").value_or(0) != 0 ? " (axes advance together, --zip)" : "",
                          file.string_attr("sweep_axes", "-")));
  out += table({"Axis", "Key", "Values"}, ar);

  // Per queue: the SL target (or first threshold) measured.
  struct QueueCol {
    std::string metric;
    const Target* target = nullptr;
    double threshold = kNaN;
  };
  std::vector<QueueCol> qc(ctx.queues.size());
  const std::vector<std::string> interval_columns = file.table_columns("intervals");
  for (std::size_t q = 0; q < ctx.queues.size(); ++q) {
    const QueueGoal& g = ctx.goals[q];
    for (const auto& t : g.targets)
      if (t.kind == Target::Kind::service_level && !qc[q].target) qc[q].target = &t;
    qc[q].threshold = qc[q].target ? qc[q].target->threshold : ctx.thresholds.empty() ? kNaN : ctx.thresholds[0];
    const std::string sfx = std::isfinite(qc[q].threshold) ? threshold_suffix(interval_columns, qc[q].threshold) : "";
    if (!sfx.empty()) qc[q].metric = sl_metric(sfx, g.basis);
  }

  std::vector<std::string> head = {"Point"};
  for (const auto& k : keys) head.push_back(k);
  for (std::size_t q = 0; q < ctx.queues.size(); ++q) {
    const std::string p = ctx.queues.size() > 1 ? ctx.queues[q] + ": " : "";
    head.push_back(p + "offered");
    head.push_back(p + "SL" + (std::isfinite(qc[q].threshold) ? " " + duration_label(qc[q].threshold) : "") + " ± CI");
    head.push_back(p + "ASA (s) ± CI");
    head.push_back(p + "abandon rate ± CI");
  }
  for (const auto& g : ctx.groups) head.push_back(g + ": occupancy");
  std::vector<std::vector<Cell>> rows;
  const auto& point_col = points.num("point");
  for (std::size_t r = 0; r < points.rows; ++r) {
    const double pt = point_col[r];
    const Table s = summary.where("point", pt);
    std::vector<Cell> row = {{number(pt, 0), "num", ""}};
    for (const auto& k : keys) row.push_back({axis_value(points, k, r), "", ""});
    for (std::size_t q = 0; q < ctx.queues.size(); ++q) {
      const int qi = static_cast<int>(q);
      row.push_back({ci_cell(summary_value(s, "queue", qi, "offered"), false, 1), "num", ""});
      const SummaryValue sl = qc[q].metric.empty() ? SummaryValue{} : summary_value(s, "queue", qi, qc[q].metric);
      const bool miss = qc[q].target && sl.found && !meets(*qc[q].target, sl.mean);
      row.push_back({ci_cell(sl, true, 1), miss ? "num miss" : "num", miss ? "below " + qc[q].target->text : ""});
      row.push_back({ci_cell(summary_value(s, "queue", qi, "asa"), false, 1), "num", ""});
      row.push_back({ci_cell(summary_value(s, "queue", qi, "abandon_rate"), true, 2), "num", ""});
    }
    const Table gs = group_summary.where("point", pt);
    for (std::size_t g = 0; g < ctx.groups.size(); ++g)
      row.push_back({ci_cell(summary_value(gs, "group", static_cast<int>(g), "occupancy"), true, 1), "num", ""});
    rows.push_back(row);
  }
  out += table(head, rows, "data sweep-table");

  // SL against the first axis: categories in order of first appearance, one series per
  // combination of the other axes.
  if (!keys.empty() && points.rows > 0) {
    std::vector<std::string> xs;
    std::vector<std::string> combos;
    std::vector<std::size_t> xi(points.rows), si(points.rows);
    for (std::size_t r = 0; r < points.rows; ++r) {
      const std::string x = axis_value(points, keys[0], r);
      std::string combo;
      for (std::size_t a = 1; a < keys.size(); ++a)
        combo += (combo.empty() ? "" : ", ") + keys[a] + "=" + axis_value(points, keys[a], r);
      auto fx = std::find(xs.begin(), xs.end(), x);
      if (fx == xs.end()) fx = xs.insert(xs.end(), x);
      xi[r] = static_cast<std::size_t>(fx - xs.begin());
      auto fc = std::find(combos.begin(), combos.end(), combo);
      if (fc == combos.end()) fc = combos.insert(combos.end(), combo);
      si[r] = static_cast<std::size_t>(fc - combos.begin());
    }
    for (std::size_t q = 0; q < ctx.queues.size(); ++q) {
      if (qc[q].metric.empty()) continue;
      svg::LineChart c;
      c.css_class = "sweep-chart";
      c.title = "Service level within " + duration_label(qc[q].threshold) + " (" + sl_basis_name(ctx.goals[q].basis) +
                " basis) against " + keys[0] + ", queue '" + ctx.queues[q] + "'";
      c.y_label = "SL within " + duration_label(qc[q].threshold);
      c.x_labels = xs;
      c.percent = true;
      c.whiskers = true;
      for (std::size_t k = 0; k < combos.size(); ++k) {
        svg::Series s;
        s.name = combos[k].empty() ? "SL (mean, 95% CI)" : combos[k];
        s.colour = colour(k);
        s.dots = true;
        s.y.assign(xs.size(), kNaN);
        s.lo.assign(xs.size(), kNaN);
        s.hi.assign(xs.size(), kNaN);
        c.series.push_back(std::move(s));
      }
      for (std::size_t r = 0; r < points.rows; ++r) {
        const SummaryValue v =
            summary_value(summary.where("point", point_col[r]), "queue", static_cast<int>(q), qc[q].metric);
        if (!v.found) continue;
        auto& s = c.series[si[r]];
        s.y[xi[r]] = v.mean;
        s.lo[xi[r]] = v.mean - v.ci95;
        s.hi[xi[r]] = v.mean + v.ci95;
        if (qc[q].target && !meets(*qc[q].target, v.mean))
          c.missed.push_back({xi[r], v.mean,
                              keys[0] + "=" + xs[xi[r]] + (combos[si[r]].empty() ? "" : ", " + combos[si[r]]) + ": " +
                                  percent(v.mean) + " misses " + qc[q].target->text});
      }
      if (qc[q].target) {
        c.target = qc[q].target->fraction;
        c.target_label = "target " + qc[q].target->text;
      }
      if (combos.size() > 6) c.height = 340;
      out += figure(svg::line_chart(c), c.title);
    }
  }
  return out + "</section>\n";
}

}  // namespace ccsim::html
