#include "sim/engine/replicate.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "sim/engine/engine.hpp"
#include "sim/engine/interrupt.hpp"

namespace ccsim {

std::vector<ReplicationResult> replicate_range(const RunModel& model, std::uint64_t seed, int first, int replications,
                                               int threads, CallLogSink* call_log);

int default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

std::vector<ReplicationResult> replicate(const RunModel& model, std::uint64_t seed, int replications, int threads,
                                         CallLogSink* call_log) {
  return replicate_range(model, seed, 0, replications, threads, call_log);
}

std::vector<ReplicationResult> replicate_range(const RunModel& model, std::uint64_t seed, int first, int count,
                                               int threads) {
  return replicate_range(model, seed, first, count, threads, nullptr);
}

namespace {

// Runs `worker` on n threads (on this one when n is 1) and waits for them.
template <class Worker>
void run_on_threads(int n, Worker& worker) {
  if (n == 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < n; ++t) pool.emplace_back(std::ref(worker));
  for (auto& th : pool) th.join();
}

// The pool: replication first + k runs into a per-thread result handed to each(k, result).
void run_pool(const RunModel& model, std::uint64_t seed, int first, int replications, int threads,
              CallLogSink* call_log, const std::function<void(int, ReplicationResult&)>& each) {
  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    try {
      Engine engine(model);  // one engine per thread: its buffers are reused
      if (call_log) engine.set_call_log(call_log);
      ReplicationResult result;
      for (int r; !interrupted() && (r = next.fetch_add(1)) < replications;) {
        engine.run(seed, static_cast<std::uint32_t>(first + r), result);
        each(r, result);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = replications;
    }
  };
  const int n = std::clamp(threads, 1, std::max(1, replications));
  run_on_threads(n, worker);
  if (failure) std::rethrow_exception(failure);
  throw_if_interrupted();
}

}  // namespace

std::vector<ReplicationResult> replicate_range(const RunModel& model, std::uint64_t seed, int first, int replications,
                                               int threads, CallLogSink* call_log) {
  std::vector<ReplicationResult> out(static_cast<std::size_t>(std::max(0, replications)));
  run_pool(model, seed, first, replications, threads, call_log,
           [&](int r, ReplicationResult& result) { out[static_cast<std::size_t>(r)] = std::move(result); });
  return out;
}

void replicate_each(const RunModel& model, std::uint64_t seed, int first, int count, int threads,
                    const std::function<void(int, const ReplicationResult&)>& each) {
  run_pool(model, seed, first, count, threads, nullptr, [&](int r, ReplicationResult& result) { each(r, result); });
}

void replicate_ordered(const RunModel& model, std::uint64_t seed, int count, int threads, CallLogSink* call_log,
                       const std::function<void(int, const ReplicationResult&)>& each) {
  const int n = std::clamp(threads, 1, std::max(1, count));
  const int window = 4 * n;
  std::mutex m;
  std::condition_variable advanced;
  int next = 0, handed = 0;  // next replication to start; next to hand over
  bool stop = false;
  std::map<int, ReplicationResult> done;  // finished, waiting for their turn
  std::vector<ReplicationResult> spare;   // handed over: their buffers are reused
  std::exception_ptr failure;
  auto worker = [&] {
    try {
      Engine engine(model);
      if (call_log) engine.set_call_log(call_log);
      for (;;) {
        int r;
        ReplicationResult result;
        {
          std::unique_lock<std::mutex> lock(m);
          advanced.wait(lock, [&] { return stop || next >= count || next < handed + window; });
          if (stop || next >= count || interrupted()) return;
          r = next++;
          if (!spare.empty()) {
            result = std::move(spare.back());
            spare.pop_back();
          }
        }
        engine.run(seed, static_cast<std::uint32_t>(r), result);
        std::unique_lock<std::mutex> lock(m);
        done.emplace(r, std::move(result));
        // Whoever holds the next replication hands over every one now in order; `each`
        // runs under the lock, so calls never overlap.
        for (auto it = done.find(handed); it != done.end() && !stop; it = done.find(handed)) {
          each(handed, it->second);
          spare.push_back(std::move(it->second));
          done.erase(it);
          ++handed;
          advanced.notify_all();
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(m);
      if (!failure) failure = std::current_exception();
      stop = true;
      advanced.notify_all();
    }
  };
  run_on_threads(n, worker);
  if (failure) std::rethrow_exception(failure);
  throw_if_interrupted();
}

}  // namespace ccsim
