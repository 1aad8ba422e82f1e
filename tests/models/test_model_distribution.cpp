// Each sampler draws from the distribution the scenario describes: sample mean and sd
// against the exact values. N = 400,000 draws, fixed seed; the mean must fall within 4
// standard errors (sd / sqrt(N)), the sd within 4 of its own standard errors, estimated as
// sd * sqrt((kurtosis - 1) / (4N)) with the distribution's exact kurtosis.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/distribution.hpp"

using namespace ccsim::models;

namespace {

struct Moments {
  double mean, sd;
};

Moments sample(const DistSpec& d, int n = 400000) {
  Rng rng(12345);
  const Sampler s(d);
  double sum = 0, sum2 = 0, lo = 1e300;
  for (int i = 0; i < n; ++i) {
    const double x = s(rng);
    sum += x;
    sum2 += x * x;
    lo = std::min(lo, x);
  }
  CHECK(lo >= 0);  // durations are never negative
  const double m = sum / n;
  return {m, std::sqrt((sum2 - n * m * m) / (n - 1))};
}

void expect(const DistSpec& d, double mean, double sd, double kurtosis) {
  const int n = 400000;
  const Moments got = sample(d, n);
  INFO(d.describe() << ": mean " << got.mean << " vs " << mean << ", sd " << got.sd << " vs " << sd);
  CHECK(d.theoretical_mean() == Approx(mean).epsilon(1e-12));
  CHECK(std::abs(got.mean - mean) <= 4 * sd / std::sqrt(n));
  CHECK(std::abs(got.sd - sd) <= 4 * sd * std::sqrt((kurtosis - 1) / (4.0 * n)));
}

}  // namespace

TEST_CASE("exponential: mean as given, sd = mean") {
  DistSpec d;
  d.kind = DistKind::exponential;
  d.mean = 240;
  expect(d, 240, 240, 9);
}

TEST_CASE("lognormal and gamma take mean and sd") {
  DistSpec d;
  d.kind = DistKind::lognormal;
  d.mean = 240;
  d.sd = 180;
  // lognormal kurtosis: e^{4s2} + 2e^{3s2} + 3e^{2s2} - 3 with s2 = ln(1 + cv^2)
  const double s2 = std::log1p(0.75 * 0.75);
  expect(d, 240, 180, std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 3);
  d.kind = DistKind::gamma;
  // gamma kurtosis: 3 + 6 / shape, shape = 1 / cv^2
  expect(d, 240, 180, 3 + 6 * 0.75 * 0.75);
}

TEST_CASE("erlang k, weibull, uniform, fixed, empirical") {
  DistSpec e;
  e.kind = DistKind::erlang;
  e.k = 4;
  e.mean = 200;
  expect(e, 200, 100, 3 + 6.0 / 4);

  DistSpec w;
  w.kind = DistKind::weibull;
  w.shape = 2;
  w.scale = 100;
  const double g1 = std::tgamma(1.5), g2 = std::tgamma(2.0), g3 = std::tgamma(2.5), g4 = std::tgamma(3.0);
  const double mean = 100 * g1, var = 100 * 100 * (g2 - g1 * g1);
  const double m4 = 1e8 * (g4 - 4 * g1 * g3 + 6 * g1 * g1 * g2 - 3 * std::pow(g1, 4));  // 4th central moment
  expect(w, mean, std::sqrt(var), m4 / (var * var));

  DistSpec u;
  u.kind = DistKind::uniform;
  u.min = 60;
  u.max = 180;
  expect(u, 120, 120 / std::sqrt(12.0), 1.8);

  DistSpec f;
  f.kind = DistKind::fixed;
  f.value = 42;
  const Moments fm = sample(f, 1000);
  CHECK(fm.mean == 42);
  CHECK(fm.sd == 0);

  DistSpec emp;
  emp.kind = DistKind::empirical;
  emp.values = {10, 20, 60};
  // mean 30, variance ((-20)^2 + (-10)^2 + 30^2) / 3 = 466.67, 4th moment (160000+10000+810000)/3
  const double v = 1400.0 / 3, m4e = 980000.0 / 3;
  expect(emp, 30, std::sqrt(v), m4e / (v * v));
}

TEST_CASE("describe names the distribution and its parameters in scenario units") {
  DistSpec d;
  d.kind = DistKind::lognormal;
  d.mean = 240;
  d.sd = 180;
  CHECK(d.describe() == "lognormal(mean 4m, sd 3m)");
}

TEST_CASE("triangular: min, mode, max") {
  DistSpec d;
  d.kind = DistKind::triangular;
  d.min = 120;
  d.mode = 180;
  d.max = 420;
  const double a = d.min, b = d.mode, c = d.max;
  const double var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  expect(d, (a + b + c) / 3, std::sqrt(var), 2.4);
  CHECK(d.describe() == "triangular(2m to 7m, mode 3m)");
  d.max = d.min = d.mode = 60;  // a degenerate triangle is its one value
  Rng rng(1);
  CHECK(Sampler(d)(rng) == 60);
}

TEST_CASE("mixture: each part with its weight, from one stream") {
  // 10% hang up at once, 90% exponential with mean 1000 s (the form of patience for callers
  // some of whom balk).
  DistSpec zero, ex, d;
  zero.kind = DistKind::fixed;
  ex.kind = DistKind::exponential;
  ex.mean = 1000;
  d.kind = DistKind::mixture;
  d.weights = {0.1, 0.9};
  d.parts = {zero, ex};
  // Raw moments of the exponential part: k! mean^k.
  const double m1 = 0.9 * 1000, m2 = 0.9 * 2e6, m3 = 0.9 * 6e9, m4 = 0.9 * 24e12;
  const double var = m2 - m1 * m1;
  const double mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
  expect(d, m1, std::sqrt(var), mu4 / (var * var));
  CHECK(d.describe() == "mixture(10% fixed(0s), 90% exponential(mean 16m40s))");
  // The share of exact zeros is the first part's weight.
  Rng rng(99);
  const Sampler s(d);
  const int n = 200000;
  int zeros = 0;
  for (int i = 0; i < n; ++i) zeros += s(rng) == 0 ? 1 : 0;
  CHECK(std::abs(zeros / double(n) - 0.1) <= 4 * std::sqrt(0.1 * 0.9 / n));
}
