#include "sim/engine/engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include "sim/engine/interrupt.hpp"
#include "sim/engine/routing.hpp"
#include "sim/engine/streams.hpp"

namespace ccsim {

// The few small functions on every call's path are inlined into the event loop's
// handlers; the rarer paths (abandon, timers) stay out of line to keep those small.
#define CCSIM_HOT_INLINE [[gnu::always_inline]] inline

namespace {
constexpr double kNever = EventHeap::kNever;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int16_t kTransferredIn = -1;  // WaitingCall::attempt of a call that arrived by transfer
constexpr std::int16_t kCallback = -2;       // WaitingCall::attempt of an accepted callback

// Ranks of simultaneous events (lower first). Timers carry their own (TimerKind).
constexpr int kRankService = 1, kRankBoundary = 2, kRankChange = 3, kRankArrival = 5;
constexpr int kRankTimer = -1;  // marks "a timer won"; its own rank was compared

double gamma_mean_one(models::Rng& rng, double cv) {
  const double shape = 1.0 / (cv * cv);
  return boost::random::gamma_distribution<double>(shape, 1.0 / shape)(rng);
}
}  // namespace

template <bool F>
EngineCore<F>::EngineCore(const RunModel& model) : m_(model), qs_(model.queues.size()), gs_(model.groups.size()) {
  int agents = 0;
  for (const auto& g : model.groups) {
    agents = std::max(agents, g.initial);
    for (const auto& c : model.changes) agents = std::max(agents, c.target);
  }
  heap_.reserve(static_cast<std::size_t>(agents) * model.groups.size() + 16);
  for (std::uint32_t g = 0; g < model.groups.size(); ++g) {
    if (model.groups[g].absence <= 0) continue;
    int most = model.groups[g].initial;
    for (const auto& c : model.changes)
      if (c.group == g) most = std::max(most, c.target);
    gs_[g].present_upto.assign(static_cast<std::size_t>(most) + 1, 0);
  }
  has_callbacks_ = model.callbacks();
  has_transfers_ = model.transfers();
  arrivals_.reserve(model.queues.size());
}

template <bool F>
int EngineCore<F>::interval_of(double t) const {
  if (t < 0) return -1;
  return std::min(static_cast<int>(t / m_.interval), m_.intervals - 1);
}

// Next arrival strictly after t. Exponential gaps at the current interval's rate; a gap
// that crosses the interval end is discarded and restarted there (memorylessness makes
// this exact for a piecewise-constant Poisson process).
template <bool F>
CCSIM_HOT_INLINE double EngineCore<F>::next_arrival_after(QueueState& qs, const QueueModel& qm, double t) {
  (void)qm;
  boost::random::exponential_distribution<double> exp1(1.0);
  for (;;) {
    if (qs.segment >= m_.intervals) return kNever;
    const int i = qs.segment < 0 ? 0 : qs.segment;
    const double end = qs.segment < 0 ? 0.0 : (qs.segment + 1) * m_.interval;
    const double r = qs.rate[static_cast<std::size_t>(i)];
    if (r > 0) {
      const double x = t + exp1(qs.arrivals) / r;
      if (x < end) return x;
    }
    t = end;
    ++qs.segment;
  }
}

template <bool F>
double EngineCore<F>::next_trace_arrival(QueueState& qs, const QueueModel& qm) {
  const auto& tr = *qm.trace;
  while (qs.trace_next < tr.size() && tr[qs.trace_next].arrival < -m_.warmup) ++qs.trace_next;
  return qs.trace_next < tr.size() ? tr[qs.trace_next].arrival : kNever;
}

template <bool F>
void EngineCore<F>::run(std::uint64_t seed, std::uint32_t replication, ReplicationResult& out) {
  out_ = &out;
  replication_ = static_cast<std::int32_t>(replication);
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
  next_change_ = 0;
  next_change_time_ = m_.changes.empty() ? kNever : m_.changes[0].time;
  closing_ = false;
  heap_.clear();
  timers_.clear();
  arrivals_.clear();

  // Shared forecast error first: each factor from its own streams, whichever queues use it.
  // A horizon of several days draws one factor per day, day by day from the same stream
  // (so day 1's is the one-day run's).
  const int per_day = m_.day_intervals > 0 ? m_.day_intervals : m_.intervals;
  const int days = per_day > 0 ? (m_.intervals + per_day - 1) / per_day : 1;
  const auto day_of = [per_day](std::size_t i) { return per_day > 0 ? i / static_cast<std::size_t>(per_day) : 0; };
  factor_day_.resize(m_.day_factors.size());
  factor_interval_.resize(m_.day_factors.size());
  for (std::uint32_t f = 0; f < m_.day_factors.size(); ++f) {
    const DayFactorModel& fm = m_.day_factors[f];
    factor_day_[f].assign(static_cast<std::size_t>(days), 1.0);
    if (fm.cv > 0) {
      models::Rng r;
      seed_stream(r, seed, replication, f, Purpose::shared_forecast);
      for (double& x : factor_day_[f]) x = gamma_mean_one(r, fm.cv);
    }
    factor_interval_[f].assign(static_cast<std::size_t>(m_.intervals), 1.0);
    if (fm.interval_cv > 0) {
      models::Rng r;
      seed_stream(r, seed, replication, f, Purpose::shared_interval_noise);
      for (double& x : factor_interval_[f]) x = gamma_mean_one(r, fm.interval_cv);
    }
  }
  for (std::uint32_t q = 0; q < qs_.size(); ++q) {
    QueueState& s = qs_[q];
    const QueueModel& qm = m_.queues[q];
    seed_stream(s.arrivals, seed, replication, q, Purpose::arrivals);
    seed_stream(s.handle, seed, replication, q, Purpose::handle_time);
    seed_stream(s.patience, seed, replication, q, Purpose::patience);
    // Streams only some features use are seeded only when used (seeding costs ~1 us).
    if (qm.has_wrap_up) seed_stream(s.wrap, seed, replication, q, Purpose::wrap_up);
    if (qm.retrials()) seed_stream(s.retry, seed, replication, q, Purpose::retry);
    if (qm.has_skill_handle) seed_stream(s.skill, seed, replication, q, Purpose::skill_handle);
    if (qm.agent_choice == models::AgentChoice::random) seed_stream(s.routing, seed, replication, q, Purpose::routing);
    if (!qm.balk.empty()) seed_stream(s.balk, seed, replication, q, Purpose::balk);
    if (!qm.transfer_to.empty()) seed_stream(s.transfer, seed, replication, q, Purpose::transfer);
    if (qm.has_callback) seed_stream(s.callback, seed, replication, q, Purpose::callback);
    // This day's rates: the forecast's, times the queue's own and the shared day factors
    // (one per simulated day) and each interval's noise.
    day_scale_.assign(static_cast<std::size_t>(days), 1.0);
    if (qm.forecast_cv > 0) {
      models::Rng f;
      seed_stream(f, seed, replication, q, Purpose::forecast);
      for (double& x : day_scale_) x = gamma_mean_one(f, qm.forecast_cv);
    }
    for (const std::uint32_t f : qm.day_factors)
      for (std::size_t d = 0; d < day_scale_.size(); ++d) day_scale_[d] *= factor_day_[f][d];
    s.factor = day_scale_[0];
    s.rate.assign(qm.rate.begin(), qm.rate.end());
    if (days == 1)
      for (double& r : s.rate) r *= s.factor;
    else
      for (std::size_t i = 0; i < s.rate.size(); ++i)
        s.rate[i] *= day_scale_[std::min(day_of(i), day_scale_.size() - 1)];
    for (const std::uint32_t f : qm.day_factors)
      if (m_.day_factors[f].interval_cv > 0)
        for (std::size_t i = 0; i < s.rate.size(); ++i) s.rate[i] *= factor_interval_[f][i];
    if (qm.interval_cv > 0) {
      models::Rng f;
      seed_stream(f, seed, replication, q, Purpose::interval_noise);
      for (double& r : s.rate) r *= gamma_mean_one(f, qm.interval_cv);
    }
    s.waiting.clear();
    s.callbacks.clear();
    s.waits.reset();
    s.pending_transfers = 0;
    s.segment = m_.warmup > 0 ? -1 : 0;
    s.trace_next = 0;
    s.next_arrival = qm.trace ? next_trace_arrival(s, qm) : next_arrival_after(s, qm, t0);
    arrivals_.push(s.next_arrival, q);
  }
  if (qs_.empty()) arrivals_.push(kNever, 0);  // never chosen; spares the loop a check
  for (std::uint32_t g = 0; g < gs_.size(); ++g) {
    GroupState& gs = gs_[g];
    gs.idle = gs.busy = gs.leaving = gs.present = 0;
    gs.since.clear();  // keeps its storage
    gs.last_change = t0;
    if (!gs.present_upto.empty()) {
      // Absence: each schedule position is away all day with probability `absence`, from
      // the group's own stream, so more staffing adds positions without moving the others.
      seed_stream(gs.absence_rng, seed, replication, g, Purpose::absence);
      draw_absence(g);
    }
    gs.target = m_.groups[g].initial;
    gs.present = coming(g, m_.groups[g].initial);
    add_idle(g, t0, gs.present);
  }

  for (;;) {
    // The next event is the earliest by (time, rank); see the order in sim/engine/engine.hpp. The
    // candidates are compared in rank order with strict <, so ties go to the lower rank.
    double best = heap_.top_time();
    int kind = kRankService;
    if (next_boundary_time_ < best) {
      best = next_boundary_time_;
      kind = kRankBoundary;
    }
    if (next_change_time_ < best) {
      best = next_change_time_;
      kind = kRankChange;
    }
    // The earliest next arrival; among equal times the lowest queue (ArrivalHeap's order).
    const std::uint32_t qa = arrivals_.top().queue;
    if (arrivals_.top().time < best) {
      best = arrivals_.top().time;
      kind = kRankArrival;
    }
    if (F && !timers_.empty()) {
      const Timer& tm = timers_.top();
      const int rank = static_cast<int>(tm.kind);
      if (tm.time < best || (tm.time == best && rank < kind)) {
        best = tm.time;
        kind = kRankTimer;
      }
    }
    if (best >= kNever) break;
    if (--poll_ == 0) {
      poll_ = kPollEvents;
      if (stop_on_interrupt_) throw_if_interrupted();
    }
    if (kind == kRankService)
      service_end();
    else if (kind == kRankArrival) {
      arrival(qa);
      arrivals_.replace_top_time(qs_[qa].next_arrival);
    } else if (kind == kRankBoundary)
      boundary();
    else if (kind == kRankChange)
      staffing_change();
    else
      timer();
    // In the drain, agents kept for a transfer that can no longer come go home.
    if (F && closing_ && has_transfers_) release_idle_after_close();
  }
  finish(m_.day_end());

  WaitHistogram& all = all_waits_;
  all.reset();
  for (int q = 0; q < nq; ++q) {
    out.wait_p90[static_cast<std::size_t>(q)] = qs_[q].waits.quantile(0.9);
    all.merge(qs_[q].waits);
  }
  out.wait_p90[static_cast<std::size_t>(nq)] = all.quantile(0.9);
  out_ = nullptr;
}

// A fresh call arrives (Poisson or trace). Flattened: with two engine cores g++ otherwise
// calls one shared copy of Boost's exponential variate three times per call (+4% work).
template <bool F>
[[gnu::flatten]] void EngineCore<F>::arrival(std::uint32_t q) {
  QueueState& s = qs_[q];
  const QueueModel& qm = m_.queues[q];
  WaitingCall c;
  c.arrival = s.next_arrival;
  if constexpr (F) {
    c.attempt = qm.retrials() ? 1 : 0;
    if (qm.trace) {
      const TraceCall& tc = (*qm.trace)[s.trace_next++];
      c.interval = c.first_interval = interval_of(c.arrival);
      c.handle = std::isnan(tc.handle) ? -1 : tc.handle;  // -1: offer() draws it
      // NaN: offer() draws it. Not a negative number: a warm-up call's recorded deadline
      // may lie before time 0, and must stand.
      c.deadline = std::isnan(tc.patience) ? kNaN : c.arrival + tc.patience;
      s.next_arrival = next_trace_arrival(s, qm);
      offer(q, c);
      return;
    }
  }
  // The common case: a Poisson arrival draws its handle time, wrap-up and patience now.
  c.interval = s.segment;  // the segment is this arrival's interval
  if constexpr (F) {
    // Per-interval distributions (the full core only): those of the arrival's interval.
    c.handle = qm.handle_in(c.interval)(s.handle);
    c.first_interval = c.interval;
    c.wrap = qm.has_wrap_up ? static_cast<float>(qm.wrap_up_in(c.interval)(s.wrap)) : 0.0f;
    c.deadline = qm.has_patience ? c.arrival + qm.patience_in(c.interval)(s.patience) : kInf;
  } else {
    c.handle = qm.handle(s.handle);
    c.deadline = qm.has_patience ? c.arrival + qm.patience(s.patience) : kInf;
  }
  s.next_arrival = next_arrival_after(s, qm, c.arrival);
  route(q, c);
}

// An attempt (first or redial) reaches queue q at c.arrival. Handle time, wrap-up and
// patience are drawn here, from the queue's own streams.
template <bool F>
void EngineCore<F>::offer(std::uint32_t q, WaitingCall& c) {
  QueueState& s = qs_[q];
  const QueueModel& qm = m_.queues[q];
  // The distributions of the interval this attempt arrives in (redials and transfers too).
  const int i = qm.by_interval() ? interval_of(c.arrival) : 0;
  if (c.handle < 0) c.handle = qm.handle_in(i)(s.handle);
  if constexpr (F) c.wrap = qm.has_wrap_up ? static_cast<float>(qm.wrap_up_in(i)(s.wrap)) : 0.0f;
  if (std::isnan(c.deadline)) c.deadline = qm.has_patience ? c.arrival + qm.patience_in(i)(s.patience) : kInf;
  route(q, c);
}

// Counts the attempt and sends it to a free agent, the queue, or a busy signal.
template <bool F>
CCSIM_HOT_INLINE void EngineCore<F>::route(std::uint32_t q, const WaitingCall& c) {
  QueueState& s = qs_[q];
  const QueueModel& qm = m_.queues[q];
  const double t = c.arrival;
  now_ = t;
  if (c.interval >= 0) {
    double* cell = out_->calls.cell(static_cast<int>(q), c.interval);
    cell[kOffered] += 1;
    if (F && c.attempt > 0) cell[c.attempt == 1 ? kCallers : kRedials] += 1;  // retrial queues only
  }

  // One draw per attempt whatever happens to it, so the streams stay aligned across
  // staffing plans (common random numbers).
  double u_balk = 0, u_callback = 0;
  if (F && !qm.balk.empty()) u_balk = boost::random::uniform_01<double>()(s.balk);
  if (F && qm.has_callback) u_callback = boost::random::uniform_01<double>()(s.callback);
  // A free agent of a group that takes this queue's calls at once exists only if all its
  // eligible queues are empty, so this call need not look at the queue.
  int pick;
  if (F && qm.agent_choice != models::AgentChoice::group_order)
    pick = choose_group(q, qm);
  else
    pick = pick_group<F>(qm, [this](std::uint32_t g) { return gs_[g].idle > 0; });
  if (pick >= 0) {
    const std::uint32_t g = qm.groups[static_cast<std::size_t>(pick)];
    take_idle(g);
    start_service(g, c, q, t, false);
    return;
  }
  CallQueue& w = s.waiting;
  if (!F || qm.plain) {  // no capacity, retrials or overflow: just wait
    w.push_back(c);
    return;
  }
  if (qm.capacity >= 0 && static_cast<int>(w.size()) >= qm.capacity) {
    // Lazily kept abandons may still sit in the queue: drop them for an exact count.
    w.remove_if([t](const WaitingCall& x) { return x.deadline <= t; },
                [this, q](const WaitingCall& x) { abandon(q, x); });
    if (static_cast<int>(w.size()) >= qm.capacity) {
      if (c.interval >= 0) {
        out_->calls.cell(static_cast<int>(q), c.interval)[kBlocked] += 1;
        if (F && log_) log_call(q, c, 0.0, CallOutcome::blocked, -1, std::nan(""));
      }
      fail(q, c, t, true);
      return;
    }
  }
  if constexpr (F) {
    if (qm.has_callback && c.attempt != kTransferredIn && offers_callback(q, qm, t)) {
      double* cell = c.interval >= 0 ? out_->calls.cell(static_cast<int>(q), c.interval) : nullptr;
      if (cell) cell[kCallbacksOffered] += 1;
      if (u_callback < qm.callback_accept) {
        if (cell) cell[kCallbacksAccepted] += 1;
        WaitingCall cb = c;
        cb.attempt = kCallback;
        s.callbacks.push_back(cb);
        return;
      }
    }
  }
  if (!qm.balk.empty() && balks(q, qm, u_balk, t)) {
    if (c.interval >= 0) {
      out_->calls.cell(static_cast<int>(q), c.interval)[kBalked] += 1;
      record_abandoned(q, c, 0.0);
    }
    fail(q, c, t, false);
    return;
  }
  w.push_back(c);
  if (qm.retrials() && std::isfinite(c.deadline)) timers_.push({c.deadline, TimerKind::abandon, q, 0, 0, 0, 0});
  if (qm.has_overflow)
    for (std::size_t k = 0; k < qm.groups.size(); ++k)
      if (qm.group_overflow[k] > 0)
        timers_.push({t + qm.group_overflow[k], TimerKind::overflow, q, qm.groups[k], 0, 0, 0});
}

template <bool F>
void EngineCore<F>::timer() {
  const Timer tm = timers_.top();
  timers_.pop();
  now_ = tm.time;
  switch (tm.kind) {
    case TimerKind::abandon:  // retrial queues abandon on time, so a redial never lies in the past
      qs_[tm.queue].waiting.remove_if([t = tm.time](const WaitingCall& x) { return x.deadline <= t; },
                                      [this, q = tm.queue](const WaitingCall& x) { abandon(q, x); });
      break;
    case TimerKind::overflow: {  // a call may now have waited long enough for this group
      GroupState& gs = gs_[tm.group];
      if (gs.idle > 0) {
        WaitingCall c;
        const int q = pick_call(tm.group, tm.time, c);
        if (q >= 0) {
          take_idle(tm.group);
          start_service(tm.group, c, static_cast<std::uint32_t>(q), tm.time, false);
        }
        if (closing_) send_idle_home_if_done(tm.group);
      }
      break;
    }
    case TimerKind::transfer: {
      if constexpr (F) {  // only queues with transfers set these
        WaitingCall c;
        c.arrival = tm.time;
        c.interval = interval_of(tm.time);
        c.first_interval = -1;
        c.attempt = kTransferredIn;
        c.handle = -1;
        c.deadline = kNaN;  // offer() draws the destination's patience
        if (c.interval >= 0) out_->calls.cell(static_cast<int>(tm.queue), c.interval)[kTransfersIn] += 1;
        --qs_[tm.queue].pending_transfers;
        offer(tm.queue, c);
        // After the close, agents stayed for this call; those left idle may now go.
        if (closing_)
          for (const std::uint32_t g : m_.queues[tm.queue].groups) send_idle_home_if_done(g);
      }
      break;
    }
    case TimerKind::redial: {
      if constexpr (F) {  // only retrial queues set redial timers
        WaitingCall c;
        c.arrival = tm.time;
        c.interval = interval_of(tm.time);
        c.first_interval = tm.first_interval;
        c.attempt = static_cast<std::int16_t>(tm.attempt);
        c.handle = -1;
        c.deadline = std::isnan(tm.patience) ? kNaN : tm.time + tm.patience;  // NaN: offer() draws it
        offer(tm.queue, c);
      }
      break;
    }
  }
}

// An attempt failed (abandoned at t = its deadline, or blocked at t): the caller redials
// or is lost.
template <bool F>
void EngineCore<F>::fail(std::uint32_t q, const WaitingCall& c, double t, bool blocked) {
  const QueueModel& qm = m_.queues[q];
  if (qm.retrials() && c.attempt != kTransferredIn && c.attempt < qm.max_attempts) {
    QueueState& s = qs_[q];
    if (boost::random::uniform_01<double>()(s.retry) < qm.retry_probability) {
      const double when = t + qm.retry_delay(s.retry);
      // After the last interval no calls arrive: a redial then is a lost caller.
      if (when < m_.day_end()) {
        const double patience = qm.keep_patience ? c.deadline - c.arrival : kNaN;
        timers_.push({when, TimerKind::redial, q, 0, c.attempt + 1, c.first_interval, 0, patience});
        return;
      }
    }
  }
  if (c.attempt > 0 && c.first_interval >= 0)
    out_->calls.cell(static_cast<int>(q), c.first_interval)[blocked ? kCallersBlocked : kCallersAbandoned] += 1;
}

template <bool F>
void EngineCore<F>::start_service(std::uint32_t g, const WaitingCall& c, std::uint32_t q, double t, bool replace_top) {
  ++gs_[g].busy;
  const GroupModel& gm = m_.groups[g];
  double handle = c.handle;
  if (F && gm.has_skills) {
    // A group-specific distribution (drawn now, from the queue's skill stream), or the
    // call's own handle time scaled by the group's efficiency.
    const ServedQueue* sq = nullptr;
    for (const ServedQueue& x : gm.serves)
      if (x.queue == q) {
        sq = &x;
        break;
      }
    if (sq && sq->has_handle_override)
      handle = sq->handle_override_in(sq->handle_override_by.empty() ? 0 : interval_of(c.arrival))(qs_[q].skill);
    else
      handle /= gm.efficiency;
  }
  const double end = F ? t + handle + c.wrap : t + handle;
  if (replace_top)
    heap_.replace_top(end, g);
  else
    heap_.push(end, g);
  if (F && c.attempt == kCallback) {  // a callback made: counted on its own, not answered
    if (c.interval >= 0) {
      double* cell = out_->calls.cell(static_cast<int>(q), c.interval);
      cell[kCallbacksCompleted] += 1;
      cell[kCallbackWait] += t - c.arrival;
      if (log_) log_call(q, c, t - c.arrival, CallOutcome::callback, static_cast<int>(g), handle);
    }
  } else {
    record_answered(q, c, t - c.arrival);
    if (F && log_ && c.interval >= 0) log_call(q, c, t - c.arrival, CallOutcome::answered, static_cast<int>(g), handle);
  }
  add_busy(g, t, end);
  if (F && !m_.queues[q].transfer_to.empty() && c.attempt != kTransferredIn) transfer_after(q, c, t + handle);
}

template <bool F>
void EngineCore<F>::service_end() {
  const Completion top = heap_.top();
  const double t = top.time;
  const std::uint32_t g = top.group;
  now_ = t;
  GroupState& gs = gs_[g];
  --gs.busy;
  if (gs.leaving > 0) {  // this agent's shift or break has begun: go, the call finished
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
  if (closing_ && !(F && expects_transfer(g))) {  // the day is over and nothing is left for this agent
    flush_present(g, t);
    --gs.present;
  } else {
    add_idle(g, t, 1);
  }
}

// Calls whose patience ran out by time t leave the head of the queue. Lazy: an abandon
// needs no event of its own, because in an FCFS queue it changes nothing for the others
// until an agent looks; its wait (= its patience) and interval are known at arrival.
// (Queues with retrials abandon on time through timers instead; see timer().)
template <bool F>
CCSIM_HOT_INLINE void EngineCore<F>::purge_abandoned(std::uint32_t q, double t) {
  CallQueue& w = qs_[q].waiting;
  while (!w.empty() && w.front().deadline <= t) {
    const WaitingCall c = w.front();
    w.pop_front();
    abandon(q, c);
  }
}

template <bool F>
[[gnu::noinline]] void EngineCore<F>::abandon(std::uint32_t q, const WaitingCall& c) {
  record_abandoned(q, c, c.deadline - c.arrival);
  fail(q, c, c.deadline, false);
}

// The call an agent of group g who frees up at t takes (sim/engine/routing.hpp, rule 3).
template <bool F>
int EngineCore<F>::pick_call(std::uint32_t g, double t, WaitingCall& call) {
  const int best = pick_queue<F>(m_, m_.groups[g], t, [this, t](std::uint32_t q, double& a) {
    purge_abandoned(q, t);
    const CallQueue& w = qs_[q].waiting;
    if (w.empty()) return false;
    a = w.front().arrival;
    return true;
  });
  if (best >= 0) {
    call = qs_[best].waiting.front();
    qs_[best].waiting.pop_front();
    return best;
  }
  if (F && has_callbacks_) return pick_callback(g, call);
  return best;
}

// No live call for group g: the oldest callback of the queues it may take at once
// (docs/routing.md, "Callbacks"); ties in serves order.
template <bool F>
int EngineCore<F>::pick_callback(std::uint32_t g, WaitingCall& call) {
  int best = -1;
  double oldest = 0;
  for (const ServedQueue& sq : m_.groups[g].serves) {
    const CallQueue& cb = qs_[sq.queue].callbacks;
    if (sq.overflow_after > 0 || cb.empty()) continue;
    if (best < 0 || cb.front().arrival < oldest) {
      best = static_cast<int>(sq.queue);
      oldest = cb.front().arrival;
    }
  }
  if (best >= 0) {
    call = qs_[best].callbacks.front();
    qs_[best].callbacks.pop_front();
  }
  return best;
}

template <bool F>
bool EngineCore<F>::callbacks_waiting(std::uint32_t g) const {
  for (const ServedQueue& sq : m_.groups[g].serves)
    if (sq.overflow_after <= 0 && !qs_[sq.queue].callbacks.empty()) return true;
  return false;
}

// Whether a caller of queue q who must wait at t is offered a callback: the expected wait
// (waiting + 1) x mean handle / agents on duty in the groups that take q at once exceeds
// offer_after (docs/routing.md). The waiting calls are counted exactly.
template <bool F>
bool EngineCore<F>::offers_callback(std::uint32_t q, const QueueModel& qm, double t) {
  CallQueue& w = qs_[q].waiting;
  w.remove_if([t](const WaitingCall& x) { return x.deadline <= t; },
              [this, q](const WaitingCall& x) { abandon(q, x); });
  int agents = 0;
  for (std::size_t k = 0; k < qm.groups.size(); ++k)
    if (!qm.has_overflow || qm.group_overflow[k] <= 0) agents += gs_[qm.groups[k]].present - gs_[qm.groups[k]].leaving;
  if (agents <= 0) return true;
  const double mean = qm.callback_handle_by.empty()
                          ? qm.callback_handle
                          : qm.callback_handle_by[QueueModel::pick(interval_of(t), qm.callback_handle_by.size())];
  return (static_cast<double>(w.size()) + 1) * mean / agents > qm.callback_after;
}

template <bool F>
void EngineCore<F>::boundary() {
  // A long replication (a horizon of many days) stops within one interval of Ctrl-C.
  if (stop_on_interrupt_) throw_if_interrupted();
  const int k = next_boundary_;
  const double t = k * m_.interval;
  now_ = t;
  for (std::uint32_t g = 0; g < gs_.size(); ++g) flush_present(g, t);
  bucket_ = k;
  ++next_boundary_;
  next_boundary_time_ = next_boundary_ <= m_.intervals ? next_boundary_ * m_.interval : kNever;
  if (k < m_.intervals && k > 0 && m_.day_intervals > 0 && k % m_.day_intervals == 0) {
    // A new day of a carried-over horizon: its own absent positions. Agents now away
    // finish the call in hand, as at the end of a shift.
    for (std::uint32_t g = 0; g < gs_.size(); ++g) {
      if (gs_[g].present_upto.empty()) continue;
      draw_absence(g);
      set_staffing(g, coming(g, gs_[g].target), t);
    }
  }
  if (k < m_.intervals) return;
  // Close: busy agents finish and keep serving until the queue drains; idle agents go
  // home unless calls they will be allowed to take (delayed overflow) are still waiting.
  closing_ = true;
  if (F)
    for (std::uint32_t q = 0; q < qs_.size(); ++q)
      if (m_.queues[q].at_close != models::AtClose::drain) close_queue(q, t);
  for (std::uint32_t g = 0; g < gs_.size(); ++g) {
    gs_[g].leaving = 0;
    send_idle_home_if_done(g);
  }
}

// After the close, idle agents of group g leave once no queue they serve has a call.
// After the close, whether a transfer may still reach a queue group g serves: one already
// drawn and on its way, or a caller (not a transfer) still waiting at a queue that
// transfers there, who may yet be answered and passed on.
template <bool F>
bool EngineCore<F>::expects_transfer(std::uint32_t g) const {
  const double t = now_;
  for (const ServedQueue& sq : m_.groups[g].serves) {
    if (qs_[sq.queue].pending_transfers > 0) return true;
    for (const std::uint32_t s : m_.queues[sq.queue].transfer_from)
      if (qs_[s].waiting.any([t](const WaitingCall& c) { return c.attempt != kTransferredIn && c.deadline > t; }))
        return true;
  }
  return false;
}

// After the close, once a transfer can no longer come, idle agents kept for it may go.
template <bool F>
void EngineCore<F>::release_idle_after_close() {
  for (std::uint32_t g = 0; g < gs_.size(); ++g) send_idle_home_if_done(g);
}

template <bool F>
void EngineCore<F>::send_idle_home_if_done(std::uint32_t g) {
  GroupState& gs = gs_[g];
  if (gs.idle == 0) return;
  for (const ServedQueue& sq : m_.groups[g].serves)
    if (!qs_[sq.queue].waiting.empty()) return;
  if (F && (expects_transfer(g) || (has_callbacks_ && callbacks_waiting(g)))) return;
  flush_present(g, now_);  // their time on duty up to now counts (they may have stayed past the close)
  gs.present -= gs.idle;
  drop_idle(g, gs.idle);
}

template <bool F>
void EngineCore<F>::staffing_change() {
  const StaffChange& c = m_.changes[next_change_++];
  next_change_time_ = next_change_ < m_.changes.size() ? m_.changes[next_change_].time : kNever;
  now_ = c.time;
  gs_[c.group].target = c.target;
  set_staffing(c.group, coming(c.group, c.target), c.time);
}

// The schedule positions present this day (absence), the next draws of the group's stream.
template <bool F>
void EngineCore<F>::draw_absence(std::uint32_t g) {
  GroupState& gs = gs_[g];
  boost::random::uniform_01<double> u;
  for (std::size_t k = 1; k < gs.present_upto.size(); ++k)
    gs.present_upto[k] = gs.present_upto[k - 1] + (u(gs.absence_rng) < m_.groups[g].absence ? 0 : 1);
}

template <bool F>
void EngineCore<F>::set_staffing(std::uint32_t g, int target, double t) {
  GroupState& gs = gs_[g];
  flush_present(g, t);
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
        add_idle(g, t, diff - a);
        break;
      }
      start_service(g, c, static_cast<std::uint32_t>(q), t, false);
    }
  } else if (diff < 0) {
    const int go_now = std::min(gs.idle, -diff);
    drop_idle(g, go_now);
    gs.present -= go_now;
    gs.leaving += -diff - go_now;
  }
}

