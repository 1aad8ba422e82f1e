// End to end: `ccsim sweep` as a user types it. Same results for any thread count; an
// interrupted and resumed sweep equals an uninterrupted one; bad axes exit 2 with a clear
// message; a resumed file from another sweep is refused.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/io/h5_file.hpp"
#include "tests/support/cli_harness.hpp"
#include "tests/support/sweep_tables.hpp"

using nlohmann::json;

namespace {

const char* kBank = "scenarios/bank-80-20.toml";

std::string tmp(const std::string& stem) { return "/tmp/ccsim_sweep_test_" + std::to_string(::getpid()) + "_" + stem; }

bool exists(const std::string& p) { return std::ifstream(p).good(); }

const std::string kAxes =
    " --vary queue.general.arrivals.scale=0.9:1.1:0.1 --vary agents.universal.staffing_delta=-2,0,2";

}  // namespace

TEST_CASE("sweep: the grid, its JSON and its file") {
  const std::string out = tmp("grid.h5");
  const CliResult r = run_cli(std::string("sweep ") + kBank + kAxes + " -r 6 -t 2 --json -q --out " + out);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());  // no progress line when stderr is not a terminal
  const json j = json::parse(r.out);
  REQUIRE(j["axes"] == json::array({"queue.general.arrivals.scale", "agents.universal.staffing_delta"}));
  REQUIRE(j["points"].size() == 9);
  // The last axis varies fastest.
  CHECK(j["points"][0]["values"]["queue.general.arrivals.scale"] == Approx(0.9));
  CHECK(j["points"][0]["values"]["agents.universal.staffing_delta"] == -2);
  CHECK(j["points"][1]["values"]["agents.universal.staffing_delta"] == 0);
  CHECK(j["points"][3]["values"]["queue.general.arrivals.scale"] == Approx(1.0));
  // More agents, better SL; more calls, worse (each paired on the same streams).
  auto sl = [&](int p) { return j["points"][p]["total"]["service_level"]["20"]["offered"]["mean"].get<double>(); };
  CHECK(sl(0) < sl(1));
  CHECK(sl(1) < sl(2));
  CHECK(sl(7) < sl(1));
  // A point equals `ccsim run` with the same values.
  const CliResult one =
      run_cli(std::string("run ") + kBank +
              " -r 6 --json --set queue.general.arrivals.scale=1 --set agents.universal.staffing_delta=2");
  REQUIRE(one.status == 0);
  CHECK(json::parse(one.out)["total"]["service_level"]["20"]["offered"] ==
        j["points"][5]["total"]["service_level"]["20"]["offered"]);

  using namespace ccsim;
  h5::Handle f = h5::open_file_read(out);
  CHECK(h5::string_attr(f.id(), "command") == "sweep");
  CHECK(h5::int_attr(f.id(), "sweep_points") == 9);
  h5::Handle points = h5::open_group(f.id(), "points");
  CHECK(h5::read_column_int(points.id(), "point") == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8});
  CHECK(h5::read_column_double(points.id(), "agents.universal.staffing_delta")[2] == 2);
  h5::Handle iv = h5::open_group(f.id(), "intervals");
  CHECK(h5::read_column_int(iv.id(), "point").size() == 9u * 6 * 24);
  f.reset();
  std::remove(out.c_str());

  SECTION("--zip advances the axes together") {
    const CliResult z = run_cli(std::string("sweep ") + kBank + " --zip --vary queue.general.arrivals.scale=0.9,1.1" +
                                " --vary agents.universal.staffing_delta=0,4 -r 3 --json");
    REQUIRE(z.status == 0);
    const json jz = json::parse(z.out);
    REQUIRE(jz["points"].size() == 2);
    CHECK(jz["points"][1]["values"]["agents.universal.staffing_delta"] == 4);
  }
}

TEST_CASE("sweep: results do not depend on the thread count") {
  const std::string a = tmp("t1.h5"), b = tmp("t2.h5");
  REQUIRE(run_cli(std::string("sweep ") + kBank + kAxes + " -r 5 -t 1 -q --out " + a).status == 0);
  REQUIRE(run_cli(std::string("sweep ") + kBank + kAxes + " -r 5 -t 2 -q --out " + b).status == 0);
  check_same_tables(a, b);
  std::remove(a.c_str());
  std::remove(b.c_str());
}

