// Erlang B, C and A (models/erlang.hpp) against published values and against methods
// written here independently of the production code:
//  - a truncated birth-death chain (stationary probabilities by direct summation, long double)
//    for p_wait, p_abandon (= theta E[Q] / lambda), mean_wait_all (Little), occupancy;
//  - the tagged call as a small absorbing CTMC (states = calls ahead of it), solved by
//    uniformisation for answered_within / abandoned_within, and by first-step analysis
//    (expected time per state x probability of being answered from it) for ASA;
//  - Mandelbaum & Zeltyn's closed forms with boost::math::gamma_p for p_wait, p_abandon.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include <boost/math/special_functions/gamma.hpp>

#include "models/erlang.hpp"

using ccsim::models::Erlang;
using ccsim::models::erlang_b;
using ccsim::models::erlang_c;
using ccsim::models::ErlangModel;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double worst_prob = 0;  // worst absolute discrepancy of a probability vs the reference
double worst_time = 0;  // worst relative discrepancy of a time vs the reference

void check_prob(double got, long double want, double tol = 1e-9) {
  const double err = std::abs(got - static_cast<double>(want));
  if (err > worst_prob) worst_prob = err;
  INFO("got " << got << " want " << static_cast<double>(want) << " abs err " << err);
  REQUIRE(err <= tol);
}

void check_time(double got, long double want, double tol = 1e-9) {
  const double err = std::abs(got - static_cast<double>(want)) / static_cast<double>(want);
  if (err > worst_time) worst_time = err;
  INFO("got " << got << " want " << static_cast<double>(want) << " rel err " << err);
  REQUIRE(err <= tol);
}

// ---- Reference 1: truncated birth-death chain -------------------------------------------
struct Chain {
  long double p_nowait = 0;    // P(arrival finds a free agent)
  std::vector<long double> q;  // q[k] = P(arrival finds n + k in system), k >= 0
  long double p_wait = 0, p_abandon = 0, mean_wait_all = 0, occupancy = 0;
};

Chain chain(int n, double lambda, double aht, double patience) {
  const long double mu = 1.0L / aht;
  const long double theta = std::isinf(patience) ? 0.0L : 1.0L / patience;
  std::vector<long double> lp{0.0L};  // log of unnormalised probabilities
  long double lmax = 0;
  for (int k = 1;; ++k) {
    const long double death = k <= n ? k * mu : n * mu + (k - n) * theta;
    const long double next = lp.back() + std::log(static_cast<long double>(lambda) / death);
    lp.push_back(next);
    lmax = std::max(lmax, next);
    // Stop when the tail is below e^-50 relative to P(n in system), so that even small
    // queue quantities (E[Q] at light load) are exact to far below 1e-12 relative.
    if (k > n && next < std::min(lmax, lp[n]) - 50 && lambda < death) break;
    if (k > 50000000) FAIL("chain did not converge");
  }
  long double sum = 0;
  std::vector<long double> p(lp.size());
  for (std::size_t k = 0; k < lp.size(); ++k) sum += p[k] = std::exp(lp[k] - lmax);
  Chain c;
  long double eq = 0, busy = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    p[k] /= sum;
    if (static_cast<int>(k) < n) {
      c.p_nowait += p[k];
    } else {
      c.q.push_back(p[k]);
      eq += (k - n) * p[k];
    }
    busy += std::min<long double>(k, n) * p[k];
  }
  c.p_wait = 1 - c.p_nowait;
  c.p_abandon = theta * eq / lambda;
  c.mean_wait_all = eq / lambda;  // Little
  c.occupancy = busy / n;
  return c;
}

// ---- Reference 2: the tagged call as an absorbing CTMC -----------------------------------
// State k = number of calls ahead of the tagged call. From k it moves to k-1 (k = 0: answered)
// at rate n mu + k theta and abandons at rate theta.
struct Tagged {
  long double answered_within = 0, abandoned_within = 0;
};

