#include "sim/sweep/mpi.hpp"

#include <mpi.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "sim/engine/interrupt.hpp"

namespace ccsim {

namespace {

constexpr int kTagPoint = 1;  // a finished point's tallies
constexpr int kTagStop = 2;   // the rank sends no more points

std::vector<double> pack(const SweepPoint& p) {
  std::vector<double> out;
  for (const ReplicationResult& r : p.reps) {
    out.insert(out.end(), r.calls.v.begin(), r.calls.v.end());
    out.insert(out.end(), r.groups.v.begin(), r.groups.v.end());
    out.insert(out.end(), r.wait_p90.begin(), r.wait_p90.end());
    out.push_back(r.end_time);
  }
  return out;
}

// Point p as its rank simulated it: the model rebuilt here, the tallies received.
std::unique_ptr<SweepPoint> unpack(const SweepPlan& plan, std::size_t p, const std::vector<double>& data) {
  auto pt = prepare_point(plan, p);
  const RunModel& m = *pt->model;
  const int Q = static_cast<int>(m.queues.size()), G = static_cast<int>(m.groups.size());
  std::size_t at = 0;
  auto take = [&](std::vector<double>& v, std::size_t n) {
    if (at + n > data.size()) throw std::runtime_error("MPI: a point's data is shorter than its model");
    v.assign(data.begin() + static_cast<std::ptrdiff_t>(at), data.begin() + static_cast<std::ptrdiff_t>(at + n));
    at += n;
  };
  for (ReplicationResult& r : pt->reps) {
    r.calls.reset(Q, m.intervals, static_cast<int>(m.thresholds.size()));
    r.groups.reset(G, m.intervals + 1);
    take(r.calls.v, r.calls.v.size());
    take(r.groups.v, r.groups.v.size());
    take(r.wait_p90, static_cast<std::size_t>(Q) + 1);
    std::vector<double> end;
    take(end, 1);
    r.end_time = end[0];
  }
  if (at != data.size()) throw std::runtime_error("MPI: a point's data is longer than its model");
  pt->summary = summarize_run(m, pt->reps, plan.interval_summaries);
  return pt;
}

// The next message from rank `src`, whatever its length; returns its tag.
int receive(int src, std::vector<double>& data) {
  MPI_Status st;
  MPI_Probe(src, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
  int count = 0;
  MPI_Get_count(&st, MPI_DOUBLE, &count);
  data.resize(static_cast<std::size_t>(count));
  MPI_Recv(data.data(), count, MPI_DOUBLE, src, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return st.MPI_TAG;
}

std::vector<std::size_t> points_of(int rank, int size, std::size_t first, std::size_t total) {
  std::vector<std::size_t> out;
  for (std::size_t p = first; p < total; ++p)
    if (static_cast<int>(p % static_cast<std::size_t>(size)) == rank) out.push_back(p);
  return out;
}

// Rank != 0: simulate, send each point to rank 0, then say stop.
void worker_rank(const MpiSession& mpi, const SweepPlan& plan, std::size_t first, std::size_t total, int threads) {
  std::exception_ptr failure;
  try {
    run_points(plan, points_of(mpi.rank(), mpi.size(), first, total), threads, [&](SweepPoint& p) {
      const auto data = pack(p);
      MPI_Send(data.data(), static_cast<int>(data.size()), MPI_DOUBLE, 0, kTagPoint, MPI_COMM_WORLD);
    });
  } catch (...) {
    failure = std::current_exception();
  }
  MPI_Send(nullptr, 0, MPI_DOUBLE, 0, kTagStop, MPI_COMM_WORLD);
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

MpiSession::MpiSession() {
  int provided = 0;
  // Points are sent from worker threads, one at a time (run_points serializes delivery).
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
  if (provided < MPI_THREAD_SERIALIZED) {
    MPI_Finalize();
    throw std::runtime_error("the MPI library does not support MPI_THREAD_SERIALIZED");
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

long long MpiSession::broadcast(long long v) const {
  MPI_Bcast(&v, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
  return v;
}

void run_points_mpi(const MpiSession& mpi, const SweepPlan& plan, std::size_t first, std::size_t total, int threads,
                    const std::function<void(SweepPoint&)>& deliver, SweepCounters* counters) {
  if (mpi.rank() != 0) {
    worker_rank(mpi, plan, first, total, threads);
    return;
  }
  // Rank 0: its own points on a thread of their own, handed over in order through a small
  // queue (bounded, so memory stays flat while it waits for other ranks).
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::unique_ptr<SweepPoint>> queue;
  bool local_done = false;
  std::atomic<bool> stop{false};
  std::exception_ptr local_failure;
  const std::size_t limit = static_cast<std::size_t>(2 * std::max(threads, 1) + 2);
  std::thread local([&] {
    try {
      run_points(
          plan, points_of(0, mpi.size(), first, total), threads,
          [&](SweepPoint& p) {
            auto moved = std::make_unique<SweepPoint>(std::move(p));
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return queue.size() < limit || stop.load(); });
            queue.push_back(std::move(moved));
            changed.notify_all();
          },
          nullptr, &stop);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      local_failure = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex);
    local_done = true;
    changed.notify_all();
  });

  const int size = mpi.size();
  std::vector<bool> stopped(static_cast<std::size_t>(size), false);
  std::exception_ptr failure;
  std::size_t delivered = 0;
  try {
    for (std::size_t p = first; p < total; ++p) {
      const int src = static_cast<int>(p % static_cast<std::size_t>(size));
      std::unique_ptr<SweepPoint> pt;
      if (src == 0) {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || local_done; });
        if (queue.empty()) break;  // rank 0 stopped before this point
        pt = std::move(queue.front());
        queue.pop_front();
        changed.notify_all();
      } else {
        std::vector<double> data;
        if (receive(src, data) == kTagStop) {
          stopped[static_cast<std::size_t>(src)] = true;
          break;  // that rank stopped before this point
        }
        pt = unpack(plan, p, data);
      }
      deliver(*pt);
      ++delivered;
      if (counters) ++counters->points;
    }
  } catch (...) {
    failure = std::current_exception();
  }
  // Stop the local points and drain every other rank up to its stop message, so that no
  // send is left waiting when MPI finalizes.
  stop = true;
  changed.notify_all();
  local.join();
  for (int r = 1; r < size; ++r) {
    std::vector<double> discarded;
    while (!stopped[static_cast<std::size_t>(r)])
      if (receive(r, discarded) == kTagStop) stopped[static_cast<std::size_t>(r)] = true;
  }
  if (failure) std::rethrow_exception(failure);
  if (local_failure && !interrupted()) {
    try {
      std::rethrow_exception(local_failure);
    } catch (const Interrupted&) {
      // rank 0's points stopped because another rank did
    }
  }
  if (first + delivered < total) throw Interrupted();
}

}  // namespace ccsim
