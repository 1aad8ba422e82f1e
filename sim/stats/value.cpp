#include "sim/stats/value.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "sim/stats/metrics.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

namespace {

bool multi_day(const Sla& s) { return s.period == Sla::Period::week || s.period == Sla::Period::month; }

}  // namespace

bool has_value_terms(const Scenario& s) {
  for (const QueueSpec& q : s.queues)
    if (q.money.any() || q.sla) return true;
  return false;
}

double staff_cost_per_day(const RunSummary& summary) {
  double c = 0;
  for (const GroupSummary& g : summary.group_day) c += g.cost;
  // A horizon of several days: its cost spread evenly over them.
  const std::size_t days = summary.days.empty() ? 0 : summary.days.front().size();
  return days > 1 ? c / static_cast<double>(days) : c;
}

void check_periods_fit(const Scenario& s, int replications) {
  const int per_rep = std::max(1, s.days);  // simulated days in one replication
  for (const QueueSpec& q : s.queues) {
    if (!q.sla || !multi_day(*q.sla)) continue;
    const int n = q.sla->days;
    const long simulated = static_cast<long>(replications) * per_rep;
    if (simulated >= n && simulated % n == 0) continue;
    // The smallest replication counts that make whole periods: multiples of n / gcd(n, days).
    const int step = n / std::gcd(n, per_rep);
    const int lo = std::max(1, replications / step) * step;
    const std::string one = per_rep > 1 ? std::to_string(per_rep) + " days" : "one day";
    throw InputError(q.sla->period_where,
                     "queue '" + q.name + "' sla: a " + sla_period_name(q.sla->period) + " of " + std::to_string(n) +
                         " days needs whole periods of simulated days (one replication is " + one + "), but " +
                         std::to_string(replications) + " replications do not make them; use a multiple of " +
                         std::to_string(step) + ", e.g. -r " + std::to_string(lo) + " or -r " +
                         std::to_string(lo + step));
  }
}

double points_short(const Target& t, double value) {
  if (std::isnan(value)) return 0;
  switch (t.kind) {
    case Target::Kind::service_level:
      return std::max(0.0, (t.fraction - value) * 100);
    case Target::Kind::abandon:
      return std::max(0.0, (value - t.fraction) * 100);
    case Target::Kind::asa:
      return std::max(0.0, value - t.threshold);
  }
  return 0;
}

void wilson95(int k, int n, double& lo, double& hi) {
  if (n <= 0) {
    lo = hi = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  const double z = 1.959963984540054, z2 = z * z, nn = n, p = k / nn;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  lo = std::max(0.0, centre - half);
  hi = std::min(1.0, centre + half);
}

ValueAccumulator::ValueAccumulator(const Scenario& s, const RunModel& model)
    : s_(s), m_(model), q_(s.queues.size()), open_until_(s.queues.size(), std::numeric_limits<int>::max()) {
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const auto& sla = s.queues[q].sla;
    if (sla && multi_day(*sla)) {
      open_until_[q] = 0;
      block_days_ = std::max(block_days_, sla->days);
    }
  }
}

void ValueAccumulator::close_period(std::size_t q, const std::vector<double>& cell, int period, int first_day,
                                    int days) {
  const QueueSpec& qs = s_.queues[q];
  const Sla& sla = *qs.sla;
  const int T = static_cast<int>(m_.thresholds.size());
  const CallMetrics m = call_metrics(cell, T);
  PeriodOutcome o;
  o.queue = static_cast<int>(q);
  o.period = period;
  o.first_day = first_day;
  o.value = target_figure(sla.target, qs.sl_basis, m, m_.thresholds);
  o.met = std::isnan(o.value) || target_met(sla.target, qs.sl_basis, m, m_.thresholds);
  o.penalty = o.met ? 0.0 : sla.penalty + sla.penalty_per_point * points_short(sla.target, o.value);
  QueueAcc& a = q_[q];
  ++a.periods;
  if (o.met) ++a.met;
  a.penalty.add(o.penalty);
  a.value.add(o.value);
  // Spread over the period's days (all still pending: a day settles once its periods close).
  for (int d = first_day; d < first_day + days; ++d)
    pending_penalty_[static_cast<std::size_t>(d - first_pending_)] += o.penalty / days;
  completed_.push_back(o);
}

void ValueAccumulator::add(const ReplicationResult& r) {
  completed_.clear();
  // A horizon of several days adds each of its days in turn: periods, money and penalties
  // are per simulated day, whichever replication it came from.
  const bool several = m_.day_intervals > 0 && m_.day_intervals < m_.intervals;
  const int per_day = several ? m_.day_intervals : m_.intervals;
  for (int first = 0; first < m_.intervals; first += per_day)
    add_day(r, first, std::min(m_.intervals, first + per_day));
}

