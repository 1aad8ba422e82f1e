// Assembles the page: reads the file's shape into a Context, then the sections its command
// has (docs/report.md).
#include "sim/html/report_page.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sim/html/html_blocks.hpp"
#include "sim/html/html_text.hpp"
#include "sim/html/page_context.hpp"
#include "sim/html/results_reader.hpp"

namespace ccsim::html {

std::string Context::interval_label(std::size_t i) const {
  if (days <= 1 || day_intervals == 0) return clock_label(start_seconds + static_cast<double>(i) * interval_seconds);
  const std::size_t d = i / day_intervals, k = i % day_intervals;
  return fmt::format("day {} {}", d + 1, clock_label(start_seconds + static_cast<double>(k) * interval_seconds));
}

std::vector<std::string> Context::x_labels() const {
  std::vector<std::string> out;
  out.reserve(intervals);
  for (std::size_t i = 0; i < intervals; ++i) {
    if (days > 1 && day_intervals > 0) {
      // Several days: the days alone (clock times would crowd).
      out.push_back(i % day_intervals == 0 ? fmt::format("day {}", i / day_intervals + 1) : "");
    } else {
      const std::size_t k = days > 1 && day_intervals > 0 ? i % day_intervals : i;
      out.push_back(clock_label(start_seconds + static_cast<double>(k) * interval_seconds));
    }
  }
  return out;
}

std::vector<std::size_t> Context::day_starts() const {
  std::vector<std::size_t> out;
  if (days > 1 && day_intervals > 0)
    for (std::size_t i = day_intervals; i < intervals; i += day_intervals) out.push_back(i);
  return out;
}

namespace {

Context read_context(const ResultsFile& file) {
  Context c;
  c.command = file.string_attr("command", "?");
  c.queues = file.strings("queues");
  c.groups = file.strings("groups");
  c.thresholds = file.doubles("thresholds");
  c.interval_seconds = file.number_attr("interval_seconds").value_or(1800);
  if (!(c.interval_seconds > 0)) c.interval_seconds = 1800;
  c.start_seconds = file.number_attr("start_seconds").value_or(0);
  const double intervals = file.number_attr("intervals").value_or(0);
  // A bound on what a page can draw; the format has no such limit but a real day does.
  c.intervals = intervals > 0 && intervals < 1e6 ? static_cast<std::size_t>(intervals) : 0;
  c.days = static_cast<int>(std::max(1.0, file.number_attr("days").value_or(1)));
  const double di = file.number_attr("day_intervals").value_or(0);
  c.day_intervals = di > 0 ? static_cast<std::size_t>(di) : c.intervals;
  if (c.day_intervals == 0) c.days = 1;
  c.replications = file.number_attr("replications").value_or(0);
  c.goals = scenario_goals(c.queues, file.text("scenario_toml"), file.string_attr("scenario_file"), &c.goals_problem);
  return c;
}

Plan whole_file_plan(const ResultsFile& file, const Context& ctx) {
  Plan p;
  p.id = "plan";
  p.intervals = file.table("intervals");
  p.replications = file.table("replications");
  p.summary = file.table("summary");
  p.group_intervals = file.table("group_intervals");
  p.group_summary = file.table("group_summary");
  p.value = file.table("value");
  p.periods = file.table("periods");
  p.day_summary = file.table("day_summary");
  p.goals = ctx.goals;
  return p;
}

std::string nav(const Context& ctx) {
  std::string s = "<nav><a href=\"#targets\">Targets</a>";
  if (ctx.command == "run" || ctx.command == "staff") s += "<a href=\"#results\">Results per queue</a>";
  if (ctx.command == "staff") s += "<a href=\"#staffing\">Staffing</a>";
  if (ctx.command == "compare") s += "<a href=\"#compare\">Compare table</a><a href=\"#row0\">Row 0</a>";
  if (ctx.command == "sweep") s += "<a href=\"#sweep\">Sweep points</a>";
  return s + "</nav>\n";
}

}  // namespace

std::string report_html(const std::string& results_path) {
  const ResultsFile file(results_path);
  Context ctx = read_context(file);
  if (ctx.command == "staff") {
    // The targets the search met (command-line --target replaces the file's).
    const Table t = file.table("staff_targets");
    for (std::size_t q = 0; q < ctx.goals.size() && !t.empty(); ++q) {
      std::vector<std::string> texts;
      for (std::size_t r = 0; r < t.rows; ++r)
        if (t.num("queue")[r] == static_cast<double>(q)) texts.push_back(t.str("target")[r]);
      set_targets(ctx.goals[q], texts);
    }
  }
  std::string body = header_section(file, ctx) + nav(ctx);
  if (ctx.command == "staff") {
    body += staff_section(file, ctx);
  }
  if (ctx.command == "run" || ctx.command == "staff") {
    body += heading(2, "results",
                    ctx.command == "staff" ? "Simulated figures of the staffing found" : "Results per queue and group");
    body += plan_section(ctx, whole_file_plan(file, ctx));
  } else if (ctx.command == "compare") {
    body += compare_section(file, ctx);
  } else if (ctx.command == "sweep") {
    body += sweep_section(file, ctx);
  } else {
    body += para("Unknown command '" + ctx.command + "': only the header is shown.", "note");
  }
  const std::string title = file.string_attr("scenario_name", "ccsim results") + " — ccsim " + ctx.command;
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"ccsim report\">\n<title>" +
         escape(title) + "</title>\n<style>" + page_css() + "</style>\n</head>\n<body>\n" + body +
         "<footer>Written by ccsim report from " + escape(file.path()) +
         ". Means are over replications with 95% Student-t half-widths; long-run figures pool every call "
         "(docs/metrics.md §5). See docs/report.md.</footer>\n</body>\n</html>\n";
}

void write_report(const std::string& results_path, std::ostream& out) { out << report_html(results_path); }

}  // namespace ccsim::html
