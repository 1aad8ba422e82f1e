#include "sim/stats/summary.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <boost/math/distributions/students_t.hpp>

namespace ccsim {

double student_t95(int dof) {
  if (dof < 1) return 0;
  // Every Stat needs it and Boost's quantile costs ~10 us, so each thread remembers the
  // values it has seen (a sweep summarizes thousands of metrics with the same dof).
  thread_local std::vector<double> known;
  const std::size_t k = static_cast<std::size_t>(dof);
  if (k < 4096) {
    if (known.size() <= k) known.resize(k + 1, 0.0);
    if (known[k] == 0) known[k] = boost::math::quantile(boost::math::students_t_distribution<double>(dof), 0.975);
    return known[k];
  }
  return boost::math::quantile(boost::math::students_t_distribution<double>(dof), 0.975);
}

double student_t_quantile(double p, int dof) {
  if (dof < 1) return 0;
  return boost::math::quantile(boost::math::students_t_distribution<double>(dof), p);
}

Stat summarize(const std::vector<double>& values) {
  Stat s;
  double sum = 0;
  for (double v : values)
    if (!std::isnan(v)) {
      sum += v;
      ++s.n;
    }
  if (s.n == 0) {
    s.mean = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  s.mean = sum / s.n;
  if (s.n < 2) return s;
  double ss = 0;
  for (double v : values)
    if (!std::isnan(v)) ss += (v - s.mean) * (v - s.mean);
  const double sd = std::sqrt(ss / (s.n - 1));
  s.ci95 = student_t95(s.n - 1) * sd / std::sqrt(static_cast<double>(s.n));
  return s;
}

}  // namespace ccsim
