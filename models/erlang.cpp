// Exact analytic queueing: Erlang B, Erlang C and Erlang A (M/M/n+M).
//
// Notation: mu = 1/aht, theta = 1/patience, a = lambda/mu, x = n mu / theta, y = lambda / theta.
//
// Erlang A. A call that arrives (PASTA) and finds n+j calls in the system (j >= 0 waiting)
// has a virtual wait V (the wait it would have with infinite patience) that is a sum of
// independent exponentials with rates n mu + i theta, i = j..0. It is answered iff its own
// exp(theta) patience exceeds V, and its wait is W = min(V, patience). Given that the call has
// to wait, j has the distribution q_j = w_j(y) / A(x, y) with
//     w_j(z) = prod_{i=1..j} z / (x + i),     A(x, z) = sum_j w_j(z) = x e^z z^-x gamma(x, z)
// (the power series of the lower incomplete gamma function; A is Mandelbaum & Zeltyn's A).
// Per j the Laplace transform of V telescopes, which gives exact per-j moments:
//     P(answered | j)         = E[exp(-theta V)]        = x / (x + j + 1)
//     P(abandoned | j)        = (j + 1) / (x + j + 1)
//     E[W | j]                = (j + 1) / (theta (x + j + 1))
//     E[V exp(-theta V) | j]  = x / (x + j + 1) * sum_{i=1..j+1} 1 / (n mu + i theta)
// All are positive series summed outwards from the mode of w_j, so nothing cancels.
// For the wait distribution, U = exp(-theta V) given V > 0 is a Gamma(x, rate y) variable
// truncated to (0, 1], which gives, with c = exp(-theta t) and z_t = y c,
//     P(V > t | V > 0)               = R_t = exp(-n mu t + y (1 - c)) A(x, z_t) / A(x, y)
//     P(answered, V > t | V > 0)     = c R_t E_{q(z_t)}[x / (x + j + 1)]
//     P(abandoned, W >= t | V > 0)   = c R_t E_{q(z_t)}[(j + 1) / (x + j + 1)]
// where q(z) is the distribution w_j(z) / A(x, z). P(V > 0) = A B / (1 + (A - 1) B) with
// B = Erlang B(n, a). Everything is carried in logarithms, so large n and patience do not
// overflow.
#include "models/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>

namespace ccsim::models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Relative truncation tolerance of the series (far below the 1e-12 we promise).
constexpr double kSeriesTol = 1e-18;
// Below this many terms, sums of logs and of reciprocals are done term by term.
constexpr double kDirectTerms = 50000;

// Special functions return NaN / 0 / inf instead of throwing.
using Quiet =
    boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::pole_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

// Smallest value of e^{-z} z^{a-1} / Gamma(a) that we trust to full relative precision.
constexpr double kTinyPrefix = 1e-290;

// Stirling correction ln Gamma(z) - [(z - 1/2) ln z - z + ln(2 pi)/2], for z >= 1000.
double stirling_corr(double z) {
  const double z2 = z * z;
  return (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / (1260.0 * z2)) / z2) / z;
}

// ln w_m(z) = sum_{i=1..m} ln(z / (x + i)), accurately, for the mode m of w_j(z).
double log_w(double x, double z, double m) {
  if (m <= 0) return 0.0;
  if (m <= kDirectTerms) {
    double s = 0;
    for (double i = 1; i <= m; i += 1) s += std::log1p((z - x - i) / (x + i));
    return s;
  }
  // Large m: shift the start to a >= 1000, then Stirling for ln Gamma(a + m) - ln Gamma(a),
  // grouped so that the big terms cancel analytically.
  double a = x + 1;  // sum_{i=1..m} ln(x+i) = ln Gamma(a + m) - ln Gamma(a)
  double mm = m;
  double s = 0;  // accumulates sum ln(z / (a + i)) over the shifted terms
  while (a < 1000) {
    s += std::log(z / a);
    a += 1;
    mm -= 1;
  }
  const double b = a + mm;
  // m' ln z - [ln Gamma(b) - ln Gamma(a)]
  //   = m' ln(z/b) - (a - 1/2) ln(b/a) + m' - [corr(b) - corr(a)]
  s += mm * std::log1p((z - b) / b) - (a - 0.5) * std::log1p(mm / a) + mm - (stirling_corr(b) - stirling_corr(a));
  return s;
}

