// The routing rules and caller behaviours of docs/routing.md, replayed on recorded calls
// (trace arrivals with their handle times and patience) whose every outcome, wait and
// answering group is derived by hand in the comments. Scenario text -> parse -> compile ->
// engine, with the call log capturing each call's fate.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "sim/compile/compile.hpp"
#include "sim/engine/engine.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/metrics.hpp"
#include "tests/support/trace_replay.hpp"

using namespace ccsim;

namespace {

using test::call_at;
using test::Collect;
using test::day;
using test::Replay;

Replay replay(const std::string& toml, const std::vector<std::pair<std::string, std::string>>& traces,
              std::uint32_t replication = 0) {
  return test::replay("ccsim_rules", toml, traces, replication);
}

const char* kHeader = R"(
[scenario]
name = "rules"
interval = "1h"
duration = "2h"
)";

std::string trace_queue(const std::string& name, int priority = 0) {
  return "[[queue]]\nname = \"" + name + "\"\narrivals = { trace = \"ccsim_rules_" + name +
         ".csv\" }\nhandle_time = { dist = \"fixed\", value = \"10s\" }\npriority = " + std::to_string(priority) + "\n";
}

}  // namespace

// Call choice. One agent serves [A, B, C]; B has priority 1. A's first call (0 s, 100 s)
// keeps the agent busy to 100 s; meanwhile C arrives at 30 s, B at 60 s, A at 80 s, each
// needing 10 s. At 100 s the heads have waited A 20 s, B 40 s, C 70 s.
TEST_CASE("call_choice: each rule serves the waiting calls in its own order") {
  const std::vector<std::pair<std::string, std::string>> traces{{"A", "arrival,handle_time\n0,100\n80,10\n"},
                                                                {"B", "arrival,handle_time\n60,10\n"},
                                                                {"C", "arrival,handle_time\n30,10\n"}};
  struct Case {
    std::string rule;  // the group's keys
    double wait_a, wait_b, wait_c;
  };
  const std::vector<Case> cases{
      // B (priority) at 100, then C (waited 80 against A's 30) at 110, A at 120.
      {"call_choice = \"priority_then_wait\"", 40, 40, 80},
      // C (70 s) at 100, B (50 s against 30 s) at 110, A at 120.
      {"call_choice = \"longest_wait\"", 40, 50, 70},
      // serves order: A at 100, B at 110, C at 120.
      {"call_choice = \"group_order\"", 20, 50, 90},
      // scores at 100: A 4 x 20 = 80, B 40, C 70 -> A; at 110: B 50, C 80 -> C; B at 120.
      {"call_choice = \"weighted_wait\"\nweights = { A = 4 }", 20, 60, 80},
      // bonus: at 100 A 20, B 60 + 40 = 100, C 70 -> B; at 110: A 30, C 80 -> C; A at 120.
      {"call_choice = \"weighted_wait\"\nbonus = { B = \"60s\" }", 40, 40, 80},
  };
  for (const Case& c : cases) {
    SECTION(c.rule) {
      const std::string toml = std::string(kHeader) + trace_queue("A") + trace_queue("B", 1) + trace_queue("C") +
                               "[[agents]]\nname = \"g\"\nserves = [\"A\", \"B\", \"C\"]\nstaffing = 1\n" + c.rule +
                               "\n";
      const Replay r = replay(toml, traces);
      REQUIRE(r.calls.size() == 4);
      CHECK(call_at(r, 0, 0).wait == 0);
      CHECK(call_at(r, 0, 80).wait == Approx(c.wait_a));
      CHECK(call_at(r, 1, 60).wait == Approx(c.wait_b));
      CHECK(call_at(r, 2, 30).wait == Approx(c.wait_c));
      for (const auto& x : r.calls) CHECK(x.outcome == CallOutcome::answered);
    }
  }
}

TEST_CASE("call_choice set in [routing] applies to every group, a group's own rule wins") {
  const std::vector<std::pair<std::string, std::string>> traces{{"A", "arrival,handle_time\n0,100\n80,10\n"},
                                                                {"B", "arrival,handle_time\n60,10\n"},
                                                                {"C", "arrival,handle_time\n30,10\n"}};
  const std::string queues = trace_queue("A") + trace_queue("B", 1) + trace_queue("C");
  const std::string group = "[[agents]]\nname = \"g\"\nserves = [\"A\", \"B\", \"C\"]\nstaffing = 1\n";
  const Replay all =
      replay(std::string(kHeader) + "[routing]\ncall_choice = \"group_order\"\n" + queues + group, traces);
  CHECK(call_at(all, 2, 30).wait == Approx(90));
  const Replay own = replay(std::string(kHeader) + "[routing]\ncall_choice = \"group_order\"\n" + queues + group +
                                "call_choice = \"longest_wait\"\n",
                            traces);
  CHECK(call_at(own, 2, 30).wait == Approx(70));
}