TEST_CASE("sweep: interrupted and resumed equals uninterrupted") {
  // Long enough (about 4 s on 2 cores) that a SIGINT after 1 s lands mid-sweep.
  const std::string axes =
      " --vary agents.universal.staffing_delta=-20:30:1 --vary queue.general.arrivals.scale=0.8:1.2:0.1";
  const std::string whole = tmp("whole.h5"), cut = tmp("cut.h5"), err = tmp("cut.err");
  REQUIRE(run_cli(std::string("sweep ") + kBank + axes + " -r 20 -q --out " + whole).status == 0);
  // Ctrl-C as a user would send it, once some points are in the journal (about 1 s in on
  // a Release build; later under the sanitizers or on a busy machine).
  const std::string cmd = std::string("cd '") + CCSIM_SOURCE_DIR + "' && { '" + CCSIM_BINARY + "' sweep " + kBank +
                          axes + " -r 20 -q --out " + cut + " >/dev/null 2>" + err +
                          " </dev/null & pid=$!; while kill -0 $pid 2>/dev/null && [ $(stat -c %s " + cut +
                          ".journal 2>/dev/null || echo 0) -lt 300000 ]; do sleep 0.05; done; kill -INT $pid; "
                          "wait $pid; }";
  const int rc = std::system(cmd.c_str());
  const std::string stopped = slurp(err);
  INFO(stopped);
  CHECK(WEXITSTATUS(rc) == 130);
  CHECK(stopped.find("they are kept in " + cut + ".part") != std::string::npos);
  CHECK_FALSE(exists(cut));
  REQUIRE(exists(cut + ".part"));

  // Without --resume the partial file is not overwritten.
  const CliResult again = run_cli(std::string("sweep ") + kBank + axes + " -r 20 -q --out " + cut);
  CHECK(again.status == 2);
  CHECK(again.err.find("add --resume to finish it") != std::string::npos);
  // A different sweep cannot resume it, and leaves it as it was.
  const CliResult other = run_cli(std::string("sweep ") + kBank + axes + " -r 21 -q --resume --out " + cut);
  CHECK(other.status == 2);
  CHECK(other.err.find("the replications changed") != std::string::npos);
  const CliResult moved = run_cli(std::string("sweep ") + kBank + " --vary agents.universal.staffing_delta=-20:30:2" +
                                  " --vary queue.general.arrivals.scale=0.8:1.2:0.1 -r 20 -q --resume --out " + cut);
  CHECK(moved.status == 2);
  CHECK(moved.err.find("the axes changed") != std::string::npos);
  const CliResult edited = run_cli(std::string("sweep ") + kBank + axes +
                                   " -r 20 -q --set queue.general.patience.mean=100s --resume --out " + cut);
  CHECK(edited.status == 2);
  CHECK(edited.err.find("the scenario (file or --set) changed") != std::string::npos);
  REQUIRE(exists(cut + ".part"));

  // --resume finishes it, with the results of the uninterrupted run.
  const CliResult resumed = run_cli(std::string("sweep ") + kBank + axes + " -r 20 -q --resume --json --out " + cut);
  INFO(resumed.err);
  REQUIRE(resumed.status == 0);
  // --json lists every point: the earlier ones read back from the file.
  const json j = json::parse(resumed.out);
  REQUIRE(j["points"].size() == 255);
  const std::size_t first = j["resumed_from"].get<std::size_t>();
  CHECK(first > 0);
  CHECK(j["points"][0]["from_file"] == true);
  CHECK_FALSE(j["points"][first].contains("from_file"));
  for (std::size_t p : {std::size_t{0}, first - 1, first, std::size_t{254}}) {
    INFO("point " << p);
    CHECK(j["points"][p]["point"] == p);
    CHECK(j["points"][p]["total"]["service_level"]["20"]["offered"]["mean"].is_number());
    // The long-run figures too, read back from /summary's long_run columns for earlier points.
    CHECK(j["points"][p]["total"]["long_run"]["service_level"]["20"]["offered"]["mean"].is_number());
  }
  CHECK_FALSE(exists(cut + ".part"));
  check_same_tables(whole, cut);

  // A .part without its journal (an older ccsim's, or the journal deleted) cannot be
  // verified, so it is refused, and says how to go on; --restart deletes it and runs the
  // sweep from the start, to the same results. (Damaged journals: test_cli_sweep_faults.)
  std::remove(cut.c_str());
  std::ofstream(cut + ".part") << "not a results file";
  const CliResult damaged = run_cli(std::string("sweep ") + kBank + axes + " -r 20 -q --resume --out " + cut);
  CHECK(damaged.status == 2);
  CHECK(damaged.err.find("has no journal beside it") != std::string::npos);
  CHECK(damaged.err.find("--restart deletes it and starts over") != std::string::npos);
  const CliResult blocked = run_cli(std::string("sweep ") + kBank + axes + " -r 20 -q --out " + cut);
  CHECK(blocked.status == 2);
  CHECK(blocked.err.find("add --resume to finish it, or --restart to delete it and start over") != std::string::npos);
  const CliResult both = run_cli(std::string("sweep ") + kBank + axes + " -r 20 -q --resume --restart --out " + cut);
  CHECK(both.status == 2);
  const CliResult restarted = run_cli(std::string("sweep ") + kBank + axes + " -r 20 -q --restart --out " + cut);
  INFO(restarted.err);
  REQUIRE(restarted.status == 0);
  CHECK(restarted.err.find("deleted " + cut + ".part; starting over") != std::string::npos);
  CHECK_FALSE(exists(cut + ".part"));
  check_same_tables(whole, cut);
  for (const std::string& f : {whole, cut, cut + ".part", err}) std::remove(f.c_str());
}

