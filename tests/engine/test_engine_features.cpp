// The staffing and caller-behaviour features on small scenarios whose outcome is known
// exactly: wrap-up, busy signals, skills (efficiency, handle-time override), delayed
// overflow, trace replay, breaks. Scenario text → parse → compile → engine.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/metrics.hpp"

using namespace ccsim;

namespace {

struct Run {
  Scenario scenario;
  RunModel model;
  std::vector<ReplicationResult> reps;
};

std::unique_ptr<Run> simulate(const std::string& toml, int replications = 5, const std::string& path = "inline.toml") {
  auto r = std::make_unique<Run>();
  r->scenario = parse_scenario(toml, path);
  r->model = compile(r->scenario);
  r->reps = replicate(r->model, 77, replications, 2);
  return r;
}

double day(const ReplicationResult& r, int field, int q = 0) {
  return sum_cells(r.calls, q, 0, r.calls.intervals)[static_cast<std::size_t>(field)];
}

const char* kHeader = R"(
[scenario]
name = "t"
interval = "1h"
duration = "2h"
)";

}  // namespace

TEST_CASE("wrap-up keeps the agent busy after the caller has gone") {
  const auto r = simulate(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { rate = "20/h" }
handle_time = { dist = "fixed", value = "100s" }
wrap_up = { dist = "fixed", value = "50s" }
[[agents]]
name = "a"
serves = ["q"]
staffing = 10
)");
  for (const auto& rep : r->reps) {
    const GroupMetrics g = group_metrics(rep.groups, 0, 0, 3);
    CHECK(day(rep, kAnswered) == day(rep, kOffered));
    CHECK(g.busy_hours * 3600 == Approx(150 * day(rep, kAnswered)));  // handle + wrap-up
  }
}

TEST_CASE("capacity: a call finding the queue full gets a busy signal") {
  // One agent, nobody may wait: every call that finds the agent busy is blocked, and
  // nobody who gets in waits.
  const auto r = simulate(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { rate = "30/h" }
handle_time = { dist = "exponential", mean = "4m" }
capacity = 0
[[agents]]
name = "a"
serves = ["q"]
staffing = 1
)");
  for (const auto& rep : r->reps) {
    CHECK(day(rep, kBlocked) > 0);
    CHECK(day(rep, kAnswered) + day(rep, kBlocked) == day(rep, kOffered));
    CHECK(day(rep, kAbandoned) == 0);
    CHECK(day(rep, kWaitAnswered) == 0);
    CHECK(day(rep, kCallersBlocked) == day(rep, kBlocked));  // nobody redials
  }
}

TEST_CASE("capacity counts only calls still waiting, not those whose patience ran out") {
  // Patience 1 s, capacity 1: a call that arrives after the waiting one has given up must
  // get in, so the blocked share is far below what a stale count would give.
  const auto r = simulate(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { rate = "60/h" }
handle_time = { dist = "fixed", value = "2h" }
patience = { dist = "fixed", value = "1s" }
capacity = 1
[[agents]]
name = "a"
serves = ["q"]
staffing = 1
)");
  for (const auto& rep : r->reps) {
    // The agent is busy all day after the first call; each later call waits 1 s and
    // abandons unless another call arrived within that second (rare at 1/min).
    CHECK(day(rep, kAnswered) == 1);
    CHECK(day(rep, kBlocked) <= 0.05 * day(rep, kOffered) + 2);
    CHECK(day(rep, kAbandoned) + day(rep, kBlocked) + 1 == day(rep, kOffered));
  }
}

TEST_CASE("skills: efficiency scales handle times, a group's own distribution replaces them") {
  const auto r = simulate(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { rate = "20/h" }
handle_time = { dist = "fixed", value = "100s" }
[[queue]]
name = "p"
arrivals = { rate = "20/h" }
handle_time = { dist = "fixed", value = "100s" }
[[agents]]
name = "fast"
serves = ["q"]
staffing = 10
efficiency = 2.0
[[agents]]
name = "special"
serves = ["p"]
staffing = 10
handle_time = { p = { dist = "fixed", value = "300s" } }
)");
  for (const auto& rep : r->reps) {
    CHECK(group_metrics(rep.groups, 0, 0, 3).busy_hours * 3600 == Approx(50 * day(rep, kAnswered, 0)));
    CHECK(group_metrics(rep.groups, 1, 0, 3).busy_hours * 3600 == Approx(300 * day(rep, kAnswered, 1)));
  }
}

