// End to end: `ccsim run | check | erlang` as a user types them (docs/interfaces.md §2 and 3).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "models/erlang.hpp"
#include "tests/support/cli_harness.hpp"

using nlohmann::json;

namespace {
const char* kBank = "scenarios/bank-80-20.toml";

json run_json(const std::string& extra) {
  const CliResult r = run_cli(std::string("run ") + kBank + " --json " + extra);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}
}  // namespace

TEST_CASE("run --json follows the contract's shape") {
  const json j = run_json("--replications 20");
  CHECK(j["scenario"] == "Retail bank weekday, general line");
  CHECK(j["replications"] == 20);
  CHECK(j["seed"] == 20261122);
  CHECK(j["ccsim_version"].is_string());
  const json& q = j["queues"]["general"];
  for (const char* k : {"offered", "answered", "abandoned", "blocked", "asa", "abandon_rate", "abandon_rate_refined",
                        "mean_wait_all", "wait_p90"}) {
    INFO(k);
    REQUIRE(q.contains(k));
    CHECK(q[k].contains("mean"));
    CHECK(q[k].contains("ci95"));
  }
  for (const char* basis : {"offered", "answered", "refined"})
    CHECK(q["service_level"]["20"][basis]["mean"].is_number());
  CHECK(j["total"]["offered"]["mean"] == q["offered"]["mean"]);
  CHECK(j["agents"]["universal"]["occupancy"]["mean"].is_number());
  // 566 scheduled agent-hours: the staffing plan x 30 minutes.
  CHECK(j["agents"]["universal"]["agent_hours"]["mean"] == Approx(566.0));

  // The forecast is 7,580 calls a day: the mean must cover it within its CI (+ slack of
  // one Poisson sd / sqrt(R) already inside the CI, so 3 CI half-widths at most).
  const double offered = q["offered"]["mean"], ci = q["offered"]["ci95"];
  CHECK(std::abs(offered - 7580) < 3 * ci);
  // Bases order: answered-basis SL >= refined >= offered-basis SL.
  const double slo = q["service_level"]["20"]["offered"]["mean"];
  const double sla = q["service_level"]["20"]["answered"]["mean"];
  const double slr = q["service_level"]["20"]["refined"]["mean"];
  CHECK(sla >= slr);
  CHECK(slr >= slo);
  CHECK(q["answered"]["mean"].get<double>() + q["abandoned"]["mean"].get<double>() == Approx(offered));
  CHECK(q["intervals"].size() == 24);
  CHECK(q["intervals"][0]["start"] == "08:00");
}

TEST_CASE("the same seed gives identical JSON, --threads does not change it") {
  const CliResult a = run_cli(std::string("run ") + kBank + " --json --replications 12 --threads 1");
  const CliResult b = run_cli(std::string("run ") + kBank + " --json --replications 12 --threads 2");
  const CliResult c = run_cli(std::string("run ") + kBank + " --json --replications 12 --threads 2");
  const CliResult d = run_cli(std::string("run ") + kBank + " --json --replications 12 --seed 7");
  REQUIRE(a.status == 0);
  CHECK(a.out == b.out);
  CHECK(b.out == c.out);
  CHECK(a.out != d.out);
}

TEST_CASE("run --set overrides scenario values, more agents, better service") {
  const json base = run_json("--replications 10");
  const json more = run_json("--replications 10 --set agents.universal.staffing=80");
  const json slow = run_json("--replications 10 --set queue.general.handle_time.mean=300s");
  auto sl = [](const json& j) {
    return j["queues"]["general"]["service_level"]["20"]["offered"]["mean"].get<double>();
  };
  CHECK(sl(more) > sl(base));
  CHECK(sl(slow) < sl(base));
  // common random numbers: the same callers arrive whatever the staffing
  CHECK(more["queues"]["general"]["offered"]["mean"] == base["queues"]["general"]["offered"]["mean"]);
  CHECK(more["agents"]["universal"]["agent_hours"]["mean"] == Approx(80 * 12));
}

TEST_CASE("run --threshold adds service-level thresholds") {
  const json j = run_json("--replications 5 --threshold 60s --threshold 2m");
  const json& sl = j["queues"]["general"]["service_level"];
  CHECK(sl.contains("20"));
  CHECK(sl.contains("60"));
  CHECK(sl.contains("120"));
  CHECK(sl["120"]["offered"]["mean"].get<double>() >= sl["60"]["offered"]["mean"].get<double>());
}

TEST_CASE("the readable report shows SL, ASA and abandon rate with CIs and the target verdict") {
  const CliResult r = run_cli(std::string("run ") + kBank + " --replications 10");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("SL within 20s (offered)") != std::string::npos);
  CHECK(r.out.find("ASA (answered calls)") != std::string::npos);
  CHECK(r.out.find("abandon rate") != std::string::npos);
  CHECK(r.out.find("target 80/20 (offered)") != std::string::npos);
  CHECK(r.out.find(" ± ") != std::string::npos);
  CHECK(r.out.find("12:00") != std::string::npos);
}

