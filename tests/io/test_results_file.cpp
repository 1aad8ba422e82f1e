// Results files (docs/results-format.md): what is written reads back with the same values,
// the tables agree with the summary and with each other, the call log holds every counted
// attempt, and a file appears under its name only when complete.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/io/h5_file.hpp"
#include "sim/io/results_file.hpp"
#include "sim/io/results_tables.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"

using namespace ccsim;

namespace {

// Two queues, one with patience and a capacity (abandons and blocks), so every outcome
// occurs; three 30-minute intervals.
const char* kScenario = R"(
[scenario]
name = "two lines"
interval = "30m"
start = "08:00"
replications = 5
seed = 7
[[queue]]
name = "sales"
arrivals = { volumes = [200, 260, 180] }
handle_time = { dist = "exponential", mean = "180s" }
patience = { dist = "exponential", mean = "60s" }
targets = ["80/20", "abandon<=5%"]
capacity = 6
[[queue]]
name = "service"
arrivals = { volumes = [100, 120, 90] }
handle_time = { dist = "lognormal", mean = "240s", sd = "120s" }
targets = ["90/30"]
[[agents]]
name = "team"
serves = ["sales", "service"]
staffing = [26, 30, 24]
)";

std::string temp_name(const std::string& stem) {
  return "/tmp/ccsim_results_test_" + std::to_string(::getpid()) + "_" + stem;
}

bool file_exists(const std::string& p) { return std::ifstream(p).good(); }

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

struct Written {
  Scenario s;
  RunModel m;
  std::vector<ReplicationResult> reps;
  RunSummary summary;
  std::uint64_t logged = 0;
};

void write_file(const std::string& path, Written& w, bool call_log) {
  w.s = parse_scenario(kScenario, "two-lines.toml");
  w.m = compile(w.s);
  ResultsFile f(path, "run");
  f.write_header(w.s, w.m, ResultsHeader{"run", "ccsim run two-lines.toml"});
  CallLogWriter* log = call_log ? &f.start_call_log() : nullptr;
  w.reps = replicate(w.m, w.s.seed, w.s.replications, 2, log);
  if (log) w.logged = log->rows();
  w.summary = summarize_run(w.m, w.reps);
  write_run_tables(f, w.m, w.reps, w.summary);
  REQUIRE_FALSE(file_exists(path));  // not under its name before commit
  f.commit();
}

}  // namespace