template <bool F>
CCSIM_HOT_INLINE void EngineCore<F>::take_idle(std::uint32_t g) {
  --gs_[g].idle;
  if (F && m_.track_idle) gs_[g].since.pop_oldest();
}

template <bool F>
CCSIM_HOT_INLINE void EngineCore<F>::add_idle(std::uint32_t g, double t, int n) {
  gs_[g].idle += n;
  if (F && m_.track_idle) gs_[g].since.push(t, n);
}

template <bool F>
void EngineCore<F>::drop_idle(std::uint32_t g, int n) {
  gs_[g].idle -= n;
  if (F && m_.track_idle) gs_[g].since.pop_newest(n);
}

// An answered call of queue q whose talk ends at `when` may be passed on (docs/routing.md,
// "Transfers"): one draw from q's transfer stream picks a destination or none.
template <bool F>
[[gnu::noinline]] void EngineCore<F>::transfer_after(std::uint32_t q, const WaitingCall& c, double when) {
  const QueueModel& qm = m_.queues[q];
  const double u = boost::random::uniform_01<double>()(qs_[q].transfer);
  for (std::size_t k = 0; k < qm.transfer_to.size(); ++k)
    if (u < qm.transfer_cum[k]) {
      if (c.interval >= 0) out_->calls.cell(static_cast<int>(q), c.interval)[kTransferred] += 1;
      timers_.push({when, TimerKind::transfer, qm.transfer_to[k], 0, 0, 0, 0});
      ++qs_[qm.transfer_to[k]].pending_transfers;
      return;
    }
}

