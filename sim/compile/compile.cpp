#include "sim/compile/compile.hpp"

#include <algorithm>
#include <memory>

#include "sim/compile/horizon_day.hpp"
#include "sim/compile/staffing_schedule.hpp"
#include "sim/engine/routing.hpp"

namespace ccsim {

std::vector<double> target_thresholds(const QueueSpec& q) {
  std::vector<double> t;
  for (const auto& tg : q.targets)
    if (tg.kind == Target::Kind::service_level) t.push_back(tg.threshold);
  if (q.sla && q.sla->target.kind == Target::Kind::service_level) t.push_back(q.sla->target.threshold);
  return t;
}

namespace {

QueueModel compile_queue(const QueueSpec& q, const Scenario& s) {
  QueueModel qm;
  qm.rate.resize(static_cast<std::size_t>(s.intervals));
  for (int i = 0; i < s.intervals; ++i) {
    if (q.arrivals.trace)
      qm.rate[i] = 0;
    else
      qm.rate[i] =
          q.arrivals.stationary ? q.arrivals.rate : q.arrivals.volumes[static_cast<std::size_t>(i)] / s.interval;
  }
  qm.forecast_cv = q.arrivals.forecast_cv;
  qm.interval_cv = q.arrivals.interval_cv;
  for (const std::size_t f : q.arrivals.day_factors) qm.day_factors.push_back(static_cast<std::uint32_t>(f));
  if (q.arrivals.trace) qm.trace = std::make_shared<const std::vector<TraceCall>>(q.arrivals.trace_calls);
  qm.handle = models::Sampler(q.handle_time);
  qm.has_patience = q.patience.has_value();
  if (qm.has_patience) qm.patience = models::Sampler(*q.patience);
  qm.has_wrap_up = q.wrap_up.has_value();
  if (qm.has_wrap_up) qm.wrap_up = models::Sampler(*q.wrap_up);
  for (const auto& d : q.handle_time_by_interval) qm.handle_by.emplace_back(d);
  for (const auto& d : q.patience_by_interval) qm.patience_by.emplace_back(d);
  for (const auto& d : q.wrap_up_by_interval) qm.wrap_up_by.emplace_back(d);
  qm.capacity = q.capacity ? *q.capacity : -1;
  if (q.retrial) {
    qm.retry_probability = q.retrial->probability;
    qm.retry_delay = models::Sampler(q.retrial->delay);
    qm.keep_patience = q.retrial->keep_patience;
    // Attempts are counted in 16 bits per waiting call; more than 1000 redials is no plan.
    qm.max_attempts = std::min(q.retrial->max_attempts, 1000);
  }
  qm.short_abandon = q.short_abandon;
  qm.priority = q.priority;
  qm.agent_choice = q.agent_choice.value_or(s.routing.agent_choice);
  qm.balk = q.balk;
  qm.at_close = q.at_close;
  if (q.callback) {
    qm.has_callback = true;
    qm.callback_after = q.callback->offer_after;
    qm.callback_accept = q.callback->accept;
    qm.callback_handle = q.handle_time.theoretical_mean();
    for (const auto& d : q.handle_time_by_interval) qm.callback_handle_by.push_back(d.theoretical_mean());
  }
  return qm;
}

}  // namespace

RunModel compile(const Scenario& s, const std::vector<double>& extra_thresholds) {
  RunModel m;
  m.interval = s.interval;
  m.intervals = s.intervals;
  m.day_intervals = s.day_intervals;
  m.warmup = s.warmup;
  for (const auto& f : s.day_factors) m.day_factors.push_back({f.cv, f.interval_cv});

  m.thresholds = extra_thresholds;
  for (const auto& q : s.queues)
    for (double t : target_thresholds(q)) m.thresholds.push_back(t);
  std::sort(m.thresholds.begin(), m.thresholds.end());
  m.thresholds.erase(std::unique(m.thresholds.begin(), m.thresholds.end()), m.thresholds.end());

  for (const auto& q : s.queues) m.queues.push_back(compile_queue(q, s));
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    double cum = 0;
    for (const TransferSpec& x : s.queues[q].transfers)
      for (std::size_t d = 0; d < s.queues.size(); ++d)
        if (s.queues[d].name == x.to) {
          cum += x.probability;
          m.queues[q].transfer_to.push_back(static_cast<std::uint32_t>(d));
          m.queues[d].transfer_from.push_back(static_cast<std::uint32_t>(q));
          m.queues[q].transfer_cum.push_back(cum);
        }
  }

  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const AgentGroupSpec& gs = s.groups[g];
    GroupModel gm;
    gm.staffing = gs.staffing;
    gm.efficiency = gs.efficiency;
    gm.absence = gs.absence;
    gm.call_choice = gs.call_choice.value_or(s.routing.call_choice);
    for (std::size_t k = 0; k < gs.serves.size(); ++k) {
      for (std::size_t q = 0; q < s.queues.size(); ++q) {
        if (s.queues[q].name != gs.serves[k]) continue;
        ServedQueue sq;
        sq.queue = static_cast<std::uint32_t>(q);
        for (const QueueSkill& sk : gs.skills) {
          if (sk.queue != s.queues[q].name) continue;
          sq.overflow_after = sk.overflow_after;
          sq.weight = sk.weight;
          sq.bonus = sk.bonus;
          if (sk.handle_time) {
            sq.has_handle_override = true;
            m.queues[q].has_skill_handle = true;
            sq.handle_override = models::Sampler(*sk.handle_time);
            for (const auto& d : sk.handle_time_by_interval) sq.handle_override_by.emplace_back(d);
          }
        }
        if (sq.overflow_after > 0) m.queues[q].has_overflow = true;
        gm.serves.push_back(sq);
      }
    }
    for (const ServedQueue& sq : gm.serves) gm.has_skills = gm.has_skills || sq.has_handle_override;
    gm.has_skills = gm.has_skills || gm.efficiency != 1.0;
    const GroupSchedule sched = build_schedule(gs, s);
    gm.initial = sched.initial;
    for (const auto& st : sched.steps) m.changes.push_back({st.time, static_cast<std::uint32_t>(g), st.target});
    gm.on_duty = sched.on_duty;
    gm.paid_hours = sched.paid_hours;
    gm.overtime_hours = sched.overtime_hours;
    gm.productive_hours = sched.productive_hours;
    gm.cost_per_hour = gs.cost_per_hour.value_or(0.0);
    gm.overtime_multiplier = gs.overtime_multiplier;
    m.groups.push_back(std::move(gm));
  }
  // Which groups take a queue's calls, most preferred first: the routing rule's ranking
  // (sim/engine/routing.hpp).
  rank_groups(m);
  std::stable_sort(m.changes.begin(), m.changes.end(), [](const StaffChange& a, const StaffChange& b) {
    return a.time < b.time || (a.time == b.time && a.group < b.group);
  });
  for (auto& q : m.queues) {
    q.plain = q.capacity < 0 && !q.retrials() && !q.has_overflow && q.balk.empty() && !q.has_callback;
    m.track_idle = m.track_idle || q.agent_choice == models::AgentChoice::longest_idle;
  }
  if (s.days > 1 && !s.carry_over) {
    // Days simulated apart: the engine runs each day's own model; this one only frames the
    // horizon's outputs. Its plan is the days' own (a shift never counts in another day).
    for (int d = 0; d < s.days; ++d) m.day_models.push_back(compile(horizon_day(s, d), m.thresholds));
    m.changes.clear();
    for (std::size_t g = 0; g < m.groups.size(); ++g) {
      GroupModel& gm = m.groups[g];
      gm.on_duty.clear();
      gm.paid_hours = gm.overtime_hours = gm.productive_hours = 0;
      for (const RunModel& dm : m.day_models) {
        const GroupModel& dg = dm.groups[g];
        gm.on_duty.insert(gm.on_duty.end(), dg.on_duty.begin(), dg.on_duty.end());
        gm.paid_hours += dg.paid_hours;
        gm.overtime_hours += dg.overtime_hours;
        gm.productive_hours += dg.productive_hours;
      }
      gm.initial = m.day_models.front().groups[g].initial;
    }
  }
  return m;
}

void staffing_from_intervals(RunModel& m) {
  m.changes.clear();
  for (std::uint32_t g = 0; g < m.groups.size(); ++g) {
    GroupModel& gm = m.groups[g];
    gm.initial = gm.staffing.empty() ? 0 : gm.staffing[0];
    gm.on_duty.assign(gm.staffing.begin(), gm.staffing.end());
    gm.paid_hours = gm.productive_hours = 0;
    for (std::size_t k = 0; k < gm.staffing.size(); ++k) {
      gm.paid_hours += gm.staffing[k] * m.interval / 3600.0;
      if (k > 0 && gm.staffing[k] != gm.staffing[k - 1])
        m.changes.push_back({static_cast<double>(k) * m.interval, g, gm.staffing[k]});
    }
    gm.productive_hours = gm.paid_hours;
  }
  std::stable_sort(m.changes.begin(), m.changes.end(), [](const StaffChange& a, const StaffChange& b) {
    return a.time < b.time || (a.time == b.time && a.group < b.group);
  });
}

}  // namespace ccsim
