#pragma once
// Timed events other than service completions, used only by the features that need them:
// redials (retrials), on-time abandonment in queues with retrials, and the moment a waiting
// call becomes eligible for a delayed-overflow group. A plain model never touches it.
// Binary min-heap on (time, rank, seq); storage is reused across replications.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace ccsim {

// The rank orders simultaneous events of different kinds (sim/engine/engine.hpp lists the full order).
enum class TimerKind : std::uint8_t { abandon = 0, overflow = 4, redial = 6, transfer = 7 };

struct Timer {
  double time;
  TimerKind kind;
  std::uint32_t queue;
  std::uint32_t group;          // overflow: the group that may now take the call
  std::int32_t attempt;         // redial: the attempt number it will be
  std::int32_t first_interval;  // redial: the caller's first attempt's interval
  std::uint64_t seq;
  // redial: the caller's patience when it is kept (retrial.keep_patience); NaN: draw one.
  double patience = std::numeric_limits<double>::quiet_NaN();
};

class TimerHeap {
 public:
  void clear() {
    h_.clear();
    seq_ = 0;
  }
  bool empty() const { return h_.empty(); }
  const Timer& top() const { return h_.front(); }
  void push(Timer t) {
    t.seq = seq_++;
    h_.push_back(t);
    std::push_heap(h_.begin(), h_.end(), later);
  }
  void pop() {
    std::pop_heap(h_.begin(), h_.end(), later);
    h_.pop_back();
  }

 private:
  static bool later(const Timer& a, const Timer& b) {
    if (a.time != b.time) return a.time > b.time;
    if (a.kind != b.kind) return a.kind > b.kind;
    return a.seq > b.seq;
  }
  std::vector<Timer> h_;
  std::uint64_t seq_ = 0;
};

}  // namespace ccsim
