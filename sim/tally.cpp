#include "sim/tally.hpp"

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
  return kBins * kBinWidth;
}

}  // namespace ccsim
