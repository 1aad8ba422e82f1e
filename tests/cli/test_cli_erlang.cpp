// `ccsim erlang` as a user types it: solving for agents (--target, --max-occupancy),
// checking targets at given agents, Erlang B (--lines, --blocking), --shrinkage, their JSON,
// and every bad flag's exit status 2 with a message naming it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/erlang.hpp"
#include "tests/support/cli_harness.hpp"

using json = nlohmann::json;

namespace {

json run_json(const std::string& args) {
  const CliResult r = run_cli("erlang " + args + " --json");
  INFO("ccsim erlang " << args << "\nstderr: " << r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

// The fewest agents with SL offered >= share at t, ASA <= asa_cap and occupancy <= occ_cap,
// by a scan over models::Erlang.
int scan(double lambda, double aht, double patience, double share, double t, double asa_cap, double occ_cap) {
  for (int n = 1;; ++n) {
    const ccsim::models::Erlang e({lambda, aht, n, patience});
    if (e.stable() && e.sl_offered(t) >= share && e.asa() <= asa_cap && e.occupancy() <= occ_cap) return n;
  }
}

const char* const kExistingKeys[] = {"model",         "offered_load", "agents",       "p_wait",
                                     "service_level", "asa",          "abandon_rate", "abandon_rate_refined",
                                     "mean_wait_all", "wait_p90",     "occupancy"};

}  // namespace

TEST_CASE("erlang --target solves for the fewest agents, Erlang C") {
  const int n = scan(1, 240, INFINITY, 0.8, 20, INFINITY, 1);
  const json j = run_json("--rate 3600/h --aht 4m --target 80/20");
  CHECK(j["model"] == "erlang_c");
  CHECK(j["agents"] == n);
  CHECK(j["solved_for"] == "agents");
  CHECK(j["sl_basis"] == "offered");
  CHECK(j["targets"] == json::array({"80/20"}));
  CHECK(j["bound_by"] == json::array({"80/20"}));
  CHECK(j["meets_targets"] == true);
  for (const char* k : kExistingKeys) CHECK(j.contains(k));
  // The figures at the answer are those of `--agents n`.
  const ccsim::models::Erlang e({1, 240, n, INFINITY});
  CHECK(j["service_level"]["20"]["offered"].get<double>() == e.sl_offered(20));
  REQUIRE(j["table"].size() == 2);
  const json& below = j["table"][0];
  const json& at = j["table"][1];
  CHECK(below["agents"] == n - 1);
  CHECK(below["meets_targets"] == false);
  CHECK(below["target_figures"][0]["met"] == false);
  CHECK(below["target_figures"][0]["figure"].get<double>() < 0.8);
  CHECK(at["agents"] == n);
  CHECK(at["stable"] == true);
  CHECK(at["meets_targets"] == true);
  CHECK(at["target_figures"][0]["target"] == "80/20");
  CHECK(at["target_figures"][0]["figure"].get<double>() == e.sl_offered(20));
  CHECK(at["occupancy"].get<double>() == e.occupancy());

  const CliResult text = run_cli("erlang --rate 3600/h --aht 4m --target 80/20");
  REQUIRE(text.status == 0);
  CHECK(text.out.rfind("Fewest agents for 80/20 (SL on the offered basis): " + std::to_string(n) + "\n", 0) == 0);
  CHECK(text.out.find("Bound by: 80/20\n") != std::string::npos);
  CHECK(text.out.find(std::to_string(n - 1) + " agents") != std::string::npos);
  CHECK(text.out.find("missed") != std::string::npos);
  CHECK(text.out.find("Erlang C (M/M/n): " + std::to_string(n) + " agents") != std::string::npos);
}

TEST_CASE("erlang --target with --patience: Erlang A, dual targets joined by '+' or repeated") {
  const json a = run_json("--rate 3600/h --aht 4m --patience 3m --target '90/10+asa<=5s'");
  const json b = run_json("--rate 3600/h --aht 4m --patience 3m --target 90/10 --target 'asa<=5s'");
  const int n = scan(1, 240, 180, 0.9, 10, 5, 1);
  CHECK(a["model"] == "erlang_a");
  CHECK(a["agents"] == n);
  CHECK(a == b);
  CHECK(a["targets"] == json::array({"90/10", "asa<=5s"}));
  // The default SL thresholds are the targets' own.
  CHECK(a["service_level"].contains("10"));
  CHECK_FALSE(a["service_level"].contains("20"));
  for (const json& bound : a["bound_by"]) CHECK((bound == "90/10" || bound == "asa<=5s"));
}

TEST_CASE("erlang --max-occupancy caps the occupancy and says when it binds") {
  const json j = run_json("--rate 3600/h --aht 4m --target 80/20 --max-occupancy 85%");
  CHECK(j["agents"] == scan(1, 240, INFINITY, 0.8, 20, INFINITY, 0.85));
  CHECK(j["agents"] == 283);
  CHECK(j["max_occupancy"].get<double>() == 0.85);
  CHECK(j["bound_by"] == json::array({"max_occupancy"}));
  CHECK(j["occupancy_met"] == true);
  CHECK(j["table"][0]["occupancy_met"] == false);
  const CliResult text = run_cli("erlang --rate 3600/h --aht 4m --target 80/20 --max-occupancy 85%");
  CHECK(text.out.find("Bound by: occupancy at most 85%\n") != std::string::npos);

  // The cap alone, without targets; Erlang C needs more agents than the load first.
  const json st = run_json("--rate 3600/h --aht 4m --max-occupancy 100%");
  CHECK(st["agents"] == 241);
  CHECK(st["bound_by"] == json::array({"stability"}));
  CHECK(st["table"][0]["stable"] == false);
  CHECK(st["table"][0]["occupancy"].is_null());
}

TEST_CASE("erlang --agents with --target reports each target at that staffing") {
  const std::string base = "--rate 3600/h --aht 4m --agents 250 --patience 3m";
  const json plain = run_json(base);
  const json j = run_json(base + " --target 80/20 --target 'abandon<=1%' --threshold 20s");
  // The keys of the plain mode keep their values; the check adds keys after them.
  for (const char* k : kExistingKeys) CHECK(j[k] == plain[k]);
  CHECK_FALSE(j.contains("solved_for"));
  CHECK_FALSE(j.contains("table"));
  const ccsim::models::Erlang e({1, 240, 250, 180});
  REQUIRE(j["target_figures"].size() == 2);
  CHECK(j["target_figures"][0]["figure"].get<double>() == e.sl_offered(20));
  CHECK(j["target_figures"][0]["met"] == true);
  CHECK(j["target_figures"][1]["figure"].get<double>() == e.p_abandon());
  CHECK(j["target_figures"][1]["met"] == (e.p_abandon() <= 0.01));
  CHECK(j["meets_targets"] == (e.p_abandon() <= 0.01));
  const CliResult text = run_cli("erlang " + base + " --target 80/20 --target 'abandon<=1%'");
  REQUIRE(text.status == 0);
  CHECK(text.out.find("Targets at 250 agents (SL on the offered basis): not all met") != std::string::npos);
  CHECK(text.out.find("abandon<=1% (abandon rate)") != std::string::npos);
}

TEST_CASE("erlang without new flags prints exactly the keys it always printed") {
  const CliResult r = run_cli("erlang --rate 3600/h --aht 4m --agents 245 --patience 3m --json");
  REQUIRE(r.status == 0);
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(r.out);  // keys in printed order
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>(std::begin(kExistingKeys), std::end(kExistingKeys)));
}

TEST_CASE("erlang --shrinkage prints the headcount to schedule, rounded up exactly") {
  const json a = run_json("--rate 60/h --aht 4m --agents 21 --shrinkage 30%");
  CHECK(a["scheduled_agents"] == 30);
  CHECK(a["shrinkage"].get<double>() == 0.3);
  CHECK(run_json("--rate 60/h --aht 4m --agents 10 --shrinkage 10%")["scheduled_agents"] == 12);
  CHECK(run_json("--rate 60/h --aht 4m --agents 10 --shrinkage 0%")["scheduled_agents"] == 10);
  const CliResult text = run_cli("erlang --rate 60/h --aht 4m --agents 21 --shrinkage 30%");
  CHECK(text.out.find("Scheduled headcount at 30% shrinkage: 30 (21 / (1 - 30%), rounded up)\n") != std::string::npos);
  // On the solved answer too.
  const json s = run_json("--rate 3600/h --aht 4m --target 80/20 --shrinkage 30%");
  const int n = s["agents"];
  CHECK(s["scheduled_agents"] == (n * 10 + 6) / 7);
}

TEST_CASE("erlang --lines and --blocking: Erlang B") {
  const json b = run_json("--rate 1/min --aht 5m --lines 10");
  CHECK(b["model"] == "erlang_b");
  CHECK(b["offered_load"].get<double>() == Approx(5).epsilon(1e-12));
  CHECK(b["lines"] == 10);
  CHECK(b["blocking"].get<double>() == Approx(0.018385).margin(5e-7));
  CHECK(b["carried_load"].get<double>() == Approx(5 * (1 - b["blocking"].get<double>())).epsilon(1e-12));
  CHECK_FALSE(b.contains("meets_blocking"));

  const json s = run_json("--rate 1/min --aht 5m --blocking 1%");
  CHECK(s["lines"] == 11);
  CHECK(s["solved_for"] == "lines");
  CHECK(s["max_blocking"].get<double>() == 0.01);
  CHECK(s["meets_blocking"] == true);
  REQUIRE(s["table"].size() == 2);
  CHECK(s["table"][0]["lines"] == 10);
  CHECK(s["table"][0]["meets_blocking"] == false);
  CHECK(s["table"][1]["blocking"] == s["blocking"]);

  const json c = run_json("--rate 1/min --aht 5m --lines 10 --blocking 1%");
  CHECK(c["meets_blocking"] == false);
  CHECK_FALSE(c.contains("table"));

  const CliResult text = run_cli("erlang --rate 1/min --aht 5m --blocking 1%");
  REQUIRE(text.status == 0);
  CHECK(text.out.find("Fewest lines with blocking at most 1%: 11\n") != std::string::npos);
  CHECK(text.out.find("1.838457 % missed") != std::string::npos);
  CHECK(text.out.find("0.828737 % met") != std::string::npos);
}

namespace {
struct BadCase {
  const char* args;
  const char* message;
};
const BadCase kBad[] = {
    {"--target 8O/20", "ccsim erlang: error: --target '8O/20': cannot read target \"8O/20\""},
    {"--target 80/20+", "ccsim erlang: error: --target '80/20+': cannot read target \"\""},
    {"--target 100/20", "ccsim erlang: error: --target: \"100/20\" asks for 100% of calls answered in time"},
    {"--target 'asa<=0s'", "ccsim erlang: error: --target: \"asa<=0s\" asks that no call ever waits"},
    {"--patience 3m --target 'abandon<=0%'",
     "ccsim erlang: error: --target: \"abandon<=0%\" asks that no impatient caller ever abandons"},
    {"--target 80/20 --basis served", "ccsim erlang: error: --basis: unknown basis 'served'"},
    {"--agents 250 --shrinkage 100%", "ccsim erlang: error: --shrinkage: 100% is outside [0%, 100%)"},
    {"--agents 250 --shrinkage 30", "ccsim erlang: error: --shrinkage: expected a percentage like \"5%\""},
    {"--agents 250 --shrinkage -5%", "ccsim erlang: error: --shrinkage: negative percentage"},
    {"--target 80/20 --max-occupancy 0%", "ccsim erlang: error: --max-occupancy: 0% is outside (0%, 100%]"},
    {"--target 80/20 --max-occupancy 120%", "ccsim erlang: error: --max-occupancy: percentage \"120%\" is over 100%"},
    {"--lines 10 --patience 3m", "ccsim erlang: error: --patience does not apply to Erlang B"},
    {"--blocking 1% --target 80/20", "ccsim erlang: error: --target does not apply to Erlang B"},
    {"--lines 10 --agents 10", "ccsim erlang: error: --agents does not apply to Erlang B"},
    {"--lines 0", "ccsim erlang: error: --lines: 0 is out of range [1, 100000]"},
    {"--blocking 0%", "ccsim erlang: error: --blocking: 0% is outside (0%, 100%)"},
    {"--blocking 100%", "ccsim erlang: error: --blocking: 100% is outside (0%, 100%)"},
    {"--shrinkage 30%", "ccsim erlang: error: missing --agents (or --target or --max-occupancy"},
    {"--rate 1000/s --target 80/20",
     "ccsim erlang: error: no number of agents up to 100000 meets 80/20 at 300000 erlangs"},
    {"--rate 1000/s --blocking 1%",
     "ccsim erlang: error: --blocking: no number of lines up to 100000 keeps blocking at most 1% at 300000 erlangs"},
};
}  // namespace

TEST_CASE("erlang's new flags refuse bad input with exit 2 and the flag's name") {
  for (const BadCase& c : kBad) {
    // A case with its own --rate gets only --aht: Program_options refuses a flag given twice.
    const std::string args = std::string(c.args).find("--rate") == std::string::npos
                                 ? std::string("erlang --rate 3600/h --aht 5m ") + c.args
                                 : std::string("erlang --aht 5m ") + c.args;
    const CliResult r = run_cli(args);
    INFO("ccsim " << args << "\nstderr: " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.rfind(c.message, 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
  }
}

TEST_CASE("erlang --help names the new flags") {
  const CliResult r = run_cli("erlang --help");
  REQUIRE(r.status == 0);
  for (const char* f : {"--target", "--basis", "--max-occupancy", "--shrinkage", "--lines", "--blocking"})
    CHECK(r.out.find(f) != std::string::npos);
}