Tagged uniformise(const Chain& c, int n, double aht, double patience, double t) {
  const long double nmu = n / static_cast<long double>(aht);
  const long double theta = std::isinf(patience) ? 0.0L : 1.0L / patience;
  const std::size_t kk = c.q.size();
  const long double big = nmu + kk * theta;  // uniformisation rate >= every exit rate
  const long double lt = big * t;
  std::vector<long double> p = c.q, next(kk);
  long double ans = 0, ab = 0, acc_ans = 0, acc_ab = 0, wsum = 0;
  for (long i = 0;; ++i) {
    const long double w = std::exp(-lt + (i == 0 ? 0.0L : i * std::log(lt)) - std::lgamma(i + 1.0L));
    // absorbed mass after i steps, weighted by P(Poisson(lt) = i)
    acc_ans += w * ans;
    acc_ab += w * ab;
    wsum += w;
    // Past the mean the weights fall faster than geometrically: stop when negligible.
    if (i > lt + 1 && w < 1e-22L * wsum) break;
    if (t == 0) break;
    std::fill(next.begin(), next.end(), 0.0L);
    for (std::size_t k = 0; k < kk; ++k) {
      const long double down = (nmu + k * theta) / big, out = theta / big;
      if (k == 0) {
        ans += p[k] * down;
      } else {
        next[k - 1] += p[k] * down;
      }
      ab += p[k] * out;
      next[k] += p[k] * (1 - down - out);
    }
    std::swap(p, next);
  }
  return {c.p_nowait + acc_ans, acc_ab};
}

// E[W; answered] by first-step analysis: sum_k E[time in k] * P(answered | in k).
long double wait_answered(const Chain& c, int n, double aht, double patience) {
  const long double nmu = n / static_cast<long double>(aht);
  const long double theta = std::isinf(patience) ? 0.0L : 1.0L / patience;
  const std::size_t kk = c.q.size();
  std::vector<long double> reach(kk);
  for (std::size_t k = kk; k-- > 0;) {
    reach[k] = c.q[k];
    if (k + 1 < kk) reach[k] += reach[k + 1] * (nmu + (k + 1) * theta) / (nmu + (k + 2) * theta);
  }
  long double h = 1, sum = 0;  // h = P(answered | in state k)
  for (std::size_t k = 0; k < kk; ++k) {
    const long double rate = nmu + (k + 1) * theta;
    h *= (nmu + k * theta) / rate;
    sum += reach[k] / rate * h;
  }
  return sum;
}

// ---- Reference 3: Mandelbaum & Zeltyn closed forms (moderate parameters only) ------------
struct MZ {
  double p_wait, p_abandon;
};
MZ mandelbaum_zeltyn(int n, double lambda, double aht, double patience) {
  const double x = n / aht * patience, y = lambda * patience, rho = y / x;
  // A(x,y) = x e^y y^-x gamma(x,y) = e^y y^-x Gamma(x+1) P(x,y)
  const double big_a = std::exp(y - x * std::log(y) + std::lgamma(x + 1)) * boost::math::gamma_p(x, y);
  const double b = erlang_b(n, lambda * aht);
  const double pw = big_a * b / (1 + (big_a - 1) * b);
  return {pw, pw * (1 / (rho * big_a) + 1 - 1 / rho)};
}

long double direct_erlang_b(int n, long double a) {
  long double lmax = -1e300L;
  std::vector<long double> l(n + 1);
  for (int k = 0; k <= n; ++k) lmax = std::max(lmax, l[k] = k * std::log(a) - std::lgamma(k + 1.0L));
  long double s = 0;
  for (int k = 0; k <= n; ++k) s += std::exp(l[k] - lmax);
  return std::exp(l[n] - lmax) / s;
}

struct Config {
  int n;
  double load;  // a / n
  double aht, patience;
};

// n = 1..500, load 0.5..1.05 (above 1 only with patience), patience 30 s .. 30 min.
const Config kConfigs[] = {
    {1, 0.5, 180, 60},     {1, 1.05, 180, 300},    {2, 0.8, 120, 30},     {5, 0.8, 240, 30},     {10, 0.95, 300, 120},
    {20, 1.05, 200, 1800}, {50, 0.9, 300, 600},    {100, 1.0, 240, 180},  {200, 0.7, 300, 30},   {300, 0.5, 600, 60},
    {500, 1.05, 300, 30},  {500, 1.05, 300, 1800}, {500, 0.95, 180, 900}, {500, 0.5, 300, 1800},
};

ErlangModel model_of(const Config& c, double patience) {
  ErlangModel m;
  m.agents = c.n;
  m.aht = c.aht;
  m.lambda = c.load * c.n / c.aht;
  m.patience = patience;
  return m;
}

}  // namespace

