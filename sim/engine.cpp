#include "sim/engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>

#include "sim/streams.hpp"

namespace ccsim {

namespace {
constexpr double kNever = EventHeap::kNever;
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

Engine::Engine(const RunModel& model) : m_(model), qs_(model.queues.size()), gs_(model.groups.size()) {
  int agents = 0;
  for (const auto& g : model.groups)
    for (int s : g.staffing) agents = std::max(agents, s);
  heap_.reserve(static_cast<std::size_t>(agents) * model.groups.size() + 16);
}

// Next arrival strictly after t. Exponential gaps at the current interval's rate; a gap
// that crosses the interval end is discarded and restarted there (memorylessness makes
// this exact for a piecewise-constant Poisson process).
double Engine::next_arrival_after(QueueState& qs, const QueueModel& qm, double t) {
  boost::random::exponential_distribution<double> exp1(1.0);
  for (;;) {
    if (qs.segment >= m_.intervals) return kNever;
    const double end = qs.segment < 0 ? 0.0 : (qs.segment + 1) * m_.interval;
    const double r = qm.rate[qs.segment < 0 ? 0 : qs.segment] * qs.factor;
    if (r > 0) {
      const double x = t + exp1(qs.arrivals) / r;
      if (x < end) return x;
    }
    t = end;
    ++qs.segment;
  }
}

void Engine::run(std::uint64_t seed, std::uint32_t replication, ReplicationResult& out) {
  out_ = &out;
  const int nq = static_cast<int>(m_.queues.size());
  const int T = static_cast<int>(m_.thresholds.size());
  out.calls.reset(nq, m_.intervals, T);
  out.groups.reset(static_cast<int>(m_.groups.size()), m_.intervals + 1);
  out.wait_p90.assign(static_cast<std::size_t>(nq) + 1, 0.0);

  const double t0 = m_.warmup > 0 ? -m_.warmup : 0.0;
  now_ = t0;
  bucket_ = m_.warmup > 0 ? -1 : 0;
  next_boundary_ = m_.warmup > 0 ? 0 : 1;
  next_boundary_time_ = next_boundary_ <= m_.intervals ? next_boundary_ * m_.interval : kNever;
  closing_ = false;
  heap_.clear();

  for (std::uint32_t q = 0; q < qs_.size(); ++q) {
    QueueState& s = qs_[q];
    const QueueModel& qm = m_.queues[q];
    seed_stream(s.arrivals, seed, replication, q, Purpose::arrivals);
    seed_stream(s.handle, seed, replication, q, Purpose::handle_time);
    seed_stream(s.patience, seed, replication, q, Purpose::patience);
    s.factor = 1.0;
    if (qm.forecast_cv > 0) {
      models::Rng f;
      seed_stream(f, seed, replication, q, Purpose::forecast);
      const double shape = 1.0 / (qm.forecast_cv * qm.forecast_cv);
      s.factor = boost::random::gamma_distribution<double>(shape, 1.0 / shape)(f);
    }
    s.waiting.clear();
    s.waits.reset();
    s.segment = m_.warmup > 0 ? -1 : 0;
    s.next_arrival = next_arrival_after(s, qm, t0);
  }
  for (std::uint32_t g = 0; g < gs_.size(); ++g) {
    gs_[g] = GroupState{};
    gs_[g].last_change = t0;
    const int n = m_.intervals > 0 ? m_.groups[g].staffing[0] : 0;
    gs_[g].idle = gs_[g].present = n;
  }

  for (;;) {
    const double ts = heap_.top_time();
    const double tb = next_boundary_time_;
    double ta = kNever;
    std::uint32_t qa = 0;
    for (std::uint32_t q = 0; q < qs_.size(); ++q)
      if (qs_[q].next_arrival < ta) { ta = qs_[q].next_arrival; qa = q; }
    if (ts <= tb && ts <= ta) {
      if (ts >= kNever) break;
      service_end();
    } else if (tb <= ta) {
      boundary();
    } else {
      arrival(qa);
    }
  }
  finish(m_.day_end());

  WaitHistogram all;
  all.reset();
  for (int q = 0; q < nq; ++q) {
    out.wait_p90[q] = qs_[q].waits.quantile(0.9);
    all.merge(qs_[q].waits);
  }
  out.wait_p90[nq] = all.quantile(0.9);
  out_ = nullptr;
}

void Engine::arrival(std::uint32_t q) {
  QueueState& s = qs_[q];
  const QueueModel& qm = m_.queues[q];
  const double t = s.next_arrival;
  now_ = t;
  WaitingCall c;
  c.arrival = t;
  c.interval = s.segment;  // next_arrival_after left the segment at this arrival's interval
  c.handle = qm.handle(s.handle);
  c.deadline = qm.has_patience ? t + qm.patience(s.patience) : kInf;
  s.next_arrival = next_arrival_after(s, qm, t);
  if (c.interval >= 0) out_->calls.cell(static_cast<int>(q), c.interval)[kOffered] += 1;

  // A free agent exists only if every queue of its group is empty, so this call need not
  // look at the queue: the first preferred group with an idle agent takes it now.
  for (std::uint32_t g : qm.groups) {
    if (gs_[g].idle > 0) {
      --gs_[g].idle;
      start_service(g, c, q, t, false);
      return;
    }
  }
  s.waiting.push_back(c);
}

void Engine::start_service(std::uint32_t g, const WaitingCall& c, std::uint32_t q, double t,
                           bool replace_top) {
  ++gs_[g].busy;
  const double end = t + c.handle;
  if (replace_top) heap_.replace_top(end, g);
  else heap_.push(end, g);
  record_answered(q, c, t - c.arrival);
  add_busy(g, t, end);
}

void Engine::service_end() {
  const Completion top = heap_.top();
  const double t = top.time;
  const std::uint32_t g = top.group;
  now_ = t;
  GroupState& gs = gs_[g];
  --gs.busy;
  if (gs.leaving > 0) {  // this agent's shift is over: leave with the call finished
    --gs.leaving;
    heap_.pop();
    flush_present(g, t);
    --gs.present;
    return;
  }
  WaitingCall c;
  const int q = pick_call(g, t, c);
  if (q >= 0) {
    start_service(g, c, static_cast<std::uint32_t>(q), t, true);
    return;
  }
  heap_.pop();
  if (closing_) {  // the day is over and nothing is left for this agent
    flush_present(g, t);
    --gs.present;
  } else {
    ++gs.idle;
  }
}

// Calls whose patience ran out by time t leave the head of the queue. Lazy: an abandon
// needs no event of its own, because in an FCFS queue it changes nothing for the others
// until an agent looks; its wait (= its patience) and interval are known at arrival.
void Engine::purge_abandoned(std::uint32_t q, double t) {
  CallQueue& w = qs_[q].waiting;
  while (!w.empty() && w.front().deadline <= t) {
    const WaitingCall& c = w.front();
    record_abandoned(q, c, c.deadline - c.arrival);
    w.pop_front();
  }
}

int Engine::pick_call(std::uint32_t g, double t, WaitingCall& call) {
  int best = -1;
  int best_priority = 0;
  double best_arrival = 0;
  for (std::uint32_t q : m_.groups[g].serves) {
    purge_abandoned(q, t);
    const CallQueue& w = qs_[q].waiting;
    if (w.empty()) continue;
    const int pr = m_.queues[q].priority;
    const double a = w.front().arrival;
    if (best < 0 || pr > best_priority || (pr == best_priority && a < best_arrival)) {
      best = static_cast<int>(q);
      best_priority = pr;
      best_arrival = a;
    }
  }
  if (best >= 0) {
    call = qs_[best].waiting.front();
    qs_[best].waiting.pop_front();
  }
  return best;
}

void Engine::boundary() {
  const int k = next_boundary_;
  const double t = k * m_.interval;
  now_ = t;
  for (std::uint32_t g = 0; g < gs_.size(); ++g) flush_present(g, t);
  bucket_ = k;
  ++next_boundary_;
  next_boundary_time_ = next_boundary_ <= m_.intervals ? next_boundary_ * m_.interval : kNever;
  if (k < m_.intervals) {
    for (std::uint32_t g = 0; g < gs_.size(); ++g) set_staffing(g, m_.groups[g].staffing[k], t);
    return;
  }
  // Close: idle agents go home; busy ones finish and keep serving until the queue drains.
  closing_ = true;
  for (GroupState& gs : gs_) {
    gs.present -= gs.idle;
    gs.idle = 0;
    gs.leaving = 0;
  }
}

void Engine::set_staffing(std::uint32_t g, int target, double t) {
  GroupState& gs = gs_[g];
  int diff = target - (gs.present - gs.leaving);
  if (diff > 0) {
    const int stay = std::min(gs.leaving, diff);  // agents about to leave stay on instead
    gs.leaving -= stay;
    diff -= stay;
    gs.present += diff;
    for (int a = 0; a < diff; ++a) {
      WaitingCall c;
      const int q = pick_call(g, t, c);
      if (q < 0) {
        gs.idle += diff - a;
        break;
      }
      start_service(g, c, static_cast<std::uint32_t>(q), t, false);
    }
  } else if (diff < 0) {
    const int go_now = std::min(gs.idle, -diff);
    gs.idle -= go_now;
    gs.present -= go_now;
    gs.leaving += -diff - go_now;
  }
}

void Engine::record_answered(std::uint32_t q, const WaitingCall& c, double wait) {
  if (c.interval < 0) return;
  double* cell = out_->calls.cell(static_cast<int>(q), c.interval);
  cell[kAnswered] += 1;
  cell[kWaitAnswered] += wait;
  cell[kWaitAll] += wait;
  const int T = out_->calls.thresholds;
  for (int k = 0; k < T; ++k)
    if (wait <= m_.thresholds[k]) cell[kCallFixedFields + k] += 1;
  qs_[q].waits.add(wait);
}

void Engine::record_abandoned(std::uint32_t q, const WaitingCall& c, double wait) {
  if (c.interval < 0) return;
  double* cell = out_->calls.cell(static_cast<int>(q), c.interval);
  cell[kAbandoned] += 1;
  cell[kWaitAll] += wait;
  if (wait < m_.queues[q].short_abandon) cell[kShortAbandoned] += 1;
  const int T = out_->calls.thresholds;
  for (int k = 0; k < T; ++k)
    if (wait < m_.thresholds[k]) cell[kCallFixedFields + T + k] += 1;
}

// Busy time is booked when a service starts (from = now), split over the buckets it
// spans; warm-up time is not counted and time after the last interval goes to the drain
// bucket. The current bucket is known, so no division is needed to find it.
void Engine::add_busy(std::uint32_t g, double from, double to) {
  if (to <= 0) return;
  if (from < 0) from = 0;
  const int I = m_.intervals;
  int b = bucket_ < 0 ? 0 : bucket_;
  for (;;) {
    const double bend = b < I ? (b + 1) * m_.interval : kInf;
    const double seg_end = std::min(to, bend);
    if (seg_end > from) out_->groups.cell(static_cast<int>(g), b)[kBusyTime] += seg_end - from;
    if (to <= bend) break;
    from = bend;
    ++b;
  }
}

void Engine::flush_present(std::uint32_t g, double t) {
  GroupState& gs = gs_[g];
  if (bucket_ >= 0 && gs.present > 0)
    out_->groups.cell(static_cast<int>(g), bucket_)[kPresentTime] += gs.present * (t - gs.last_change);
  gs.last_change = t;
}

// End of the replication: calls still waiting had no agent left to serve them. Those with
// finite patience abandon at their deadline; the infinitely patient are counted as
// abandoned at the close of the day (the end of the last interval), so their recorded
// wait does not depend on how long other queues took to drain.
void Engine::finish(double t) {
  for (std::uint32_t q = 0; q < qs_.size(); ++q) {
    CallQueue& w = qs_[q].waiting;
    while (!w.empty()) {
      const WaitingCall& c = w.front();
      const double end = std::isfinite(c.deadline) ? c.deadline : std::max(t, c.arrival);
      record_abandoned(q, c, end - c.arrival);
      w.pop_front();
    }
  }
  for (std::uint32_t g = 0; g < gs_.size(); ++g) flush_present(g, now_);
  out_->end_time = now_;
}

}  // namespace ccsim
