#include "sim/engine/interrupt.hpp"

#include <unistd.h>
#include <atomic>

#include <csignal>

namespace ccsim {

namespace {

std::atomic<int> g_signal{0};
std::atomic<int> g_at_once{0};  // StopAtOnce scopes alive
std::atomic<bool> g_embedded{false};
static_assert(std::atomic<int>::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void on_signal(int sig) {
  if (g_embedded.load(std::memory_order_relaxed)) {
    g_signal.store(sig, std::memory_order_relaxed);
    return;
  }
  if (g_at_once.load(std::memory_order_relaxed) > 0) {
    // Reading input: no output exists yet, and a parser cannot be stopped midway.
    static const char msg[] = "ccsim: interrupted while reading the input; nothing was written\n";
    [[maybe_unused]] const auto n = ::write(2, msg, sizeof msg - 1);
    ::_exit(130);
  }
  g_signal.store(sig, std::memory_order_relaxed);
  // The next signal of either kind kills at once.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

}  // namespace

void install_interrupt_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

StopAtOnce::StopAtOnce() { g_at_once.fetch_add(1, std::memory_order_relaxed); }
StopAtOnce::~StopAtOnce() { g_at_once.fetch_sub(1, std::memory_order_relaxed); }

void set_interrupts_embedded(bool embedded) { g_embedded.store(embedded, std::memory_order_relaxed); }

void clear_interrupt() { g_signal.store(0, std::memory_order_relaxed); }

bool interrupted() { return g_signal.load(std::memory_order_relaxed) != 0; }

void throw_if_interrupted() {
  if (interrupted()) throw Interrupted();
}

}  // namespace ccsim