TEST_CASE("Erlang B: published values and direct summation", "[erlang]") {
  // Values checked with exact rational arithmetic (Python fractions).
  CHECK(erlang_b(10, 5) == Approx(0.018384570336648132).epsilon(1e-13));
  CHECK(erlang_b(5, 2) == Approx(0.03669724770642202).epsilon(1e-13));  // table: 0.0367
  CHECK(erlang_b(1, 1) == Approx(0.5).epsilon(1e-15));
  CHECK(erlang_b(100, 80) == Approx(0.003992028604553197).epsilon(1e-12));
  CHECK(erlang_b(0, 3) == 1.0);
  CHECK(erlang_b(3, 0) == 0.0);
  for (int n : {1, 2, 3, 7, 20, 64, 150, 400, 1000}) {
    for (double rho : {0.1, 0.5, 0.8, 1.0, 1.3}) {
      const double a = rho * n;
      const long double want = direct_erlang_b(n, a);
      INFO("n=" << n << " a=" << a);
      CHECK(std::abs(erlang_b(n, a) - static_cast<double>(want)) <= 1e-12 * want);
    }
  }
}

TEST_CASE("Erlang C: published values and direct summation", "[erlang]") {
  // The textbook example n = 10, a = 8 (tables: 0.4092); exact value 0.409180150796444...
  REQUIRE(std::abs(erlang_c(10, 8) - 0.409180150796444) < 1e-13);
  CHECK(std::abs(erlang_c(2, 1) - 1.0 / 3.0) < 1e-15);
  CHECK(std::abs(erlang_c(100, 90) - 0.216940480906366) < 1e-13);
  CHECK(erlang_c(10, 10) == 1.0);
  CHECK(erlang_c(10, 12) == 1.0);
  for (int n : {1, 3, 10, 50, 200, 500, 1000}) {
    for (double rho : {0.3, 0.7, 0.9, 0.99}) {
      const double a = rho * n;
      ErlangModel m;
      m.agents = n;
      m.aht = 100;
      m.lambda = a / m.aht;
      const Chain c = chain(n, m.lambda, m.aht, kInf);
      INFO("n=" << n << " rho=" << rho);
      check_prob(erlang_c(n, a), c.p_wait, 1e-12);
      const Erlang e(m);
      REQUIRE(e.stable());
      check_prob(e.p_wait(), c.p_wait, 1e-12);
      check_time(e.asa(), c.mean_wait_all, 1e-11);
      check_time(e.mean_wait_all(), c.mean_wait_all, 1e-11);
      CHECK(e.p_abandon() == 0);
      check_prob(e.occupancy(), c.occupancy, 1e-12);
    }
  }
}

TEST_CASE("Erlang C: wait distribution, quantiles and instability", "[erlang]") {
  ErlangModel m;
  m.agents = 10;
  m.aht = 300;
  m.lambda = 8.0 / 300;
  const Erlang e(m);
  const double c = 0.409180150796444, r = 10.0 / 300 - 8.0 / 300;
  for (double t : {0.0, 5.0, 20.0, 60.0, 600.0}) {
    check_prob(e.answered_within(t), 1 - c * std::exp(-r * t), 1e-13);
    CHECK(e.abandoned_within(t) == 0);
    CHECK(e.sl_refined(t) == e.sl_offered(t));
  }
  // Against the tagged-call CTMC too (theta = 0).
  const Chain ch = chain(m.agents, m.lambda, m.aht, kInf);
  for (double t : {3.0, 20.0, 120.0})
    check_prob(e.answered_within(t), uniformise(ch, m.agents, m.aht, kInf, t).answered_within);
  CHECK(e.wait_quantile_answered(0.5) == 0);  // P(W = 0) = 0.59 >= 0.5
  check_time(e.wait_quantile_answered(0.9), std::log(c / 0.1) / r, 1e-13);
  CHECK(e.answered_within(e.wait_quantile_answered(0.8)) == Approx(0.8).epsilon(1e-12));

  m.lambda = 10.0 / 300;  // a = n
  const Erlang u(m);
  CHECK_FALSE(u.stable());
  CHECK(std::isnan(u.p_wait()));
  CHECK(std::isnan(u.asa()));
  CHECK(std::isnan(u.answered_within(20)));
  CHECK(std::isnan(u.wait_quantile_answered(0.8)));
}