// sum_{i=1..m+1} 1 / (x + i)  (= psi(x + m + 2) - psi(x + 1)).
double harmonic(double x, double m) {
  if (m <= kDirectTerms) {
    double s = 0;
    for (double i = m + 1; i >= 1; i -= 1) s += 1.0 / (x + i);  // small terms first
    return s;
  }
  const double a = x + 1, b = x + m + 2;
  if (a >= 1000) {
    // psi(z) = ln z - 1/(2z) - 1/(12 z^2) + 1/(120 z^4) - 1/(252 z^6) + O(z^-8)
    auto tail = [](double v) {
      const double v2 = 1.0 / (v * v);
      return 0.5 / v + v2 * (1.0 / 12.0 - v2 * (1.0 / 120.0 - v2 / 252.0));
    };
    return std::log1p((m + 1) / a) - (tail(b) - tail(a));
  }
  return boost::math::digamma(b, Quiet()) - boost::math::digamma(a, Quiet());
}

struct Series {
  double m = 0;      // mode of w_j(z)
  double log_s = 0;  // ln sum_j w_j(z) / w_m(z)
  double log_a = 0;  // ln A(x, z) = ln w_m(z) + log_s
  double e_ans = 0;  // E_q[x / (x + j + 1)]
  double e_ab = 0;   // E_q[(j + 1) / (x + j + 1)]
  double e_v = 0;    // E_q[x / (x + j + 1) * sum_{i=1..j+1} 1/(x+i)]   (times 1/theta = seconds)
};

// Moments of the distribution q_j proportional to w_j(z) = prod_{i=1..j} z/(x+i), j >= 0.
// Summed outwards from the mode with terms scaled to w_mode = 1; stops when the remaining
// tail, bounded by a geometric series, is below kSeriesTol relative.
Series series(double x, double z, bool want_v) {
  Series out;
  const double m = z > x + 1 ? std::floor(z - x) : 0.0;  // w_{j}/w_{j-1} = z/(x+j) >= 1 iff j <= z-x
  double s = 0, sa = 0, sb = 0, sv = 0;
  const double hm = want_v ? harmonic(x, m) : 0.0;
  // Upwards: j = m, m+1, ...
  {
    double term = 1, h = hm;
    for (double j = m;; j += 1) {
      const double d = x + j + 1;
      s += term;
      sa += term * (x / d);
      sb += term * ((j + 1) / d);
      if (want_v) sv += term * (x / d) * h;
      const double r = z / d;  // w_{j+1} / w_j
      term *= r;
      if (want_v) h += 1.0 / (x + j + 2);
      if (r < 1) {
        const double g = r / (1 - r);  // bound of sum of later terms / current term
        const bool ok_s = term * (1 + g) < kSeriesTol * s;
        const bool ok_v = !want_v || term * (h * (1 + g) + g * g / (x + 1) + g / (x + 1)) < kSeriesTol * sv;
        if ((ok_s && ok_v) || !(term > 0)) break;
      }
    }
  }
  // Downwards: j = m-1, ..., 0.
  {
    double term = 1, h = hm;
    for (double j = m - 1; j >= 0; j -= 1) {
      const double d = x + j + 1;
      term *= d / z;  // w_j = w_{j+1} (x + j + 1) / z
      if (want_v) h = std::max(h - 1.0 / (x + j + 2), 0.0);
      s += term;
      sa += term * (x / d);
      sb += term * ((j + 1) / d);
      if (want_v) sv += term * (x / d) * h;
      const double r = (x + j) / z;  // next ratio w_{j-1} / w_j, < 1 below the mode
      if (r < 1 && term * r / (1 - r) < kSeriesTol * s) break;
      if (!(term > 0)) break;
    }
  }
  out.m = m;
  out.log_s = std::log(s);
  out.log_a = log_w(x, z, m) + out.log_s;
  out.e_ans = sa / s;
  out.e_ab = sb / s;
  out.e_v = sv / s;
  return out;
}

}  // namespace

double erlang_b(int n, double a) {
  if (n < 0 || !(a >= 0)) return kNaN;
  if (n == 0) return 1.0;
  if (std::isinf(a)) return 1.0;
  double b = 1.0;
  for (int k = 1; k <= n; ++k) b = a * b / (k + a * b);
  return b;
}

