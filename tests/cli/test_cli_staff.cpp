// End to end: `ccsim staff` and `ccsim compare` as a user types them (docs/interfaces.md §4).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/cli_harness.hpp"

using nlohmann::json;

namespace {

const char* kBank = "scenarios/bank-80-20.toml";
constexpr std::size_t kIntervals = 24;
const char* kStarts[] = {"08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
                         "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30",
                         "16:00", "16:30", "17:00", "17:30", "18:00", "18:30", "19:00", "19:30"};

CliResult staff(const std::string& extra) { return run_cli(std::string("staff ") + kBank + " " + extra); }

json staff_json(const std::string& extra) {
  const CliResult r = staff("--json -r 30 " + extra);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

bool is_int_array(const json& a, std::size_t n) {
  if (!a.is_array() || a.size() != n) return false;
  for (const json& x : a)
    if (!x.is_number_integer()) return false;
  return true;
}

double agent_hours(const json& j) { return j["agent_hours"].get<double>(); }

// The compare run several test cases look at (it staffs the day three times).
const char* kCompareArgs = " --targets 80/20 90/10 \"90/10+99/300\" -r 30 --json";
const CliResult& compare_result() {
  static const CliResult r = run_cli(std::string("compare ") + kBank + kCompareArgs);
  return r;
}

// Exit status 2, nothing on stdout, and stderr naming the command and saying `words`.
void check_input_error(const CliResult& r, const std::vector<std::string>& words) {
  INFO("stderr: " << r.err);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("error:") != std::string::npos);
  for (const std::string& w : words) {
    INFO("expected on stderr: " << w);
    CHECK(r.err.find(w) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("staff --json follows the contract's shape") {
  const json j = staff_json("");
  CHECK(j["scope"] == "interval");
  CHECK(j["targets"] == json::parse(R"({"general": ["80/20"]})"));
  CHECK(j["intervals"] == 24);
  REQUIRE(j["groups"].size() == 1);
  const json& g = j["groups"]["universal"];
  CHECK(is_int_array(g["staffing"], kIntervals));
  CHECK(is_int_array(g["erlang_c"], kIntervals));
  CHECK(is_int_array(g["erlang_a"], kIntervals));
  for (const json& n : g["staffing"]) CHECK(n.get<int>() > 0);
  REQUIRE(g["agent_hours"].is_number());
  REQUIRE(g["cost"].is_number());
  // 30-minute intervals: agent-hours = sum of agents / 2; $25 an hour.
  int sum = 0;
  for (const json& n : g["staffing"]) sum += n.get<int>();
  CHECK(g["agent_hours"].get<double>() == Approx(sum / 2.0));
  CHECK(g["cost"].get<double>() == Approx(25 * g["agent_hours"].get<double>()));
  REQUIRE(j["agent_hours"].is_number());
  REQUIRE(j["cost"].is_number());
  CHECK(agent_hours(j) == Approx(g["agent_hours"].get<double>()));
  CHECK(j["cost"].get<double>() == Approx(25 * agent_hours(j)));
  CHECK(j["iterations"].is_number_integer());
  CHECK(j["iterations"].get<int>() >= 1);
  CHECK(j["feasible"] == true);
  CHECK(j["replications"] == 30);

  // queues and total as `run --json` has them
  const json& q = j["queues"]["general"];
  for (const char* k : {"offered", "answered", "abandoned", "asa", "abandon_rate", "mean_wait_all", "wait_p90"}) {
    INFO(k);
    CHECK(q[k]["mean"].is_number());
    CHECK(q[k]["ci95"].is_number());
  }
  CHECK(q["service_level"]["20"]["offered"]["mean"].get<double>() >= 0.80);
  REQUIRE(q["intervals"].size() == kIntervals);
  CHECK(q["intervals"][0]["start"] == "08:00");
  for (const json& iv : q["intervals"]) {
    INFO(iv["start"]);
    CHECK(iv["service_level"]["20"]["offered"]["mean"].get<double>() >= 0.80);  // on the mean, every interval
  }
  CHECK(j["total"]["offered"]["mean"] == q["offered"]["mean"]);
  CHECK(j["total"]["service_level"]["20"]["offered"]["mean"].is_number());

  // ... indeed exactly those of `run` with the found staffing, the same seed and the answer's
  // replications (common random numbers: the same calls).
  std::string plan = g["staffing"].dump();
  // The figures are on the replications the answer was judged on (close verdicts sharpened).
  const int reps = j["answer_replications"].get<int>();
  CHECK(reps >= 30);
  const CliResult run = run_cli(std::string("run ") + kBank + " --json -r " + std::to_string(reps) +
                                " --set 'agents.universal.staffing=" + plan + "'");
  INFO(run.err);
  REQUIRE(run.status == 0);
  const json rj = json::parse(run.out);
  CHECK(rj["queues"] == j["queues"]);
  CHECK(rj["total"] == j["total"]);
}

TEST_CASE("staff --target replaces the file's targets, one flag with + is the same as two") {
  const json base = staff_json("");
  const json two = staff_json("--target 90/10 --target 99/300");
  CHECK(two["targets"]["general"] == json::parse(R"(["90/10", "99/300"])"));
  CHECK(two["feasible"] == true);
  CHECK(agent_hours(two) > agent_hours(base));
  CHECK(two["cost"].get<double>() > base["cost"].get<double>());
  // 90/10 holds in every interval
  for (const json& iv : two["queues"]["general"]["intervals"]) {
    INFO(iv["start"]);
    CHECK(iv["service_level"]["10"]["offered"]["mean"].get<double>() >= 0.90);
  }
  const CliResult plus = staff("--json -r 30 --target '90/10+99/300'");
  REQUIRE(plus.status == 0);
  CHECK(json::parse(plus.out) == two);
  const CliResult flags = staff("--json -r 30 --target 90/10 --target 99/300");
  CHECK(plus.out == flags.out);
}

TEST_CASE("staff prints a readable table") {
  const CliResult r = staff("-r 30");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("Staffing for Retail bank weekday, general line") != std::string::npos);
  CHECK(r.out.find("targets: general: 80/20") != std::string::npos);
  for (const char* start : kStarts) {
    INFO(start);
    CHECK(r.out.find(std::string("\n  ") + start + " |") != std::string::npos);
  }
  CHECK(r.out.find("ErlC") != std::string::npos);
  CHECK(r.out.find("Erlang C staffing would pay") != std::string::npos);
  CHECK(r.out.find("agent-hours") != std::string::npos);
  CHECK(r.out.find("all targets met") != std::string::npos);
  CHECK(r.out.find("NOT MET") == std::string::npos);
}

TEST_CASE("staff rejects bad input with exit status 2 and a clear message") {
  SECTION("a target with a bad unit") {
    check_input_error(staff("-r 20 --target 80/2x"), {"ccsim staff", "--target '80/2x'", "unknown unit 'x'"});
  }
  SECTION("a target that is no target") {
    check_input_error(staff("-r 20 --target fast"), {"--target 'fast'", "cannot read target", "80/20"});
  }
  SECTION("100% is impossible") {
    check_input_error(staff("-r 20 --target 100/0"), {"100/0", "100%", "no staffing guarantees", "less than 100%"});
  }
  SECTION("an ASA cap of 0 s is impossible") {
    check_input_error(staff("-r 20 --target 'asa<=0s'"), {"asa<=0s", "no call ever waits", "positive ASA cap"});
  }
  SECTION("an unknown scope") {
    check_input_error(staff("-r 20 --scope week"), {"--scope", "'interval' or 'day'", "week"});
  }
  SECTION("a confidence out of range") {
    check_input_error(staff("-r 20 --confidence 1.5"), {"--confidence", "between 0.5 and 1", "1.5"});
  }
  SECTION("a confidence that is no number") {
    check_input_error(staff("-r 20 --confidence abc"), {"--confidence", "'abc'"});
  }
  SECTION("no agents allowed") {
    check_input_error(staff("-r 20 --max-agents 0"), {"--max-agents", "0 is out of range"});
  }
  SECTION("one replication gives no confidence interval") {
    check_input_error(staff("-r 1"), {"--replications", "1 is out of range [2,"});
  }
  SECTION("a misspelt option") {
    check_input_error(staff("-r 20 --targt 80/20"), {"unknown option --targt", "did you mean --target?"});
  }
  SECTION("no scenario file") {
    check_input_error(run_cli("staff --target 80/20"), {"ccsim staff", "missing scenario FILE"});
  }
  SECTION("--out into a folder that does not exist") {
    check_input_error(staff("-r 20 --out /nonexistent/dir/x.h5"), {"--out", "cannot write '/nonexistent/dir/x.h5'"});
  }
  SECTION("a scenario file that does not exist") {
    check_input_error(run_cli("staff scenarios/no-such-scenario.toml -r 20"),
                      {"scenarios/no-such-scenario.toml", "cannot read file"});
  }
}

TEST_CASE("staff with a cap too low prints the best staffing and fails with status 1") {
  const CliResult r = staff("--max-agents 20 -r 20");
  CHECK(r.status == 1);
  // stdout still has the whole table, the day and the totals
  for (const char* start : kStarts) {
    INFO(start);
    CHECK(r.out.find(std::string("\n  ") + start + " |") != std::string::npos);
  }
  CHECK(r.out.find("TARGETS NOT MET") != std::string::npos);
  CHECK(r.out.find("<< short") != std::string::npos);
  CHECK(r.out.find("\nDay\n") != std::string::npos);
  CHECK(r.out.find("total: ") != std::string::npos);
  CHECK(r.out.find("Erlang C staffing would pay") != std::string::npos);
  CHECK(r.out.find("Not met (some intervals reached --max-agents)") != std::string::npos);
  CHECK(r.out.find("general 10:30 80/20") != std::string::npos);
  INFO(r.err);
  CHECK(r.err.find("ccsim staff: error: the targets are not met") != std::string::npos);
  CHECK(r.err.find("--max-agents") != std::string::npos);

  // --json too: the best staffing, infeasible, with the failing intervals
  const CliResult j = staff("--max-agents 20 -r 20 --json");
  CHECK(j.status == 1);
  const json o = json::parse(j.out);
  CHECK(o["feasible"] == false);
  CHECK(o["search"]["capped"] == true);
  CHECK_FALSE(o["shortfalls"].empty());
  for (const json& n : o["groups"]["universal"]["staffing"]) CHECK(n.get<int>() <= 20);
}

TEST_CASE("compare --json: one row per target set, in order, paired against the first") {
  const CliResult& r = compare_result();
  INFO(r.err);
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  REQUIRE(j["rows"].size() == 3);
  const json& rows = j["rows"];
  CHECK(rows[0]["target"] == "80/20");
  CHECK(rows[1]["target"] == "90/10");
  CHECK(rows[2]["target"] == "90/10+99/300");
  CHECK(rows[0]["delta_agent_hours"]["mean"] == 0.0);
  CHECK(rows[0]["delta_agent_hours"]["ci95"] == 0.0);
  CHECK(rows[0]["delta_cost"]["mean"] == 0.0);
  // 90/10 costs more than 80/20, surely: the lower end of the paired 95% CI is above 0
  const json& d = rows[1]["delta_cost"];
  CHECK(d["mean"].get<double>() > 0);
  CHECK(d["mean"].get<double>() - d["ci95"].get<double>() > 0);
  CHECK(rows[1]["delta_agent_hours"]["mean"].get<double>() > 0);
  // ... and adding 99/300 to 90/10 costs no less
  CHECK(rows[2]["delta_cost"]["mean"].get<double>() >= rows[1]["delta_cost"]["mean"].get<double>());
  const char* first_threshold[] = {"20", "10", "10"};  // each row reports its own targets' thresholds
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const json& row = rows[k];
    INFO(row["target"]);
    CHECK(row["agent_hours"].is_number());
    CHECK(row["cost"].get<double>() == Approx(25 * row["agent_hours"].get<double>()));
    // worked hours: the plan's plus time finishing calls after it
    CHECK(row["agent_hours"].get<double>() >= row["groups"]["universal"]["agent_hours"].get<double>());
    const double p = row["p_day_meets_target"];
    CHECK(p >= 0);
    CHECK(p <= 1);
    CHECK(is_int_array(row["groups"]["universal"]["staffing"], kIntervals));
    const json& q = row["queues"]["general"];
    REQUIRE(q["service_level"].contains(first_threshold[k]));
    // ... and every row measures all rows' thresholds (10, 20, 300), so rows line up
    CHECK(q["service_level"].size() == 3);
    CHECK(q["service_level"][first_threshold[k]]["offered"]["mean"].is_number());
    CHECK(q["offered"]["mean"].is_number());
    CHECK(q["intervals"].size() == kIntervals);
    for (const json& t : q["targets"]) CHECK(t["met"] == true);  // on the day as well
    CHECK(row["feasible"] == true);
  }
  // the first row is `staff` with the same options
  const json st = staff_json("");
  CHECK(rows[0]["groups"]["universal"]["staffing"] == st["groups"]["universal"]["staffing"]);
  // Same figures as `run` of that staffing on the scenario's replications (compare rows are
  // paired on those; staff alone reports on as many as its close verdicts took); the
  // compare row measures the other rows' thresholds besides.
  const CliResult run = run_cli(std::string("run ") + kBank + " --json -r 30 --set 'agents.universal.staffing=" +
                                rows[0]["groups"]["universal"]["staffing"].dump() + "'");
  REQUIRE(run.status == 0);
  const json rj = json::parse(run.out);
  json row0 = rows[0]["queues"], alone = rj["queues"];
  for (json* x : {&row0, &alone}) {
    auto& general = (*x)["general"];
    for (const char* extra : {"10", "300"}) {
      general["service_level"].erase(extra);
      general["long_run"]["service_level"].erase(extra);  // long-run figures measure them too
    }
    general.erase("intervals");  // per interval the same SL keys again
  }
  CHECK(row0 == alone);
  CHECK(rows[0]["queues"]["general"]["intervals"][5]["asa"] == rj["queues"]["general"]["intervals"][5]["asa"]);
}

TEST_CASE("compare rejects missing or unreadable --targets") {
  check_input_error(run_cli(std::string("compare ") + kBank + " -r 20"), {"ccsim compare", "missing --targets"});
  check_input_error(run_cli(std::string("compare ") + kBank + " -r 20 --targets nonsense"),
                    {"--targets 'nonsense'", "cannot read target"});
  check_input_error(run_cli(std::string("compare ") + kBank + " -r 20 --targets 80/20 100/20"), {"100%"});
}

TEST_CASE("compare gives byte-identical JSON run again and for any thread count") {
  const CliResult& a = compare_result();
  REQUIRE(a.status == 0);
  const CliResult one = run_cli(std::string("compare ") + kBank + kCompareArgs + " --threads 1");
  const CliResult two = run_cli(std::string("compare ") + kBank + kCompareArgs + " --threads 2");
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  CHECK(a.out == two.out);
  CHECK(one.out == two.out);
}

TEST_CASE("compare takes FILE after --targets") {
  const CliResult r = run_cli(std::string("compare -r 20 --targets 80/20 ") + kBank + " --json");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(json::parse(r.out)["rows"].size() == 1);
}

TEST_CASE("staff --shifts covers the answer with the allowed shift patterns and simulates the roster") {
  const CliResult r = run_cli("staff scenarios/shifts-and-overtime.toml --shifts --json -r 30");
  INFO(r.err);
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  const json& sh = j["shifts"]["groups"]["universal"];
  CHECK(sh["optimal"] == true);
  CHECK(sh["short_intervals"].empty());
  // Every interval's coverage (after breaks and 10% shrinkage) meets the requirement, which
  // is the staff answer's agents on duty.
  const json& req = sh["required"];
  const json& cov = sh["coverage"];
  REQUIRE(req.size() == kIntervals);
  REQUIRE(cov.size() == kIntervals);
  double over = 0;
  for (std::size_t i = 0; i < kIntervals; ++i) {
    CHECK(cov[i].get<double>() >= req[i].get<double>() - 1e-9);
    over += (cov[i].get<double>() - req[i].get<double>()) * 0.5;
  }
  CHECK(sh["over_coverage_hours"].get<double>() == Approx(over).margin(1e-6));
  // Paid hours are the chosen shifts' lengths: 8 h and 4 h patterns only.
  double paid = 0;
  for (const json& p : sh["patterns"]) paid += p["count"].get<int>() * p["length_seconds"].get<double>() / 3600;
  CHECK(sh["paid_hours"].get<double>() == Approx(paid));
  CHECK(sh["cost"].get<double>() == Approx(25.0 * paid));
  // The roster was simulated: its figures are there, on the same calls.
  CHECK(j["shifts"]["queues"]["general"]["offered"]["mean"] == j["queues"]["general"]["offered"]["mean"]);
  CHECK(j["shifts"]["total"]["service_level"]["20"]["offered"]["mean"].get<double>() > 0.8);
}

TEST_CASE("staff --shifts without shift_patterns is bad input, refused before the search") {
  const CliResult r = run_cli(std::string("staff ") + kBank + " --shifts -r 20");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("bank-80-20.toml:") != std::string::npos);
  CHECK(r.err.find("has no shift_patterns") != std::string::npos);
}