TEST_CASE("Erlang A against a birth-death chain and the tagged-call CTMC", "[erlang]") {
  for (const Config& cfg : kConfigs) {
    const ErlangModel m = model_of(cfg, cfg.patience);
    INFO("n=" << cfg.n << " load=" << cfg.load << " aht=" << cfg.aht << " patience=" << cfg.patience);
    const Erlang e(m);
    REQUIRE(e.stable());
    const Chain c = chain(m.agents, m.lambda, m.aht, m.patience);
    check_prob(e.p_wait(), c.p_wait);
    check_prob(e.p_abandon(), c.p_abandon);
    check_prob(e.p_answered(), 1 - c.p_abandon);
    check_prob(e.occupancy(), c.occupancy);
    check_time(e.mean_wait_all(), c.mean_wait_all);
    const long double w_ans = wait_answered(c, m.agents, m.aht, m.patience);
    check_time(e.asa(), w_ans / (1 - c.p_abandon));
    for (double t : {0.0, 2.0, 10.0, 20.0, 60.0, 300.0}) {
      INFO("t=" << t);
      const Tagged r = uniformise(c, m.agents, m.aht, m.patience, t);
      check_prob(e.answered_within(t), r.answered_within);
      check_prob(e.abandoned_within(t), r.abandoned_within);
      check_prob(e.sl_refined(t), r.answered_within / (1 - r.abandoned_within));
      check_prob(e.sl_answered(t), r.answered_within / (1 - c.p_abandon));
      check_prob(e.abandon_rate_refined(t), (c.p_abandon - r.abandoned_within) / (1 - r.abandoned_within));
    }
    // Closed forms of Mandelbaum & Zeltyn, where they do not overflow in double.
    if (m.lambda * m.patience < 600) {
      const MZ mz = mandelbaum_zeltyn(m.agents, m.lambda, m.aht, m.patience);
      check_prob(e.p_wait(), mz.p_wait, 1e-10);
      check_prob(e.p_abandon(), mz.p_abandon, 1e-10);
    }
  }
}

TEST_CASE("Erlang A: SL bases, refined abandon rate, quantiles", "[erlang]") {
  for (const Config& cfg : kConfigs) {
    const Erlang e(model_of(cfg, cfg.patience));
    INFO("n=" << cfg.n << " load=" << cfg.load << " patience=" << cfg.patience);
    CHECK(e.answered_within(0) == Approx(1 - e.p_wait()).margin(1e-15));
    CHECK(e.abandoned_within(0) == 0);
    CHECK(e.answered_within(1e7) == Approx(e.p_answered()).margin(1e-15));
    CHECK(e.abandoned_within(1e7) == Approx(e.p_abandon()).margin(1e-15));
    CHECK(e.abandon_rate_refined(0) == Approx(e.p_abandon()).margin(1e-15));
    double prev = -1;
    for (double t : {1.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0}) {
      const double off = e.sl_offered(t), ans = e.sl_answered(t), ref = e.sl_refined(t);
      CHECK(ans >= ref - 1e-15);
      CHECK(ref >= off - 1e-15);
      CHECK(off >= prev);  // non-decreasing in t
      prev = off;
      CHECK(e.abandon_rate_refined(t) <= e.p_abandon() + 1e-15);
    }
    for (double q : {0.3, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999}) {
      INFO("q=" << q);
      const double t = e.wait_quantile_answered(q);
      REQUIRE(t >= 0);
      if (t == 0) {
        CHECK(e.sl_answered(0) >= q);
      } else {
        CHECK(std::abs(e.sl_answered(t) - q) < 1e-11);
        CHECK(e.sl_answered(t * (1 - 1e-9) - 1e-9) < q);
      }
    }
  }
}

TEST_CASE("Erlang A: very large patience approaches Erlang C", "[erlang]") {
  // The Erlang A - Erlang C difference is of relative order E[V^2] / (E[V] patience):
  // ~1e-4 at patience 1e8 s for these loads, ~1e-10 at 1e14 s.
  for (int n : {1, 10, 100, 500}) {
    for (double rho : {0.5, 0.9}) {
      ErlangModel m;
      m.agents = n;
      m.aht = 300;
      m.lambda = rho * n / m.aht;
      const Erlang c(m);
      for (double patience : {1e8, 1e14}) {
        m.patience = patience;
        const Erlang a(m);
        const double tol = patience < 1e10 ? 1e-3 : 1e-8;
        INFO("n=" << n << " rho=" << rho << " patience=" << patience);
        CHECK(std::abs(a.p_wait() - c.p_wait()) < tol);
        CHECK(a.p_abandon() < tol);
        CHECK(a.asa() == Approx(c.asa()).epsilon(tol));
        CHECK(a.mean_wait_all() == Approx(c.mean_wait_all()).epsilon(tol));
        for (double t : {0.0, 20.0, 300.0}) CHECK(std::abs(a.answered_within(t) - c.answered_within(t)) < tol);
        CHECK(a.wait_quantile_answered(0.95) == Approx(c.wait_quantile_answered(0.95)).epsilon(tol));
      }
    }
  }
}

