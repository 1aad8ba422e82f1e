#include "sim/stats/metrics.hpp"

#include <limits>

namespace ccsim {

namespace {
double ratio(double a, double b) { return b > 0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }
}  // namespace

std::vector<double> sum_cells(const CallTally& calls, int q, int first, int last) {
  std::vector<double> s(static_cast<std::size_t>(calls.stride()), 0.0);
  const int q0 = q == calls.queues ? 0 : q;
  const int q1 = q == calls.queues ? calls.queues : q + 1;
  for (int qq = q0; qq < q1; ++qq)
    for (int i = first; i < last; ++i) {
      const double* c = calls.cell(qq, i);
      for (int f = 0; f < calls.stride(); ++f) s[f] += c[f];
    }
  return s;
}

CallMetrics call_metrics(const std::vector<double>& c, int thresholds) {
  CallMetrics m;
  m.offered = c[kOffered];
  m.answered = c[kAnswered];
  m.abandoned = c[kAbandoned];
  m.blocked = c[kBlocked];
  for (int k = 0; k < thresholds; ++k) {
    const double aw = c[kCallFixedFields + k];
    const double abw = c[kCallFixedFields + thresholds + k];
    m.sl_offered.push_back(ratio(aw, m.offered));
    m.sl_answered.push_back(ratio(aw, m.answered));
    m.sl_refined.push_back(ratio(aw, m.offered - abw));
    m.sl_abandoned_met.push_back(ratio(aw + abw, m.offered));
  }
  m.asa = ratio(c[kWaitAnswered], m.answered);
  m.abandon_rate = ratio(m.abandoned, m.offered);
  m.abandon_rate_refined = ratio(m.abandoned - c[kShortAbandoned], m.offered - c[kShortAbandoned]);
  m.mean_wait_all = ratio(c[kWaitAll], m.answered + m.abandoned);
  m.blocked_rate = ratio(m.blocked, m.offered);
  m.redials = c[kRedials];
  m.callers = c[kCallers];
  m.caller_answered_rate = ratio(c[kCallersAnswered], m.callers);
  m.caller_abandon_rate = ratio(c[kCallersAbandoned], m.callers);
  m.caller_blocked_rate = ratio(c[kCallersBlocked], m.callers);
  m.balked = c[kBalked];
  m.disconnected = c[kDisconnected];
  m.messages = c[kMessages];
  m.transferred = c[kTransferred];
  m.transfers_in = c[kTransfersIn];
  m.transfer_asa = ratio(c[kTransfersInWait], c[kTransfersInAnswered]);
  m.callbacks_offered = c[kCallbacksOffered];
  m.callbacks_accepted = c[kCallbacksAccepted];
  m.callbacks_completed = c[kCallbacksCompleted];
  m.time_to_callback = ratio(c[kCallbackWait], c[kCallbacksCompleted]);
  return m;
}

void ratio_terms(const double* c, int thresholds, double* x, double* y) {
  int j = 0;
  auto put = [&](double num, double den) {
    x[j] = num;
    y[j] = den;
    ++j;
  };
  put(c[kWaitAnswered], c[kAnswered]);
  put(c[kAbandoned], c[kOffered]);
  put(c[kAbandoned] - c[kShortAbandoned], c[kOffered] - c[kShortAbandoned]);
  put(c[kWaitAll], c[kAnswered] + c[kAbandoned]);
  put(c[kBlocked], c[kOffered]);
  put(c[kCallersAnswered], c[kCallers]);
  put(c[kCallersAbandoned], c[kCallers]);
  put(c[kCallersBlocked], c[kCallers]);
  put(c[kTransfersInWait], c[kTransfersInAnswered]);
  put(c[kCallbackWait], c[kCallbacksCompleted]);
  const double* aw = c + kCallFixedFields;
  const double* abw = aw + thresholds;
  for (int k = 0; k < thresholds; ++k) put(aw[k], c[kOffered]);
  for (int k = 0; k < thresholds; ++k) put(aw[k], c[kAnswered]);
  for (int k = 0; k < thresholds; ++k) put(aw[k], c[kOffered] - abw[k]);
  for (int k = 0; k < thresholds; ++k) put(aw[k] + abw[k], c[kOffered]);
}

GroupMetrics group_metrics(const GroupTally& groups, int g, int first, int last) {
  GroupMetrics m;
  double busy = 0, present = 0;
  for (int b = first; b < last; ++b) {
    busy += groups.cell(g, b)[kBusyTime];
    present += groups.cell(g, b)[kPresentTime];
  }
  m.busy_hours = busy / 3600.0;
  m.on_duty_hours = present / 3600.0;
  m.occupancy = ratio(busy, present);
  return m;
}

}  // namespace ccsim