TEST_CASE("a run's tables read back with the values that were simulated") {
  const std::string path = temp_name("run.h5");
  Written w;
  write_file(path, w, true);
  REQUIRE(file_exists(path));
  h5::Handle file = h5::open_file_read(path);
  const hid_t f = file.id();

  SECTION("attributes and names") {
    CHECK(h5::int_attr(f, "format_version") == kResultsFormatVersion);
    CHECK(h5::string_attr(f, "command") == "run");
    CHECK(h5::string_attr(f, "scenario_name") == "two lines");
    CHECK(h5::int_attr(f, "seed") == 7);
    CHECK(h5::int_attr(f, "replications") == 5);
    CHECK(h5::int_attr(f, "intervals") == 3);
    CHECK(h5::double_attr(f, "interval_seconds") == 1800.0);
    CHECK(h5::double_attr(f, "start_seconds") == 8 * 3600.0);
    CHECK(h5::string_attr(f, "created").size() == 20);
    CHECK(h5::read_strings(f, "queues") == std::vector<std::string>{"sales", "service"});
    CHECK(h5::read_strings(f, "groups") == std::vector<std::string>{"team"});
    CHECK(h5::read_doubles(f, "thresholds") == std::vector<double>{20, 30});
    // The stored scenario text parses to the same scenario.
    const Scenario again = parse_scenario(h5::read_string(f, "scenario_toml"), "stored.toml");
    CHECK(again.queues.size() == 2);
    CHECK(again.queues[0].targets.size() == 2);
    CHECK(again.groups[0].name == "team");
  }

  SECTION("the interval table holds every tally cell") {
    h5::Handle t = h5::open_group(f, "intervals");
    const auto rep = h5::read_column_int(t.id(), "replication");
    const auto queue = h5::read_column_int(t.id(), "queue");
    const auto interval = h5::read_column_int(t.id(), "interval");
    const auto offered = h5::read_column_int(t.id(), "offered");
    const auto within = h5::read_column_int(t.id(), "answered_within_20");
    const auto wait = h5::read_column_double(t.id(), "wait_answered");
    REQUIRE(rep.size() == 5 * 2 * 3);
    for (std::size_t k = 0; k < rep.size(); ++k) {
      const double* cell = w.reps[static_cast<std::size_t>(rep[k])].calls.cell(static_cast<int>(queue[k]),
                                                                               static_cast<int>(interval[k]));
      CHECK(offered[k] == static_cast<std::int64_t>(cell[kOffered]));
      CHECK(within[k] == static_cast<std::int64_t>(cell[kCallFixedFields + 0]));
      CHECK(wait[k] == cell[kWaitAnswered]);  // bit for bit: float64 throughout
    }
    CHECK(h5::table_columns(t.id()).front() == "replication");
  }

  SECTION("the summary equals the run summary, and the day table recomputes it") {
    h5::Handle t = h5::open_group(f, "summary");
    const auto queue = h5::read_column_int(t.id(), "queue");
    const auto metric = h5::read_column_string(t.id(), "metric");
    const auto mean = h5::read_column_double(t.id(), "mean");
    const auto ci = h5::read_column_double(t.id(), "ci95");
    int found = 0;
    for (std::size_t k = 0; k < metric.size(); ++k) {
      const std::size_t q = queue[k] < 0 ? 2 : static_cast<std::size_t>(queue[k]);
      if (metric[k] == "service_level_20_offered") {
        CHECK(mean[k] == w.summary.day[q].sl_offered[0].mean);
        CHECK(ci[k] == w.summary.day[q].sl_offered[0].ci95);
        ++found;
      }
      if (metric[k] == "abandon_rate") {
        CHECK(mean[k] == w.summary.day[q].abandon_rate.mean);
        ++found;
      }
    }
    CHECK(found == 6);  // two queues and the total, two metrics each

    h5::Handle d = h5::open_group(f, "replications");
    const auto dq = h5::read_column_int(d.id(), "queue");
    const auto sl = h5::read_column_double(d.id(), "service_level_20_offered");
    double mean_sales = 0;
    for (std::size_t k = 0; k < dq.size(); ++k)
      if (dq[k] == 0) mean_sales += sl[k] / 5;
    CHECK(mean_sales == Approx(w.summary.day[0].sl_offered[0].mean).epsilon(1e-12));
  }

  SECTION("the call log has one row per counted attempt, agreeing with the counters") {
    h5::Handle t = h5::open_group(f, "calls");
    const auto rep = h5::read_column_int(t.id(), "replication");
    const auto queue = h5::read_column_int(t.id(), "queue");
    const auto outcome = h5::read_column_int(t.id(), "outcome");
    const auto arrival = h5::read_column_double(t.id(), "arrival");
    const auto wait = h5::read_column_double(t.id(), "wait");
    const auto group = h5::read_column_int(t.id(), "group");
    const auto handle = h5::read_column_double(t.id(), "handle");
    double offered = 0, answered = 0, abandoned = 0, blocked = 0, wait_answered = 0, within20 = 0;
    for (const auto& r : w.reps)
      for (int q = 0; q < 2; ++q)
        for (int i = 0; i < 3; ++i) {
          const double* c = r.calls.cell(q, i);
          offered += c[kOffered];
          answered += c[kAnswered];
          abandoned += c[kAbandoned];
          blocked += c[kBlocked];
          wait_answered += c[kWaitAnswered];
          within20 += c[kCallFixedFields + 0];
        }
    REQUIRE(static_cast<double>(rep.size()) == offered);
    CHECK(w.logged == rep.size());
    double n_ans = 0, n_ab = 0, n_bl = 0, w_ans = 0, n_within = 0;
    for (std::size_t k = 0; k < rep.size(); ++k) {
      CHECK(arrival[k] >= 0);
      CHECK(arrival[k] < 3 * 1800.0);
      if (outcome[k] == 0) {
        ++n_ans;
        w_ans += wait[k];
        n_within += wait[k] <= 20;
        CHECK(group[k] == 0);
        CHECK(handle[k] > 0);
      } else {
        CHECK(group[k] == -1);
        CHECK(std::isnan(handle[k]));
        (outcome[k] == 1 ? n_ab : n_bl) += 1;
      }
    }
    CHECK(n_ans == answered);
    CHECK(n_ab == abandoned);
    CHECK(n_bl == blocked);
    CHECK(blocked > 0);  // the capacity was hit: the test covers all three outcomes
    CHECK(n_within == within20);
    CHECK(w_ans == Approx(wait_answered).epsilon(1e-12));
    CHECK(h5::string_attr(t.id(), "outcome_names") == "answered,abandoned,blocked");
    // Logging changes no number: the same run without the log has bit-identical tallies.
    const auto plain = replicate(w.m, w.s.seed, w.s.replications, 1);
    for (std::size_t r = 0; r < plain.size(); ++r) {
      CHECK(plain[r].calls.v == w.reps[r].calls.v);
      CHECK(plain[r].groups.v == w.reps[r].groups.v);
    }
  }

  SECTION("group tables") {
    h5::Handle t = h5::open_group(f, "group_intervals");
    const auto present = h5::read_column_double(t.id(), "present_seconds");
    const auto scheduled = h5::read_column_double(t.id(), "scheduled_agents");
    REQUIRE(present.size() == 5 * 3);
    CHECK(scheduled[0] == 26);
    CHECK(scheduled[1] == 30);
    CHECK(scheduled[2] == 24);
    h5::Handle d = h5::open_group(f, "group_replications");
    const auto busy = h5::read_column_double(d.id(), "busy_hours");
    CHECK(sum(busy) / 5 == Approx(w.summary.group_day[0].busy_hours.mean).epsilon(1e-12));
  }
  file.reset();
  std::remove(path.c_str());
}