TEST_CASE("delayed overflow: a group takes a queue's calls only after they waited overflow_after") {
  // Only the overflow group is staffed, lightly: every call waits exactly 60 s.
  const auto r = simulate(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { rate = "10/h" }
handle_time = { dist = "fixed", value = "10s" }
targets = ["80/20"]
[[agents]]
name = "main"
serves = ["q"]
staffing = 0
[[agents]]
name = "backup"
serves = ["q"]
staffing = 50
overflow_after = "60s"
)");
  for (const auto& rep : r->reps) {
    CHECK(day(rep, kAnswered) == day(rep, kOffered));
    CHECK(day(rep, kWaitAnswered) == Approx(60 * day(rep, kAnswered)));
    CHECK(rep.calls.cell(0, 0)[rep.calls.answered_within(0)] == 0);  // none within 20 s
  }
}

TEST_CASE("trace arrivals replay recorded calls with their handle times and patience") {
  const std::string csv = "/tmp/ccsim_test_trace.csv";
  {
    std::ofstream f(csv);
    f << "arrival,handle_time,patience\n10,100,\n20,100,\n30,100,50\n";
  }
  const auto r = simulate(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { trace = "ccsim_test_trace.csv" }
handle_time = { dist = "exponential", mean = "4m" }
[[agents]]
name = "a"
serves = ["q"]
staffing = 1
)",
                          3, "/tmp/inline.toml");
  // Call 1 at 10 s is answered at once (busy to 110 s); call 2 waits 90 s (busy to 210 s);
  // call 3 (patience 50 s) abandons at 80 s. The same in every replication.
  for (const auto& rep : r->reps) {
    CHECK(day(rep, kOffered) == 3);
    CHECK(day(rep, kAnswered) == 2);
    CHECK(day(rep, kAbandoned) == 1);
    CHECK(day(rep, kWaitAnswered) == Approx(90));
    CHECK(day(rep, kWaitAll) == Approx(140));
    CHECK(group_metrics(rep.groups, 0, 0, 3).busy_hours * 3600 == Approx(200));
  }
  std::remove(csv.c_str());
}

TEST_CASE("a traced call whose recorded patience runs out in the warm-up abandons there") {
  // Warm-up 300 s, one agent. A (-100 s) takes the agent until 100 s. B (-90 s, patience
  // 30 s) must abandon at -60 s, unseen. C (10 s, patience 1000 s) is answered at 100 s,
  // after waiting 90 s. Were B's recorded patience lost (taken for "none recorded", as
  // once), B would wait without limit and be answered at 100 s, and C only at 300 s.
  const std::string csv = "/tmp/ccsim_test_trace_warmup.csv";
  {
    std::ofstream f(csv);
    f << "arrival,handle_time,patience\n-100,200,1000\n-90,200,30\n10,10,1000\n";
  }
  std::string text = std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { trace = "ccsim_test_trace_warmup.csv" }
handle_time = { dist = "exponential", mean = "4m" }
[[agents]]
name = "a"
serves = ["q"]
staffing = 1
)";
  const std::string dur = "duration = \"2h\"\n";
  text.replace(text.find(dur), dur.size(), dur + "warmup = \"300s\"\n");
  const auto r = simulate(text, 2, "/tmp/inline.toml");
  for (const auto& rep : r->reps) {
    CHECK(day(rep, kOffered) == 1);  // warm-up calls are not counted
    CHECK(day(rep, kAnswered) == 1);
    CHECK(day(rep, kWaitAnswered) == Approx(90));
  }
  std::remove(csv.c_str());
}

TEST_CASE("retrial.keep_patience: a redial waits exactly as long as the first attempt") {
  // No agents: every attempt abandons after its patience. Calls arrive in the first hour
  // only; every caller redials once, one hour later, so the redials fall in the next two
  // hours. With keep_patience the redials' waits are the first attempts' waits, call by
  // call, so the two sums agree; with a fresh patience they do not.
  auto waits = [](bool keep) {
    const auto r = simulate(R"(
[scenario]
name = "t"
interval = "1h"
duration = "3h"
[[queue]]
name = "q"
arrivals = { volumes = [200, 0, 0] }
handle_time = { dist = "exponential", mean = "4m" }
patience = { dist = "exponential", mean = "60s" }
retrial = { probability = 1, delay = { dist = "fixed", value = "1h" }, max_attempts = 2, keep_patience = )" +
                                std::string(keep ? "true" : "false") + R"( }
[[agents]]
name = "a"
serves = ["q"]
staffing = [0, 0, 0]
)",
                            3);
    std::vector<std::pair<double, double>> out;  // (first attempts' waits, redials' waits)
    for (const auto& rep : r->reps) {
      const double first = sum_cells(rep.calls, 0, 0, 1)[kWaitAll];
      const double redial = sum_cells(rep.calls, 0, 1, 3)[kWaitAll];
      CHECK(sum_cells(rep.calls, 0, 1, 3)[kOffered] == sum_cells(rep.calls, 0, 0, 1)[kOffered]);
      out.emplace_back(first, redial);
    }
    return out;
  };
  for (const auto& [first, redial] : waits(true)) CHECK(redial == Approx(first).epsilon(1e-12));
  for (const auto& [first, redial] : waits(false)) CHECK(redial != Approx(first).epsilon(1e-6));
}

