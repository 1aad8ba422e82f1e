#include "sim/target_check.hpp"

#include <cmath>
#include <sstream>

namespace ccsim {

int threshold_index(const std::vector<double>& thresholds, double t) {
  for (std::size_t k = 0; k < thresholds.size(); ++k)
    if (thresholds[k] == t) return static_cast<int>(k);
  return -1;
}

std::string threshold_key(double seconds) {
  if (seconds == std::floor(seconds) && std::abs(seconds) < 1e15)
    return std::to_string(static_cast<long long>(seconds));
  std::ostringstream o;
  o.precision(12);
  o << seconds;
  return o.str();
}

TargetResult check_target(const Target& t, SlBasis basis, const CallSummary& s,
                          const std::vector<double>& thresholds) {
  TargetResult r;
  r.target = &t;
  switch (t.kind) {
    case Target::Kind::service_level: {
      const int k = threshold_index(thresholds, t.threshold);
      if (k < 0) break;
      r.value = basis == SlBasis::offered    ? s.sl_offered[k]
                : basis == SlBasis::answered ? s.sl_answered[k]
                                             : s.sl_refined[k];
      r.met = !(r.value.mean < t.fraction);  // no calls (undefined SL): nothing failed
      break;
    }
    case Target::Kind::asa:
      r.value = s.asa;
      r.met = !(r.value.mean > t.threshold);  // no answered call: nothing waited too long
      break;
    case Target::Kind::abandon:
      r.value = s.abandon_rate;
      r.met = !(r.value.mean > t.fraction);
      break;
  }
  return r;
}

}  // namespace ccsim