// Agent choice. Queue q is served by G (2 agents, first in the file) and S (1 agent); both
// list q first, so the ranking is G, S. Every agent is idle since 0 s. Calls: 0 s (30 s),
// 5 s (100 s), 40 s (10 s); none waits.
TEST_CASE("agent_choice: each rule sends the calls to its own groups") {
  const std::vector<std::pair<std::string, std::string>> traces{{"q", "arrival,handle_time\n0,30\n5,100\n40,10\n"}};
  struct Case {
    std::string rule;
    std::vector<int> groups;  // answering group of the calls at 0, 5, 40 s (0 = G, 1 = S)
  };
  const std::vector<Case> cases{
      // The first ranked group with a free agent: G, G, G (G's first agent is free at 30 s).
      {"group_order", {0, 0, 0}},
      // Ties (all idle since 0 s) go to the ranking: G, G; at 40 s G's agent is idle since
      // 30 s, S's since 0 s: S.
      {"longest_idle", {0, 0, 1}},
      // Busy shares: at 0 s G 0/2 = S 0/1 -> G; at 5 s G 1/2 > S 0/1 -> S; at 40 s S has
      // no idle agent -> G.
      {"least_busy_group", {0, 1, 0}},
  };
  for (const Case& c : cases) {
    SECTION(c.rule) {
      const std::string toml = std::string(kHeader) + trace_queue("q") + "agent_choice = \"" + c.rule +
                               "\"\n[[agents]]\nname = \"G\"\nserves = [\"q\"]\nstaffing = 2\n"
                               "[[agents]]\nname = \"S\"\nserves = [\"q\"]\nstaffing = 1\n";
      const Replay r = replay(toml, traces);
      REQUIRE(r.calls.size() == 3);
      CHECK(call_at(r, 0, 0).group == c.groups[0]);
      CHECK(call_at(r, 0, 5).group == c.groups[1]);
      CHECK(call_at(r, 0, 40).group == c.groups[2]);
      for (const auto& x : r.calls) CHECK(x.wait == 0);
    }
  }
}

// random: one call at 0 s finds G with 2 idle agents and S with 1, so it goes to G with
// probability 2/3. Over 3000 replications the share lies within 3 standard errors
// (sqrt(2/9/3000) = 0.0086) of 2/3; replication r draws the same whatever else runs.
TEST_CASE("agent_choice random: each idle agent equally likely, from the queue's own stream") {
  const std::string toml = std::string(kHeader) + trace_queue("q") +
                           "agent_choice = \"random\"\n[[agents]]\nname = \"G\"\nserves = [\"q\"]\nstaffing = 2\n"
                           "[[agents]]\nname = \"S\"\nserves = [\"q\"]\nstaffing = 1\n";
  // This process's own file (test cases run in parallel processes).
  const std::string dir = "/tmp/ccsim-rules-" + std::to_string(::getpid());
  ::mkdir(dir.c_str(), 0700);
  std::ofstream(dir + "/ccsim_rules_q.csv") << "arrival,handle_time\n0,30\n";
  const Scenario s = parse_scenario(toml, dir + "/ccsim_rules.toml");
  const RunModel m = compile(s);
  Engine e(m);
  Collect log;
  e.set_call_log(&log);
  const int n = 3000;
  ReplicationResult out;
  for (int r = 0; r < n; ++r) e.run(5, static_cast<std::uint32_t>(r), out);
  e.set_call_log(nullptr);
  std::remove((dir + "/ccsim_rules_q.csv").c_str());
  ::rmdir(dir.c_str());
  REQUIRE(log.rows.size() == static_cast<std::size_t>(n));
  double to_g = 0;
  for (const auto& c : log.rows) to_g += c.group == 0;
  CHECK(std::abs(to_g / n - 2.0 / 3.0) < 3 * std::sqrt(2.0 / 9.0 / n));
  CHECK(to_g < n);  // both groups answer
}

