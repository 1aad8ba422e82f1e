// ccsim compare files: the compare table (one row per target set, and the plan as given),
// the cost of each with its CI as bars, then each row's staffing and simulated figures.
#include <fmt/format.h>

#include <cmath>

#include "sim/html/html_blocks.hpp"
#include "sim/html/html_text.hpp"
#include "sim/html/page_context.hpp"
#include "sim/html/svg_plot.hpp"

namespace ccsim::html {

namespace {

std::string ci_text(const Table& t, std::size_t r, const std::string& col, int dec, bool pct = false) {
  if (!t.has(col)) return "-";
  const double v = t.num(col)[r];
  const std::string pm = t.has(col + "_ci95") ? plus_minus(t.num(col + "_ci95")[r], pct, dec) : "";
  return (pct ? percent(v, dec) : number(v, dec)) + (pm.empty() || !std::isfinite(v) ? "" : " " + pm);
}

Plan row_plan(const ResultsFile& file, const std::string& prefix, const std::string& key, double row) {
  Plan p;
  p.intervals = file.table(prefix + "intervals").where(key, row);
  p.replications = file.table(prefix + "replications").where(key, row);
  p.summary = file.table(prefix + "summary").where(key, row);
  p.group_intervals = file.table(prefix + "group_intervals").where(key, row);
  p.group_summary = file.table(prefix + "group_summary").where(key, row);
  p.value = file.table(prefix + "value").where(key, row);
  p.day_summary = file.table(prefix + "day_summary").where(key, row);
  return p;
}

}  // namespace

std::string compare_section(const ResultsFile& file, const Context& ctx) {
  const Table cmp = file.table("comparison");
  const Table base = file.table("baseline");
  std::string out = "<section class=\"compare\">\n" + heading(2, "compare", "What each target costs (ccsim compare)");
  const bool money = cmp.has("net_per_day");
  std::vector<std::string> head = {"Row",
                                   "Targets",
                                   "Feasible",
                                   "Planned agent-hours",
                                   "Planned cost",
                                   "Worked cost ± CI",
                                   "Δ cost vs row 0",
                                   "Δ cost vs plan",
                                   "Share of days meeting every target"};
  if (money) head.insert(head.end(), {"Net per day ± CI", "Penalties per day ± CI"});
  head.push_back("Simulations");
  std::vector<std::vector<Cell>> rows;
  if (!base.empty()) {
    std::vector<Cell> r = {{"as planned", "", ""},
                           {"(the scenario's plan; judged on " + base.str("target")[0] + ")", "", ""},
                           {"-", "", ""},
                           {number(base.num("planned_agent_hours")[0], 1), "num", ""},
                           {number(base.num("planned_cost")[0], 0), "num", ""},
                           {ci_text(base, 0, "cost", 0), "num", ""},
                           {"-", "num", ""},
                           {"-", "num", ""},
                           {percent(base.num("p_day_meets_target")[0]), "num", ""}};
    if (money)
      r.insert(r.end(), {{ci_text(base, 0, "net_per_day", 0), "num", ""},
                         {ci_text(base, 0, "penalties_per_day", 0), "num", ""}});
    r.push_back({"-", "num", ""});
    rows.push_back(r);
  }
  for (std::size_t k = 0; k < cmp.rows; ++k) {
    const bool ok = cmp.num("feasible")[k] != 0;
    std::vector<Cell> r = {{fmt::format("{}", k), "", ""},
                           {cmp.str("target")[k], "", ""},
                           {ok ? "yes" : "no", ok ? "met" : "miss", ""},
                           {number(cmp.num("planned_agent_hours")[k], 1), "num", ""},
                           {number(cmp.num("planned_cost")[k], 0), "num", ""},
                           {ci_text(cmp, k, "cost", 0), "num", ""},
                           {k == 0 ? "-" : ci_text(cmp, k, "delta_cost", 0), "num", ""},
                           {ci_text(cmp, k, "delta_cost_vs_plan", 0), "num", ""},
                           {percent(cmp.num("p_day_meets_target")[k]), "num", ""}};
    if (money)
      r.insert(r.end(),
               {{ci_text(cmp, k, "net_per_day", 0), "num", ""}, {ci_text(cmp, k, "penalties_per_day", 0), "num", ""}});
    r.push_back({number(cmp.num("simulations")[k], 0), "num", ""});
    rows.push_back(r);
  }
  out += table(head, rows, "data compare-table");
  out += para(
      "Worked cost: the cost of the hours worked (plan plus time finishing calls), mean over replications. "
      "Δ columns are paired differences on the same simulated days, with their 95% half-widths.",
      "note");

  // Cost bars (worked agent-hours where no group has a cost).
  bool have_cost = false;
  for (double v : cmp.num("cost")) have_cost = have_cost || std::isfinite(v);
  const std::string col = have_cost ? "cost" : "agent_hours";
  svg::BarChart bars;
  bars.css_class = "cost-bars";
  bars.title =
      have_cost ? "Worked cost per day of each row, with 95% CI" : "Worked agent-hours of each row, with 95% CI";
  bars.y_label = have_cost ? "cost per day" : "agent-hours";
  if (!base.empty()) bars.bars.push_back({"as planned", base.num(col)[0], base.num(col + "_ci95")[0], "#7f7f7f"});
  for (std::size_t k = 0; k < cmp.rows; ++k)
    bars.bars.push_back({cmp.str("target")[k], cmp.num(col)[k], cmp.num(col + "_ci95")[k],
                         cmp.num("feasible")[k] != 0 ? colour(k) : "#d62728"});
  out += figure(svg::bar_chart(bars), bars.title);
  if (!have_cost) out += para("No agent group has a cost_per_hour: the bars are worked agent-hours.", "note");

  // Each row's staffing and figures.
  const Table staffing = file.table("staffing");
  for (std::size_t k = 0; k < cmp.rows; ++k) {
    Plan p = row_plan(file, "", "row", static_cast<double>(k));
    p.id = fmt::format("row{}", k);
    p.goals = with_row_targets(ctx.goals, cmp.str("target")[k]);
    out += "<details class=\"plan\"" + std::string(k == 0 ? " open" : "") + " id=\"" + p.id + "\"><summary>" +
           escape(fmt::format("Row {}: {} — staffing and figures", k, cmp.str("target")[k])) + "</summary>\n";
    out += staffing_charts(ctx, staffing.where("row", static_cast<double>(k)), p.id);
    out += plan_section(ctx, p) + "</details>\n";
  }
  if (file.has("baseline_intervals")) {
    Plan p = row_plan(file, "baseline_", "row", 0);
    p.id = "baseline";
    p.goals = cmp.rows ? with_row_targets(ctx.goals, cmp.str("target")[0]) : ctx.goals;
    out +=
        "<details class=\"plan\" id=\"baseline\"><summary>As planned (the scenario's own staffing) — figures"
        "</summary>\n" +
        plan_section(ctx, p) + "</details>\n";
  }
  return out + "</section>\n";
}

}  // namespace ccsim::html
