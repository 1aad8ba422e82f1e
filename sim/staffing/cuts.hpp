#pragma once
// The cut model of the staffing optimiser (docs/staffing.md): least cost of integer agents
// per (group, interval) subject to linear cuts that simulation has drawn, solved by GLPK.
//
// Promises:
// - solve() returns the model's least-cost integer point, and a bound: the integer optimum
//   when GLPK proves it within the node limit, else the LP relaxation's optimum. The limit
//   counts branch-and-bound nodes, so the answer never depends on the machine's speed. Either is a
//   lower bound on the cost of every plan that satisfies every cut.
// - A cut never excludes a plan given to keep_feasible(): when a new or old cut would, its
//   right-hand side is lowered until it does not (simulation said that plan is feasible, so
//   a cut excluding it came from a region where the figure is not concave).
#include <utility>
#include <vector>

namespace ccsim {

class CutModel {
 public:
  // Variables 0..n-1 with cost per unit, bounds [lo, hi].
  CutModel(std::vector<double> cost, std::vector<int> lo, std::vector<int> hi);

  // sum_k coef * y_k >= rhs. Terms with coef <= 0 are dropped.
  void add_cut(const std::vector<std::pair<int, double>>& terms, double rhs);
  void keep_feasible(const std::vector<int>& y);

  struct Solution {
    bool ok = false;  // a point was found (false: the cuts are infeasible within bounds)
    std::vector<int> y;
    double objective = 0;  // cost of y
    double bound = 0;      // lower bound on every plan satisfying the cuts
    bool proven = false;   // y is optimal for the model
  };
  Solution solve(int node_limit) const;

  std::size_t cuts() const { return cuts_.size(); }

 private:
  struct Cut {
    std::vector<std::pair<int, double>> terms;
    double rhs;
  };
  static double lhs(const Cut& c, const std::vector<int>& y);
  std::vector<double> cost_;
  std::vector<int> lo_, hi_;
  std::vector<Cut> cuts_;
  std::vector<std::vector<int>> feasible_;
};

}  // namespace ccsim