// Balking by calls waiting. One agent, busy 0-100 s with the first call. The call at 10 s
// finds 0 waiting (p = 0): it waits 90 s. The call at 20 s finds 1 waiting (p = 1): it balks,
// counted as abandoned with wait 0 and as balked.
TEST_CASE("balk: the probability by calls already waiting, a balk is an abandon of wait 0") {
  const std::vector<std::pair<std::string, std::string>> traces{{"q", "arrival,handle_time\n0,100\n10,10\n20,10\n"}};
  const std::string group = "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = 1\n";
  const Replay r =
      replay(std::string(kHeader) + trace_queue("q") + "balk = { probability = [0, 1] }\n" + group, traces);
  REQUIRE(r.calls.size() == 3);
  CHECK(call_at(r, 0, 10).outcome == CallOutcome::answered);
  CHECK(call_at(r, 0, 10).wait == Approx(90));
  CHECK(call_at(r, 0, 20).outcome == CallOutcome::abandoned);
  CHECK(call_at(r, 0, 20).wait == 0);
  CHECK(day(r.result, kBalked, 0) == 1);
  CHECK(day(r.result, kAbandoned, 0) == 1);
  CHECK(day(r.result, kOffered, 0) == 3);
  // A call answered at once never balks, even with probability 1.
  const Replay all = replay(std::string(kHeader) + trace_queue("q") + "balk = { probability = 1 }\n" + group, traces);
  CHECK(call_at(all, 0, 0).outcome == CallOutcome::answered);
  CHECK(day(all.result, kBalked, 0) == 2);
}

// Close of day at 7200 s. One agent busy 7000-8000 s. The call at 7100 s is still waiting at
// the close; the call at 7150 s (patience 50 s) abandons at exactly 7200 s, before the close
// acts. drain: 7100 s answered at 8000 s (wait 900 s); disconnect/message: it leaves at 7200 s.
TEST_CASE("at_close: drain serves, disconnect and message end the waiting calls at the close") {
  const std::vector<std::pair<std::string, std::string>> traces{
      {"q", "arrival,handle_time,patience\n7000,1000,\n7100,10,\n7150,10,50\n"}};
  const std::string group = "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = 1\n";
  const Replay drain = replay(std::string(kHeader) + trace_queue("q") + group, traces);
  CHECK(call_at(drain, 0, 7100).outcome == CallOutcome::answered);
  CHECK(call_at(drain, 0, 7100).wait == Approx(900));
  CHECK(call_at(drain, 0, 7150).outcome == CallOutcome::abandoned);
  for (const std::string mode : {"disconnect", "message"}) {
    SECTION(mode) {
      const Replay r =
          replay(std::string(kHeader) + trace_queue("q") + "at_close = \"" + mode + "\"\n" + group, traces);
      const auto outcome = mode == "disconnect" ? CallOutcome::disconnected : CallOutcome::message;
      CHECK(call_at(r, 0, 7100).outcome == outcome);
      CHECK(call_at(r, 0, 7100).wait == Approx(100));
      CHECK(call_at(r, 0, 7150).outcome == CallOutcome::abandoned);
      CHECK(call_at(r, 0, 7150).wait == Approx(50));
      CHECK(day(r.result, mode == "disconnect" ? kDisconnected : kMessages, 0) == 1);
      CHECK(day(r.result, mode == "disconnect" ? kMessages : kDisconnected, 0) == 0);
      CHECK(day(r.result, kAnswered, 0) == 1);
      CHECK(day(r.result, kAbandoned, 0) == 1);
      CHECK(day(r.result, kWaitAll, 0) == Approx(50));  // the disconnected wait is in no average
      // The agent finishes the call in hand (to 8000 s) and leaves: no drain of the queue.
      CHECK(r.result.end_time == Approx(8000));
    }
  }
}

// Transfers with probability 1 both ways. front's call (0 s, 100 s) is passed to billing at
// 100 s; billing's agent is busy with its own call (50 s, 100 s) until 150 s, so the
// transferred call waits 50 s and takes billing's 10 s. billing's own call is passed to
// front at 150 s, where the agent is free: answered at once. Neither transferred call is
// transferred again (one transfer per call): four calls in all.
TEST_CASE("transfer: after the handle time, to the other queue, once per call") {
  const std::vector<std::pair<std::string, std::string>> traces{{"front", "arrival,handle_time\n0,100\n"},
                                                                {"billing", "arrival,handle_time\n50,100\n"}};
  const std::string toml = std::string(kHeader) + trace_queue("front") +
                           "transfer = { to = \"billing\", probability = 1 }\n" + trace_queue("billing") +
                           "transfer = { to = \"front\", probability = 1 }\n"
                           "[[agents]]\nname = \"f\"\nserves = [\"front\"]\nstaffing = 1\n"
                           "[[agents]]\nname = \"b\"\nserves = [\"billing\"]\nstaffing = 1\n";
  const Replay r = replay(toml, traces);
  REQUIRE(r.calls.size() == 4);
  CHECK(call_at(r, 1, 100).wait == Approx(50));  // front's call, now at billing
  CHECK(call_at(r, 1, 100).group == 1);
  CHECK(call_at(r, 1, 100).handle == Approx(10));
  CHECK(call_at(r, 0, 150).wait == 0);  // billing's call, now at front
  CHECK(call_at(r, 0, 150).group == 0);
  for (int q : {0, 1}) {
    CHECK(day(r.result, kOffered, q) == 2);
    CHECK(day(r.result, kTransferred, q) == 1);
    CHECK(day(r.result, kTransfersIn, q) == 1);
    CHECK(day(r.result, kTransfersInAnswered, q) == 1);
  }
  CHECK(day(r.result, kTransfersInWait, 1) == Approx(50));
  CHECK(r.result.end_time == Approx(7200));  // the day's last event is its end (no drain)
}

