#pragma once
// Ctrl-C and SIGTERM: the first one asks the run to stop at the next safe point (between
// replications), so output files can be cleaned up and the user told; a second one ends
// the process at once, as the user then clearly wants.
#include <stdexcept>

namespace ccsim {

// Thrown at a safe point after SIGINT or SIGTERM; main exits 130 (128 + SIGINT).
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// Installs the handlers (idempotent). Until then signals keep their default action.
void install_interrupt_handlers();

// Whether a stop was asked for (async-signal-safe flag).
bool interrupted();

// Throws Interrupted when a stop was asked for.
void throw_if_interrupted();

}  // namespace ccsim