// The queue's agent_choice other than group_order (sim/engine/routing.hpp, rule 2).
template <bool F>
[[gnu::noinline]] int EngineCore<F>::choose_group(std::uint32_t q, const QueueModel& qm) {
  const double u =
      qm.agent_choice == models::AgentChoice::random ? boost::random::uniform_01<double>()(qs_[q].routing) : 0.0;
  return pick_group_by_rule(
      qm, u, [this](std::uint32_t g) { return gs_[g].idle; }, [this](std::uint32_t g) { return gs_[g].busy; },
      [this](std::uint32_t g) { return gs_[g].since.size() ? gs_[g].since.oldest() : 0.0; });
}

// Whether a call that must wait at t balks (docs/routing.md, "Balking"). With a list, the
// calls already waiting are counted exactly: those whose patience ran out leave first.
template <bool F>
bool EngineCore<F>::balks(std::uint32_t q, const QueueModel& qm, double u, double t) {
  double p = qm.balk[0];
  if (qm.balk.size() > 1) {
    CallQueue& w = qs_[q].waiting;
    w.remove_if([t](const WaitingCall& x) { return x.deadline <= t; },
                [this, q](const WaitingCall& x) { abandon(q, x); });
    p = qm.balk[std::min(w.size(), qm.balk.size() - 1)];
  }
  return u < p;
}

