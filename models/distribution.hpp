#pragma once
// Probability distributions of durations (handle time, patience, ...), built on Boost.Random.
//
// A DistSpec is the plain, validated description (what the scenario said, in seconds).
// A Sampler is its compiled form for the hot loop: a tagged struct with a switch, no
// virtual call and no allocation per draw. Samplers never return negative values.
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

namespace ccsim::models {

// The generator of every stream. 64-bit Mersenne Twister: long period, fast, and the
// same sequence on every platform Boost supports.
using Rng = boost::random::mt19937_64;

enum class DistKind { exponential, lognormal, gamma, weibull, erlang, uniform, fixed, empirical, triangular, mixture };

const char* dist_kind_name(DistKind k);

struct DistSpec {
  DistKind kind = DistKind::fixed;
  double mean = 0;             // exponential, lognormal, gamma, erlang
  double sd = 0;               // lognormal, gamma
  double shape = 0;            // weibull
  double scale = 0;            // weibull (seconds)
  int k = 1;                   // erlang
  double min = 0;              // uniform, triangular
  double max = 0;              // uniform, triangular
  double mode = 0;             // triangular
  double value = 0;            // fixed
  std::vector<double> values;  // empirical (seconds), resampled uniformly
  // mixture: part k is drawn with probability weights[k] (the weights sum to 1); parts
  // are not mixtures themselves.
  std::vector<double> weights;
  std::vector<DistSpec> parts;

  // Mean of the distribution in seconds (exact, for reports and analytic comparisons).
  double theoretical_mean() const;
  // Short description, e.g. "lognormal(mean 4m, sd 3m)".
  std::string describe() const;
};

// Compiled sampler. Self-contained: an empirical sampler keeps its own copy of the values
// (shared by its copies), so it may outlive the DistSpec it was built from.
class Sampler {
 public:
  Sampler() = default;
  explicit Sampler(const DistSpec& spec);

  template <class Engine>
  double operator()(Engine& eng) const {
    switch (kind_) {
      case DistKind::exponential:
        return boost::random::exponential_distribution<double>(a_)(eng);
      case DistKind::lognormal:
        return boost::random::lognormal_distribution<double>(a_, b_)(eng);
      case DistKind::gamma:
      case DistKind::erlang:
        return boost::random::gamma_distribution<double>(a_, b_)(eng);
      case DistKind::weibull:
        return boost::random::weibull_distribution<double>(a_, b_)(eng);
      case DistKind::uniform:
        return boost::random::uniform_real_distribution<double>(a_, b_)(eng);
      case DistKind::fixed:
        return a_;
      case DistKind::empirical:
        return values_[boost::random::uniform_int_distribution<std::size_t>(0, n_ - 1)(eng)];
      case DistKind::triangular:
        return boost::random::triangle_distribution<double>(a_, b_, c_)(eng);
      case DistKind::mixture: {
        // One uniform picks the part (cumulative weights in values_), then the part draws
        // from the same stream.
        const double u = boost::random::uniform_01<double>()(eng);
        std::size_t k = 0;
        while (k + 1 < n_ && !(u < values_[k])) ++k;
        return (*parts_)[k](eng);
      }
    }
    return a_;
  }

  DistKind kind() const { return kind_; }

 private:
  DistKind kind_ = DistKind::fixed;
  double a_ = 0, b_ = 0, c_ = 0;    // the Boost distribution's own parameters
  const double* values_ = nullptr;  // owned by values_owner_; cached for the draw
  std::size_t n_ = 0;
  std::shared_ptr<const std::vector<double>> values_owner_;  // empirical values; mixture: cumulative weights
  std::shared_ptr<const std::vector<Sampler>> parts_;        // mixture only
};

}  // namespace ccsim::models
