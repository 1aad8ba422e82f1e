// Per-interval handle time, wrap-up and patience (docs/scenario-format.md): a call draws
// from the distributions of the interval its attempt arrives in. Recorded calls with fixed
// per-interval values, every outcome derived by hand in the comments.
#include <catch2/catch.hpp>

#include <string>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/trace_replay.hpp"

using namespace ccsim;
using test::call_at;

namespace {

const char* kDay = R"(
[scenario]
interval = "1h"
duration = "2h"
[[queue]]
name = "Q"
arrivals = { trace = "ccsim_interval_Q.csv" }
handle_time = { dist = "fixed", value = ["1000s", "2000s"] }
patience = { dist = "fixed", value = ["600s", "100s"] }
)";

}  // namespace

// One agent. 0: handle 1000 (interval 0), busy to 1000. 500: waits 500 (< patience 600),
// answered at 1000 with handle 1000, busy to 2000. 3000: answered, handle 1000, busy to
// 4000. 3500 (interval 0): waits 500, answered at 4000 in interval 1 but with interval 0's
// handle 1000, busy to 5000. 3700 (interval 1): patience 100, hangs up at 3800. 5100
// (interval 1): answered at once with handle 2000.
TEST_CASE("per-interval lists: a call keeps the distributions of the interval it arrived in") {
  const std::string toml = std::string(kDay) + "[[agents]]\nname = \"g\"\nserves = [\"Q\"]\nstaffing = 1\n";
  const auto r = test::replay("ccsim_interval", toml, {{"Q", "arrival\n0\n500\n3000\n3500\n3700\n5100\n"}});
  REQUIRE(r.calls.size() == 6);
  CHECK(call_at(r, 0, 0).handle == 1000);
  CHECK(call_at(r, 0, 500).wait == 500);
  CHECK(call_at(r, 0, 500).handle == 1000);
  CHECK(call_at(r, 0, 3500).wait == 500);
  CHECK(call_at(r, 0, 3500).handle == 1000);
  CHECK(call_at(r, 0, 3700).outcome == CallOutcome::abandoned);
  CHECK(call_at(r, 0, 3700).wait == 100);
  CHECK(call_at(r, 0, 5100).handle == 2000);
  CHECK(call_at(r, 0, 5100).wait == 0);
}

// A group's own per-queue handle time takes the list too: 300 s in interval 0, 600 s in 1.
TEST_CASE("per-interval lists: a group's per-queue handle_time follows the call's arrival interval") {
  const std::string toml = std::string(kDay) +
                           "[[agents]]\nname = \"g\"\nserves = [\"Q\"]\nstaffing = 1\n"
                           "handle_time = { Q = { dist = \"fixed\", value = [\"300s\", \"600s\"] } }\n";
  const auto r = test::replay("ccsim_interval", toml, {{"Q", "arrival\n0\n3700\n"}});
  REQUIRE(r.calls.size() == 2);
  CHECK(call_at(r, 0, 0).handle == 300);
  CHECK(call_at(r, 0, 3700).handle == 600);
}

// Lists whose values are all equal are the scalar form: the same calls, draw for draw.
TEST_CASE("per-interval lists: equal values give exactly the scalar form's results") {
  const std::string head = R"(
[scenario]
interval = "30m"
[[queue]]
name = "Q"
arrivals = { volumes = [40, 60, 50], forecast_cv = 0.1 }
)";
  const std::string tail = "[[agents]]\nname = \"g\"\nserves = [\"Q\"]\nstaffing = [5, 6, 5]\n";
  const std::string scalar = head +
                             "handle_time = { dist = \"lognormal\", mean = \"200s\", sd = \"120s\" }\n"
                             "patience = { dist = \"exponential\", mean = \"90s\" }\n" +
                             tail;
  const std::string listed = head +
                             "handle_time = { dist = \"lognormal\", mean = [200, 200, 200], sd = \"120s\" }\n"
                             "patience = { dist = \"exponential\", mean = [\"90s\", \"90s\", \"90s\"] }\n" +
                             tail;
  const RunModel a = compile(parse_scenario(scalar, "scalar.toml"));
  const RunModel b = compile(parse_scenario(listed, "listed.toml"));
  REQUIRE(b.queues[0].by_interval());
  const auto ra = replicate(a, 11, 20, 1), rb = replicate(b, 11, 20, 2);
  for (std::size_t i = 0; i < ra.size(); ++i) {
    CHECK(ra[i].calls.v == rb[i].calls.v);
    CHECK(ra[i].groups.v == rb[i].groups.v);
  }
}

TEST_CASE("per-interval lists: parsed per element, interval 0's is the headline distribution") {
  const std::string text = R"(
[scenario]
interval = "1h"
[[queue]]
name = "Q"
arrivals = { volumes = [10, 20] }
handle_time = { dist = "gamma", mean = ["3m", "4m"], sd = "1m" }
wrap_up = { dist = "uniform", min = 0, max = [30, 60] }
[[agents]]
name = "g"
serves = ["Q"]
staffing = 2
)";
  const Scenario s = parse_scenario(text, "lists.toml");
  const QueueSpec& q = s.queues[0];
  REQUIRE(q.handle_time_by_interval.size() == 2);
  CHECK(q.handle_time.mean == 180);
  CHECK(q.handle_time_in(1).mean == 240);
  CHECK(q.handle_time_in(1).sd == 60);
  REQUIRE(q.wrap_up_by_interval.size() == 2);
  CHECK(q.wrap_up_in(1)->max == 60);
  CHECK(q.patience_by_interval.empty());
  CHECK(q.patience_in(0) == nullptr);
}
