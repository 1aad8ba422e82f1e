#include "models/distribution.hpp"

#include <cmath>
#include <numeric>
#include <sstream>

#include "models/units.hpp"

namespace ccsim::models {

const char* dist_kind_name(DistKind k) {
  switch (k) {
    case DistKind::exponential:
      return "exponential";
    case DistKind::lognormal:
      return "lognormal";
    case DistKind::gamma:
      return "gamma";
    case DistKind::weibull:
      return "weibull";
    case DistKind::erlang:
      return "erlang";
    case DistKind::uniform:
      return "uniform";
    case DistKind::fixed:
      return "fixed";
    case DistKind::empirical:
      return "empirical";
    case DistKind::triangular:
      return "triangular";
    case DistKind::mixture:
      return "mixture";
  }
  return "?";
}

double DistSpec::theoretical_mean() const {
  switch (kind) {
    case DistKind::exponential:
    case DistKind::lognormal:
    case DistKind::gamma:
    case DistKind::erlang:
      return mean;
    case DistKind::weibull:
      return scale * std::tgamma(1.0 + 1.0 / shape);
    case DistKind::uniform:
      return 0.5 * (min + max);
    case DistKind::fixed:
      return value;
    case DistKind::empirical:
      return values.empty() ? 0.0
                            : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    case DistKind::triangular:
      return (min + mode + max) / 3.0;
    case DistKind::mixture: {
      double m = 0;
      for (std::size_t k = 0; k < parts.size() && k < weights.size(); ++k)
        m += weights[k] * parts[k].theoretical_mean();
      return m;
    }
  }
  return 0;
}

std::string DistSpec::describe() const {
  std::ostringstream o;
  o << dist_kind_name(kind) << '(';
  switch (kind) {
    case DistKind::exponential:
      o << "mean " << format_duration(mean);
      break;
    case DistKind::lognormal:
    case DistKind::gamma:
      o << "mean " << format_duration(mean) << ", sd " << format_duration(sd);
      break;
    case DistKind::erlang:
      o << "k " << k << ", mean " << format_duration(mean);
      break;
    case DistKind::weibull:
      o << "shape " << shape << ", scale " << format_duration(scale);
      break;
    case DistKind::uniform:
      o << format_duration(min) << " to " << format_duration(max);
      break;
    case DistKind::fixed:
      o << format_duration(value);
      break;
    case DistKind::empirical:
      o << values.size() << " values, mean " << format_duration(theoretical_mean());
      break;
    case DistKind::triangular:
      o << format_duration(min) << " to " << format_duration(max) << ", mode " << format_duration(mode);
      break;
    case DistKind::mixture:
      for (std::size_t k = 0; k < parts.size() && k < weights.size(); ++k)
        o << (k ? ", " : "") << 100 * weights[k] << "% " << parts[k].describe();
      break;
  }
  o << ')';
  return o.str();
}

Sampler::Sampler(const DistSpec& s) : kind_(s.kind) {
  switch (s.kind) {
    case DistKind::exponential:
      a_ = 1.0 / s.mean;  // Boost takes the rate
      break;
    case DistKind::lognormal: {
      // Boost takes m and s of the underlying normal; the scenario gives mean and sd.
      // From the ratio: sd^2 and mean^2 overflow for sd above ~1e154 (inf / inf = NaN),
      // sd / mean is held to 1e-6 .. 1000 by the scenario check.
      const double cv = s.sd / s.mean;
      const double v = std::log1p(cv * cv);
      b_ = std::sqrt(v);
      a_ = std::log(s.mean) - 0.5 * v;
      if (s.sd == 0) {
        kind_ = DistKind::fixed;
        a_ = s.mean;
      }
      break;
    }
    case DistKind::gamma:
      if (s.sd == 0) {
        kind_ = DistKind::fixed;
        a_ = s.mean;
        break;
      }
      // From the ratio, for the same reason as lognormal's.
      a_ = (s.mean / s.sd) * (s.mean / s.sd);  // shape
      b_ = s.sd * (s.sd / s.mean);             // scale
      break;
    case DistKind::erlang:
      a_ = s.k;
      b_ = s.mean / s.k;
      break;
    case DistKind::weibull:
      a_ = s.shape;
      b_ = s.scale;
      break;
    case DistKind::uniform:
      a_ = s.min;
      b_ = s.max;
      if (s.min == s.max) kind_ = DistKind::fixed;
      break;
    case DistKind::fixed:
      a_ = s.value;
      break;
    case DistKind::empirical:
      values_owner_ = std::make_shared<const std::vector<double>>(s.values);
      values_ = values_owner_->data();
      n_ = values_owner_->size();
      break;
    case DistKind::triangular:
      a_ = s.min;
      b_ = s.mode;
      c_ = s.max;
      if (s.min == s.max) {
        kind_ = DistKind::fixed;
        a_ = s.min;
      }
      break;
    case DistKind::mixture: {
      std::vector<double> cum;
      std::vector<Sampler> parts;
      double total = 0;
      for (std::size_t k = 0; k < s.parts.size() && k < s.weights.size(); ++k) {
        total += s.weights[k];
        cum.push_back(total);
        parts.emplace_back(s.parts[k]);
      }
      if (parts.empty()) {  // not from a checked scenario; a zero rather than a crash
        kind_ = DistKind::fixed;
        break;
      }
      cum.back() = 2.0;  // whatever the rounding of the sum, the last part takes the rest
      values_owner_ = std::make_shared<const std::vector<double>>(std::move(cum));
      values_ = values_owner_->data();
      n_ = values_owner_->size();
      parts_ = std::make_shared<const std::vector<Sampler>>(std::move(parts));
      break;
    }
  }
}

}  // namespace ccsim::models
