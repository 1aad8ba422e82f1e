// End to end: `ccsim run | check | erlang` as a user types them (docs/interfaces.md §2 and 3).
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

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

namespace {
// The lines of `text` from the one starting with `from` to the next empty line.
std::vector<std::string> block(const std::string& text, const std::string& from) {
  std::vector<std::string> out;
  std::istringstream in(text);
  bool on = false;
  for (std::string l; std::getline(in, l);) {
    if (!on && l.rfind(from, 0) == 0) on = true;
    if (!on) continue;
    if (l.empty()) break;
    out.push_back(l);
  }
  return out;
}

std::string fixed1(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", x);
  return b;
}
}  // namespace

TEST_CASE("the interval table gives each interval's SL with the CI of the JSON and marks the misses") {
  const std::string args = std::string("run ") + kBank + " -r 20";
  const CliResult text = run_cli(args);
  REQUIRE(text.status == 0);
  const json j = run_json("-r 20");
  const json& iv = j["queues"]["general"]["intervals"];
  const auto rows = block(text.out, "Per interval, queue 'general'");
  REQUIRE(rows.size() == 2 + iv.size() + 1);  // title, head, 24 intervals, the count
  CHECK(rows[0].find("SL on the offered basis") != std::string::npos);
  CHECK(rows[0].find("target 80/20") != std::string::npos);
  CHECK(rows[1].find("SL20s ± CI") != std::string::npos);
  int misses = 0;
  for (std::size_t i = 0; i < iv.size(); ++i) {
    const std::string& row = rows[2 + i];
    INFO(row);
    CHECK(row.rfind("  " + iv[i]["start"].get<std::string>(), 0) == 0);
    const json& sl = iv[i]["service_level"]["20"]["offered"];
    const double mean = sl["mean"], ci = sl["ci95"];
    CHECK(row.find(fixed1(100 * mean) + "% ± " + fixed1(100 * ci)) != std::string::npos);
    const bool missed = mean < 0.8;
    misses += missed;
    CHECK((row.find("<- misses 80/20") != std::string::npos) == missed);
  }
  CHECK(misses >= 3);  // the lunch hours, 12:00-13:30, are six agents short
  CHECK(rows.back().find(std::to_string(misses) + " of 24 intervals miss the target 80/20") != std::string::npos);
  // The day's verdict says it too.
  CHECK(text.out.find("target 80/20 (offered)             met (") != std::string::npos);
  CHECK(text.out.find(", missed in " + std::to_string(misses) + " of 24 intervals\n") != std::string::npos);
  // One queue: no pooled block beside it.
  CHECK(text.out.find("all queues pooled") == std::string::npos);
}

TEST_CASE("the report names the SL basis and its formula in the header") {
  const CliResult bank = run_cli(std::string("run ") + kBank + " -r 2");
  REQUIRE(bank.status == 0);
  CHECK(bank.out.find("SL on the offered basis: SL = answered within T / offered (abandons count as missed).\n") !=
        std::string::npos);
  const CliResult refined = run_cli("run scenarios/refined-sl.toml -r 2");
  REQUIRE(refined.status == 0);
  CHECK(refined.out.find("SL on the refined basis: SL = answered within T / (offered - abandoned within T)") !=
        std::string::npos);
  CHECK(refined.out.find("SL on the refined basis, ± 95% CI half-width; target 80/20") != std::string::npos);
  const CliResult answered = run_cli(std::string("run ") + kBank + " -r 2 --set queue.general.sl_basis=answered");
  REQUIRE(answered.status == 0);
  CHECK(answered.out.find("SL on the answered basis: SL = answered within T / answered") != std::string::npos);
}

TEST_CASE("several queues get an interval table each with their own targets, then all queues pooled") {
  const CliResult r = run_cli("run scenarios/elite-line.toml -r 10");
  REQUIRE(r.status == 0);
  const auto elite = block(r.out, "Per interval, queue 'elite'");
  const auto general = block(r.out, "Per interval, queue 'general'");
  const auto pooled = block(r.out, "Per interval, all queues pooled");
  REQUIRE(elite.size() == 2 + 24 + 1);
  REQUIRE(general.size() == 2 + 24 + 1);
  REQUIRE(pooled.size() == 2 + 24);  // no target, no count
  CHECK(elite[0].find("target 90/10 + 99/300") != std::string::npos);
  CHECK(elite[1].find("SL10s ± CI") != std::string::npos);
  CHECK(elite[1].find("SL5m ± CI") != std::string::npos);
  CHECK(elite.back().find("of 24 intervals miss a target (90/10 in ") != std::string::npos);
  CHECK(general[0].find("target 80/20") != std::string::npos);
  CHECK(general[1].find("SL20s ± CI") != std::string::npos);
  CHECK(general[1].find("agents") == std::string::npos);  // groups serve several queues
  CHECK(pooled[1].find("agents") != std::string::npos);
  for (std::size_t i = 2; i < pooled.size(); ++i) CHECK(pooled[i].find("<- misses") == std::string::npos);
}

