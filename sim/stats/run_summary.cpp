#include "sim/stats/run_summary.hpp"

#include "sim/stats/run_accumulator.hpp"

namespace ccsim {

unsigned metric_features(const RunModel& model) {
  return (model.balks() ? kFeatureBalk : 0u) | (model.closes_queues() ? kFeatureClose : 0u) |
         (model.transfers() ? kFeatureTransfer : 0u) | (model.callbacks() ? kFeatureCallback : 0u);
}

RunSummary summarize_run(const RunModel& model, const std::vector<ReplicationResult>& reps, bool per_interval) {
  RunAccumulator a(model, per_interval);
  for (const ReplicationResult& r : reps) a.add(r);
  return a.summary();
}

}  // namespace ccsim
