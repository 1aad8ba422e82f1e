// Benchmark: the general engine against the ceiling for FCFS M/M/n+M, a minimal
// Kiefer-Wolfowitz kernel (one pass over the calls with a min-heap of agents' free times),
// on the same model, the same generator and the same streams, in the same run.
//
// Model (issue 2): 3600 calls/h, exponential AHT 240 s, 245 agents, exponential patience
// 180 s, 24 h x 100 replications. Prints calls/s per core for both and their ratio, then
// the same volume and agents split over 20 queues and 15 groups with overlapping skills
// against the one-queue model (issue 13: an event's cost should not grow with the queues),
// then peak memory for a 1-day and a 10-day horizon (memory must not grow with calls).
//
//   cmake --build build --target bench          (or: build/ccsim_bench [reps])
//   build/ccsim_bench --scenario FILE [reps]     (one scenario file, one thread)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <boost/random/exponential_distribution.hpp>

#include "models/distribution.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/engine.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/engine/routing.hpp"
#include "sim/engine/streams.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

using namespace ccsim;

constexpr double kRate = 1.0;  // 3600/h
constexpr double kAht = 240, kPatience = 180;
constexpr int kAgents = 245;

RunModel bench_model(int hours) {
  RunModel m;
  m.interval = 3600;
  m.intervals = hours;
  m.thresholds = {20};
  QueueModel q;
  q.rate.assign(static_cast<std::size_t>(hours), kRate);
  models::DistSpec h;
  h.kind = models::DistKind::exponential;
  h.mean = kAht;
  models::DistSpec p = h;
  p.mean = kPatience;
  q.handle = models::Sampler(h);
  q.patience = models::Sampler(p);
  q.has_patience = true;
  q.groups = {0};
  m.queues.push_back(q);
  GroupModel g;
  g.staffing.assign(static_cast<std::size_t>(hours), kAgents);
  g.serves = {ServedQueue{0}};
  m.groups.push_back(g);
  staffing_from_intervals(m);
  return m;
}

// The same day split over 20 queues (1/20 of the calls each) and 15 groups (245 agents,
// 16 or 17 each). Group g serves queues g, g+1, g+5 and g+12 (mod 20), in that order of
// preference, so every queue has 2 to 4 groups and the skills overlap in a chain.
constexpr int kMultiQueues = 20, kMultiGroups = 15;

RunModel multi_model(int hours) {
  RunModel m = bench_model(hours);
  const QueueModel one = m.queues[0];
  m.queues.assign(kMultiQueues, one);
  for (QueueModel& q : m.queues)
    for (double& r : q.rate) r = kRate / kMultiQueues;
  m.groups.clear();
  for (int g = 0; g < kMultiGroups; ++g) {
    GroupModel gm;
    const int agents = kAgents / kMultiGroups + (g < kAgents % kMultiGroups ? 1 : 0);
    gm.staffing.assign(static_cast<std::size_t>(hours), agents);
    for (int d : {0, 1, 5, 12}) gm.serves.push_back(ServedQueue{static_cast<std::uint32_t>((g + d) % kMultiQueues)});
    m.groups.push_back(gm);
  }
  rank_groups(m);
  staffing_from_intervals(m);
  return m;
}

double offered(const RunModel& m, const ReplicationResult& r) {
  double calls = 0;
  for (std::size_t q = 0; q < m.queues.size(); ++q)
    for (int i = 0; i < m.intervals; ++i) calls += r.calls.cell(static_cast<int>(q), i)[kOffered];
  return calls;
}

struct KwResult {
  double calls = 0, answered = 0, within20 = 0;
};