TEST_CASE("a RunModel runs the same after its Scenario is gone (it owns its trace and samples)") {
  // Trace arrivals whose handle times and patience come from empirical distributions: the
  // parts a compiled model once pointed into the Scenario for. An ASan build catches any
  // read of the freed Scenario; any build catches figures that change.
  const std::string csv = "/tmp/ccsim_test_trace_lifetime.csv";
  {
    std::ofstream f(csv);
    f << "arrival,handle_time,patience\n";
    for (int i = 0; i < 300; ++i) f << 20 * i + 7 << ",,\n";
  }
  auto sc = std::make_unique<Scenario>(parse_scenario(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { trace = "ccsim_test_trace_lifetime.csv" }
handle_time = { dist = "empirical", values = ["1m", "3m", "6m", 50] }
patience = { dist = "empirical", values = ["30s", "2m", "10m"] }
[[agents]]
name = "a"
serves = ["q"]
staffing = 5
)",
                                                      "/tmp/inline.toml"));
  std::remove(csv.c_str());
  RunModel model = compile(*sc);
  const auto before = replicate(model, 77, 4, 2);
  sc.reset();
  // Reuse the freed memory so a dangling read sees other numbers even without ASan.
  std::vector<std::vector<double>> junk(64, std::vector<double>(300, -1e9));
  const RunModel copy = model;
  const RunModel moved = std::move(model);
  for (const RunModel* m : {&copy, &moved}) {
    const auto after = replicate(*m, 77, 4, 2);
    REQUIRE(after.size() == before.size());
    for (std::size_t k = 0; k < before.size(); ++k) {
      CHECK(day(after[k], kOffered) == 300);
      for (int field : {kOffered, kAnswered, kAbandoned, kWaitAll})
        CHECK(day(after[k], field) == day(before[k], field));
      CHECK(group_metrics(after[k].groups, 0, 0, 3).busy_hours == group_metrics(before[k].groups, 0, 0, 3).busy_hours);
    }
  }
}

TEST_CASE("breaks: agents go on a break after their call, and come back") {
  // One agent 00:00-02:00 with a 30 minute break after 1 h, no calls: on duty 1.5 h.
  const auto r = simulate(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { rate = "0/h" }
handle_time = { dist = "fixed", value = "100s" }
[[agents]]
name = "a"
serves = ["q"]
shifts = [{ start = "00:00", length = "2h", count = 1, breaks = [{ after = "1h", length = "30m" }] }]
)");
  CHECK(r->model.groups[0].paid_hours == Approx(2.0));
  CHECK(r->model.groups[0].productive_hours == Approx(1.5));
  for (const auto& rep : r->reps) CHECK(group_metrics(rep.groups, 0, 0, 3).on_duty_hours == Approx(1.5));
}

TEST_CASE("shrinkage and overtime shape the agents on duty") {
  const auto r = simulate(std::string(kHeader) + R"(
[[queue]]
name = "q"
arrivals = { rate = "0/h" }
handle_time = { dist = "fixed", value = "100s" }
[[agents]]
name = "a"
serves = ["q"]
staffing = [10, 10]
shrinkage = 0.25
overtime = [0, 3]
cost_per_hour = 20
overtime_multiplier = 1.5
)");
  const GroupModel& g = r->model.groups[0];
  // 10 scheduled, round(2.5) = 3 lost -> 7 on duty, then 7 + 3 overtime.
  CHECK(g.on_duty == std::vector<double>{7, 10});
  CHECK(g.paid_hours == Approx(20));
  CHECK(g.overtime_hours == Approx(3));
  CHECK(g.productive_hours == Approx(17));
  CHECK(g.cost() == Approx(20 * (20 + 1.5 * 3)));
}
