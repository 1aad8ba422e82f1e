#pragma once
// The moments a group's idle agents became idle, oldest first: what agent_choice
// "longest_idle" compares (docs/routing.md). A ring buffer that grows by doubling and is
// reused across replications, so steady-state operation allocates nothing. Agents become
// idle in time order, so pushing at the back keeps it sorted.
#include <cstddef>
#include <vector>

namespace ccsim {

class IdleAgents {
 public:
  void clear() { head_ = size_ = 0; }
  std::size_t size() const { return size_; }
  double oldest() const { return buf_[head_]; }
  void push(double since, int n) {
    for (int k = 0; k < n; ++k) {
      if (size_ == buf_.size()) grow();
      buf_[(head_ + size_) & (buf_.size() - 1)] = since;
      ++size_;
    }
  }
  // The longest idle takes a call.
  void pop_oldest() {
    head_ = (head_ + 1) & (buf_.size() - 1);
    --size_;
  }
  // The most recently idle leave first (a shift or break begins, the day ends).
  void pop_newest(int n) { size_ -= static_cast<std::size_t>(n) < size_ ? static_cast<std::size_t>(n) : size_; }

 private:
  void grow() {
    std::vector<double> b(buf_.empty() ? 16 : 2 * buf_.size());
    for (std::size_t k = 0; k < size_; ++k) b[k] = buf_[(head_ + k) & (buf_.size() - 1)];
    buf_.swap(b);
    head_ = 0;
  }
  std::vector<double> buf_;
  std::size_t head_ = 0, size_ = 0;
};

}  // namespace ccsim