TEST_CASE("run --csv writes the day summary") {
  const std::string path = "/tmp/ccsim_cli_test_summary.csv";
  const CliResult r = run_cli(std::string("run ") + kBank + " --replications 5 --json --csv " + path);
  REQUIRE(r.status == 0);
  const std::string csv = slurp(path);
  // The first four columns as ever; the long-run figure and its CI added at the end.
  CHECK(csv.rfind("queue,metric,mean,ci95,long_run_mean,long_run_ci95\n", 0) == 0);
  CHECK(csv.find("\"general\",service_level_20_offered,") != std::string::npos);
  CHECK(csv.find("\"general\",service_level_20_abandoned_met,") != std::string::npos);
  CHECK(csv.find("\"general\",offered,") != std::string::npos);
  CHECK(csv.find("\"total\",asa,") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("run --csv-intervals writes one row per queue and interval that adds up to the day") {
  const std::string path = "/tmp/ccsim_cli_test_intervals.csv";
  const std::string h5 = "/tmp/ccsim_cli_test_intervals.h5";
  const CliResult r =
      run_cli(std::string("run ") + kBank + " --replications 5 --json --csv-intervals " + path + " --out " + h5);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  std::istringstream in(slurp(path));
  std::string line;
  std::getline(in, line);
  CHECK(line.rfind("queue,interval,start,offered,offered_ci95,answered,", 0) == 0);
  CHECK(line.find("service_level_20_offered,service_level_20_offered_ci95") != std::string::npos);
  CHECK(line.find("wait_p90") == std::string::npos);  // a percentile is day-only
  int rows = 0;
  double offered = 0;
  std::string first_start;
  while (std::getline(in, line)) {
    ++rows;
    if (line.rfind("\"general\",", 0) != 0) continue;
    // "general",k,HH:MM,offered,...
    std::istringstream cells(line);
    std::string queue, k, start, value;
    std::getline(cells, queue, ',');
    std::getline(cells, k, ',');
    std::getline(cells, start, ',');
    std::getline(cells, value, ',');
    if (k == "0") first_start = start;
    offered += std::stod(value);
  }
  CHECK(rows == 2 * 24);  // the queue and the total, 24 intervals each
  CHECK(first_start == "08:00");
  // The means of the interval counts add up to the mean of the day's count.
  CHECK(offered == Approx(j["queues"]["general"]["offered"]["mean"].get<double>()).epsilon(1e-9));
  CHECK(std::ifstream(h5).good());
  std::remove(path.c_str());
  std::remove(h5.c_str());
}

TEST_CASE("check summarises a valid scenario") {
  const CliResult r = run_cli(std::string("check ") + kBank);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("OK") != std::string::npos);
  CHECK(r.out.find("queue 'general'") != std::string::npos);
  CHECK(r.out.find("566 paid agent-hours") != std::string::npos);
}

TEST_CASE("erlang prints the exact Erlang C and Erlang A values") {
  const CliResult c = run_cli("erlang --rate 8/min --aht 60s --agents 10 --json");
  REQUIRE(c.status == 0);
  const json jc = json::parse(c.out);
  CHECK(jc["model"] == "erlang_c");
  CHECK(jc["p_wait"].get<double>() == Approx(0.4091801508).epsilon(1e-9));
  const CliResult a = run_cli("erlang --rate 3600/h --aht 4m --agents 245 --patience 3m --threshold 20s --json");
  REQUIRE(a.status == 0);
  const json ja = json::parse(a.out);
  ccsim::models::ErlangModel m;
  m.lambda = 1;
  m.aht = 240;
  m.agents = 245;
  m.patience = 180;
  const ccsim::models::Erlang e(m);
  CHECK(ja["model"] == "erlang_a");
  CHECK(ja["service_level"]["20"]["offered"].get<double>() == Approx(e.sl_offered(20)).epsilon(1e-12));
  CHECK(ja["abandon_rate"].get<double>() == Approx(e.p_abandon()).epsilon(1e-12));
  const CliResult text = run_cli("erlang --rate 3600/h --aht 4m --agents 245 --patience 3m");
  CHECK(text.status == 0);
  CHECK(text.out.find("Erlang A") != std::string::npos);
}

TEST_CASE("the flags --help and --version work everywhere") {
  for (const char* args : {"--help", "--version", "run --help", "check --help", "erlang --help"}) {
    const CliResult r = run_cli(args);
    INFO(args);
    CHECK(r.status == 0);
    CHECK(!r.out.empty());
    CHECK(r.err.empty());
  }
}

TEST_CASE("run shows the long-run figure where it differs, and judges targets on sl_estimator") {
  // Day-level forecast error of 20%: busy days are the worst served, so the long-run SL
  // (all calls pooled) is well below the mean of the daily SLs (docs/metrics.md §5).
  const std::string sla = std::string(CCSIM_SOURCE_DIR) + "/scenarios/bank-sla-month.toml";
  const std::string args = "run " + sla + " -r 1000 --set queue.general.arrivals.forecast_cv=0.2";
  const CliResult daily = run_cli(args);
  REQUIRE(daily.status == 0);
  CHECK(daily.out.find("long-run (all calls pooled), where it differs from the daily mean:") != std::string::npos);
  CHECK(daily.out.find("target 80/20 (offered)  ") != std::string::npos);
  const CliResult lr = run_cli(args + " --set queue.general.sl_estimator=long_run");
  REQUIRE(lr.status == 0);
  CHECK(lr.out.find("target 80/20 (offered, long-run)") != std::string::npos);
  // Without forecast error the two agree within their CIs: no long-run lines.
  const CliResult plain = run_cli(std::string("run ") + kBank + " -r 20");
  REQUIRE(plain.status == 0);
  CHECK(plain.out.find("long-run") == std::string::npos);
}

TEST_CASE("a bad sl_estimator in --set is an input error at its column") {
  const CliResult r = run_cli(std::string("run ") + kBank + " -r 2 --set queue.general.sl_estimator=longrun");
  CHECK(r.status == 2);
  CHECK(r.err.find("--set:1:28: error: ") != std::string::npos);
  CHECK(r.err.find("did you mean 'long_run'?") != std::string::npos);
}