TEST_CASE("with one replication the text report prints n/a, never a half-width of 0") {
  const CliResult r = run_cli(std::string("run ") + kBank + " -r 1");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("±") == std::string::npos);
  CHECK(r.out.find("SL within 20s (offered)            ") != std::string::npos);
  CHECK(r.out.find("% n/a\n") != std::string::npos);
  CHECK(r.out.find("one replication, so no confidence interval (n/a)") != std::string::npos);
  const auto rows = block(r.out, "Per interval, queue 'general'");
  REQUIRE(rows.size() == 2 + 24 + 1);
  for (std::size_t i = 2; i + 1 < rows.size(); ++i) CHECK(rows[i].find("n/a") != std::string::npos);
  // Two replications: a half-width again.
  const CliResult two = run_cli(std::string("run ") + kBank + " -r 2");
  REQUIRE(two.status == 0);
  CHECK(two.out.find(" n/a") == std::string::npos);
}

TEST_CASE("every command's help names its arguments, hides FILE's option, gives examples and exit statuses") {
  for (const char* cmd : {"run", "check", "erlang", "staff", "compare", "sweep"}) {
    const CliResult r = run_cli(std::string(cmd) + " --help");
    INFO(cmd);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("--file") == std::string::npos);
    CHECK(r.out.find(" arg") == std::string::npos);  // every value is named
    CHECK(r.out.find("\nExamples:\n  $ ccsim " + std::string(cmd) + " ") != std::string::npos);
    CHECK(r.out.find("\nExit status:\n  0    success\n  1    ") != std::string::npos);
    CHECK(r.out.find("\n  2    bad input") != std::string::npos);
    CHECK(r.out.find("FILE:LINE:COL: error: WHAT") != std::string::npos);
    CHECK(r.out.find("\n  130  interrupted") != std::string::npos);
  }
  const CliResult run = run_cli("run --help");
  for (const char* f : {"-r [ --replications ] N", "--seed S", "-t [ --threads ] N", "--set KEY=VALUE", "--threshold D",
                        "--out RESULTS.h5", "--csv SUMMARY.csv", "--csv-intervals INTERVALS.csv"})
    CHECK(run.out.find(f) != std::string::npos);
  const CliResult top = run_cli("--help");
  CHECK(top.out.find("\nExamples:\n  $ ccsim run ") != std::string::npos);
  CHECK(top.out.find("\nExit status:\n") != std::string::npos);
  CHECK(top.out.find("  130  interrupted") != std::string::npos);
}

TEST_CASE("the shared options read the same in run, staff, compare and sweep") {
  std::string first;
  for (const char* cmd : {"run", "staff", "compare", "sweep"}) {
    const std::string out = run_cli(std::string(cmd) + " --help").out;
    const auto at = out.find("  -r [ --replications ] N");
    REQUIRE(at != std::string::npos);
    const auto end = out.find("  --set KEY=VALUE", at);
    REQUIRE(end != std::string::npos);
    // The same words, whatever the column the descriptions start at.
    std::string words;
    std::istringstream in(out.substr(at, end - at));
    for (std::string w; in >> w;) words += w + ' ';
    if (first.empty()) first = words;
    INFO(cmd);
    CHECK(words == first);
  }
}

TEST_CASE("the scenario FILE is still taken by --file, though the help does not show it") {
  const CliResult a = run_cli(std::string("run --file ") + kBank + " -r 2 --json");
  const CliResult b = run_cli(std::string("run ") + kBank + " -r 2 --json");
  REQUIRE(a.status == 0);
  CHECK(a.out == b.out);
  const CliResult c = run_cli(std::string("check --file ") + kBank);
  CHECK(c.status == 0);
  const CliResult twice = run_cli(std::string("run ") + kBank + " " + kBank);
  CHECK(twice.status == 2);
  CHECK(twice.err.find("too many arguments") != std::string::npos);
}
