// The page's header: what the file is (scenario, command, version, seed, replications),
// the SL bases and thresholds measured, and each queue's targets.
#include <fmt/format.h>

#include <cmath>

#include "sim/html/html_blocks.hpp"
#include "sim/html/html_text.hpp"
#include "sim/html/page_context.hpp"

namespace ccsim::html {

std::string header_section(const ResultsFile& file, const Context& ctx) {
  const std::string name = file.string_attr("scenario_name", "(unnamed scenario)");
  std::string out = "<header>\n<h1>" + escape(name) + "</h1>\n";
  out += para("ccsim " + ctx.command + " results — " + file.path(), "subtitle");
  std::vector<std::vector<Cell>> rows;
  auto add = [&](const std::string& k, const std::string& v) { rows.push_back({{k, "", ""}, {v, "", ""}}); };
  add("Command", ctx.command);
  add("Command line", file.string_attr("command_line", "-"));
  add("Scenario file", file.string_attr("scenario_file", "-"));
  add("ccsim version", file.string_attr("ccsim_version", "-"));
  add("Created", file.string_attr("created", "-"));
  const auto seed = file.number_attr("seed");
  add("Seed", seed ? fmt::format("{}", static_cast<long long>(*seed)) : "-");
  add("Replications", fmt::format("{}", static_cast<long long>(ctx.replications)) +
                          (ctx.command == "staff" ? " (the answer was judged on these)" : ""));
  std::string horizon = fmt::format("{} intervals of {} from {}", ctx.intervals, duration_label(ctx.interval_seconds),
                                    clock_label(ctx.start_seconds));
  if (ctx.days > 1) horizon += fmt::format(", {} days of {} intervals", ctx.days, ctx.day_intervals);
  const auto warmup = file.number_attr("warmup_seconds");
  if (warmup && *warmup > 0) horizon += ", warm-up " + duration_label(*warmup);
  add("Horizon", horizon);
  std::string thresholds;
  for (double t : ctx.thresholds) thresholds += (thresholds.empty() ? "" : ", ") + duration_label(t);
  add("SL thresholds measured", thresholds.empty() ? "none" : thresholds);
  add("Queues", fmt::format("{}", ctx.queues.size()));
  add("Agent groups", fmt::format("{}", ctx.groups.size()));
  out += table({"", ""}, rows, "meta");
  std::vector<std::vector<Cell>> q;
  for (const auto& g : ctx.goals)
    q.push_back({{g.queue, "", ""},
                 {sl_basis_name(g.basis), "", ""},
                 {g.estimator == SlEstimator::long_run ? "long-run" : "daily mean", "", ""},
                 {targets_text(g), "", ""}});
  out += heading(2, "targets", "Queues, SL bases and targets");
  const std::string which = ctx.command == "staff"     ? "Targets (searched for)"
                            : ctx.command == "compare" ? "Targets (the scenario's; each row has its own)"
                                                       : "Targets";
  out += table({"Queue", "SL basis", "Targets judged on", which}, q);
  if (!ctx.goals_problem.empty())
    out +=
        para("The scenario stored in the file could not be read again, so no targets are drawn: " + ctx.goals_problem,
             "note");
  const std::string toml = file.text("scenario_toml");
  if (!toml.empty())
    out +=
        "<details><summary>Scenario as simulated (/scenario_toml)</summary><pre>" + escape(toml) + "</pre></details>\n";
  return out + "</header>\n";
}

}  // namespace ccsim::html
