#pragma once
#include <sys/stat.h>
#include <unistd.h>
// Deterministic trace replays for engine tests: a scenario's queues replay recorded calls
// (CSV text per queue, written to /tmp beside the scenario), one replication runs, and the
// call log captures each call's fate.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/compile/compile.hpp"
#include "sim/engine/engine.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/metrics.hpp"

namespace ccsim::test {

struct Collect final : CallLogSink {
  std::vector<CallRecord> rows;
  void write(const CallRecord* r, std::size_t n) override { rows.insert(rows.end(), r, r + n); }
};

struct Replay {
  std::vector<CallRecord> calls;  // sorted by (queue, arrival)
  ReplicationResult result;
};

// Queue NAME's trace is written to /tmp/<prefix>_NAME.csv: the scenario names it
// "<prefix>_NAME.csv" (relative to the scenario, /tmp/<prefix>.toml).
inline Replay replay(const std::string& prefix, const std::string& toml,
                     const std::vector<std::pair<std::string, std::string>>& traces, std::uint32_t replication = 0) {
  // A folder of this process's own: CTest runs a file's test cases in parallel processes,
  // which must not overwrite or delete each other's traces.
  const std::string dir = "/tmp/ccsim-replay-" + std::to_string(::getpid());
  ::mkdir(dir.c_str(), 0700);
  for (const auto& [name, csv] : traces) std::ofstream(dir + "/" + prefix + "_" + name + ".csv") << csv;
  const Scenario s = parse_scenario(toml, dir + "/" + prefix + ".toml");
  const RunModel m = compile(s);
  Engine e(m);
  Collect log;
  e.set_call_log(&log);
  Replay r;
  e.run(1, replication, r.result);
  e.set_call_log(nullptr);
  for (const auto& [name, csv] : traces) std::remove((dir + "/" + prefix + "_" + name + ".csv").c_str());
  ::rmdir(dir.c_str());
  r.calls = log.rows;
  std::sort(r.calls.begin(), r.calls.end(), [](const CallRecord& a, const CallRecord& b) {
    return a.queue < b.queue || (a.queue == b.queue && a.arrival < b.arrival);
  });
  return r;
}

inline const CallRecord& call_at(const Replay& r, int queue, double arrival) {
  for (const auto& c : r.calls)
    if (c.queue == queue && c.arrival == arrival) return c;
  FAIL("no call of queue " << queue << " at " << arrival);
  return r.calls.front();
}

// A day's total of one counter of queue q.
inline double day(const ReplicationResult& r, int field, int q = 0) {
  return sum_cells(r.calls, q, 0, r.calls.intervals)[static_cast<std::size_t>(field)];
}

}  // namespace ccsim::test
