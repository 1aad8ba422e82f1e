// The page's builders: escaping, number formats, HTML tables, SVG charts (line with CI band,
// target and misses; bars; histogram), and the figures computed from tables.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "sim/html/goals.hpp"
#include "sim/html/html_blocks.hpp"
#include "sim/html/html_text.hpp"
#include "sim/html/plan_stats.hpp"
#include "sim/html/svg_plot.hpp"

using namespace ccsim;
using namespace ccsim::html;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("escape replaces the five HTML special characters") {
  CHECK(escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(escape("plain text 80/20") == "plain text 80/20");
  CHECK(escape("") == "");
  CHECK(escape("&amp;") == "&amp;amp;");
  CHECK(escape("caf\xC3\xA9") == "caf\xC3\xA9");  // UTF-8 passes through
}

TEST_CASE("numbers, percentages, clock times and durations") {
  CHECK(percent(0.8123) == "81.2%");
  CHECK(percent(0.8123, 0) == "81%");
  CHECK(percent(kNaN) == "-");
  CHECK(number(13225.0, 2) == "13,225.00");
  CHECK(number(1234567.891, 1) == "1,234,567.9");
  CHECK(number(-925.4, 0) == "-925");
  CHECK(number(-0.01, 0) == "0");
  CHECK(number(999, 0) == "999");
  CHECK(number(kNaN) == "-");
  CHECK(plus_minus(0.0123, true) == "± 1.2");
  CHECK(plus_minus(0, true).empty());
  CHECK(plus_minus(kNaN, false).empty());
  CHECK(clock_label(28800) == "08:00");
  CHECK(clock_label(93600) == "02:00");  // past midnight wraps
  CHECK(duration_label(20) == "20s");
  CHECK(duration_label(1800) == "30m");
  CHECK(duration_label(5400) == "1h30m");
  CHECK(threshold_label(20) == "20");
  CHECK(threshold_label(12.5) == "12.5");
}

TEST_CASE("table escapes every header and cell and writes classes") {
  const std::string t = table({"<Queue>", "SL"}, {{{"a&b", "", ""}, {"80%", "num miss", "tip \"x\""}}});
  CHECK(t.find("<th>&lt;Queue&gt;</th>") != std::string::npos);
  CHECK(t.find("<td>a&amp;b</td>") != std::string::npos);
  CHECK(t.find("<td class=\"num miss\" title=\"tip &quot;x&quot;\">80%</td>") != std::string::npos);
  CHECK(t.find("<script") == std::string::npos);
  // A table with an empty header has no <thead>.
  CHECK(table({"", ""}, {{{"k", "", ""}, {"v", "", ""}}}).find("<thead>") == std::string::npos);
}

TEST_CASE("headings, paragraphs and anchors are escaped") {
  CHECK(heading(2, "x", "Queue '<b>'") == "<h2 id=\"x\">Queue &#39;&lt;b&gt;&#39;</h2>\n");
  CHECK(para("<script>alert(1)</script>", "note") == "<p class=\"note\">&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  CHECK(anchor_id("Queue 'Élite' #1") == "queue-lite-1");
  CHECK(anchor_id("!!!") == "x");
}

TEST_CASE("nice ticks cover the range with round steps") {
  auto t = svg::nice_ticks(0, 1, 5);
  REQUIRE(t.size() == 6);
  CHECK(t.front() == 0);
  CHECK(t[1] == Approx(0.2));
  CHECK(t.back() == Approx(1.0));
  t = svg::nice_ticks(0, 63, 5);
  CHECK(t[1] == Approx(10));
  CHECK(svg::nice_ticks(1, 1).empty());
  CHECK(svg::nice_ticks(kNaN, 1).empty());
}

TEST_CASE("line chart: band, target line, missed markers and escaped text") {
  svg::LineChart c;
  c.css_class = "sl-chart";
  c.title = "SL of queue '<x>'";
  c.y_label = "SL";
  c.x_labels = {"08:00", "08:30", "09:00", "09:30"};
  c.percent = true;
  c.y_max = 1.0;
  svg::Series s;
  s.name = "SL & co";
  s.y = {0.9, 0.7, kNaN, 0.85};
  s.lo = {0.85, 0.65, kNaN, 0.8};
  s.hi = {0.95, 0.75, kNaN, 0.9};
  c.series.push_back(s);
  c.target = 0.8;
  c.target_label = "target 80/20";
  c.missed.push_back({1, 0.7, "08:30: 70% misses 80/20"});
  const std::string out = svg::line_chart(c);
  CHECK(out.rfind("<svg class=\"chart chart-line sl-chart\"", 0) == 0);
  CHECK(out.find("</svg>") != std::string::npos);
  CHECK(out.find("<title>SL of queue &#39;&lt;x&gt;&#39;</title>") != std::string::npos);
  CHECK(out.find("SL &amp; co") != std::string::npos);
  CHECK(count(out, "<polygon class=\"ci\"") == 1);  // the band of the first two points
  CHECK(count(out, "<rect class=\"ci\"") == 1);     // the lone last point
  CHECK(count(out, "class=\"target\"") == 1);
  CHECK(count(out, "class=\"miss\"") == 1);
  CHECK(out.find("08:30: 70% misses 80/20") != std::string::npos);
  // The NaN breaks the line into two pieces.
  const auto d = out.find("class=\"series\" d=\"");
  REQUIRE(d != std::string::npos);
  const std::string path = out.substr(d, out.find('"', d + 19) - d);
  CHECK(count(path, "M") == 2);
  CHECK(out.find("nan") == std::string::npos);
  CHECK(out.find("inf") == std::string::npos);
  CHECK(out.find("80%") != std::string::npos);  // a tick label
}

TEST_CASE("line chart with nothing to draw is still a valid SVG") {
  svg::LineChart c;
  c.title = "empty";
  const std::string out = svg::line_chart(c);
  CHECK(out.find("<svg") == 0);
  CHECK(out.find("</svg>") != std::string::npos);
  CHECK(out.find("nan") == std::string::npos);
  c.x_labels = {"a", "b"};
  c.series.push_back({"all NaN", "#000", {kNaN, kNaN}, {}, {}, false, false, false});
  const std::string out2 = svg::line_chart(c);
  CHECK(out2.find("nan") == std::string::npos);
  CHECK(out2.find("class=\"series\"") == std::string::npos);
}

TEST_CASE("step series and whiskers") {
  svg::LineChart c;
  c.x_labels = {"a", "b", "c"};
  c.whiskers = true;
  c.series.push_back({"agents", "#123456", {3, 4, 5}, {2, 3, 4}, {4, 5, 6}, true, false, false});
  const std::string out = svg::line_chart(c);
  CHECK(count(out, "<path class=\"ci\"") == 3);
  CHECK(out.find("<polygon") == std::string::npos);
  CHECK(out.find("H") != std::string::npos);  // a staircase
}

TEST_CASE("bar chart draws one bar per row with its CI whisker") {
  svg::BarChart b;
  b.css_class = "cost-bars";
  b.title = "cost";
  b.bars = {{"80/20", 13245, 2, "#1f77b4"}, {"90/10 <", 14719, 0, "#ff7f0e"}, {"none", kNaN, kNaN, "#000"}};
  const std::string out = svg::bar_chart(b);
  CHECK(out.rfind("<svg class=\"chart chart-bar cost-bars\"", 0) == 0);
  CHECK(count(out, "<rect class=\"bar\"") == 2);
  CHECK(count(out, "<path class=\"ci\"") == 1);
  CHECK(out.find("90/10 &lt;") != std::string::npos);
  CHECK(out.find("13,245") != std::string::npos);
  CHECK(out.find("nan") == std::string::npos);
}

TEST_CASE("histogram marks the bins below the target") {
  svg::Histogram h;
  h.css_class = "sl-hist";
  h.values = {0.70, 0.75, 0.82, 0.85, 0.9, 0.95, kNaN};
  h.target = 0.8;
  h.percent = true;
  h.bins = 5;
  const std::string out = svg::histogram(h);
  CHECK(out.rfind("<svg class=\"chart chart-hist sl-hist\"", 0) == 0);
  CHECK(count(out, "class=\"bar miss\"") >= 1);
  CHECK(count(out, "class=\"bar\"") >= 1);
  CHECK(count(out, "class=\"target\"") == 1);
  CHECK(out.find("nan") == std::string::npos);
  svg::Histogram flat;
  flat.values = {0.5, 0.5};
  CHECK(svg::histogram(flat).find("nan") == std::string::npos);
  svg::Histogram none;
  CHECK(svg::histogram(none).find("</svg>") != std::string::npos);
}

TEST_CASE("interval figures are means over replications of each replication's ratio") {
  Table t;
  t.rows = 4;
  t.columns = {"replication",        "queue",     "interval",      "offered",
               "answered",           "abandoned", "wait_answered", "answered_within_20",
               "abandoned_within_20"};
  t.numbers["replication"] = {0, 0, 1, 1};
  t.numbers["queue"] = {0, 0, 0, 0};
  t.numbers["interval"] = {0, 1, 0, 1};
  t.numbers["offered"] = {10, 0, 20, 10};
  t.numbers["answered"] = {9, 0, 18, 10};
  t.numbers["abandoned"] = {1, 0, 2, 0};
  t.numbers["wait_answered"] = {90, 0, 36, 50};
  t.numbers["answered_within_20"] = {8, 0, 12, 10};
  t.numbers["abandoned_within_20"] = {1, 0, 2, 0};
  REQUIRE(threshold_suffix(t.columns, 20) == "20");
  CHECK(threshold_suffix(t.columns, 10).empty());
  const IntervalFigures f = interval_figures(t, 0, 2, "20", SlBasis::offered);
  CHECK(f.sl[0].mean == Approx((0.8 + 0.6) / 2));
  CHECK(f.sl[0].n == 2);
  CHECK(f.sl[1].n == 1);  // replication 0 had no call in interval 1: undefined, left out
  CHECK(f.sl[1].mean == Approx(1.0));
  CHECK(f.asa[0].mean == Approx((10.0 + 2.0) / 2));
  CHECK(f.abandon[0].mean == Approx((0.1 + 0.1) / 2));
  const IntervalFigures r = interval_figures(t, 0, 2, "20", SlBasis::refined);
  CHECK(r.sl[0].mean == Approx((8.0 / 9 + 12.0 / 18) / 2));
  const IntervalFigures a = interval_figures(t, 0, 2, "20", SlBasis::abandoned_met);
  CHECK(a.sl[0].mean == Approx((0.9 + 0.7) / 2));
  CHECK(sl_metric("20", SlBasis::answered) == "service_level_20_answered");
}

TEST_CASE("targets: met rules and compare rows") {
  const Target sl = *parse_target("80/20");
  CHECK(meets(sl, 0.8));
  CHECK_FALSE(meets(sl, 0.79));
  CHECK(meets(sl, kNaN));  // no call: met
  const Target asa = *parse_target("asa<=30s");
  CHECK(meets(asa, 30));
  CHECK_FALSE(meets(asa, 31));
  const Target ab = *parse_target("abandon<=3%");
  CHECK_FALSE(meets(ab, 0.031));

  std::vector<QueueGoal> goals(2);
  goals[0].queue = "elite";
  goals[1].queue = "general";
  set_targets(goals[1], {"80/20"});
  auto every = with_row_targets(goals, "90/10+99/300");
  REQUIRE(every[0].targets.size() == 2);
  CHECK(every[1].targets[1].threshold == 300);
  auto pairs = with_row_targets(goals, "elite=90/10+99/300");
  CHECK(pairs[0].targets.size() == 2);
  CHECK(targets_text(pairs[1]) == "80/20");  // not named: keeps its own
  auto cap = with_row_targets(goals, "abandon<=3%");
  CHECK(cap[0].targets.at(0).kind == Target::Kind::abandon);
  CHECK(targets_text(QueueGoal{}) == "no target");
}
