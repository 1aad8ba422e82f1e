#include "sim/staffing/cuts.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace ccsim {

namespace {
struct ProbDeleter {
  void operator()(glp_prob* p) const noexcept { glp_delete_prob(p); }
};
struct QuietGlpk {
  QuietGlpk() : previous_(glp_term_out(GLP_OFF)) {}
  ~QuietGlpk() { glp_term_out(previous_); }
  QuietGlpk(const QuietGlpk&) = delete;
  QuietGlpk& operator=(const QuietGlpk&) = delete;
  int previous_;
};
}  // namespace

CutModel::CutModel(std::vector<double> cost, std::vector<int> lo, std::vector<int> hi)
    : cost_(std::move(cost)), lo_(std::move(lo)), hi_(std::move(hi)) {}

double CutModel::lhs(const Cut& c, const std::vector<int>& y) {
  double s = 0;
  for (const auto& [k, a] : c.terms) s += a * y[static_cast<std::size_t>(k)];
  return s;
}

void CutModel::add_cut(const std::vector<std::pair<int, double>>& terms, double rhs) {
  Cut c;
  for (const auto& t : terms)
    if (t.second > 0 && std::isfinite(t.second)) c.terms.push_back(t);
  if (c.terms.empty() || !std::isfinite(rhs)) return;
  c.rhs = rhs;
  for (const auto& f : feasible_) c.rhs = std::min(c.rhs, lhs(c, f));
  cuts_.push_back(std::move(c));
}

void CutModel::keep_feasible(const std::vector<int>& y) {
  for (Cut& c : cuts_) c.rhs = std::min(c.rhs, lhs(c, y));
  feasible_.push_back(y);
}

namespace {
struct NodeLimit {
  int limit, seen;
  static void callback(glp_tree* tree, void* info) {
    auto* self = static_cast<NodeLimit*>(info);
    if (glp_ios_reason(tree) == GLP_ISELECT && ++self->seen > self->limit) glp_ios_terminate(tree);
  }
};
}  // namespace

CutModel::Solution CutModel::solve(int node_limit) const {
  QuietGlpk quiet;
  std::unique_ptr<glp_prob, ProbDeleter> lp(glp_create_prob());
  glp_prob* P = lp.get();
  glp_set_obj_dir(P, GLP_MIN);
  const int n = static_cast<int>(cost_.size());
  glp_add_cols(P, n);
  for (int j = 0; j < n; ++j) {
    const std::size_t k = static_cast<std::size_t>(j);
    glp_set_col_kind(P, j + 1, GLP_IV);
    if (lo_[k] == hi_[k])
      glp_set_col_bnds(P, j + 1, GLP_FX, lo_[k], hi_[k]);
    else
      glp_set_col_bnds(P, j + 1, GLP_DB, lo_[k], hi_[k]);
    glp_set_obj_coef(P, j + 1, cost_[k]);
  }
  if (!cuts_.empty()) {
    glp_add_rows(P, static_cast<int>(cuts_.size()));
    for (std::size_t r = 0; r < cuts_.size(); ++r) {
      const Cut& c = cuts_[r];
      // Scale each row to a largest coefficient of 1: cuts from SL (fractions) and ASA
      // (seconds) then sit on one numerical footing.
      double big = 0;
      for (const auto& t : c.terms) big = std::max(big, t.second);
      std::vector<int> ind{0};
      std::vector<double> val{0};
      for (const auto& [k, a] : c.terms) {
        ind.push_back(k + 1);
        val.push_back(a / big);
      }
      const int row = static_cast<int>(r) + 1;
      glp_set_row_bnds(P, row, GLP_LO, c.rhs / big, 0.0);
      glp_set_mat_row(P, row, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
    }
  }
  Solution out;
  glp_smcp smcp;
  glp_init_smcp(&smcp);
  smcp.presolve = GLP_ON;
  smcp.msg_lev = GLP_MSG_OFF;
  const int lp_rc = glp_simplex(P, &smcp);
  if (lp_rc != 0 || glp_get_status(P) != GLP_OPT) return out;  // cuts contradict the bounds
  const double lp_bound = glp_get_obj_val(P);
  // Every cut has positive coefficients, so rounding the LP point up keeps it feasible:
  // the fallback when branch and bound finds no integer point within its node limit.
  std::vector<int> rounded(static_cast<std::size_t>(n));
  for (int j = 0; j < n; ++j)
    rounded[static_cast<std::size_t>(j)] = static_cast<int>(std::ceil(glp_get_col_prim(P, j + 1) - 1e-7));
  glp_iocp iocp;
  glp_init_iocp(&iocp);
  iocp.msg_lev = GLP_MSG_OFF;
  // A limit on branch-and-bound nodes, not on time: a time limit would make the answer
  // depend on the machine's load, and results must be the same to the bit on every run.
  NodeLimit limit{node_limit, 0};
  iocp.cb_func = &NodeLimit::callback;
  iocp.cb_info = &limit;
  iocp.mir_cuts = GLP_ON;
  iocp.mip_gap = 1e-3;  // the simulation's own noise is far coarser than this
  const int rc = glp_intopt(P, &iocp);
  const int status = glp_mip_status(P);
  out.ok = true;
  out.bound = lp_bound;
  if (status != GLP_OPT && status != GLP_FEAS) {
    out.y = rounded;
    for (int j = 0; j < n; ++j)
      out.objective += cost_[static_cast<std::size_t>(j)] * rounded[static_cast<std::size_t>(j)];
    return out;
  }
  out.y.resize(static_cast<std::size_t>(n));
  out.objective = 0;
  for (int j = 0; j < n; ++j) {
    out.y[static_cast<std::size_t>(j)] = static_cast<int>(std::lround(glp_mip_col_val(P, j + 1)));
    out.objective += cost_[static_cast<std::size_t>(j)] * out.y[static_cast<std::size_t>(j)];
  }
  out.proven = rc == 0 && status == GLP_OPT;
  out.bound = out.proven ? out.objective : lp_bound;
  return out;
}

}  // namespace ccsim
