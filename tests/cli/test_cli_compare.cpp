// End to end: `ccsim compare` rows that name queues, and the baseline row (the file's own
// plan), as a user types them (docs/compare.md, docs/interfaces.md §4).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/cli_harness.hpp"

using nlohmann::json;

namespace {

// scenarios/elite-line.toml cut to its first two hours (4 intervals), so that a compare of
// three rows takes seconds: two queues (elite first), two groups with a cost per hour.
const std::string kElite =
    "scenarios/elite-line.toml -r 10 --set scenario.duration=2h"
    " --set 'queue.elite.arrivals.volumes=[20,30,40,48]'"
    " --set 'queue.general.arrivals.volumes=[90,130,170,200]'"
    " --set 'agents.universal.staffing=[15,23,31,37]'";

// Named queues; a row naming only elite (general keeps its own 80/20); one target for all.
const std::string kRows = " --targets 'elite=90/10+99/300,general=80/20' 'elite=80/20' 80/20";

CliResult compare(const std::string& extra) { return run_cli("compare " + kElite + " " + extra); }

json compare_json(const std::string& extra) {
  const CliResult r = compare("--json " + extra);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

const json& with_baseline() {
  static const json j = compare_json(kRows);
  return j;
}

const json& without_baseline() {
  static const json j = compare_json(kRows + " --no-baseline");
  return j;
}

// Exit status 2 before any search, nothing on stdout, stderr saying each of `words`.
void check_input_error(const std::string& targets, const std::vector<std::string>& words) {
  const CliResult r = compare("--targets 80/20 " + targets);
  INFO("stderr: " << r.err);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("ccsim compare: error: ") != std::string::npos);
  for (const std::string& w : words) {
    INFO("expected on stderr: " << w);
    CHECK(r.err.find(w) != std::string::npos);
  }
}

json targets(const char* text) { return json::parse(text); }

}  // namespace

TEST_CASE("compare: a row naming queues holds each to its own targets, the others keep the file's") {
  const json& rows = with_baseline()["rows"];
  REQUIRE(rows.size() == 3);
  // labelled by their text as given, in the order given
  CHECK(rows[0]["target"] == "elite=90/10+99/300,general=80/20");
  CHECK(rows[1]["target"] == "elite=80/20");
  CHECK(rows[2]["target"] == "80/20");
  CHECK(rows[0]["targets"] == targets(R"({"elite": ["90/10", "99/300"], "general": ["80/20"]})"));
  CHECK(rows[1]["targets"] == targets(R"({"elite": ["80/20"], "general": ["80/20"]})"));  // general: the file's
  CHECK(rows[2]["targets"] == targets(R"({"elite": ["80/20"], "general": ["80/20"]})"));
  for (const json& row : rows) {
    INFO(row["target"]);
    CHECK(row["feasible"] == true);
    for (const char* q : {"elite", "general"}) {
      const json& met = row["queues"][q]["targets"];
      REQUIRE(met.size() == row["targets"][q].size());
      for (std::size_t k = 0; k < met.size(); ++k) {
        CHECK(met[k]["target"] == row["targets"][q][k]);
        CHECK(met[k]["met"] == true);  // on the day as well
      }
    }
  }
  // Elite's 90/10 + 99/300 costs more than 80/20 for everyone ...
  CHECK(rows[1]["delta_cost"]["mean"].get<double>() < 0);
  // ... and a row naming only elite with 80/20 is the plain 80/20 row, the file's general
  // target being 80/20 too.
  CHECK(rows[1]["groups"] == rows[2]["groups"]);
  CHECK(rows[1]["cost"] == rows[2]["cost"]);
}

TEST_CASE("compare: the '=' of a target's '<=' names no queue") {
  const json j = compare_json("--no-baseline --targets 'asa<=30s' 'general=abandon<=5%,elite=asa<=20s'");
  REQUIRE(j["rows"].size() == 2);
  CHECK(j["rows"][0]["targets"] == targets(R"({"elite": ["asa<=30s"], "general": ["asa<=30s"]})"));
  CHECK(j["rows"][1]["targets"] == targets(R"({"elite": ["asa<=20s"], "general": ["abandon<=5%"]})"));
}

