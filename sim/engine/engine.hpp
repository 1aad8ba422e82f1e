#pragma once
// The event loop of one replication.
//
// Promises:
// - Calls arrive as a Poisson process, piecewise constant per interval; each call draws its
//   handle time and patience at arrival from its queue's own streams (common random numbers).
// - FCFS within a queue. An agent who frees up takes the call from the queue of highest
//   priority, then the longest-waiting head call, then its `serves` order. A call that finds
//   free agents goes to the group that ranks its queue highest, then the first in the file.
//   A group with overflow_after d for a queue takes its calls only once they waited d.
//   (The rule, in one place: sim/engine/routing.hpp.)
// - The routing rules (call_choice, agent_choice) and balking and the close of day
//   (balk, at_close) are those of docs/routing.md; models that use any but the defaults
//   run on the full core.
// - Simultaneous events resolve as: abandonment, service end, interval boundary, staffing
//   change, overflow eligibility, arrival, redial.
// - Staffing follows the compiled step function (per-interval staffing or shifts, breaks,
//   shrinkage, overtime); agents leaving or going on a break finish the call in hand first
//   (idle agents leave at once). After the last interval no calls arrive; agents stay while
//   calls they can serve are waiting, so the queue drains.
// - Wrap-up keeps the agent busy after the caller has gone. A call that finds `capacity`
//   calls waiting is blocked. After an abandon or a block a caller may redial.
// - Calls count in the interval in which they arrive; warm-up calls are not counted.
// - No allocation per event: the heap, queues and tallies are reused across replications.
#include <cstdint>
#include <memory>
#include <vector>

#include "models/distribution.hpp"
#include "sim/engine/arrival_heap.hpp"
#include "sim/engine/call_log.hpp"
#include "sim/engine/call_queue.hpp"
#include "sim/engine/event_heap.hpp"
#include "sim/engine/idle_agents.hpp"
#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/engine/timer_heap.hpp"

namespace ccsim {

// The event loop, compiled twice: kFeatures = false for models that use no per-call
// feature (wrap-up, capacity, retrials, overflow, skills, trace), where those branches
// fold away, and true for the rest. Engine below picks one; both give the same results.
template <bool kFeatures>
class EngineCore {
 public:
  using WaitingCall = WaitingCallT<kFeatures>;  // 32 bytes plain, 40 with features
  using CallQueue = BasicCallQueue<WaitingCall>;
  explicit EngineCore(const RunModel& model);
  void run(std::uint64_t seed, std::uint32_t replication, ReplicationResult& out);
  void set_call_log(CallLogBuffer* log) { log_ = log; }
  // Added to logged arrival times (a day simulated apart logs on the horizon's clock).
  void set_log_offset(double seconds) { log_offset_ = seconds; }
  const WaitHistogram& waits(std::uint32_t q) const { return qs_[q].waits; }
  void stop_on_interrupt(bool on) { stop_on_interrupt_ = on; }

 private:
  struct QueueState {
    models::Rng arrivals, handle, patience, wrap, retry, skill, routing, balk, transfer, callback;
    double next_arrival = 0;
    int segment = 0;  // interval the arrival clock is in; -1 = warm-up
    double factor = 1;
    std::vector<double> rate;    // this replication's rates per interval (after forecast noise)
    std::size_t trace_next = 0;  // next trace call to replay
    int pending_transfers = 0;   // transfers on their way to this queue (agents wait for them)
    CallQueue waiting;
    CallQueue callbacks;  // accepted callbacks not yet made (FCFS)
    WaitHistogram waits;
  };
  struct GroupState {
    int idle = 0, busy = 0;
    int leaving = 0;  // busy agents who leave when their call ends
    int present = 0;  // idle + busy
    double last_change = 0;
    IdleAgents since;  // when each idle agent became idle (only with longest_idle)
    // With absence: present_upto[k] = agents present among schedule positions 1..k this
    // replication (sized once to the group's largest target).
    std::vector<int> present_upto;
    int target = 0;           // scheduled agents now (before absence)
    models::Rng absence_rng;  // with absence: draws each day's present positions
  };
  // Agents who come of `target` scheduled ones (absence; the same positions all day).
  int coming(std::uint32_t g, int target) const {
    const auto& p = gs_[g].present_upto;
    return p.empty() ? target : p[static_cast<std::size_t>(std::min<int>(target, static_cast<int>(p.size()) - 1))];
  }