// Callbacks. Handle times are 10 s (the queue's fixed distribution, so the expected-wait
// estimate uses h = 10 s), offer_after 15 s, one agent busy 0-100 s with the first call.
// At 10 s the next caller finds nobody waiting: EWT = 1 x 10 / 1 = 10 s, not over 15 s, so
// no offer; the call waits. At 20 s one waits: EWT = 2 x 10 / 1 = 20 s > 15 s: offered.
// accept = 1: the caller takes it; at 100 s the agent takes the live call (wait 90 s), at
// 110 s makes the callback (90 s after the request). accept = 0: the caller declines and
// waits live, answered at 110 s (wait 90 s).
TEST_CASE("callback: offered above the expected wait, made when no live call waits") {
  const std::vector<std::pair<std::string, std::string>> traces{{"q", "arrival,handle_time\n0,100\n10,10\n20,10\n"}};
  const std::string group = "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = 1\n";
  for (const std::string accept : {"1", "0"}) {
    SECTION("accept " + accept) {
      const Replay r = replay(std::string(kHeader) + trace_queue("q") +
                                  "callback = { offer_after = \"15s\", accept = " + accept + " }\n" + group,
                              traces);
      REQUIRE(r.calls.size() == 3);
      CHECK(call_at(r, 0, 10).outcome == CallOutcome::answered);
      CHECK(call_at(r, 0, 10).wait == Approx(90));
      CHECK(call_at(r, 0, 20).outcome == (accept == "1" ? CallOutcome::callback : CallOutcome::answered));
      CHECK(call_at(r, 0, 20).wait == Approx(90));
      CHECK(day(r.result, kOffered, 0) == 3);
      CHECK(day(r.result, kCallbacksOffered, 0) == 1);
      CHECK(day(r.result, kCallbacksAccepted, 0) == (accept == "1" ? 1 : 0));
      CHECK(day(r.result, kCallbacksCompleted, 0) == (accept == "1" ? 1 : 0));
      CHECK(day(r.result, kCallbackWait, 0) == Approx(accept == "1" ? 90 : 0));
      CHECK(day(r.result, kAnswered, 0) == (accept == "1" ? 2 : 3));
      CHECK(day(r.result, kAbandoned, 0) == 0);
    }
  }
}

// Live callers come first. Two agents, busy 0-100 s and 1-50 s; offer_after 7 s with
// h = 10 s and n = 2: EWT = (k + 1) x 5 s, so a caller is offered a callback only when one
// call waits already. 10 s: EWT 5 s, waits live. 20 s: EWT 10 s, takes a callback. 50 s:
// the second agent takes the live call of 10 s (wait 40 s), busy to 60 s. 55 s: EWT 5 s,
// waits live. 60 s: the agent takes that live call (wait 5 s), though the callback was
// requested earlier. 70 s: no live call: the callback is made, 50 s after the request.
TEST_CASE("callback: live callers before callbacks") {
  const std::vector<std::pair<std::string, std::string>> traces{
      {"q", "arrival,handle_time\n0,100\n1,49\n10,10\n20,10\n55,10\n"}};
  const Replay r = replay(std::string(kHeader) + trace_queue("q") +
                              "callback = { offer_after = \"7s\", accept = 1 }\n[[agents]]\nname = \"a\"\nserves = "
                              "[\"q\"]\nstaffing = 2\n",
                          traces);
  REQUIRE(r.calls.size() == 5);
  CHECK(call_at(r, 0, 10).outcome == CallOutcome::answered);
  CHECK(call_at(r, 0, 10).wait == Approx(40));
  CHECK(call_at(r, 0, 55).outcome == CallOutcome::answered);
  CHECK(call_at(r, 0, 55).wait == Approx(5));
  CHECK(call_at(r, 0, 20).outcome == CallOutcome::callback);
  CHECK(call_at(r, 0, 20).wait == Approx(50));
}
