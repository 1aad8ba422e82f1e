#include "sim/staffing/shift_cover.hpp"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <utility>

namespace ccsim {

namespace {

// GLPK objects are owned here only: a problem is deleted on every path, and the terminal
// output GLPK prints by default is off while we solve and restored afterwards.
struct ProbDeleter {
  void operator()(glp_prob* p) const noexcept { glp_delete_prob(p); }
};
using Problem = std::unique_ptr<glp_prob, ProbDeleter>;

class QuietGlpk {
 public:
  QuietGlpk() : previous_(glp_term_out(GLP_OFF)) {}
  ~QuietGlpk() { glp_term_out(previous_); }
  QuietGlpk(const QuietGlpk&) = delete;
  QuietGlpk& operator=(const QuietGlpk&) = delete;

 private:
  int previous_;
};

constexpr double kMipGap = 1e-4;  // relative; far below one agent-hour in a real plan
// A requirement counts as met when coverage falls short of it by no more than this
// (relative), the rounding noise of sums of fractions like 0.75 x 4.
constexpr double kTolerance = 1e-9;

bool covers(double coverage, double required) { return coverage >= required - kTolerance * (1 + required); }

void check_input(const ShiftCoverInput& in) {
  if (!(in.interval > 0) || !std::isfinite(in.interval))
    throw std::invalid_argument("shift cover: interval must be more than 0");
  if (!(in.shrinkage >= 0 && in.shrinkage < 1)) throw std::invalid_argument("shift cover: shrinkage must be in [0, 1)");
  if (!(in.cost_per_hour >= 0) || !std::isfinite(in.cost_per_hour))
    throw std::invalid_argument("shift cover: cost_per_hour must be 0 or more");
  for (std::size_t i = 0; i < in.required.size(); ++i) {
    if (!(in.required[i] >= 0) || !std::isfinite(in.required[i])) {
      throw std::invalid_argument("shift cover: required[" + std::to_string(i) + "] must be a finite number 0 or more");
    }
  }
  for (std::size_t p = 0; p < in.patterns.size(); ++p) {
    const CoverPattern& c = in.patterns[p];
    const std::string name = "shift cover: patterns[" + std::to_string(p) + "]";
    if (!(c.length > 0) || !std::isfinite(c.length) || !std::isfinite(c.start))
      throw std::invalid_argument(name + " must have a finite start and a length more than 0");
    if (c.max_count < -1) throw std::invalid_argument(name + ".max_count must be -1 or more");
    for (const Break& b : c.breaks) {
      if (!(b.after >= 0 && b.length > 0 && b.after + b.length <= c.length))
        throw std::invalid_argument(name + " has a break outside the shift");
    }
  }
}

// On-duty time of one agent of `c` within [from, to): the shift's overlap minus the union
// of its breaks' overlaps.
double on_duty(const CoverPattern& c, double from, double to) {
  const auto overlap = [&](double a, double b) { return std::max(0.0, std::min(b, to) - std::max(a, from)); };
  double t = overlap(c.start, c.start + c.length);
  if (t <= 0) return 0;
  std::vector<std::pair<double, double>> br;
  for (const Break& b : c.breaks) br.emplace_back(c.start + b.after, c.start + b.after + b.length);
  std::sort(br.begin(), br.end());
  double reach = -INFINITY;  // end of the breaks already subtracted
  for (const auto& [a, b] : br) {
    const double lo = std::max(a, reach);
    if (b > lo) t -= overlap(lo, b);
    reach = std::max(reach, b);
  }
  return std::max(0.0, t);
}

// a[p] = {(interval, fraction of it on duty)} for the intervals pattern p touches.
using Column = std::vector<std::pair<int, double>>;

std::vector<Column> coverage_columns(const ShiftCoverInput& in) {
  const int n = static_cast<int>(in.required.size());
  std::vector<Column> cols(in.patterns.size());
  for (std::size_t p = 0; p < in.patterns.size(); ++p) {
    const CoverPattern& c = in.patterns[p];
    // Clamped as doubles first, so a far-off pattern cannot overflow the cast.
    const auto index = [&](double v) { return static_cast<int>(std::clamp(v, -1.0, static_cast<double>(n))); };
    const int first = std::max(0, index(std::floor(c.start / in.interval)));
    const int last = std::min(n - 1, index(std::ceil((c.start + c.length) / in.interval)));
    for (int i = first; i <= last; ++i) {
      const double f = on_duty(c, i * in.interval, (i + 1) * in.interval) / in.interval;
      if (f > 1e-12) cols[p].emplace_back(i, std::min(1.0, f));
    }
  }
  return cols;
}

struct Solved {
  std::vector<double> x;
  bool optimal = false;
  std::string method;
};

// Builds and solves the integer programme over the intervals in `rows`.
Solved solve_glpk(const ShiftCoverInput& in, const std::vector<Column>& cols, const std::vector<int>& rows) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto ms_left = [&] {
    const double used = std::chrono::duration<double>(Clock::now() - started).count();
    const double left = std::max(0.001, in.time_limit - used);
    return static_cast<int>(std::min(left * 1000.0, 2.0e9));
  };
  const QuietGlpk quiet;
  Problem lp(glp_create_prob());
  glp_prob* P = lp.get();
  glp_set_obj_dir(P, GLP_MIN);
  const int np = static_cast<int>(in.patterns.size());
  const int nr = static_cast<int>(rows.size());
  std::vector<int> row_of(in.required.size(), 0);  // GLPK row (1-based) of an interval, or 0
  glp_add_rows(P, nr);
  for (int r = 0; r < nr; ++r) {
    const auto i = static_cast<std::size_t>(rows[static_cast<std::size_t>(r)]);
    row_of[i] = r + 1;
    glp_set_row_bnds(P, r + 1, GLP_LO, in.required[i], 0.0);
  }
  glp_add_cols(P, np);
  const double keep = 1 - in.shrinkage;
  std::vector<int> ind{0};
  std::vector<double> val{0.0};
  for (int p = 0; p < np; ++p) {
    const CoverPattern& c = in.patterns[static_cast<std::size_t>(p)];
    const int j = p + 1;
    glp_set_col_kind(P, j, GLP_IV);
    if (c.max_count < 0) {
      glp_set_col_bnds(P, j, GLP_LO, 0.0, 0.0);
    } else if (c.max_count == 0) {
      glp_set_col_bnds(P, j, GLP_FX, 0.0, 0.0);
    } else {
      glp_set_col_bnds(P, j, GLP_DB, 0.0, c.max_count);
    }
    glp_set_obj_coef(P, j, c.length / 3600.0);
    ind.resize(1);
    val.resize(1);
    for (const auto& [i, f] : cols[static_cast<std::size_t>(p)]) {
      const int r = row_of[static_cast<std::size_t>(i)];
      if (r == 0) continue;
      ind.push_back(r);
      val.push_back(keep * f);
    }
    glp_set_mat_col(P, j, static_cast<int>(ind.size()) - 1, ind.data(), val.data());
  }

