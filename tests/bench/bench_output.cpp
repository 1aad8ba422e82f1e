// Benchmark: results files (issue 5).
//
// 1. Size: a 48-interval day (15-minute intervals, 08:00-20:00), 2 queues, 100
//    replications, written as `ccsim run --out` writes it, without the call log.
//    Goal: under 5 MB.
// 2. Call log speed: the same day, enough replications for about 1 million calls,
//    simulated without and with --call-log (same threads). Goal: the run with the log at
//    no less than half the calls/s of the run without it.
//
//   cmake --build build --target bench-output      (or: build/ccsim_bench_output [threads])
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/io/results_file.hpp"
#include "sim/io/results_tables.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"

namespace {

using namespace ccsim;
using Clock = std::chrono::steady_clock;

// 48 intervals of 15 minutes; about 6,000 calls a day over the two queues.
std::string day_scenario() {
  std::string sales, service, staff;
  for (int i = 0; i < 48; ++i) {
    const double shape = 1.0 + 0.6 * std::sin(3.14159 * i / 47.0);  // a hump at midday
    const char* sep = i ? ", " : "";
    sales.append(sep).append(std::to_string(static_cast<int>(50 * shape)));
    service.append(sep).append(std::to_string(static_cast<int>(30 * shape)));
    staff.append(sep).append(std::to_string(static_cast<int>(22 * shape + 2)));
  }
  return "[scenario]\nname = \"bench day\"\ninterval = \"15m\"\nstart = \"08:00\"\nseed = 5\n"
         "[[queue]]\nname = \"sales\"\narrivals = { volumes = [" +
         sales +
         "] }\n"
         "handle_time = { dist = \"lognormal\", mean = \"200s\", sd = \"150s\" }\n"
         "patience = { dist = \"exponential\", mean = \"90s\" }\ntargets = [\"80/20\", \"abandon<=5%\"]\n"
         "[[queue]]\nname = \"service\"\narrivals = { volumes = [" +
         service +
         "] }\n"
         "handle_time = { dist = \"exponential\", mean = \"300s\" }\n"
         "patience = { dist = \"exponential\", mean = \"240s\" }\ntargets = [\"90/10\", \"99/300\"]\n"
         "[[agents]]\nname = \"team\"\nserves = [\"sales\", \"service\"]\nstaffing = [" +
         staff + "]\n";
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

long file_size(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : -1;
}

double calls_of(const std::vector<ReplicationResult>& reps) {
  double n = 0;
  for (const auto& r : reps)
    for (int q = 0; q < r.calls.queues; ++q)
      for (int i = 0; i < r.calls.intervals; ++i) n += r.calls.cell(q, i)[kOffered];
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : default_threads();
  const Scenario s = parse_scenario(day_scenario(), "bench-day.toml");
  const RunModel m = compile(s);
  const std::string dir = "/tmp/ccsim_bench_output_" + std::to_string(::getpid());
  ::mkdir(dir.c_str(), 0755);

  {  // 1. size
    const std::string path = dir + "/day.h5";
    const auto t0 = Clock::now();
    ResultsFile f(path, "run");
    f.write_header(s, m, ResultsHeader{"run", "bench"});
    const auto reps = replicate(m, s.seed, 100, threads);
    const RunSummary summary = summarize_run(m, reps);
    write_run_tables(f, m, reps, summary);
    f.commit();
    std::printf("file size: %d intervals x %zu queues x 100 replications, no call log: %.2f MB (%.0f calls, %.2f s)\n",
                m.intervals, m.queues.size(), file_size(path) / 1e6, calls_of(reps), seconds_since(t0));
    std::remove(path.c_str());
  }

  // 2. call log speed, about 1 million calls
  const double per_day = calls_of(replicate(m, s.seed, 4, threads)) / 4;
  const int reps = static_cast<int>(1e6 / per_day) + 1;
  std::printf("call log: %d replications of ~%.0f calls, %d thread(s)\n", reps, per_day, threads);
  double best_plain = 1e9, best_log = 1e9, calls = 0, size = 0;
  for (int trial = 0; trial < 3; ++trial) {
    {
      const std::string path = dir + "/plain.h5";
      const auto t0 = Clock::now();
      ResultsFile f(path, "run");
      f.write_header(s, m, ResultsHeader{"run", "bench"});
      const auto r = replicate(m, s.seed, reps, threads);
      write_run_tables(f, m, r, summarize_run(m, r));
      f.commit();
      best_plain = std::min(best_plain, seconds_since(t0));
      calls = calls_of(r);
      std::remove(path.c_str());
    }
    {
      const std::string path = dir + "/log.h5";
      const auto t0 = Clock::now();
      ResultsFile f(path, "run");
      f.write_header(s, m, ResultsHeader{"run", "bench"});
      const auto r = replicate(m, s.seed, reps, threads, &f.start_call_log());
      write_run_tables(f, m, r, summarize_run(m, r));
      f.commit();
      best_log = std::min(best_log, seconds_since(t0));
      size = static_cast<double>(file_size(path));
      std::remove(path.c_str());
    }
  }
  std::printf("  without call log: %.3f s, %.2f M calls/s\n", best_plain, calls / best_plain / 1e6);
  std::printf("  with call log:    %.3f s, %.2f M calls/s, file %.1f MB (%.1f bytes/call)\n", best_log,
              calls / best_log / 1e6, size / 1e6, size / calls);
  std::printf("  speed with the log / without: %.2f (goal >= 0.5)\n", best_plain / best_log);
  ::rmdir(dir.c_str());
  return 0;
}