  double next_arrival_after(QueueState& qs, const QueueModel& qm, double t);
  double next_trace_arrival(QueueState& qs, const QueueModel& qm);
  void arrival(std::uint32_t q);
  void offer(std::uint32_t q, WaitingCall& c);  // completes c (draws) and routes it
  void route(std::uint32_t q, const WaitingCall& c);
  int choose_group(std::uint32_t q, const QueueModel& qm);  // agent_choice; index into qm.groups or -1
  bool balks(std::uint32_t q, const QueueModel& qm, double u, double t);
  void close_queue(std::uint32_t q, double t);
  void transfer_after(std::uint32_t q, const WaitingCall& c, double when);
  bool expects_transfer(std::uint32_t g) const;  // a transfer may still reach a queue g serves
  void release_idle_after_close();
  bool offers_callback(std::uint32_t q, const QueueModel& qm, double t);
  int pick_callback(std::uint32_t g, WaitingCall& call);  // queue index or -1
  bool callbacks_waiting(std::uint32_t g) const;
  // Idle agents of group g: one takes a call (the longest idle), n become idle at t, n leave.
  void take_idle(std::uint32_t g);
  void add_idle(std::uint32_t g, double t, int n);
  void drop_idle(std::uint32_t g, int n);
  void timer();
  void abandon(std::uint32_t q, const WaitingCall& c);
  void fail(std::uint32_t q, const WaitingCall& c, double t, bool blocked);
  int interval_of(double t) const;
  void service_end();
  void boundary();
  void draw_absence(std::uint32_t g);
  void staffing_change();
  void send_idle_home_if_done(std::uint32_t g);
  void set_staffing(std::uint32_t g, int target, double t);
  int pick_call(std::uint32_t g, double t, WaitingCall& call);  // queue index or -1
  void purge_abandoned(std::uint32_t q, double t);
  void start_service(std::uint32_t g, const WaitingCall& c, std::uint32_t q, double t, bool replace_top);
  void record_answered(std::uint32_t q, const WaitingCall& c, double wait);
  void record_abandoned(std::uint32_t q, const WaitingCall& c, double wait);
  void add_busy(std::uint32_t g, double from, double to);
  void flush_present(std::uint32_t g, double t);
  void finish(double t);
  void log_call(std::uint32_t q, const WaitingCall& c, double wait, CallOutcome outcome, int group, double handle);

  const RunModel& m_;
  std::vector<QueueState> qs_;
  WaitHistogram all_waits_;  // every queue's waits, for the total's percentile (reused)
  // This replication's shared day factors and their per-interval factors ([factor][interval]);
  // sized once, refilled per replication.
  std::vector<std::vector<double>> factor_day_;  // [factor][day]
  std::vector<double> day_scale_;                // scratch: one queue's factor per day
  std::vector<std::vector<double>> factor_interval_;
  std::vector<GroupState> gs_;
  EventHeap heap_;
  ArrivalHeap arrivals_;  // every queue's next_arrival, mirrored
  TimerHeap timers_;
  std::size_t next_change_ = 0;
  double next_change_time_ = 0;  // or never
  ReplicationResult* out_ = nullptr;
  int bucket_ = 0;                 // group bucket for time-weighted tallies; -1 in warm-up
  int next_boundary_ = 0;          // index k of the next boundary at k * interval
  double next_boundary_time_ = 0;  // its time, or never
  bool closing_ = false;
  double now_ = 0;
  CallLogBuffer* log_ = nullptr;  // --call-log; only the full core (kFeatures) logs
  double log_offset_ = 0;
  std::int32_t replication_ = 0;
  bool stop_on_interrupt_ = true;
  bool has_callbacks_ = false;  // some queue offers callbacks
  bool has_transfers_ = false;  // some queue transfers calls
  // Events until the next look at the stop flag: a long interval, the warm-up or the drain
  // still stops within milliseconds of Ctrl-C (one decrement per event otherwise).
  static constexpr std::uint32_t kPollEvents = 1u << 14;
  std::uint32_t poll_ = kPollEvents;
};

class Engine {
 public:
  explicit Engine(const RunModel& model);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  // Simulates replication `replication` of the run seeded by `seed` into `out`.
  void run(std::uint64_t seed, std::uint32_t replication, ReplicationResult& out);
  // Logs every counted call attempt to `writer` from now on (nullptr: stop logging).
  void set_call_log(CallLogSink* writer);
  // Logged arrivals are this much later (days simulated apart: where the day starts).
  void set_log_offset(double seconds);
  // Whether a replication in progress stops at the next interval boundary after Ctrl-C
  // (default); sweeps finish the replications they began instead.
  void stop_on_interrupt(bool on);
  // Waits of queue q's answered calls in the last replication (for percentiles).
  const WaitHistogram& waits(std::uint32_t q) const;

 private:
  void run_days(std::uint64_t seed, std::uint32_t replication, ReplicationResult& out);
  const RunModel& m_;
  // Days simulated apart (RunModel::day_models): one engine per day, run one after another;
  // their tallies are placed in the horizon's intervals and their waits merged.
  std::vector<std::unique_ptr<Engine>> days_;
  ReplicationResult day_out_;
  std::vector<WaitHistogram> day_waits_;  // per queue, then all queues

  std::unique_ptr<CallLogBuffer> log_;
  std::unique_ptr<EngineCore<false>> plain_;
  std::unique_ptr<EngineCore<true>> full_;
};

}  // namespace ccsim
