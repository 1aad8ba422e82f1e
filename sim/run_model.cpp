#include "sim/run_model.hpp"

#include <algorithm>

namespace ccsim {

std::vector<double> target_thresholds(const QueueSpec& q) {
  std::vector<double> t;
  for (const auto& tg : q.targets)
    if (tg.kind == Target::Kind::service_level) t.push_back(tg.threshold);
  return t;
}

RunModel compile(const Scenario& s, const std::vector<double>& extra_thresholds) {
  RunModel m;
  m.interval = s.interval;
  m.intervals = s.intervals;
  m.warmup = s.warmup;

  m.thresholds = extra_thresholds;
  for (const auto& q : s.queues)
    for (double t : target_thresholds(q)) m.thresholds.push_back(t);
  std::sort(m.thresholds.begin(), m.thresholds.end());
  m.thresholds.erase(std::unique(m.thresholds.begin(), m.thresholds.end()), m.thresholds.end());

  for (const auto& q : s.queues) {
    QueueModel qm;
    qm.rate.resize(static_cast<std::size_t>(s.intervals));
    for (int i = 0; i < s.intervals; ++i)
      qm.rate[i] = q.arrivals.stationary ? q.arrivals.rate : q.arrivals.volumes[i] / s.interval;
    qm.forecast_cv = q.arrivals.forecast_cv;
    qm.handle = models::Sampler(q.handle_time);
    qm.has_patience = q.patience.has_value();
    if (qm.has_patience) qm.patience = models::Sampler(*q.patience);
    qm.short_abandon = q.short_abandon;
    m.queues.push_back(std::move(qm));
  }

  // A call that finds several groups free prefers the group that ranks its queue highest
  // (specialists before generalists), then the group listed first in the file.
  std::vector<std::vector<std::pair<std::size_t, std::uint32_t>>> rank(s.queues.size());
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    GroupModel gm;
    gm.staffing = s.groups[g].staffing;
    for (std::size_t k = 0; k < s.groups[g].serves.size(); ++k) {
      const auto& qname = s.groups[g].serves[k];
      for (std::size_t q = 0; q < s.queues.size(); ++q)
        if (s.queues[q].name == qname) {
          gm.serves.push_back(static_cast<std::uint32_t>(q));
          rank[q].push_back({k, static_cast<std::uint32_t>(g)});
        }
    }
    m.groups.push_back(std::move(gm));
  }
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    std::stable_sort(rank[q].begin(), rank[q].end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& r : rank[q]) m.queues[q].groups.push_back(r.second);
  }
  return m;
}

}  // namespace ccsim
