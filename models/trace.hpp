#pragma once
// A recorded call, as a trace file gives it: plain data shared by the scenario reader and
// the engine.

namespace ccsim::models {

// One recorded call of a trace: arrival time in seconds after the start of interval 0;
// handle time and patience in seconds, NaN when the trace does not give them (then they
// are drawn from the queue's distributions).
struct TraceCall {
  double arrival = 0;
  double handle = 0;
  double patience = 0;
};

}  // namespace ccsim::models

namespace ccsim {
using models::TraceCall;
}  // namespace ccsim
