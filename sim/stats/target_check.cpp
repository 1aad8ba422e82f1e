#include "sim/stats/target_check.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "sim/stats/metrics.hpp"
#include "sim/stats/summary.hpp"

namespace ccsim {

int threshold_index(const std::vector<double>& thresholds, double t) {
  for (std::size_t k = 0; k < thresholds.size(); ++k)
    if (thresholds[k] == t) return static_cast<int>(k);
  return -1;
}

std::string threshold_key(double seconds) {
  if (seconds == std::floor(seconds) && std::abs(seconds) < 1e15)
    return std::to_string(static_cast<long long>(seconds));
  std::ostringstream o;
  o.precision(12);
  o << seconds;
  return o.str();
}

namespace {

constexpr int kMaxTermThresholds = 8;
static_assert(static_cast<int>(SlBasis::offered) == 0 && static_cast<int>(SlBasis::answered) == 1 &&
                  static_cast<int>(SlBasis::refined) == 2 && static_cast<int>(SlBasis::abandoned_met) == 3,
              "target_terms indexes ratio_terms by basis");

// Half-width of the one-sided p interval, from the stored 95% two-sided half-width.
double one_sided(const Stat& v, double confidence) {
  if (confidence <= 0 || v.n < 2 || !(v.ci95 > 0)) return 0;
  const double se = v.ci95 / student_t95(v.n - 1);
  return student_t_quantile(confidence, v.n - 1) * se;
}

double sl_value(SlBasis basis, const CallMetrics& m, int k) {
  const auto kk = static_cast<std::size_t>(k);
  switch (basis) {
    case SlBasis::offered:
      return m.sl_offered[kk];
    case SlBasis::answered:
      return m.sl_answered[kk];
    case SlBasis::refined:
      return m.sl_refined[kk];
    case SlBasis::abandoned_met:
      return m.sl_abandoned_met[kk];
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

const Stat& sl_stat(const CallSummary& s, SlBasis basis, std::size_t k) {
  switch (basis) {
    case SlBasis::answered:
      return s.sl_answered[k];
    case SlBasis::refined:
      return s.sl_refined[k];
    case SlBasis::abandoned_met:
      return s.sl_abandoned_met[k];
    case SlBasis::offered:
      break;
  }
  return s.sl_offered[k];
}

const CallSummary& judged_day(const RunSummary& r, const QueueSpec& qs, std::size_t q) {
  if (qs.sl_estimator == SlEstimator::long_run && q < r.day_long_run.size()) return r.day_long_run[q];
  return r.day[q];
}

const CallSummary& judged_interval(const RunSummary& r, const QueueSpec& qs, std::size_t q, std::size_t i) {
  if (qs.sl_estimator == SlEstimator::long_run && q < r.intervals_long_run.size() && i < r.intervals_long_run[q].size())
    return r.intervals_long_run[q][i];
  return r.intervals[q][i];
}

TargetResult check_target(const Target& t, const Stat& value, double confidence) {
  TargetResult r;
  r.target = &t;
  r.value = value;
  switch (t.kind) {
    case Target::Kind::service_level:
      r.judged = r.value.mean - one_sided(r.value, confidence);
      r.met = !(r.judged < t.fraction);  // no calls (undefined SL): nothing failed
      break;
    case Target::Kind::asa:
      r.judged = r.value.mean + one_sided(r.value, confidence);
      r.met = !(r.judged > t.threshold);  // no answered call: nothing waited too long
      break;
    case Target::Kind::abandon:
      r.judged = r.value.mean + one_sided(r.value, confidence);
      r.met = !(r.judged > t.fraction);
      break;
  }
  return r;
}

TargetResult check_target(const Target& t, SlBasis basis, const CallSummary& s, const std::vector<double>& thresholds,
                          double confidence) {
  switch (t.kind) {
    case Target::Kind::service_level: {
      const int k = threshold_index(thresholds, t.threshold);
      if (k < 0) {
        TargetResult r;
        r.target = &t;
        return r;
      }
      return check_target(t, sl_stat(s, basis, static_cast<std::size_t>(k)), confidence);
    }
    case Target::Kind::asa:
      return check_target(t, s.asa, confidence);
    case Target::Kind::abandon:
      return check_target(t, s.abandon_rate, confidence);
  }
  return {};
}

double target_figure(const Target& t, SlBasis basis, const CallMetrics& m, const std::vector<double>& thresholds) {
  switch (t.kind) {
    case Target::Kind::service_level: {
      const int k = threshold_index(thresholds, t.threshold);
      if (k < 0) return std::numeric_limits<double>::quiet_NaN();
      return sl_value(basis, m, k);
    }
    case Target::Kind::asa:
      return m.asa;
    case Target::Kind::abandon:
      return m.abandon_rate;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

bool target_terms(const Target& t, SlBasis basis, const std::vector<double>& cell,
                  const std::vector<double>& thresholds, double& x, double& y) {
  const int T = static_cast<int>(thresholds.size());
  double xs[ratio_count(kMaxTermThresholds)], ys[ratio_count(kMaxTermThresholds)];
  std::vector<double> xv, yv;  // only with more thresholds than the stack arrays hold
  double* px = xs;
  double* py = ys;
  if (T > kMaxTermThresholds) {
    xv.resize(static_cast<std::size_t>(ratio_count(T)));
    yv.resize(xv.size());
    px = xv.data();
    py = yv.data();
  }
  ratio_terms(cell.data(), T, px, py);
  int j = 0;
  switch (t.kind) {
    case Target::Kind::service_level: {
      const int k = threshold_index(thresholds, t.threshold);
      if (k < 0) return false;
      j = kScalarRatios + static_cast<int>(basis) * T + k;  // SlBasis in ratio_terms' order
      break;
    }
    case Target::Kind::asa:
      j = 0;
      break;
    case Target::Kind::abandon:
      j = 1;
      break;
  }
  x = px[j];
  y = py[j];
  return true;
}

bool target_met(const Target& t, SlBasis basis, const CallMetrics& m, const std::vector<double>& thresholds) {
  switch (t.kind) {
    case Target::Kind::service_level: {
      const int k = threshold_index(thresholds, t.threshold);
      if (k < 0) return true;
      return !(sl_value(basis, m, k) < t.fraction);
    }
    case Target::Kind::asa:
      return !(m.asa > t.threshold);
    case Target::Kind::abandon:
      return !(m.abandon_rate > t.fraction);
  }
  return true;
}

std::string unattainable(const Target& t, bool impatient) {
  switch (t.kind) {
    case Target::Kind::service_level:
      if (t.fraction >= 1)
        return "\"" + t.text + "\" asks for 100% of calls answered in time, which no staffing " +
               "guarantees with random arrivals; ask for less than 100%";
      break;
    case Target::Kind::asa:
      if (t.threshold <= 0)
        return "\"" + t.text + "\" asks that no call ever waits, which no staffing guarantees; " +
               "give a positive ASA cap";
      break;
    case Target::Kind::abandon:
      if (t.fraction <= 0 && impatient)
        return "\"" + t.text + "\" asks that no impatient caller ever abandons, which no " +
               "staffing guarantees; give a positive cap";
      break;
  }
  return "";
}

}  // namespace ccsim