TEST_CASE("a results file appears only when committed") {
  const std::string path = temp_name("atomic.h5");
  SECTION("dropped without commit: no file under either name") {
    std::string temp;
    {
      ResultsFile f(path, "run");
      temp = path + ".part-" + std::to_string(::getpid());
      CHECK(file_exists(temp));
    }
    CHECK_FALSE(file_exists(temp));
    CHECK_FALSE(file_exists(path));
  }
  SECTION("an older file under the name survives a failed write") {
    { std::ofstream(path) << "older results"; }
    { ResultsFile f(path, "run"); }
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    CHECK(line == "older results");
    std::remove(path.c_str());
  }
  SECTION("an unwritable folder is an input error") {
    CHECK_THROWS_WITH(ResultsFile("/nonexistent/dir/x.h5", "run"),
                      Catch::Contains("--out: cannot write '/nonexistent/dir/x.h5'"));
  }
}

TEST_CASE("tables grow by appending, and strings round-trip") {
  const std::string path = temp_name("append.h5");
  {
    h5::Handle f = h5::create_file(path);
    h5::TableData a;
    a.add<std::int32_t>("k") = {1, 2, 3};
    a.add<std::string>("name") = {"a", "b,c", "\xc3\xa9t\xc3\xa9"};
    a.add<double>("x") = {0.5, std::nan(""), -1e300};
    h5::TableAppender t(f.id(), "t", a, h5::TableOptions{2, 1});
    t.append(a);
    t.append(a);
    CHECK(t.rows() == 6);
    // Rows with other columns (another row's SL thresholds, say) are refused, not mixed in.
    h5::TableData other = a;
    other.columns[2].name = "y";
    CHECK_THROWS_WITH(t.append(other), Catch::Contains("column y does not match x"));
    CHECK(t.rows() == 6);
    f.close("test file");
  }
  h5::Handle f = h5::open_file_read(path);
  h5::Handle t = h5::open_group(f.id(), "t");
  CHECK(h5::read_column_int(t.id(), "k") == std::vector<std::int64_t>{1, 2, 3, 1, 2, 3});
  const auto names = h5::read_column_string(t.id(), "name");
  CHECK(names[1] == "b,c");
  CHECK(names[5] == "\xc3\xa9t\xc3\xa9");
  const auto x = h5::read_column_double(t.id(), "x");
  CHECK(std::isnan(x[4]));
  CHECK(x[5] == -1e300);
  CHECK(h5::table_columns(t.id()) == std::vector<std::string>{"k", "name", "x"});
  f.reset();
  std::remove(path.c_str());
}