TEST_CASE("Erlang A: large systems stay finite and fast", "[erlang]") {
  // n = 500 and 1000, overload, patience from 1 s to a day: no overflow, sane values.
  for (int n : {500, 1000}) {
    for (double load : {0.5, 0.98, 1.05, 1.5}) {
      for (double patience : {1.0, 30.0, 1800.0, 86400.0}) {
        ErlangModel m;
        m.agents = n;
        m.aht = 300;
        m.lambda = load * n / m.aht;
        m.patience = patience;
        const auto t0 = std::chrono::steady_clock::now();
        const Erlang e(m);
        const double v[] = {e.p_wait(),
                            e.p_abandon(),
                            e.asa(),
                            e.mean_wait_all(),
                            e.occupancy(),
                            e.answered_within(20),
                            e.abandoned_within(20),
                            e.sl_refined(20),
                            e.abandon_rate_refined(5),
                            e.wait_quantile_answered(0.8)};
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        INFO("n=" << n << " load=" << load << " patience=" << patience << " ms=" << ms);
        for (double x : v) CHECK(std::isfinite(x));
        CHECK(e.p_wait() >= 0);
        CHECK(e.p_wait() <= 1);
        CHECK(e.occupancy() <= 1 + 1e-12);
        if (load > 1) CHECK(e.p_abandon() >= 1 - 1 / load - 1e-12);  // at least the excess
      }
    }
  }
  // Against the chain at n = 1000, overload, long patience (largest reference here).
  ErlangModel m;
  m.agents = 1000;
  m.aht = 300;
  m.lambda = 1.05 * 1000 / 300;
  m.patience = 3600;
  const Erlang e(m);
  const Chain c = chain(m.agents, m.lambda, m.aht, m.patience);
  check_prob(e.p_wait(), c.p_wait);
  check_prob(e.p_abandon(), c.p_abandon);
  check_time(e.mean_wait_all(), c.mean_wait_all);
  check_time(e.asa(), wait_answered(c, m.agents, m.aht, m.patience) / (1 - c.p_abandon));
}

TEST_CASE("Erlang A: heavy overload with long patience (deep queues)", "[erlang]") {
  // Queues of 50,000+ calls: exercises the asymptotic branches of the production code
  // (Stirling / digamma for the mode of the queue-length distribution).
  struct Deep {
    int n;
    double lambda, aht, patience;
  };
  for (const Deep& d :
       {Deep{100, 2.0 * 100 / 300, 300, 2e5}, Deep{1, 750.0 / 300, 300, 2e4}, Deep{20, 1.5 * 20 / 100, 100, 6e5}}) {
    ErlangModel m;
    m.agents = d.n;
    m.lambda = d.lambda;
    m.aht = d.aht;
    m.patience = d.patience;
    INFO("n=" << d.n << " lambda=" << d.lambda << " patience=" << d.patience);
    const Erlang e(m);
    const Chain c = chain(m.agents, m.lambda, m.aht, m.patience);
    REQUIRE(c.q.size() > 50000);
    check_prob(e.p_wait(), c.p_wait);
    check_prob(e.p_abandon(), c.p_abandon);
    check_prob(e.occupancy(), c.occupancy);
    check_time(e.mean_wait_all(), c.mean_wait_all);
    check_time(e.asa(), wait_answered(c, m.agents, m.aht, m.patience) / (1 - c.p_abandon));
    for (double t : {5.0, 60.0}) {
      const Tagged r = uniformise(c, m.agents, m.aht, m.patience, t);
      check_prob(e.answered_within(t), r.answered_within);
      check_prob(e.abandoned_within(t), r.abandoned_within);
    }
  }
}

TEST_CASE("Invalid input gives NaN", "[erlang]") {
  ErlangModel m;  // agents = 0
  const Erlang e(m);
  CHECK_FALSE(e.stable());
  CHECK(std::isnan(e.p_wait()));
  CHECK(std::isnan(erlang_b(-1, 1)));
  CHECK(std::isnan(erlang_c(3, -1)));
}

// Runs last (declaration order): reports the worst discrepancies seen in the cases above.
TEST_CASE("Worst discrepancy vs the independent references", "[erlang]") {
  WARN("worst abs discrepancy (probabilities) " << worst_prob << ", worst rel (times) " << worst_time);
  CHECK(worst_prob <= 1e-9);
  CHECK(worst_time <= 1e-9);
}