double erlang_c(int n, double a) {
  if (n < 0 || !(a >= 0)) return kNaN;
  if (a >= n) return 1.0;
  const double b = erlang_b(n, a);
  return n * b / (n - a * (1 - b));
}

Erlang::Erlang(const ErlangModel& m) : m_(m) {
  const bool valid = m.agents >= 1 && std::isfinite(m.lambda) && m.lambda >= 0 && std::isfinite(m.aht) && m.aht > 0 &&
                     m.patience > 0;  // NaN fails
  if (!valid) return;
  const double n = m.agents;
  const double a = m.lambda * m.aht;
  nmu_ = n / m.aht;
  if (std::isinf(m.patience)) {
    kind_ = Kind::erlang_c;
    if (!(a < n)) return;  // unstable: everything NaN
    stable_ = true;
    const double r = nmu_ - m.lambda;
    pw_ = erlang_c(m.agents, a);
    pab_ = 0;
    pans_ = 1;
    pw_ans_ = pw_;
    wait_all_ = pw_ / r;
    wait_answered_ = wait_all_;
    return;
  }
  kind_ = Kind::erlang_a;
  stable_ = true;
  theta_ = 1.0 / m.patience;
  x_ = nmu_ * m.patience;
  y_ = m.lambda * m.patience;
  const Series s = series(x_, y_, true);
  log_a_ = s.log_a;
  // P(x, y) = prefix(x + m + 1, y) * S: a well-scaled form of the same normaliser, used for
  // P(V > t | V > 0) = P(x, y c) / P(x, y) without large cancelling logarithms.
  prefix_y_ = boost::math::gamma_p_derivative(x_ + s.m + 1, y_, Quiet());
  log_p_y_ = prefix_y_ > kTinyPrefix ? std::log(prefix_y_) + s.log_s : 0.0;
  // P(wait) = A B / (1 - B + A B) = 1 / (1 + exp(L)), L = ln(1-B) - ln B - ln A.
  const double b = erlang_b(m.agents, a);
  double p_no_wait = 1;
  if (b > 0) {
    const double l = std::log1p(-b) - std::log(b) - log_a_;
    pw_ = 1.0 / (1.0 + std::exp(l));
    p_no_wait = 1.0 / (1.0 + std::exp(-l));  // = 1 - pw, without cancellation
  } else {
    pw_ = 0;  // load so small that Erlang B underflows: nobody waits
  }
  pab_ = pw_ * s.e_ab;
  pw_ans_ = pw_ * s.e_ans;
  pans_ = p_no_wait + pw_ans_;  // = 1 - pab, to full relative precision even when tiny
  wait_all_ = pw_ * s.e_ab / theta_;
  wait_answered_ = pw_ * s.e_v / theta_;
}

bool Erlang::stable() const { return stable_; }
double Erlang::p_wait() const { return stable_ ? pw_ : kNaN; }
double Erlang::p_abandon() const { return stable_ ? pab_ : kNaN; }
double Erlang::p_answered() const { return stable_ ? pans_ : kNaN; }
double Erlang::asa() const { return stable_ ? wait_answered_ / pans_ : kNaN; }
double Erlang::mean_wait_all() const { return stable_ ? wait_all_ : kNaN; }

double Erlang::occupancy() const {
  if (!stable_) return kNaN;
  return std::min(m_.lambda * m_.aht * pans_ / m_.agents, 1.0);
}

Erlang::Tail Erlang::tail(double t) const {
  Tail out;
  if (t <= 0) {
    out.answered = pw_ans_;
    out.abandoned = pab_;
    return out;
  }
  if (std::isinf(t) || pw_ == 0) return out;
  if (kind_ == Kind::erlang_c) {
    out.answered = pw_ * std::exp(-(nmu_ - m_.lambda) * t);
    return out;
  }
  const double c = std::exp(-theta_ * t);
  const double one_minus_c = -std::expm1(-theta_ * t);
  const double z = y_ * c;
  const Series s = series(x_, z, false);
  // ln R_t, R_t = P(V > t | V > 0) = P(x, z) / P(x, y) = e^{-n mu t + y (1-c)} A(x, z) / A(x, y).
  double log_r = -nmu_ * t + y_ * one_minus_c + (s.log_a - log_a_);
  if (prefix_y_ > kTinyPrefix) {
    const double pz = boost::math::gamma_p_derivative(x_ + s.m + 1, z, Quiet());
    if (pz > kTinyPrefix) log_r = std::log(pz) + s.log_s - log_p_y_;
  }
  const double lg = std::log(pw_) - theta_ * t + log_r;  // ln(pw c R_t)
  const double f = std::exp(lg);
  out.answered = f * s.e_ans;
  out.abandoned = f * s.e_ab;
  return out;
}

