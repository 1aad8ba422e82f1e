#include "sim/engine/tally.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ccsim {

double WaitHistogram::quantile(double q) const {
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  const double need = q * static_cast<double>(total);
  double cum = static_cast<double>(zeros);
  if (cum >= need) return 0.0;
  for (int b = 0; b < hi; ++b) {  // all bins from hi on are zero
    const double c = bins[b];
    if (cum + c >= need) return (b + (need - cum) / c) * kBinWidth;
    cum += c;
  }
  if (over.empty()) return kBins * kBinWidth;
  // Beyond four hours: the exact order statistic among the long waits.
  std::vector<double> sorted(over);
  std::sort(sorted.begin(), sorted.end());
  const double k = std::ceil(need - cum);
  const std::size_t at = k < 1 ? 0 : std::min(sorted.size() - 1, static_cast<std::size_t>(k) - 1);
  return sorted[at];
}

}  // namespace ccsim
