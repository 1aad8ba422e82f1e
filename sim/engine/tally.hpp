#pragma once
// What one replication counts: additive counters per (queue, interval) and per
// (group, interval), and the wait distribution for percentiles. Flat arrays with fixed
// strides, so the engine's bookkeeping is a few additions per call.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace ccsim {

// Fields of one (queue, interval) cell; after them come answered_within[k] and
// abandoned_within[k] for every SL threshold k.
enum CallField : int {
  kOffered = 0,
  kAnswered,
  kAbandoned,
  kBlocked,
  kWaitAnswered,    // sum of waits of answered calls (s)
  kWaitAll,         // sum of waits to answer or abandon (s)
  kShortAbandoned,  // abandons that waited less than the queue's short_abandon
  kRedials,         // attempts that were redials (attempt basis, in the redial's interval)
  // Caller basis: each caller once, in the interval of their first attempt.
  kCallers,           // first attempts
  kCallersAnswered,   // callers answered on some attempt
  kCallersAbandoned,  // callers whose last attempt abandoned (no redial followed)
  kCallersBlocked,    // callers whose last attempt was blocked (no redial followed)
  kBalked,            // abandons at once on finding a wait (a part of kAbandoned)
  kDisconnected,      // waiting at the close of a queue with at_close = "disconnect"
  kMessages,          // waiting at the close of a queue with at_close = "message"
  kTransferred,       // answered calls passed on to another queue (in the source queue)
  kTransfersIn,       // arrivals by transfer (a part of kOffered, in the destination)
  kTransfersInAnswered,
  kTransfersInWait,     // sum of waits of answered transferred calls (s)
  kCallbacksOffered,    // callers offered a callback
  kCallbacksAccepted,   // who took it (then neither answered nor abandoned)
  kCallbacksCompleted,  // callbacks made
  kCallbackWait,        // sum of times from the request to the callback (s)
  kCallFixedFields
};

// Fields of one (group, bucket) cell. Buckets are the intervals, then one for the drain
// after the last interval.
enum GroupField : int { kBusyTime = 0, kPresentTime, kGroupFields };

struct CallTally {
  int queues = 0, intervals = 0, thresholds = 0;
  std::vector<double> v;

  void reset(int q, int i, int t) {
    queues = q;
    intervals = i;
    thresholds = t;
    v.assign(static_cast<std::size_t>(q) * i * stride(), 0.0);
  }
  int stride() const { return kCallFixedFields + 2 * thresholds; }
  double* cell(int q, int i) { return v.data() + (static_cast<std::size_t>(q) * intervals + i) * stride(); }
  const double* cell(int q, int i) const { return v.data() + (static_cast<std::size_t>(q) * intervals + i) * stride(); }
  // index of answered_within[k] / abandoned_within[k] inside a cell
  int answered_within(int k) const { return kCallFixedFields + k; }
  int abandoned_within(int k) const { return kCallFixedFields + thresholds + k; }
};

struct GroupTally {
  int groups = 0, buckets = 0;  // buckets = intervals + 1 (drain)
  std::vector<double> v;
  void reset(int g, int b) {
    groups = g;
    buckets = b;
    v.assign(static_cast<std::size_t>(g) * b * kGroupFields, 0.0);
  }
  double* cell(int g, int b) { return v.data() + (static_cast<std::size_t>(g) * buckets + b) * kGroupFields; }
  const double* cell(int g, int b) const {
    return v.data() + (static_cast<std::size_t>(g) * buckets + b) * kGroupFields;
  }
};

// Waits of answered calls: an exact count of zero waits, then bins of kBinWidth seconds
// up to kBins * kBinWidth (four hours), and the waits beyond that exactly; quantiles
// interpolate linearly within a bin (error < 0.5 s) and are exact beyond four hours.
struct WaitHistogram {
  static constexpr double kBinWidth = 0.5;
  static constexpr int kBins = 4 * 3600 * 2;  // four hours
  std::uint64_t zeros = 0, total = 0;
  std::vector<std::uint32_t> bins;  // grows to the longest wait seen, kept across resets
  int hi = 0;                       // bins at and above hi are zero: reset and merge touch only those below

  std::vector<double> over;  // waits of four hours or more, kept exactly (rare)

  void reset() {
    zeros = total = 0;
    std::fill(bins.begin(), bins.begin() + hi, 0u);
    hi = 0;
    over.clear();
  }
  void add(double w) {
    ++total;
    if (w <= 0) {
      ++zeros;
      return;
    }
    // Compared as a double first: a wait beyond int's range must not be cast to int.
    const double x = w * (1.0 / kBinWidth);
    if (!(x < kBins)) {
      over.push_back(w);
      return;
    }
    const int b = static_cast<int>(x);
    if (b >= hi) grow(b);
    ++bins[b];
  }
  void merge(const WaitHistogram& o) {
    zeros += o.zeros;
    total += o.total;
    if (o.hi > hi) grow(o.hi - 1);
    for (int b = 0; b < o.hi; ++b) bins[b] += o.bins[b];
    over.insert(over.end(), o.over.begin(), o.over.end());
  }
  // Makes bin b addressable and counted in hi (doubling: rare after the first days).
  void grow(int b) {
    if (static_cast<std::size_t>(b) >= bins.size())
      bins.resize(std::min<std::size_t>(kBins, std::max<std::size_t>(2 * bins.size(), static_cast<std::size_t>(b) + 1)),
                  0u);
    hi = b + 1;
  }
  // Smallest w with P(wait <= w) >= q; NaN when empty.
  double quantile(double q) const;
};

}  // namespace ccsim
