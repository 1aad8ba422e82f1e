#pragma once
// Ctrl-C and SIGTERM: the first one asks the run to stop at the next safe point (every
// 16,384 events, interval boundaries, between replications), so output files can be cleaned up and the user told; a
// second one ends the process at once, as the user then clearly wants.
#include <stdexcept>

namespace ccsim {

// Thrown at a safe point after SIGINT or SIGTERM; main exits 130 (128 + SIGINT).
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// While one lives, the first SIGINT/SIGTERM ends the process at once with status 130 and
// a message: for reading and checking input, before any output exists, where there is
// nothing to clean up and a parser (toml++ takes seconds on a 50 MB file) cannot be
// stopped midway. Only where no output file exists yet.
class StopAtOnce {
 public:
  StopAtOnce();
  ~StopAtOnce();
  StopAtOnce(const StopAtOnce&) = delete;
  StopAtOnce& operator=(const StopAtOnce&) = delete;
};

// Installs the handlers (idempotent). Until then signals keep their default action.
void install_interrupt_handlers();

// Inside another program (the Python module, sim/python): a signal only ever asks the run
// to stop — never ends the process, also while reading input or on a second signal — and
// the host restores its own handlers afterwards.
void set_interrupts_embedded(bool embedded);

// Forgets a stop asked for earlier (the next run of a host program starts afresh).
void clear_interrupt();

// Whether a stop was asked for (async-signal-safe flag).
bool interrupted();

// Throws Interrupted when a stop was asked for.
void throw_if_interrupted();

}  // namespace ccsim
