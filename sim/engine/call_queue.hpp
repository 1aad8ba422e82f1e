#pragma once
// FCFS queue of waiting calls: a ring buffer that grows by doubling when full and is
// reused across replications, so steady-state operation allocates nothing.
#include <cstdint>
#include <vector>

namespace ccsim {

// A waiting call. Two layouts: the full one carries the per-call feature fields; the
// plain one (models without wrap-up, retrials, trace, ...) keeps the record at 32 bytes
// and answers the feature fields with constants, so code that reads them compiles for
// both and folds away for the plain one. Writes to those fields sit under `if constexpr`.
template <bool kFeatures>
struct WaitingCallT {
  double arrival;               // simulation time of arrival
  double deadline;              // arrival + patience (abandons at this time if still waiting)
  double handle;                // handle time drawn at arrival (common random numbers)
  std::int32_t interval;        // arrival interval; -1 = warm-up (not counted)
  std::int32_t first_interval;  // the caller's first attempt's interval (caller basis)
  float wrap;                   // after-call work drawn at arrival, s (0 without wrap_up);
                                // float keeps the record at 40 bytes (error < 1e-6 relative)
  std::int16_t attempt;         // 1 = first attempt, 2 = first redial, ...; 0 = a queue
                                // without retrials (caller basis = attempt basis, not tracked)
};

template <>
struct WaitingCallT<false> {
  double arrival;
  double deadline;
  double handle;
  std::int32_t interval;
  static constexpr std::int32_t first_interval = -1;
  static constexpr float wrap = 0.0f;
  static constexpr std::int16_t attempt = 0;
};

static_assert(sizeof(WaitingCallT<false>) == 32 && sizeof(WaitingCallT<true>) == 40);

template <class Call>
class BasicCallQueue {
 public:
  BasicCallQueue() : buf_(64) {}
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const Call& front() const { return buf_[head_]; }
  void pop_front() {
    head_ = (head_ + 1) & (buf_.size() - 1);
    --size_;
  }
  void push_back(const Call& c) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = c;
    ++size_;
  }
  void clear() { head_ = size_ = 0; }
  // Whether some waiting call satisfies `p` (O(size)).
  template <class Pred>
  bool any(Pred p) const {
    for (std::size_t k = 0; k < size_; ++k)
      if (p(buf_[(head_ + k) & (buf_.size() - 1)])) return true;
    return false;
  }

  // Removes, in order, every call for which `gone(call)` is true, handing each to `on_gone`
  // first; keeps the others in FCFS order. O(size); used only when a queue must know its
  // exact length (capacity) or abandons must happen on time (retrials).
  template <class Pred, class Fn>
  void remove_if(Pred gone, Fn on_gone) {
    const std::size_t mask = buf_.size() - 1;
    std::size_t kept = 0;
    for (std::size_t k = 0; k < size_; ++k) {
      const Call c = buf_[(head_ + k) & mask];
      if (gone(c))
        on_gone(c);
      else
        buf_[(head_ + kept++) & mask] = c;
    }
    size_ = kept;
  }

 private:
  void grow() {
    std::vector<Call> nb(buf_.size() * 2);
    for (std::size_t k = 0; k < size_; ++k) nb[k] = buf_[(head_ + k) & (buf_.size() - 1)];
    buf_.swap(nb);
    head_ = 0;
  }
  std::vector<Call> buf_;  // size is a power of two
  std::size_t head_ = 0, size_ = 0;
};

}  // namespace ccsim
