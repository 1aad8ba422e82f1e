// ccsim staff files: the staffing found against the Erlang starting point and the input
// plan, the search's figures and the cost.
#include <fmt/format.h>

#include <cmath>

#include "sim/html/html_blocks.hpp"
#include "sim/html/html_text.hpp"
#include "sim/html/page_context.hpp"
#include "sim/html/svg_plot.hpp"

namespace ccsim::html {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

std::string staffing_charts(const Context& ctx, const Table& staffing, const std::string& id) {
  if (staffing.empty()) return "";
  std::string out;
  for (std::size_t g = 0; g < ctx.groups.size(); ++g) {
    const Table t = staffing.where("group", static_cast<double>(g));
    if (t.empty()) continue;
    std::vector<double> agents(ctx.intervals, kNaN), ec(ctx.intervals, kNaN), ea(ctx.intervals, kNaN),
        input(ctx.intervals, kNaN);
    double hours = 0;
    for (std::size_t r = 0; r < t.rows; ++r) {
      const double k = t.num("interval")[r];
      if (!(k >= 0) || k >= static_cast<double>(ctx.intervals)) continue;
      const auto i = static_cast<std::size_t>(k);
      agents[i] = t.num("agents")[r];
      ec[i] = t.num("erlang_c")[r];
      ea[i] = t.num("erlang_a")[r];
      input[i] = t.num("input")[r];
      if (std::isfinite(agents[i])) hours += agents[i] * ctx.interval_seconds / 3600;
    }
    svg::LineChart c;
    c.css_class = "staffing-chart";
    c.title = "Agents per interval: the answer against the Erlang start, group '" + ctx.groups[g] + "'";
    c.y_label = "agents";
    c.x_labels = ctx.x_labels();
    c.separators = ctx.day_starts();
    svg::Series a{"answer (simulated)", "#1f77b4", agents, {}, {}, true, false, false};
    svg::Series c1{"Erlang C", "#ff7f0e", ec, {}, {}, true, true, false};
    svg::Series c2{"Erlang A", "#2ca02c", ea, {}, {}, true, true, false};
    svg::Series in{"input plan", "#7f7f7f", input, {}, {}, true, false, false};
    c.series = {in, c1, c2, a};
    out += figure(svg::line_chart(c), c.title);
    std::vector<std::vector<Cell>> rows;
    for (std::size_t i = 0; i < ctx.intervals; ++i) {
      const bool below = std::isfinite(agents[i]) && std::isfinite(ea[i]) && agents[i] < ea[i];
      rows.push_back({{ctx.interval_label(i), "", ""},
                      {number(agents[i], 0), "num", ""},
                      {number(ec[i], 0), "num", ""},
                      {number(ea[i], 0), below ? "num note" : "num", ""},
                      {number(input[i], 1), "num", ""}});
    }
    out += "<details id=\"" + escape(id + "-staffing-" + anchor_id(ctx.groups[g])) + "\"><summary>" +
           escape(fmt::format("Agents per interval as a table, group '{}' ({} agent-hours)", ctx.groups[g],
                              number(hours, 1))) +
           "</summary>" + table({"Interval", "Answer", "Erlang C", "Erlang A", "Input plan"}, rows) + "</details>\n";
  }
  return out;
}

std::string staff_section(const ResultsFile& file, const Context& ctx) {
  std::string out = "<section class=\"staff\">\n" + heading(2, "staffing", "Staffing found (ccsim staff)");
  std::vector<std::vector<Cell>> rows;
  auto add = [&](const std::string& k, const std::string& v, const std::string& cls = "") {
    rows.push_back({{k, "", ""}, {v, cls, ""}});
  };
  auto num_attr = [&](const std::string& n, int dec) {
    const auto v = file.number_attr(n);
    return v ? number(*v, dec) : std::string("-");
  };
  const auto feasible = file.number_attr("staff_feasible");
  if (feasible)
    add("Targets met", *feasible != 0 ? "yes" : "no: the best staffing found is shown",
        *feasible != 0 ? "met" : "miss");
  add("Cost (the optimiser's objective)", num_attr("staff_cost", 2));
  add("Lower bound", num_attr("staff_lower_bound", 2));
  const auto gap = file.number_attr("staff_gap");
  add("Gap to the lower bound", gap ? percent(*gap, 2) : "-");
  add("Scope", file.string_attr("staff_scope", "-"));
  const auto conf = file.number_attr("staff_confidence");
  add("Confidence", conf ? (*conf > 0 ? percent(*conf, 1) + " one-sided bound" : "judged on the mean") : "-");
  add("Simulations of the search", num_attr("staff_simulations", 0));
  add("Days simulated in all", num_attr("staff_simulated_days", 0));
  add("Unresolved close verdicts", num_attr("staff_unresolved_verdicts", 0));
  out += table({"", ""}, rows, "meta");
  const Table targets = file.table("staff_targets");
  if (!targets.empty()) {
    std::vector<std::vector<Cell>> t;
    for (std::size_t r = 0; r < targets.rows; ++r) {
      const double q = targets.num("queue")[r];
      const std::string qn =
          q >= 0 && q < static_cast<double>(ctx.queues.size()) ? ctx.queues[static_cast<std::size_t>(q)] : "?";
      t.push_back({{qn, "", ""}, {targets.str("target")[r], "", ""}});
    }
    out += heading(3, "", "Targets searched for") + table({"Queue", "Target"}, t);
  }
  out += heading(3, "", "Agents per interval");
  out += para(
      "The answer per group and interval against the Erlang C and Erlang A requirements of each interval alone "
      "(the search's starting point) and the scenario's own plan (time-weighted agents on duty).",
      "note");
  out += staffing_charts(ctx, file.table("staffing"), "staff");
  return out + "</section>\n";
}

}  // namespace ccsim::html
