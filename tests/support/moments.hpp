#pragma once
// Sample (co)variances with their standard errors, for validation tests that compare
// simulated moments with exact ones within 3 SE (the SE of a (co)variance estimated from
// the replications themselves: the SD of the products of deviations over sqrt(n)).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace ccsim::test {

struct Moment {
  double value = 0, se = 0;
};

// Sample covariance of x and y and its standard error.
inline Moment covariance(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  std::vector<double> z(x.size());
  double mz = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    z[i] = (x[i] - mx) * (y[i] - my);
    mz += z[i] / n;
  }
  double vz = 0;
  for (const double v : z) vz += (v - mz) * (v - mz) / (n - 1);
  return {mz * n / (n - 1), std::sqrt(vz / n)};
}

// The sample moment lies within 3 of its standard errors of the exact value.
inline void near(const Moment& m, double exact) {
  INFO("sample " << m.value << " (SE " << m.se << "), exact " << exact);
  CHECK(std::abs(m.value - exact) <= 3 * m.se);
}

}  // namespace ccsim::test