void ValueAccumulator::add_day(const ReplicationResult& r, int first, int last) {
  const int day = day_;
  double money = 0, revenue = 0, call_costs = 0;
  pending_money_.push_back(0);
  pending_penalty_.push_back(0);
  for (std::size_t q = 0; q < s_.queues.size(); ++q) {
    const QueueSpec& qs = s_.queues[q];
    const int qi = static_cast<int>(q);
    const std::vector<double> cell = sum_cells(r.calls, qi, first, last);
    // A caller lost is lost business once: with redials, only callers whose last attempt
    // abandoned count; without, every abandon is a caller's last.
    const double lost = m_.queues[q].retrials() ? cell[kCallersAbandoned] : cell[kAbandoned];
    const double rev = qs.money.revenue_per_answered * cell[kAnswered];
    const double ab = qs.money.cost_per_abandon * lost;
    const double wait = qs.money.cost_per_waiting_hour * cell[kWaitAll] / 3600.0;
    QueueAcc& a = q_[q];
    a.revenue.add(rev);
    a.abandon_cost.add(ab);
    a.waiting_cost.add(wait);
    revenue += rev;
    call_costs += ab + wait;
    money += rev - ab - wait;
    if (!qs.sla) continue;
    const Sla& sla = *qs.sla;
    if (sla.period == Sla::Period::interval) {
      for (int i = first; i < last; ++i)
        close_period(q, sum_cells(r.calls, qi, i, i + 1), day * (last - first) + (i - first), day, 1);
    } else {
      if (a.cell.empty()) a.cell.assign(cell.size(), 0.0);
      for (std::size_t k = 0; k < cell.size(); ++k) a.cell[k] += cell[k];
      if (++a.days_in == sla.days) {
        close_period(q, a.cell, day / sla.days, day - sla.days + 1, sla.days);
        std::fill(a.cell.begin(), a.cell.end(), 0.0);
        a.days_in = 0;
        if (multi_day(sla)) open_until_[q] = day + 1;
      }
    }
  }
  pending_money_[static_cast<std::size_t>(day - first_pending_)] = money;
  revenue_.add(revenue);
  call_costs_.add(call_costs);
  ++day_;
  settle_days();
}

void ValueAccumulator::settle_days() {
  const int open = *std::min_element(open_until_.begin(), open_until_.end());
  std::size_t k = 0;
  for (; first_pending_ + static_cast<int>(k) < day_ && first_pending_ + static_cast<int>(k) < open; ++k) {
    const double v = pending_money_[k] - pending_penalty_[k];
    penalties_.add(pending_penalty_[k]);
    net_before_staff_.add(v);
    day_values_.push_back(v);
    block_sum_ += v;
    block_penalty_ += pending_penalty_[k];
    if (++block_in_ == block_days_) {
      block_.add(block_sum_);
      block_penalties_.add(block_penalty_);
      block_sum_ = block_penalty_ = 0;
      block_in_ = 0;
    }
  }
  pending_money_.erase(pending_money_.begin(), pending_money_.begin() + static_cast<std::ptrdiff_t>(k));
  pending_penalty_.erase(pending_penalty_.begin(), pending_penalty_.begin() + static_cast<std::ptrdiff_t>(k));
  first_pending_ += static_cast<int>(k);
}

std::vector<double> net_per_block(const ValueAccumulator& acc, int block_days, double staff_cost_per_day) {
  const std::vector<double>& days = acc.day_values();
  const auto b = static_cast<std::size_t>(block_days);
  std::vector<double> out;
  for (std::size_t k = 0; k + b <= days.size(); k += b) {
    double sum = 0;
    for (std::size_t d = 0; d < b; ++d) sum += days[k + d];
    out.push_back(sum - block_days * staff_cost_per_day);
  }
  return out;
}

ValueSummary ValueAccumulator::summary(double staff_cost_per_day) const {
  ValueSummary v;
  v.staff_cost = staff_cost_per_day;
  v.queues.resize(q_.size());
  for (std::size_t q = 0; q < q_.size(); ++q) {
    const QueueAcc& a = q_[q];
    QueueValue& out = v.queues[q];
    out.revenue = a.revenue.stat();
    out.abandon_cost = a.abandon_cost.stat();
    out.waiting_cost = a.waiting_cost.stat();
    if (!s_.queues[q].sla) continue;
    SlaSummary sl;
    sl.periods = a.periods;
    sl.met = a.met;
    sl.p_meet = a.periods ? static_cast<double>(a.met) / a.periods : std::numeric_limits<double>::quiet_NaN();
    wilson95(a.met, a.periods, sl.p_meet_lo, sl.p_meet_hi);
    sl.penalty = a.penalty.stat();
    sl.value = a.value.stat();
    out.sla = sl;
  }
  v.revenue = revenue_.stat();
  v.call_costs = call_costs_.stat();
  v.penalties = penalties_.stat();
  v.penalties.ci95 = block_penalties_.stat().ci95 / block_days_;
  v.block_days = block_days_;
  v.net_per_block = block_.stat();
  v.net_per_block.mean -= staff_cost_per_day * block_days_;
  v.net = net_before_staff_.stat();
  v.net.mean -= staff_cost_per_day;
  // Days of one period share its penalty: the CI comes from whole blocks.
  v.net.ci95 = v.net_per_block.ci95 / block_days_;
  return v;
}

}  // namespace ccsim