  glp_smcp smcp;
  glp_init_smcp(&smcp);
  smcp.msg_lev = GLP_MSG_OFF;
  smcp.presolve = GLP_ON;
  smcp.tm_lim = ms_left();
  const int lp_rc = glp_simplex(P, &smcp);
  if (lp_rc != 0 || glp_get_status(P) != GLP_OPT) {
    throw std::runtime_error("shift cover: GLPK simplex failed (code " + std::to_string(lp_rc) + ", status " +
                             std::to_string(glp_get_status(P)) + ")");
  }
  std::vector<double> relaxed(static_cast<std::size_t>(np));
  for (int p = 0; p < np; ++p) relaxed[static_cast<std::size_t>(p)] = glp_get_col_prim(P, p + 1);

  glp_iocp iocp;
  glp_init_iocp(&iocp);
  iocp.msg_lev = GLP_MSG_OFF;
  iocp.presolve = GLP_OFF;  // starts from the simplex's optimal basis
  iocp.gmi_cuts = GLP_ON;
  iocp.mir_cuts = GLP_ON;
  iocp.cov_cuts = GLP_ON;
  iocp.mip_gap = kMipGap;
  iocp.tm_lim = ms_left();
  const int mip_rc = glp_intopt(P, &iocp);
  const int status = glp_mip_status(P);
  Solved out;
  const std::string glpk = std::string("GLPK ") + glp_version();
  if (status == GLP_OPT || status == GLP_FEAS) {
    out.x.resize(static_cast<std::size_t>(np));
    for (int p = 0; p < np; ++p) out.x[static_cast<std::size_t>(p)] = glp_mip_col_val(P, p + 1);
    out.optimal = (mip_rc == 0 && status == GLP_OPT) || mip_rc == GLP_EMIPGAP;
    out.method = glpk + " branch-and-cut";
    if (!out.optimal) out.method += " (stopped at the time limit; best plan found)";
    return out;
  }
  // No integer plan within the time limit: round the LP optimum up. With non-negative
  // coefficients that still covers every row, and ceil(x) <= max_count as max_count is whole.
  for (double v : relaxed) out.x.push_back(std::ceil(v - 1e-9));
  out.method = glpk + " simplex, rounded up (branch-and-cut found no plan in time)";
  return out;
}

}  // namespace

