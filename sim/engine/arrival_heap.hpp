#pragma once
// The queues' next arrival times, earliest first, so finding the next arrival costs
// O(log queues) per event instead of a scan of every queue. Equal times go to the lower
// queue index (what a scan in queue order with strict < picks), so results do not depend
// on the number of queues' bookkeeping. Binary min-heap; storage is reused across
// replications, and only the top ever changes (an arrival draws its queue's next one).
#include <cstdint>
#include <vector>

namespace ccsim {

class ArrivalHeap {
 public:
  struct Entry {
    double time;
    std::uint32_t queue;
  };
  void reserve(std::size_t n) { h_.reserve(n); }
  void clear() { h_.clear(); }
  void push(double time, std::uint32_t queue) {
    h_.push_back({time, queue});
    sift_up(h_.size() - 1);
  }
  bool empty() const { return h_.empty(); }
  const Entry& top() const { return h_.front(); }
  // The top queue's next arrival is now at `time`.
  void replace_top_time(double time) {
    h_.front().time = time;
    sift_down(0);
  }

 private:
  static bool less(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.queue < b.queue);
  }
  void sift_up(std::size_t i) {
    const Entry x = h_[i];
    while (i > 0) {
      const std::size_t p = (i - 1) / 2;
      if (!less(x, h_[p])) break;
      h_[i] = h_[p];
      i = p;
    }
    h_[i] = x;
  }
  void sift_down(std::size_t i) {
    const std::size_t n = h_.size();
    const Entry x = h_[i];
    for (;;) {
      std::size_t c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && less(h_[c + 1], h_[c])) ++c;
      if (!less(h_[c], x)) break;
      h_[i] = h_[c];
      i = c;
    }
    h_[i] = x;
  }

  std::vector<Entry> h_;
};

}  // namespace ccsim
