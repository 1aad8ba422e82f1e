#pragma once
// Runs replications 0..R-1 on a pool of threads. Replication r always uses the streams of
// (seed, r) and lands in slot r, so results are bit-identical for any thread count.
// With a call log, every counted attempt is also written there (rows of different
// replications interleave by chunk when threads > 1). After SIGINT/SIGTERM (see
// sim/engine/interrupt.hpp) no new replication starts and Interrupted is thrown.
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/engine/call_log.hpp"
#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"

namespace ccsim {

std::vector<ReplicationResult> replicate(const RunModel& model, std::uint64_t seed, int replications, int threads,
                                         CallLogSink* call_log = nullptr);

// Replications first..first+count-1 only (slot k holds replication first+k): lets a caller
// that already has 0..first-1 add more on the same streams.
std::vector<ReplicationResult> replicate_range(const RunModel& model, std::uint64_t seed, int first, int count,
                                               int threads);

// Replications first..first+count-1, each handed to `each(k, result)` (k = 0..count-1) on
// the thread that ran it, then its buffers are reused: for callers that keep a digest of
// each replication, not its tallies. `each` must only write what slot k owns.
void replicate_each(const RunModel& model, std::uint64_t seed, int first, int count, int threads,
                    const std::function<void(int, const ReplicationResult&)>& each);

// Replications 0..count-1, each handed to `each(r, result)` in replication order (one call
// at a time), so a caller can fold them into running figures that are the same to the bit
// for any thread count, and write rows as they come. Memory holds the results of at most
// a few replications per thread: a thread does not start replication r until r is within
// 4 x threads of the next one to be handed over. With a call log, as replicate.
void replicate_ordered(const RunModel& model, std::uint64_t seed, int count, int threads, CallLogSink* call_log,
                       const std::function<void(int, const ReplicationResult&)>& each);

// Threads to use when the user gives none: the hardware's count, at least 1.
int default_threads();

}  // namespace ccsim