// The close of a queue with at_close disconnect or message: callers whose patience ran
// out by t abandoned; the rest leave now, counted as their own outcome. Nobody redials.
template <bool F>
void EngineCore<F>::close_queue(std::uint32_t q, double t) {
  purge_abandoned(q, t);
  const bool message = m_.queues[q].at_close == models::AtClose::message;
  CallQueue& w = qs_[q].waiting;
  while (!w.empty()) {
    const WaitingCall c = w.front();
    w.pop_front();
    if (c.deadline <= t) {  // a retrial queue's abandon is due at this very moment
      abandon(q, c);
      continue;
    }
    if (c.interval < 0) continue;
    out_->calls.cell(static_cast<int>(q), c.interval)[message ? kMessages : kDisconnected] += 1;
    if (F && log_)
      log_call(q, c, t - c.arrival, message ? CallOutcome::message : CallOutcome::disconnected, -1, std::nan(""));
  }
}

template <bool F>
CCSIM_HOT_INLINE void EngineCore<F>::record_answered(std::uint32_t q, const WaitingCall& c, double wait) {
  if (F && c.attempt > 0 && c.first_interval >= 0)  // retrial queues: the caller got through
    out_->calls.cell(static_cast<int>(q), c.first_interval)[kCallersAnswered] += 1;
  if (c.interval < 0) return;
  double* cell = out_->calls.cell(static_cast<int>(q), c.interval);
  cell[kAnswered] += 1;
  cell[kWaitAnswered] += wait;
  if (F && c.attempt == kTransferredIn) {
    cell[kTransfersInAnswered] += 1;
    cell[kTransfersInWait] += wait;
  }
  cell[kWaitAll] += wait;
  const int T = out_->calls.thresholds;
  for (int k = 0; k < T; ++k)
    if (wait <= m_.thresholds[static_cast<std::size_t>(k)]) cell[kCallFixedFields + k] += 1;
  qs_[q].waits.add(wait);
}

