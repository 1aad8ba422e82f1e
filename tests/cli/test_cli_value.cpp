// Money and SLA end to end: bad input exits 2 with its position; run, staff and compare
// report the money side; staff --objective net.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tests/support/cli_harness.hpp"

namespace {

struct Case {
  const char* args;
  const char* message;
};

const Case kCases[] = {
    {"check tests/scenarios/bad/sla_no_target.toml",
     "tests/scenarios/bad/sla_no_target.toml:11:7: error: queue 'general' sla has no target to judge its periods on "
     "(a penalty needs one)"},
    {"check tests/scenarios/bad/money_negative.toml",
     "tests/scenarios/bad/money_negative.toml:11:24: error: queue 'general' revenue_per_answered must be 0 or more"},
    {"check tests/scenarios/bad/sla_unknown_period.toml",
     "tests/scenarios/bad/sla_unknown_period.toml:12:18: error: queue 'general' sla.period: unknown period \"mnoth\"; "
     "did you mean 'month'?"},
    {"run tests/scenarios/sla_period_fit.toml",
     "tests/scenarios/sla_period_fit.toml:14:18: error: queue 'general' sla: a month of 30 days needs whole "
     "periods of simulated days (one replication is one day), but 20 replications do not make them; use a multiple "
     "of 30, e.g. -r 30 or -r 60"},
    {"run scenarios/bank-sla-month.toml -r 30",
     "scenarios/bank-sla-month.toml:35:18: error: queue 'general' sla: a month of 20 days needs whole periods"},
    {"compare scenarios/bank-sla-month.toml --targets 80/20 -r 10",
     "scenarios/bank-sla-month.toml:35:18: error: queue 'general' sla: a month of 20 days"},
    {"staff scenarios/sales-net-value.toml --objective profit",
     "ccsim staff: error: --objective: unknown objective \"profit\"; use cost or net"},
    {"staff scenarios/sales-net-value.toml --no-targets",
     "ccsim staff: error: --no-targets applies to --objective net"},
    {"staff scenarios/bank-80-20.toml --objective net",
     "ccsim staff: error: --objective net: the scenario states no money"},
    {"staff scenarios/sales-net-value.toml --objective net --set 'agents.sales team.cost_per_hour=-1'",
     "--set:1:33: error: agents 'sales team' cost_per_hour must be 0 or more"},
    {"run scenarios/sales-net-value.toml --set queue.sales.cost_per_abandon=-3",
     "--set:1:30: error: queue 'sales' cost_per_abandon must be 0 or more"},
};

using json = nlohmann::json;

}  // namespace

TEST_CASE("money and SLA: bad input exits 2 with one positioned line") {
  for (const Case& c : kCases) {
    const CliResult r = run_cli(c.args);
    INFO("ccsim " << c.args << "\nstderr: " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.rfind(c.message, 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}

TEST_CASE("run: the value object adds up and its periods are whole months") {
  const CliResult r = run_cli("run scenarios/bank-sla-month.toml -r 40 --json");
  REQUIRE(r.status == 0);
  const json v = json::parse(r.out).at("value");
  const json& sla = v.at("queues").at("general").at("sla");
  CHECK(sla.at("period") == "month");
  CHECK(sla.at("days") == 20);
  CHECK(sla.at("periods") == 2);
  const double p = sla.at("p_meet").at("value");
  CHECK(p == static_cast<double>(sla.at("periods_met").get<int>()) / 2);
  const double net = v.at("net_per_day").at("mean"), revenue = v.at("revenue_per_day").at("mean"),
               costs = v.at("call_costs_per_day").at("mean"), staff = v.at("staff_cost_per_day"),
               pen = v.at("penalties_per_day").at("mean");
  CHECK(net == Approx(revenue - costs - staff - pen).epsilon(1e-12));
  CHECK(v.at("block_days") == 20);
  // A scenario without money keeps its JSON as it was: no "value".
  const CliResult plain = run_cli("run scenarios/bank-80-20.toml -r 3 --json");
  REQUIRE(plain.status == 0);
  CHECK_FALSE(json::parse(plain.out).contains("value"));
}

TEST_CASE("staff --objective net earns at least the least-cost answer, on the same days") {
  const CliResult cost = run_cli("staff scenarios/sales-net-value.toml -r 20 --max-replications 20 --json");
  const CliResult net =
      run_cli("staff scenarios/sales-net-value.toml -r 20 --max-replications 20 --objective net --json");
  REQUIRE(cost.status == 0);
  REQUIRE(net.status == 0);
  const json c = json::parse(cost.out), n = json::parse(net.out);
  CHECK(n.at("objective") == "net");
  CHECK(n.at("constrained") == true);
  const double start = n.at("start_net_per_day"), best = n.at("value").at("net_per_day").at("mean");
  CHECK(start == c.at("value").at("net_per_day").at("mean").get<double>());  // the start is the cost answer
  CHECK(best >= start);
  CHECK(n.at("cost").get<double>() >= c.at("cost").get<double>());  // with the cap kept, never below it
  const CliResult text = run_cli("staff scenarios/sales-net-value.toml -r 20 --max-replications 20 --objective net");
  REQUIRE(text.status == 0);
  CHECK(text.out.find("Objective net value with the targets as constraints") != std::string::npos);
}

TEST_CASE("compare: net value, its paired delta and P(month meets) per row") {
  const CliResult r =
      run_cli("compare scenarios/bank-sla-month.toml --targets 80/20 90/10 -r 40 --max-replications 40 --json");
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  const json& rows = j.at("rows");
  REQUIRE(rows.size() == 2);
  for (const json& row : rows) {
    CHECK(row.at("value").at("queues").at("general").at("sla").at("periods") == 2);
    CHECK(row.contains("delta_net_per_day"));
  }
  const double n0 = rows[0].at("value").at("net_per_day").at("mean"),
               n1 = rows[1].at("value").at("net_per_day").at("mean"), d = rows[1].at("delta_net_per_day").at("mean");
  CHECK(d == Approx(n1 - n0).epsilon(1e-9));
  CHECK(j.at("baseline").contains("value"));
  const CliResult text =
      run_cli("compare scenarios/bank-sla-month.toml --targets 80/20 90/10 -r 40 --max-replications 40");
  REQUIRE(text.status == 0);
  CHECK(text.out.find("Money and SLA per row") != std::string::npos);
  CHECK(text.out.find("general 80/20 per month (20 days)") != std::string::npos);
}