TEST_CASE("sweep: bad axes exit 2 with a clear message") {
  struct Case {
    const char* axes;
    std::vector<const char*> words;
  };
  const Case cases[] = {
      {"--vary queue.general.arivals.scale=0.9,1.1",
       {"--vary 'queue.general.arivals.scale=0.9,1.1'", "has no 'arivals'; did you mean 'arrivals'?"}},
      {"--vary agents.univrsal.staffing=50", {"no agent group named 'univrsal'", "did you mean 'universal'?"}},
      {"--vary queue.general.handle_time.mean=200s:100s:10s", {"STEP goes away from STOP"}},
      {"--vary queue.general.handle_time.mean=100s:200s:0s", {"STEP is 0"}},
      {"--vary queue.general.handle_time.mean=", {"no values after '='"}},
      {"--vary queue.general.handle_time.mean=100s,,200s", {"an empty value in the list"}},
      {"--vary queue.general.handle_time.mean=100s:2h:5%", {"same unit", "a duration", "a percentage"}},
      {"--vary queue.general.handle_time.mean=100x", {"at queue.general.handle_time.mean=100x", "unknown unit 'x'"}},
      {"--vary agents.universal.staffing_delta=1.5", {"staffing_delta", "whole number"}},
      {"--vary scenario.seed=1,2", {"common random numbers", "--seed"}},
      {"--vary agents.universal.staffing_delta=1,2 --vary agents.universal.staffing_delta=3", {"varied twice"}},
      {"--zip --vary agents.universal.staffing_delta=1,2 --vary queue.general.arrivals.scale=1",
       {"--zip needs axes of equal length"}},
      {"", {"nothing to sweep"}},
      {"--vary agents.universal.staffing_delta", {"expected KEY=V1,V2,..."}},
  };
  for (const Case& c : cases) {
    const CliResult r = run_cli(std::string("sweep ") + kBank + " " + c.axes + " -r 2 --json");
    INFO(c.axes << "\n" << r.err);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("ccsim sweep: error: ", 0) == 0);
    for (const char* w : c.words) CHECK(r.err.find(w) != std::string::npos);
  }
  SECTION("no output asked for") {
    const CliResult r = run_cli(std::string("sweep ") + kBank + " --vary agents.universal.staffing_delta=1");
    CHECK(r.status == 2);
    CHECK(r.err.find("give --out SWEEP.h5") != std::string::npos);
  }
}

TEST_CASE("sweep: axes from the scenario's [sweep] table") {
  const std::string path = tmp("with-sweep.toml");
  std::ofstream(path) << slurp(std::string(CCSIM_SOURCE_DIR) + "/" + kBank)
                      << "\n[sweep]\nvary = [\"agents.universal.staffing_delta=0,3\"]\n";
  const CliResult r = run_cli("sweep " + path + " -r 3 --json");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(json::parse(r.out)["points"].size() == 2);
  std::ofstream(path, std::ios::app) << "zip = \"yes\"\n";
  const CliResult bad = run_cli("sweep " + path + " -r 3 --json");
  CHECK(bad.status == 2);
  CHECK(bad.err.find(path + ":") == 0);
  CHECK(bad.err.find("[sweep] zip: expected true or false") != std::string::npos);
  std::remove(path.c_str());
}
