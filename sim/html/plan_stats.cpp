#include "sim/html/plan_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ccsim::html {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double x, double y) { return y > 0 ? x / y : kNaN; }

std::vector<Stat> summarize_all(const std::vector<std::vector<double>>& v) {
  std::vector<Stat> out;
  out.reserve(v.size());
  for (const auto& x : v) {
    Stat s = summarize(x);
    if (s.n == 0) s.mean = kNaN;
    out.push_back(s);
  }
  return out;
}

}  // namespace

std::string threshold_suffix(const std::vector<std::string>& columns, double threshold) {
  const std::string prefix = "answered_within_";
  for (const auto& c : columns) {
    if (c.rfind(prefix, 0) != 0) continue;
    const std::string rest = c.substr(prefix.size());
    try {
      std::size_t used = 0;
      const double v = std::stod(rest, &used);
      if (used == rest.size() && std::fabs(v - threshold) <= 1e-9 * std::max(1.0, std::fabs(threshold))) return rest;
    } catch (const std::exception&) {
    }
  }
  return "";
}

std::string sl_metric(const std::string& suffix, SlBasis basis) {
  return "service_level_" + suffix + "_" + sl_basis_name(basis);
}

IntervalFigures interval_figures(const Table& t, int queue, std::size_t n, const std::string& suffix, SlBasis basis) {
  std::vector<std::vector<double>> sl(n), asa(n), ab(n), off(n);
  const auto& q = t.num("queue");
  const auto& k = t.num("interval");
  const auto& offered = t.num("offered");
  const auto& answered = t.num("answered");
  const auto& abandoned = t.num("abandoned");
  const auto& wait = t.num("wait_answered");
  const bool has_sl = !suffix.empty() && t.has("answered_within_" + suffix);
  const auto& aw = t.num("answered_within_" + suffix);
  const auto& abw = t.num("abandoned_within_" + suffix);
  for (std::size_t r = 0; r < t.rows; ++r) {
    if (q[r] != queue || !(k[r] >= 0) || k[r] >= static_cast<double>(n)) continue;
    const auto i = static_cast<std::size_t>(k[r]);
    off[i].push_back(offered[r]);
    asa[i].push_back(ratio(wait[r], answered[r]));
    ab[i].push_back(ratio(abandoned[r], offered[r]));
    if (!has_sl) continue;
    double v = kNaN;
    switch (basis) {
      case SlBasis::offered:
        v = ratio(aw[r], offered[r]);
        break;
      case SlBasis::answered:
        v = ratio(aw[r], answered[r]);
        break;
      case SlBasis::refined:
        v = ratio(aw[r], offered[r] - abw[r]);
        break;
      case SlBasis::abandoned_met:
        v = ratio(aw[r] + abw[r], offered[r]);
        break;
    }
    sl[i].push_back(v);
  }
  return {summarize_all(sl), summarize_all(asa), summarize_all(ab), summarize_all(off)};
}

GroupFigures group_figures(const Table& t, int group, std::size_t n) {
  std::vector<std::vector<double>> duty(n), sched(n), occ(n);
  const auto& g = t.num("group");
  const auto& k = t.num("interval");
  const auto& on = t.num("agents_on_duty");
  const auto& sc = t.num("scheduled_agents");
  const auto& busy = t.num("busy_seconds");
  const auto& present = t.num("present_seconds");
  for (std::size_t r = 0; r < t.rows; ++r) {
    if (g[r] != group || !(k[r] >= 0) || k[r] >= static_cast<double>(n)) continue;
    const auto i = static_cast<std::size_t>(k[r]);
    duty[i].push_back(on[r]);
    sched[i].push_back(sc[r]);
    occ[i].push_back(ratio(busy[r], present[r]));
  }
  return {summarize_all(duty), summarize_all(sched), summarize_all(occ)};
}

SummaryValue summary_value(const Table& t, const std::string& key, int index, const std::string& metric) {
  SummaryValue v;
  const auto& keys = t.num(key);
  const auto& names = t.str("metric");
  for (std::size_t r = 0; r < t.rows; ++r) {
    if (keys[r] != index || names[r] != metric) continue;
    v.found = true;
    v.mean = t.num("mean")[r];
    v.ci95 = t.num("ci95")[r];
    v.long_run = t.num("long_run_mean")[r];
    v.long_run_ci95 = t.num("long_run_ci95")[r];
    break;
  }
  return v;
}

void stat_band(const std::vector<Stat>& s, std::vector<double>& mean, std::vector<double>& lo,
               std::vector<double>& hi) {
  mean.clear(), lo.clear(), hi.clear();
  for (const auto& x : s) {
    mean.push_back(x.n ? x.mean : kNaN);
    lo.push_back(x.n ? std::max(0.0, x.mean - x.ci95) : kNaN);  // every figure drawn is >= 0
    hi.push_back(x.n ? x.mean + x.ci95 : kNaN);
  }
}

bool meets(const Target& t, double value) {
  if (!std::isfinite(value)) return true;
  switch (t.kind) {
    case Target::Kind::service_level:
      return value >= t.fraction - 1e-12;
    case Target::Kind::asa:
      return value <= t.threshold + 1e-12;
    case Target::Kind::abandon:
      return value <= t.fraction + 1e-12;
  }
  return true;
}

}  // namespace ccsim::html
