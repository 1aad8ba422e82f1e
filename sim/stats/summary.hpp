#pragma once
// Across replications: the mean of each replication's value and the half-width of its
// 95% Student-t confidence interval. Replications where the value is undefined (NaN, e.g.
// ASA with no answered call) are left out; n says how many counted.
#include <vector>

namespace ccsim {

struct Stat {
  double mean = 0;
  double ci95 = 0;  // 0 with fewer than two values
  int n = 0;
};

Stat summarize(const std::vector<double>& values);

// Two-sided 95% Student-t quantile for `dof` degrees of freedom.
double student_t95(int dof);

// The p quantile of Student's t with `dof` degrees of freedom (0 when dof < 1).
double student_t_quantile(double p, int dof);

}  // namespace ccsim
