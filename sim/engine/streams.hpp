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
  shared_forecast = 13,       // a [[day_factor]]'s day factor; the stream's index is the factor's
  shared_interval_noise = 14  // its per-interval factors
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

}  // namespace ccsim
