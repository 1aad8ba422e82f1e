// The metric registry: names unique, layouts in the order the outputs have always had.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "sim/stats/metric_registry.hpp"
#include "sim/stats/summary_rows.hpp"

using namespace ccsim;

namespace {

std::vector<std::string> names(unsigned output, bool day, MetricOrder order, const std::vector<double>& th) {
  std::vector<std::string> out;
  for (const CallMetricRow& r : call_metric_layout(th.size(), output, day, order)) out.push_back(metric_name(r, th));
  return out;
}

}  // namespace

TEST_CASE("registry names, JSON paths and text ranks are unique") {
  std::set<std::string> n, j;
  std::set<int> ranks;
  for (const CallMetricDef& d : call_metric_registry()) {
    CHECK(n.insert(std::string(d.name)).second);
    CHECK(j.insert(std::string(d.json)).second);
    CHECK(ranks.insert(d.text_rank).second);
    CHECK((d.stat == nullptr) != (d.per_threshold == nullptr));
    // "{T}" exactly where a metric is per threshold
    CHECK((d.name.find("{T}") != std::string_view::npos) == (d.per_threshold != nullptr));
    CHECK((d.json.find("{T}") != std::string_view::npos) == (d.per_threshold != nullptr));
  }
  std::set<std::string> g;
  for (const GroupMetricDef& d : group_metric_registry()) CHECK(g.insert(std::string(d.name)).second);
}

TEST_CASE("CSV and /summary list the call metrics in their documented order") {
  const std::vector<double> th{7.5, 20};
  const std::vector<std::string> day{
      "offered", "answered", "abandoned", "blocked", "service_level_7.5_offered", "service_level_7.5_answered",
      "service_level_7.5_refined", "service_level_20_offered", "service_level_20_answered", "service_level_20_refined",
      "asa", "abandon_rate", "abandon_rate_refined", "mean_wait_all", "wait_p90", "blocked_rate", "redials", "callers",
      "caller_answered_rate", "caller_abandon_rate", "caller_blocked_rate",
      // added later: a block of its own at the end
      "service_level_7.5_abandoned_met", "service_level_20_abandoned_met"};
  CHECK(names(kOutCsv, true, MetricOrder::registry, th) == day);
  CHECK(names(kOutH5Summary, true, MetricOrder::registry, th) == day);
  std::vector<std::string> interval = day;
  std::erase(interval, "wait_p90");
  CHECK(names(kOutCsv, false, MetricOrder::registry, th) == interval);
  CHECK(names(kOutCsv, true, MetricOrder::registry, {}).size() == day.size() - 8);
}

TEST_CASE("the text report's queue block order") {
  const std::vector<double> th{20};
  CHECK(names(kOutText, true, MetricOrder::text, th) ==
        std::vector<std::string>{"offered", "redials", "answered", "abandoned", "blocked", "blocked_rate", "callers",
                                 "caller_answered_rate", "caller_abandon_rate", "caller_blocked_rate",
                                 "service_level_20_offered", "service_level_20_answered", "service_level_20_refined",
                                 "service_level_20_abandoned_met", "asa", "abandon_rate", "abandon_rate_refined",
                                 "mean_wait_all", "wait_p90"});
  const auto rows = call_metric_layout(th.size(), kOutText, true, MetricOrder::text);
  CHECK(metric_label(rows[10], th) == "SL within 20s (offered)");
}

TEST_CASE("rows read and write the summary's fields") {
  CallSummary c;
  const std::vector<double> th{20};
  for (auto& [name, stat] : call_metric_fields(c, th, kOutH5Summary))
    if (name == "service_level_20_refined") stat->mean = 0.5;
  CHECK(c.sl_refined.at(0).mean == 0.5);
  const MetricRows rows = call_metric_rows(c, th, kOutCsv);
  CHECK(rows.at(6).first == "service_level_20_refined");
  CHECK(rows.at(6).second.mean == 0.5);
}

TEST_CASE("/group_summary and JSON group metrics") {
  std::vector<std::string> h5, js;
  for (const GroupMetricDef& d : group_metric_registry()) {
    if (d.outputs & kOutH5Summary) h5.emplace_back(d.name);
    if (d.outputs & kOutJson) js.emplace_back(d.name);
  }
  CHECK(h5 ==
        std::vector<std::string>{"occupancy", "agent_hours", "on_duty_hours", "busy_hours", "overtime_hours", "cost"});
  CHECK(js == std::vector<std::string>{"occupancy", "agent_hours", "on_duty_hours", "busy_hours", "paid_hours",
                                       "overtime_hours", "productive_hours", "cost"});
  GroupSummary g;
  g.agent_hours = Stat{11, 0, 4};
  g.cost = 275;
  for (const GroupMetricDef& d : group_metric_registry())
    if (d.name == "cost") {
      CHECK(d.value(g).mean == 275);
      CHECK(d.value(g).n == 4);  // plan figures: the run's replications, ci95 0
    }
}

TEST_CASE("the long-run rows: the ratio metrics, in registry order") {
  const std::vector<double> th{20};
  std::vector<std::string> lr;
  for (const CallMetricRow& row : long_run_layout(th.size(), kOutCsv, true)) lr.push_back(metric_name(row, th));
  CHECK(lr == std::vector<std::string>{"service_level_20_offered", "service_level_20_answered",
                                       "service_level_20_refined", "asa", "abandon_rate", "abandon_rate_refined",
                                       "mean_wait_all", "blocked_rate", "caller_answered_rate", "caller_abandon_rate",
                                       "caller_blocked_rate", "service_level_20_abandoned_met"});
}