double Erlang::answered_density(double t) const {
  if (kind_ == Kind::erlang_c) {
    const double r = nmu_ - m_.lambda;
    return pw_ * r * std::exp(-r * t) / pans_;
  }
  // f_V(t | V > 0) e^{-theta t}; U = e^{-theta V} is Gamma(x, rate y) truncated to (0, 1].
  const double c = std::exp(-theta_ * t);
  if (prefix_y_ > kTinyPrefix) {
    const double g = boost::math::gamma_p_derivative(x_, y_ * c, Quiet());
    return pw_ * theta_ * y_ * c * c * g / std::exp(log_p_y_) / pans_;
  }
  // v(t) e^{-theta t} with v(t) = n mu pi_n exp(y (1 - e^{-theta t}) - n mu t), pi_n = pw / A.
  const double lg = std::log(pw_) + std::log(nmu_) - theta_ * t - nmu_ * t - y_ * std::expm1(-theta_ * t) - log_a_;
  return std::exp(lg) / pans_;
}

double Erlang::answered_within(double t) const {
  if (!stable_ || std::isnan(t)) return kNaN;
  if (t < 0) return 0;
  if (t == 0) return pans_ - pw_ans_;
  return std::max(pans_ - tail(t).answered, 0.0);
}

double Erlang::abandoned_within(double t) const {
  if (!stable_ || std::isnan(t)) return kNaN;
  if (t <= 0) return 0;
  return std::max(pab_ - tail(t).abandoned, 0.0);
}

double Erlang::sl_offered(double t) const { return answered_within(t); }

double Erlang::sl_answered(double t) const { return answered_within(t) / p_answered(); }

double Erlang::sl_refined(double t) const { return answered_within(t) / (1 - abandoned_within(t)); }
double Erlang::sl_abandoned_met(double t) const { return answered_within(t) + abandoned_within(t); }

double Erlang::abandon_rate_refined(double short_abandon) const {
  if (!stable_ || std::isnan(short_abandon)) return kNaN;
  if (short_abandon <= 0) return pab_;
  const double ab_tail = tail(short_abandon).abandoned;  // = P(ab) - P(ab, W < s)
  return ab_tail / (1 - pab_ + ab_tail);
}

double Erlang::wait_quantile_answered(double q) const {
  if (!stable_ || std::isnan(q)) return kNaN;
  if (q <= 0) return 0;
  const double target = 1 - q;  // solve G(t) = P(W > t | answered) = target
  const double g0 = tail(0).answered / pans_;
  if (g0 <= target) return 0;
  if (q >= 1) return kInf;
  if (kind_ == Kind::erlang_c) return std::log(g0 / target) / (nmu_ - m_.lambda);
  // Erlang A: safeguarded Newton on phi(t) = ln G(t) - ln target, which is close to linear.
  auto g = [&](double t) { return tail(t).answered / pans_; };
  double lo = 0, hi = std::max(asa(), 1e-3);
  double ghi = g(hi);
  for (int k = 0; k < 2000 && ghi > target; ++k) {
    lo = hi;
    hi *= 2;
    ghi = g(hi);
  }
  double t = hi;
  double gt = ghi;
  for (int it = 0; it < 200; ++it) {
    const double phi = std::log(gt / target);
    const double dphi = -answered_density(t) / gt;
    double next = t - phi / dphi;
    if (!(next > lo && next < hi) || !std::isfinite(next)) next = 0.5 * (lo + hi);
    const double step = std::abs(next - t);
    t = next;
    gt = g(t);
    if (gt > target) {
      lo = t;
    } else {
      hi = t;
    }
    if (step <= 1e-13 * std::max(1.0, t) || hi - lo <= 1e-13 * std::max(1.0, hi)) break;
  }
  return t;
}

}  // namespace ccsim::models