TEST_CASE("compare: bad rows are refused with the row, its text and the column") {
  SECTION("an unknown queue, with a suggestion") {
    check_input_error("'elite=80/20,genral=80/20'",
                      {"--targets row 2 \"elite=80/20,genral=80/20\", column 13: unknown queue 'genral'; "
                       "did you mean 'general'?"});
  }
  SECTION("an unknown queue, with the queues there are") {
    check_input_error("'vip=80/20'", {"row 2 \"vip=80/20\", column 1: unknown queue 'vip'", "'elite', 'general'"});
  }
  SECTION("a queue named twice") {
    check_input_error("'elite=80/20, general=80/20, elite=90/10'",
                      {"row 2", "column 29: queue 'elite' is named twice (first at column 1)"});
  }
  SECTION("an empty queue name") {
    check_input_error("'elite=80/20,=90/10'", {"row 2 \"elite=80/20,=90/10\", column 13", "queue name is missing"});
  }
  SECTION("a missing target set") {
    check_input_error("'general=80/20,elite='", {"row 2", "column 21", "target set is missing after 'elite='"});
  }
  SECTION("an empty piece between commas") {
    check_input_error("'elite=80/20,,general=80/20'", {"row 2", "column 13", "nothing between ','s"});
  }
  SECTION("a piece without '='") {
    check_input_error("'elite=80/20,90/10'", {"row 2", "column 13", "expected QUEUE=TARGETS, got '90/10'"});
  }
  SECTION("a bad target word") {
    check_input_error("'elite=90/10+fast,general=80/20'", {"row 2", "column 13", "cannot read target \"fast\""});
  }
  SECTION("an unattainable target, refused before any search") {
    check_input_error("'general=80/20,elite=100/10'", {"row 2", "column 15", "queue 'elite'", "100%"});
  }
  SECTION("--baseline and --no-baseline together") {
    check_input_error("--baseline --no-baseline", {"--baseline and --no-baseline"});
  }
}

TEST_CASE("compare --json: the file's own plan is the baseline, beside the rows") {
  const json& j = with_baseline();
  REQUIRE(j.contains("baseline"));
  const json& b = j["baseline"];
  CHECK(b["target"] == "as planned");
  // P(day) is judged on the first row's targets
  CHECK(b["targets_from"] == j["rows"][0]["target"]);
  CHECK(b["targets"] == j["rows"][0]["targets"]);
  const double p = b["p_day_meets_target"];
  CHECK(p >= 0);
  CHECK(p <= 1);
  // The plan as the file gives it: the universal team's list and the elite desk of 3.
  CHECK(b["groups"]["universal"]["staffing"] == json::parse("[15, 23, 31, 37]"));
  CHECK(b["groups"]["elite desk"]["staffing"] == json::parse("[3, 3, 3, 3]"));
  CHECK(b["planned_agent_hours"].get<double>() == Approx((15 + 23 + 31 + 37) / 2.0 + 4 * 3 / 2.0));
  CHECK(b["planned_cost"].get<double>() == Approx(25.0 * 53 + 32.0 * 6));
  CHECK(b["agent_hours"].get<double>() >= b["planned_agent_hours"].get<double>());
  CHECK(b["replications"] == 10);
  // ... simulated exactly as `ccsim run` does (same seed and replications: the same calls)
  const CliResult run = run_cli("run " + kElite + " --json");
  INFO(run.err);
  REQUIRE(run.status == 0);
  const json rj = json::parse(run.out);
  CHECK(b["queues"] == rj["queues"]);
  CHECK(b["total"] == rj["total"]);
  // Every row's paired difference to the plan, on the same replications
  for (const json& row : j["rows"]) {
    INFO(row["target"]);
    const json& dc = row["delta_cost_vs_plan"];
    const json& dh = row["delta_agent_hours_vs_plan"];
    CHECK(std::abs(dc["mean"].get<double>() - (row["cost"].get<double>() - b["cost"].get<double>())) <= 1e-9);
    CHECK(std::abs(dh["mean"].get<double>() - (row["agent_hours"].get<double>() - b["agent_hours"].get<double>())) <=
          1e-9);
    CHECK(dc["ci95"].get<double>() >= 0);
    CHECK(dh["ci95"].get<double>() >= 0);
  }
}

TEST_CASE("compare --no-baseline: no baseline, and the rows exactly as with one") {
  const json& j = without_baseline();
  CHECK_FALSE(j.contains("baseline"));
  json rows = with_baseline()["rows"];
  REQUIRE(rows.size() == j["rows"].size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    CHECK_FALSE(j["rows"][k].contains("delta_cost_vs_plan"));
    CHECK_FALSE(j["rows"][k].contains("delta_agent_hours_vs_plan"));
    rows[k].erase("delta_cost_vs_plan");
    rows[k].erase("delta_agent_hours_vs_plan");
  }
  CHECK(rows == j["rows"]);  // delta_* stay the paired difference to the first row
}

TEST_CASE("compare prints the baseline first as 'as planned', with a column to it, --no-baseline leaves both out") {
  const CliResult r = compare("--targets 'elite=80/20'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  const std::size_t header = r.out.find("\n  target ");
  REQUIRE(header != std::string::npos);
  const std::size_t first_line = r.out.find('\n', header + 1) + 1;
  CHECK(r.out.compare(first_line, 12, "  as planned") == 0);
  CHECK(r.out.find("vs plan (cost, 95% CI)") != std::string::npos);
  CHECK(r.out.find("\n  elite=80/20 ") != std::string::npos);
  CHECK(r.out.find("judged on the first row's targets") != std::string::npos);

  const CliResult n = compare("--targets 'elite=80/20' --no-baseline");
  INFO(n.err);
  REQUIRE(n.status == 0);
  CHECK(n.out.find("as planned") == std::string::npos);
  CHECK(n.out.find("vs plan") == std::string::npos);
  CHECK(n.out.find("\n  elite=80/20 ") != std::string::npos);
}
