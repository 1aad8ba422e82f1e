#pragma once
// Common random numbers: every (replication, queue, purpose) has its own generator,
// seeded from (seed, replication, queue, purpose) alone. Two runs that differ only in
// staffing therefore see the same callers, and replication r is the same whatever the
// thread count.
#include <cstdint>

#include <boost/random/seed_seq.hpp>

#include "models/distribution.hpp"

namespace ccsim {

enum class Purpose : std::uint32_t {
  arrivals = 1,
  handle_time = 2,
  patience = 3,
  retry = 4,
  forecast = 5,
  interval_noise = 6,
  wrap_up = 7,
  skill_handle = 8,
  routing = 9,  // agent_choice "random"
  balk = 10,
  transfer = 11,
  callback = 12,
  shared_forecast = 13,        // a [[day_factor]]'s day factor; the stream's index is the factor's
  shared_interval_noise = 14,  // its per-interval factors
  absence = 15                 // a group's absent agents; the stream's index is the group's
};

inline void seed_stream(models::Rng& rng, std::uint64_t seed, std::uint32_t replication, std::uint32_t queue,
                        Purpose purpose) {
  boost::random::seed_seq seq{static_cast<std::uint32_t>(seed),
                              static_cast<std::uint32_t>(seed >> 32),
                              replication,
                              queue,
                              static_cast<std::uint32_t>(purpose),
                              0x63637369u /* "ccsi" */};
  rng.seed(seq);
}

// Days simulated apart (scenario.days > 1 without carry_over): day d of a replication runs
// from this seed, so day 1 (d = 0) is the one-day run's and the others are independent.
inline std::uint64_t horizon_day_seed(std::uint64_t seed, int d) {
  if (d == 0) return seed;
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(d);  // splitmix64
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace ccsim
