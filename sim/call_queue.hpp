#pragma once
// FCFS queue of waiting calls: a ring buffer that grows by doubling when full and is
// reused across replications, so steady-state operation allocates nothing.
#include <cstdint>
#include <vector>

namespace ccsim {

struct WaitingCall {
  double arrival;   // simulation time of arrival
  double deadline;  // arrival + patience (abandons at this time if still waiting)
  double handle;    // handle time drawn at arrival (common random numbers)
  std::int32_t interval;        // arrival interval; -1 = warm-up (not counted)
  std::int32_t first_interval;  // the caller's first attempt's interval (caller basis)
  float wrap;                   // after-call work drawn at arrival, s (0 without wrap_up);
                                // float keeps the record at 40 bytes (error < 1e-6 relative)
  std::int16_t attempt;         // 1 = first attempt, 2 = first redial, ...; 0 = a queue
                                // without retrials (caller basis = attempt basis, not tracked)
};

class CallQueue {
 public:
  CallQueue() : buf_(64) {}
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const WaitingCall& front() const { return buf_[head_]; }
  void pop_front() {
    head_ = (head_ + 1) & (buf_.size() - 1);
    --size_;
  }
  void push_back(const WaitingCall& c) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = c;
    ++size_;
  }
  void clear() { head_ = size_ = 0; }

  // Removes, in order, every call for which `gone(call)` is true, handing each to `on_gone`
  // first; keeps the others in FCFS order. O(size); used only when a queue must know its
  // exact length (capacity) or abandons must happen on time (retrials).
  template <class Pred, class Fn>
  void remove_if(Pred gone, Fn on_gone) {
    const std::size_t mask = buf_.size() - 1;
    std::size_t kept = 0;
    for (std::size_t k = 0; k < size_; ++k) {
      const WaitingCall c = buf_[(head_ + k) & mask];
      if (gone(c)) on_gone(c);
      else buf_[(head_ + kept++) & mask] = c;
    }
    size_ = kept;
  }

 private:
  void grow() {
    std::vector<WaitingCall> nb(buf_.size() * 2);
    for (std::size_t k = 0; k < size_; ++k) nb[k] = buf_[(head_ + k) & (buf_.size() - 1)];
    buf_.swap(nb);
    head_ = 0;
  }
  std::vector<WaitingCall> buf_;  // size is a power of two
  std::size_t head_ = 0, size_ = 0;
};

}  // namespace ccsim
