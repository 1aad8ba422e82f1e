#pragma once
// A one-line progress report on stderr while a sweep runs: points done of total, calls
// simulated per second, time left. Only when stderr is a terminal and not --quiet, so logs
// and pipes stay clean.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "sim/sweep/run.hpp"

namespace ccsim {

class ProgressLine {
 public:
  // Starts reporting when `enabled` (and stderr is a terminal); `done` points were finished
  // before this run (a resumed sweep).
  ProgressLine(bool enabled, std::size_t done, std::size_t total, const SweepCounters& counters);
  ~ProgressLine();  // stops and ends the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  void loop();
  void print(bool last);

  const std::size_t done_, total_;
  const SweepCounters& counters_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace ccsim
