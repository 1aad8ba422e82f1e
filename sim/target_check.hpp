#pragma once
// Whether a queue's targets hold, judged on the mean over replications and on the queue's
// SL basis. (Confidence-bound judgement belongs to `ccsim staff`.)
#include "sim/run_summary.hpp"
#include "sim/scenario.hpp"

namespace ccsim {

struct TargetResult {
  const Target* target = nullptr;
  Stat value;   // the metric the target is about
  bool met = false;
};

TargetResult check_target(const Target& t, SlBasis basis, const CallSummary& s,
                          const std::vector<double>& thresholds);

// Index of threshold t (seconds) in `thresholds`, or -1.
int threshold_index(const std::vector<double>& thresholds, double t);

// "20", "300", "7.5": the JSON key of a threshold.
std::string threshold_key(double seconds);

}  // namespace ccsim