ShiftCoverResult cover_with_shifts(const ShiftCoverInput& in) {
  check_input(in);
  const std::size_t n = in.required.size();
  const std::size_t np = in.patterns.size();
  const std::vector<Column> cols = coverage_columns(in);
  const double keep = 1 - in.shrinkage;

  // Intervals no plan can cover: even every pattern at its max_count falls short. The
  // constraints all point the same way, so each interval can be judged on its own.
  ShiftCoverResult res;
  std::vector<double> best(n, 0.0);
  std::vector<bool> unlimited(n, false);
  for (std::size_t p = 0; p < np; ++p) {
    for (const auto& [i, f] : cols[p]) {
      const auto k = static_cast<std::size_t>(i);
      if (in.patterns[p].max_count < 0) {
        unlimited[k] = true;
      } else {
        best[k] += keep * f * in.patterns[p].max_count;
      }
    }
  }
  std::vector<int> rows;
  for (std::size_t i = 0; i < n; ++i) {
    if (in.required[i] <= 0) continue;
    if (unlimited[i] || covers(best[i], in.required[i])) {
      rows.push_back(static_cast<int>(i));
    } else {
      res.short_intervals.push_back(static_cast<int>(i));
    }
  }

  std::vector<double> x(np, 0.0);
  if (rows.empty()) {
    res.optimal = true;
    res.method = "nothing to cover";
  } else {
    Solved s = solve_glpk(in, cols, rows);
    x = std::move(s.x);
    res.optimal = s.optimal;
    res.method = std::move(s.method);
  }
  res.counts.resize(np);
  for (std::size_t p = 0; p < np; ++p) {
    long c = std::lround(std::max(0.0, x[p]));
    if (in.patterns[p].max_count >= 0) c = std::min<long>(c, in.patterns[p].max_count);
    res.counts[p] = static_cast<int>(c);
  }

  const auto compute_coverage = [&] {
    res.coverage.assign(n, 0.0);
    for (std::size_t p = 0; p < np; ++p) {
      for (const auto& [i, f] : cols[p]) res.coverage[static_cast<std::size_t>(i)] += keep * f * res.counts[p];
    }
  };
  compute_coverage();
  // Guard against the solver's feasibility tolerance: a covered row left short by more than
  // rounding noise gets one more agent on the pattern that covers most of it, until met.
  for (const int i : rows) {
    const auto k = static_cast<std::size_t>(i);
    while (!covers(res.coverage[k], in.required[k])) {
      std::size_t pick = np;
      double most = 0;
      for (std::size_t p = 0; p < np; ++p) {
        const int cap = in.patterns[p].max_count;
        if (cap >= 0 && res.counts[p] >= cap) continue;
        for (const auto& [j, f] : cols[p]) {
          if (j == i && f > most) {
            most = f;
            pick = p;
          }
        }
      }
      if (pick == np) break;  // cannot happen: the interval was judged coverable
      ++res.counts[pick];
      res.optimal = false;
      compute_coverage();
    }
  }

  for (std::size_t p = 0; p < np; ++p) res.paid_hours += res.counts[p] * in.patterns[p].length / 3600.0;
  res.cost = res.paid_hours * in.cost_per_hour;
  for (std::size_t i = 0; i < n; ++i) {
    res.over_coverage_hours += std::max(0.0, res.coverage[i] - in.required[i]) * in.interval / 3600.0;
  }
  return res;
}

std::vector<Shift> to_shifts(const std::vector<CoverPattern>& patterns, const std::vector<int>& counts) {
  if (patterns.size() != counts.size()) {
    throw std::invalid_argument("to_shifts: " + std::to_string(counts.size()) + " counts for " +
                                std::to_string(patterns.size()) + " patterns");
  }
  std::vector<Shift> out;
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    if (counts[p] <= 0) continue;
    Shift s;
    s.start = patterns[p].start;
    s.length = patterns[p].length;
    s.count = counts[p];
    s.breaks = patterns[p].breaks;
    s.where = patterns[p].where;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<CoverPattern> cover_patterns(const AgentGroupSpec& g) {
  std::vector<CoverPattern> out;
  out.reserve(g.shift_patterns.size());
  for (const ShiftPattern& sp : g.shift_patterns)
    out.push_back(CoverPattern{sp.start, sp.length, sp.breaks, sp.max_count, sp.where});
  return out;
}

}  // namespace ccsim
