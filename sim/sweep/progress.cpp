#include "sim/sweep/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace ccsim {

ProgressLine::ProgressLine(bool enabled, std::size_t done, std::size_t total, const SweepCounters& counters)
    : done_(done), total_(total), counters_(counters), start_(std::chrono::steady_clock::now()) {
  if (enabled && ::isatty(STDERR_FILENO)) thread_ = std::thread([this] { loop(); });
}

ProgressLine::~ProgressLine() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ProgressLine::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stop_; })) print(false);
  print(true);
}

void ProgressLine::print(bool last) {
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::size_t now = counters_.points.load();
  const double rate = secs > 0 ? static_cast<double>(counters_.calls.load()) / secs : 0;
  const std::size_t left_points = total_ - done_ - now;
  char eta[32] = "?";
  if (now > 0) {
    const long left = static_cast<long>(secs / static_cast<double>(now) * static_cast<double>(left_points) + 0.5);
    std::snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
  }
  std::fprintf(stderr, "\rsweep: %zu/%zu points, %.2f M calls/s, %s left   %s", done_ + now, total_, rate / 1e6, eta,
               last ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace ccsim