// Kiefer-Wolfowitz for FCFS M/M/n+M: a call arriving at t waits w = max(0, earliest free
// time - t); it abandons if its patience is shorter, else it takes that agent.
// Same streams as the engine's (arrivals, handle time, patience of queue 0).
KwResult kw_replication(std::uint64_t seed, std::uint32_t rep, double horizon) {
  models::Rng arr, hnd, pat;
  seed_stream(arr, seed, rep, 0, Purpose::arrivals);
  seed_stream(hnd, seed, rep, 0, Purpose::handle_time);
  seed_stream(pat, seed, rep, 0, Purpose::patience);
  boost::random::exponential_distribution<double> gap(kRate), service(1.0 / kAht), patience(1.0 / kPatience);
  std::vector<double> free_at(kAgents, 0.0);  // a binary min-heap (all zero is a heap)
  KwResult r;
  for (double t = gap(arr); t < horizon; t += gap(arr)) {
    const double h = service(hnd), p = patience(pat);
    r.calls += 1;
    const double w = std::max(0.0, free_at[0] - t);
    if (w > p) continue;  // abandons; no agent time used
    r.answered += 1;
    r.within20 += w <= 20;
    // replace the heap's top with this agent's new free time and sift down
    const double x = t + w + h;
    std::size_t i = 0;
    for (;;) {
      std::size_t c = 2 * i + 1;
      if (c >= free_at.size()) break;
      if (c + 1 < free_at.size() && free_at[c + 1] < free_at[c]) ++c;
      if (free_at[c] >= x) break;
      free_at[i] = free_at[c];
      i = c;
    }
    free_at[i] = x;
  }
  return r;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

// Calls per second of a scenario file on one thread (attempts, all queues).
int bench_scenario(const char* path, int reps) {
  const Scenario s = load_scenario(path);
  const RunModel model = compile(s);
  if (reps <= 0) reps = s.replications;
  auto t0 = std::chrono::steady_clock::now();
  double calls = 0;
  Engine engine(model);
  ReplicationResult r;
  for (int k = 0; k < reps; ++k) {
    engine.run(s.seed, static_cast<std::uint32_t>(k), r);
    for (std::size_t q = 0; q < model.queues.size(); ++q)
      for (int i = 0; i < model.intervals; ++i) calls += r.calls.cell(static_cast<int>(q), i)[kOffered];
  }
  const double sec = seconds_since(t0);
  std::printf("%s: %d replications, %.0f calls in %.3f s = %.2f M calls/s per core\n", path, reps, calls, sec,
              calls / sec / 1e6);
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 2 && std::string(argv[1]) == "--scenario")
    return bench_scenario(argv[2], argc > 3 ? std::atoi(argv[3]) : 0);
  const int reps = argc > 1 ? std::atoi(argv[1]) : 100;
  const std::uint64_t seed = 20261122;
  const RunModel model = bench_model(24);

  std::printf("model: M/M/n+M, 3600 calls/h, AHT 240 s, %d agents, patience 180 s, 24 h x %d replications\n", kAgents,
              reps);

  // The engine, one thread (per-core figure).
  auto t0 = std::chrono::steady_clock::now();
  double engine_calls = 0, engine_answered = 0;
  {
    Engine engine(model);
    ReplicationResult r;
    for (int k = 0; k < reps; ++k) {
      engine.run(seed, static_cast<std::uint32_t>(k), r);
      for (int i = 0; i < model.intervals; ++i) {
        engine_calls += r.calls.cell(0, i)[kOffered];
        engine_answered += r.calls.cell(0, i)[kAnswered];
      }
    }
  }
  const double engine_s = seconds_since(t0);

  // The Kiefer-Wolfowitz kernel, same streams.
  t0 = std::chrono::steady_clock::now();
  KwResult kw;
  for (int k = 0; k < reps; ++k) {
    const KwResult r = kw_replication(seed, static_cast<std::uint32_t>(k), model.day_end());
    kw.calls += r.calls;
    kw.answered += r.answered;
  }
  const double kw_s = seconds_since(t0);

  const double engine_rate = engine_calls / engine_s, kw_rate = kw.calls / kw_s;
  std::printf("engine (1 thread): %.0f calls in %.3f s = %.2f M calls/s per core (answered %.4f)\n", engine_calls,
              engine_s, engine_rate / 1e6, engine_answered / engine_calls);
  std::printf("KW kernel        : %.0f calls in %.3f s = %.2f M calls/s per core (answered %.4f)\n", kw.calls, kw_s,
              kw_rate / 1e6, kw.answered / kw.calls);
  std::printf("ratio engine/KW  : %.3f\n", engine_rate / kw_rate);

  // 20 queues and 15 groups against one queue, same volume and agents. Replications
  // alternate between the two, so a slow spell of this shared machine hits both alike.
  {
    const RunModel multi = multi_model(24);
    Engine one_engine(model), multi_engine(multi);
    ReplicationResult r;
    double one_calls = 0, multi_calls = 0, one_s = 0, multi_s = 0;
    for (int k = 0; k < reps; ++k) {
      auto t = std::chrono::steady_clock::now();
      one_engine.run(seed, static_cast<std::uint32_t>(k), r);
      one_s += seconds_since(t);
      one_calls += offered(model, r);
      t = std::chrono::steady_clock::now();
      multi_engine.run(seed, static_cast<std::uint32_t>(k), r);
      multi_s += seconds_since(t);
      multi_calls += offered(multi, r);
    }
    std::printf("1 queue, 1 group : %.0f calls in %.3f s = %.2f M calls/s per core\n", one_calls, one_s,
                one_calls / one_s / 1e6);
    std::printf("%d queues, %d groups: %.0f calls in %.3f s = %.2f M calls/s per core\n", kMultiQueues, kMultiGroups,
                multi_calls, multi_s, multi_calls / multi_s / 1e6);
    std::printf("ratio 20 queues/1: %.3f\n", (multi_calls / multi_s) / (one_calls / one_s));
  }

  // The thread pool on all cores, for the record.
  const int threads = default_threads();
  t0 = std::chrono::steady_clock::now();
  (void)replicate(model, seed, reps, threads);
  const double pool_s = seconds_since(t0);
  std::printf("engine (%d threads): %.2f M calls/s in total\n", threads, engine_calls / pool_s / 1e6);

  // Memory stays flat in the number of calls: peak RSS after 1-day and then 10-day runs.
  const long rss1 = peak_rss_kb();
  {
    const RunModel long_model = bench_model(240);
    Engine engine(long_model);
    ReplicationResult r;
    for (int k = 0; k < 3; ++k) engine.run(seed, static_cast<std::uint32_t>(k), r);
  }
  const long rss10 = peak_rss_kb();
  std::printf("peak RSS: %ld kB after the 1-day runs, %ld kB after 10-day runs (10x the calls)\n", rss1, rss10);
  return 0;
}
