#pragma once
// `mpirun -n N ccsim sweep ...` (a build with -DCCSIM_MPI=ON): points are spread over the
// ranks round-robin (point p on rank p mod N), each rank runs its points on its own
// threads, and rank 0 receives every finished point in grid order and writes the one
// results file. Rank 0 rebuilds each point's model and summary from the replications'
// tallies, so the file is identical in results to a single-process run.
#include <atomic>
#include <functional>

#include "sim/sweep/run.hpp"

namespace ccsim {

// MPI_Init / MPI_Finalize around a sweep.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Rank 0's value of `v` on every rank.
  long long broadcast(long long v) const;

 private:
  int rank_ = 0, size_ = 1;
};

// Runs points [first, total) over the ranks. On rank 0, `deliver` sees every point in
// order; on other ranks it is not called. After an interrupt or a failure on any rank, the
// delivered points are a prefix; rank 0 then throws Interrupted (or the failure).
void run_points_mpi(const MpiSession& mpi, const SweepPlan& plan, std::size_t first, std::size_t total, int threads,
                    const std::function<void(SweepPoint&)>& deliver, SweepCounters* counters);

}  // namespace ccsim