template <bool F>
void EngineCore<F>::record_abandoned(std::uint32_t q, const WaitingCall& c, double wait) {
  if (c.interval < 0) return;
  double* cell = out_->calls.cell(static_cast<int>(q), c.interval);
  cell[kAbandoned] += 1;
  cell[kWaitAll] += wait;
  if (wait < m_.queues[q].short_abandon) cell[kShortAbandoned] += 1;
  const int T = out_->calls.thresholds;
  for (int k = 0; k < T; ++k)
    if (wait < m_.thresholds[static_cast<std::size_t>(k)]) cell[kCallFixedFields + T + k] += 1;
  if (F && log_) log_call(q, c, wait, CallOutcome::abandoned, -1, std::nan(""));
}

template <bool F>
[[gnu::noinline]] void EngineCore<F>::log_call(std::uint32_t q, const WaitingCall& c, double wait, CallOutcome outcome,
                                               int group, double handle) {
  log_->add(CallRecord{c.arrival + log_offset_, wait, handle, replication_, static_cast<std::int16_t>(q),
                       static_cast<std::int16_t>(group), static_cast<std::int16_t>(c.attempt > 0 ? c.attempt : 1),
                       outcome});
}

// Busy time (handle + wrap-up) is booked when a service starts (from = now), split over
// the buckets it spans; warm-up time is not counted and time after the last interval goes
// to the drain bucket. The current bucket is known, so no division is needed to find it.
template <bool F>
void EngineCore<F>::add_busy(std::uint32_t g, double from, double to) {
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

template <bool F>
void EngineCore<F>::flush_present(std::uint32_t g, double t) {
  GroupState& gs = gs_[g];
  if (bucket_ >= 0 && gs.present > 0)
    out_->groups.cell(static_cast<int>(g), bucket_)[kPresentTime] += gs.present * (t - gs.last_change);
  gs.last_change = t;
}

// End of the replication: calls still waiting had no agent left to serve them. Those with
// finite patience abandon at their deadline; the infinitely patient are counted as
// abandoned at the close of the day (the end of the last interval), so their recorded
// wait does not depend on how long other queues took to drain. Nobody redials then.
template <bool F>
void EngineCore<F>::finish(double close) {
  for (std::uint32_t q = 0; q < qs_.size(); ++q) {
    CallQueue& w = qs_[q].waiting;
    while (!w.empty()) {
      const WaitingCall c = w.front();
      w.pop_front();
      const double end = std::isfinite(c.deadline) ? c.deadline : std::max(close, c.arrival);
      record_abandoned(q, c, end - c.arrival);
      if (c.attempt > 0 && c.first_interval >= 0)
        out_->calls.cell(static_cast<int>(q), c.first_interval)[kCallersAbandoned] += 1;
    }
  }
  // Without retrials every caller makes one attempt: the caller basis is the attempt basis.
  for (std::uint32_t q = 0; q < qs_.size(); ++q) {
    if (m_.queues[q].retrials()) continue;
    for (int i = 0; i < m_.intervals; ++i) {
      double* cell = out_->calls.cell(static_cast<int>(q), i);
      cell[kCallers] = cell[kOffered];
      cell[kCallersAnswered] = cell[kAnswered];
      cell[kCallersAbandoned] = cell[kAbandoned];
      cell[kCallersBlocked] = cell[kBlocked];
    }
  }
  for (std::uint32_t g = 0; g < gs_.size(); ++g) flush_present(g, now_);
  out_->end_time = now_;
  if (F && log_) log_->flush();
}

template class EngineCore<false>;
template class EngineCore<true>;

namespace {
// Whether any per-call feature is in use (the plain core handles everything else,
// including staffing changes, priorities, forecast noise and several queues and groups).
bool uses_call_features(const RunModel& m) {
  for (const QueueModel& q : m.queues)
    if (!q.plain || q.has_wrap_up || q.trace || q.has_skill_handle || q.by_interval() ||
        q.agent_choice != models::AgentChoice::group_order || q.at_close != models::AtClose::drain ||
        !q.transfer_to.empty())
      return true;
  for (const GroupModel& g : m.groups)
    if (g.has_skills || g.call_choice != models::CallChoice::priority_then_wait) return true;
  return false;
}
}  // namespace

Engine::Engine(const RunModel& model) : m_(model) {
  if (!model.day_models.empty()) {
    for (const RunModel& d : model.day_models) days_.push_back(std::make_unique<Engine>(d));
    day_waits_.resize(model.queues.size() + 1);
    return;
  }
  if (uses_call_features(model))
    full_ = std::make_unique<EngineCore<true>>(model);
  else
    plain_ = std::make_unique<EngineCore<false>>(model);
}
Engine::~Engine() = default;

void Engine::stop_on_interrupt(bool on) {
  for (auto& d : days_) d->stop_on_interrupt(on);
  if (plain_) plain_->stop_on_interrupt(on);
  if (full_) full_->stop_on_interrupt(on);
}

void Engine::set_call_log(CallLogSink* writer) {
  // Days simulated apart: each day's engine logs, on the horizon's clock (run_days).
  if (!days_.empty()) {
    for (auto& d : days_) d->set_call_log(writer);
    return;
  }
  log_ = writer ? std::make_unique<CallLogBuffer>(*writer) : nullptr;
  // Only the full core logs, so the plain core's hot path carries no trace of the log; both
  // cores give the same results, so switching changes no number.
  if (log_ && plain_) {
    full_ = std::make_unique<EngineCore<true>>(m_);
    plain_.reset();
  }
  if (full_) full_->set_call_log(log_.get());
}

void Engine::set_log_offset(double seconds) {
  if (full_) full_->set_log_offset(seconds);
}

const WaitHistogram& Engine::waits(std::uint32_t q) const {
  if (!days_.empty()) return day_waits_[q];
  return plain_ ? plain_->waits(q) : full_->waits(q);
}

void Engine::run_days(std::uint64_t seed, std::uint32_t replication, ReplicationResult& out) {
  const int nq = static_cast<int>(m_.queues.size()), ng = static_cast<int>(m_.groups.size());
  const int per_day = m_.day_intervals, I = m_.intervals;
  out.calls.reset(nq, I, static_cast<int>(m_.thresholds.size()));
  out.groups.reset(ng, I + 1);
  out.wait_p90.assign(static_cast<std::size_t>(nq) + 1, 0.0);
  for (auto& w : day_waits_) w.reset();
  const auto stride = static_cast<std::size_t>(out.calls.stride());
  for (std::size_t d = 0; d < days_.size(); ++d) {
    Engine& e = *days_[d];
    e.set_log_offset(static_cast<double>(d) * per_day * m_.interval);
    e.run(horizon_day_seed(seed, static_cast<int>(d)), replication, day_out_);
    const int first = static_cast<int>(d) * per_day;
    for (int q = 0; q < nq; ++q) {
      for (int i = 0; i < per_day; ++i) std::copy_n(day_out_.calls.cell(q, i), stride, out.calls.cell(q, first + i));
      day_waits_[static_cast<std::size_t>(q)].merge(e.waits(static_cast<std::uint32_t>(q)));
    }
    for (int g = 0; g < ng; ++g) {
      for (int i = 0; i < per_day; ++i)
        std::copy_n(day_out_.groups.cell(g, i), static_cast<std::size_t>(kGroupFields), out.groups.cell(g, first + i));
      // Each day's drain after its close counts in the horizon's drain bucket.
      for (int f = 0; f < kGroupFields; ++f) out.groups.cell(g, I)[f] += day_out_.groups.cell(g, per_day)[f];
    }
    out.end_time = first * m_.interval + day_out_.end_time;
  }
  WaitHistogram& all = day_waits_.back();
  for (int q = 0; q < nq; ++q) {
    out.wait_p90[static_cast<std::size_t>(q)] = day_waits_[static_cast<std::size_t>(q)].quantile(0.9);
    all.merge(day_waits_[static_cast<std::size_t>(q)]);
  }
  out.wait_p90[static_cast<std::size_t>(nq)] = all.quantile(0.9);
}

void Engine::run(std::uint64_t seed, std::uint32_t replication, ReplicationResult& out) {
  if (!days_.empty()) {
    run_days(seed, replication, out);
    return;
  }
  if (plain_)
    plain_->run(seed, replication, out);
  else
    full_->run(seed, replication, out);
}

}  // namespace ccsim
