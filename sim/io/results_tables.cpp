#include "sim/io/results_tables.hpp"

#include <cmath>

#include "sim/stats/metric_registry.hpp"
#include "sim/stats/metrics.hpp"
#include "sim/stats/summary_rows.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

namespace {

using h5::TableData;

// Replications first .. first + size - 1 of a plan, in order.
struct Reps {
  const ReplicationResult* data;
  std::size_t count;
  std::size_t first;
  std::size_t size() const { return count; }
  const ReplicationResult& operator[](std::size_t k) const { return data[k]; }
};

struct Counter {
  const char* name;
  int field;
  bool time;           // float64 seconds; otherwise an int32 count
  unsigned needs = 0;  // MetricFeature bits: a column only in files of models that use them
};

constexpr Counter kCounters[] = {
    {"offered", kOffered, false},
    {"answered", kAnswered, false},
    {"abandoned", kAbandoned, false},
    {"blocked", kBlocked, false},
    {"wait_answered", kWaitAnswered, true},
    {"wait_all", kWaitAll, true},
    {"short_abandoned", kShortAbandoned, false},
    {"redials", kRedials, false},
    {"callers", kCallers, false},
    {"callers_answered", kCallersAnswered, false},
    {"callers_abandoned", kCallersAbandoned, false},
    {"callers_blocked", kCallersBlocked, false},
    {"balked", kBalked, false, kFeatureBalk},
    {"disconnected", kDisconnected, false, kFeatureClose},
    {"messages", kMessages, false, kFeatureClose},
    {"transferred", kTransferred, false, kFeatureTransfer},
    {"transfers_in", kTransfersIn, false, kFeatureTransfer},
    {"transfers_in_answered", kTransfersInAnswered, false, kFeatureTransfer},
    {"transfers_in_wait", kTransfersInWait, true, kFeatureTransfer},
    {"callbacks_offered", kCallbacksOffered, false, kFeatureCallback},
    {"callbacks_accepted", kCallbacksAccepted, false, kFeatureCallback},
    {"callbacks_completed", kCallbacksCompleted, false, kFeatureCallback},
    {"callback_wait", kCallbackWait, true, kFeatureCallback},
};

// The counter columns of a (queue, interval) cell, filled row by row.
class CounterColumns {
 public:
  CounterColumns(TableData& t, const std::vector<double>& thresholds, unsigned features) {
    for (const Counter& c : kCounters) {
      if (c.needs & ~features) continue;
      if (c.time)
        times_.push_back({&t.add<double>(c.name), c.field});
      else
        counts_.push_back({&t.add<std::int32_t>(c.name), c.field});
    }
    const int T = static_cast<int>(thresholds.size());
    for (int k = 0; k < T; ++k)
      counts_.push_back(
          {&t.add<std::int32_t>("answered_within_" + threshold_key(thresholds[k])), kCallFixedFields + k});
    for (int k = 0; k < T; ++k)
      counts_.push_back(
          {&t.add<std::int32_t>("abandoned_within_" + threshold_key(thresholds[k])), kCallFixedFields + T + k});
  }
  void add(const double* cell) {
    for (auto& [col, f] : counts_) col->push_back(static_cast<std::int32_t>(std::llround(cell[f])));
    for (auto& [col, f] : times_) col->push_back(cell[f]);
  }

 private:
  std::vector<std::pair<std::vector<std::int32_t>*, int>> counts_;
  std::vector<std::pair<std::vector<double>*, int>> times_;
};

void intervals_table(TableSink& f, const RunModel& m, Reps reps, PlanKey row, const std::string& prefix) {
  const int Q = static_cast<int>(m.queues.size()), I = m.intervals;
  TableData t;
  add_plan_key(t, row, reps.size() * static_cast<std::size_t>(Q) * I);
  auto& rep = t.add<std::int32_t>("replication");
  auto& queue = t.add<std::int16_t>("queue");
  auto& interval = t.add<std::int32_t>("interval");
  CounterColumns counters(t, m.thresholds, metric_features(m));
  for (std::size_t r = 0; r < reps.size(); ++r)
    for (int q = 0; q < Q; ++q)
      for (int i = 0; i < I; ++i) {
        rep.push_back(static_cast<std::int32_t>(reps.first + r));
        queue.push_back(static_cast<std::int16_t>(q));
        interval.push_back(i);
        counters.add(reps[r].calls.cell(q, i));
      }
  f.append(prefix + "intervals", t);
}

void replications_table(TableSink& f, const RunModel& m, Reps reps, PlanKey row, const std::string& prefix) {
  const int Q = static_cast<int>(m.queues.size()), I = m.intervals;
  const int T = static_cast<int>(m.thresholds.size());
  TableData t;
  add_plan_key(t, row, reps.size() * static_cast<std::size_t>(Q));
  auto& rep = t.add<std::int32_t>("replication");
  auto& queue = t.add<std::int16_t>("queue");
  CounterColumns counters(t, m.thresholds, metric_features(m));
  std::vector<std::vector<double>*> sl_off, sl_ans, sl_ref;
  for (int k = 0; k < T; ++k) {
    const std::string key = "service_level_" + threshold_key(m.thresholds[static_cast<std::size_t>(k)]);
    sl_off.push_back(&t.add<double>(key + "_offered"));
    sl_ans.push_back(&t.add<double>(key + "_answered"));
    sl_ref.push_back(&t.add<double>(key + "_refined"));
  }
  auto& asa = t.add<double>("asa");
  auto& abandon = t.add<double>("abandon_rate");
  auto& abandon_refined = t.add<double>("abandon_rate_refined");
  auto& wait_all = t.add<double>("mean_wait_all");
  auto& p90 = t.add<double>("wait_p90");
  std::vector<std::vector<double>*> sl_met;  // added later: after wait_p90
  for (int k = 0; k < T; ++k)
    sl_met.push_back(
        &t.add<double>("service_level_" + threshold_key(m.thresholds[static_cast<std::size_t>(k)]) + "_abandoned_met"));
  for (std::size_t r = 0; r < reps.size(); ++r)
    for (int q = 0; q < Q; ++q) {
      const std::vector<double> cell = sum_cells(reps[r].calls, q, 0, I);
      const CallMetrics cm = call_metrics(cell, T);
      rep.push_back(static_cast<std::int32_t>(reps.first + r));
      queue.push_back(static_cast<std::int16_t>(q));
      counters.add(cell.data());
      for (int k = 0; k < T; ++k) {
        sl_off[static_cast<std::size_t>(k)]->push_back(cm.sl_offered[static_cast<std::size_t>(k)]);
        sl_ans[static_cast<std::size_t>(k)]->push_back(cm.sl_answered[static_cast<std::size_t>(k)]);
        sl_ref[static_cast<std::size_t>(k)]->push_back(cm.sl_refined[static_cast<std::size_t>(k)]);
      }
      asa.push_back(cm.asa);
      abandon.push_back(cm.abandon_rate);
      abandon_refined.push_back(cm.abandon_rate_refined);
      wait_all.push_back(cm.mean_wait_all);
      p90.push_back(reps[r].wait_p90[static_cast<std::size_t>(q)]);
      for (int k = 0; k < T; ++k)
        sl_met[static_cast<std::size_t>(k)]->push_back(cm.sl_abandoned_met[static_cast<std::size_t>(k)]);
    }
  f.append(prefix + "replications", t);
}

void group_tables(TableSink& f, const RunModel& m, Reps reps, PlanKey row, const std::string& prefix) {
  const int G = static_cast<int>(m.groups.size()), I = m.intervals;
  TableData ti;
  add_plan_key(ti, row, reps.size() * static_cast<std::size_t>(G) * I);
  auto& rep = ti.add<std::int32_t>("replication");
  auto& group = ti.add<std::int16_t>("group");
  auto& interval = ti.add<std::int32_t>("interval");
  auto& busy = ti.add<double>("busy_seconds");
  auto& present = ti.add<double>("present_seconds");
  auto& on_duty = ti.add<double>("agents_on_duty");
  auto& scheduled = ti.add<double>("scheduled_agents");
  TableData td;
  add_plan_key(td, row, reps.size() * static_cast<std::size_t>(G));
  auto& drep = td.add<std::int32_t>("replication");
  auto& dgroup = td.add<std::int16_t>("group");
  auto& dbusy = td.add<double>("busy_hours");
  auto& dduty = td.add<double>("on_duty_hours");
  auto& docc = td.add<double>("occupancy");
  for (std::size_t r = 0; r < reps.size(); ++r)
    for (int g = 0; g < G; ++g) {
      const auto& plan = m.groups[static_cast<std::size_t>(g)].on_duty;
      for (int i = 0; i < I; ++i) {
        const double* cell = reps[r].groups.cell(g, i);
        rep.push_back(static_cast<std::int32_t>(reps.first + r));
        group.push_back(static_cast<std::int16_t>(g));
        interval.push_back(i);
        busy.push_back(cell[kBusyTime]);
        present.push_back(cell[kPresentTime]);
        on_duty.push_back(cell[kPresentTime] / m.interval);
        scheduled.push_back(static_cast<std::size_t>(i) < plan.size() ? plan[static_cast<std::size_t>(i)] : 0.0);
      }
      const GroupMetrics gm = group_metrics(reps[r].groups, g, 0, I + 1);
      drep.push_back(static_cast<std::int32_t>(reps.first + r));
      dgroup.push_back(static_cast<std::int16_t>(g));
      dbusy.push_back(gm.busy_hours);
      dduty.push_back(gm.on_duty_hours);
      docc.push_back(gm.occupancy);
    }
  f.append(prefix + "group_intervals", ti);
  f.append(prefix + "group_replications", td);
}

// The columns of /summary and /day_summary: queue (then day), metric, mean, ci95, then
// (added after the first layout, so last) the long-run figure of a ratio metric and its
// ci95 (NaN for counts and wait_p90, which have none).
struct SummaryColumns {
  std::vector<std::int16_t>& queue;
  std::vector<std::int32_t>* day;
  std::vector<std::string>& metric;
  std::vector<double>& mean;
  std::vector<double>& ci;
  std::vector<double>& lr_mean;
  std::vector<double>& lr_ci;
  SummaryColumns(TableData& t, bool with_day)
      : queue(t.add<std::int16_t>("queue")),
        day(with_day ? &t.add<std::int32_t>("day") : nullptr),
        metric(t.add<std::string>("metric")),
        mean(t.add<double>("mean")),
        ci(t.add<double>("ci95")),
        lr_mean(t.add<double>("long_run_mean")),
        lr_ci(t.add<double>("long_run_ci95")) {}
  // Queue q's (total: -1) figure `row` of `c`, and its long-run form from `lr`.
  void add(int q, int d, const CallSummary& c, const CallSummary* lr, const CallMetricRow& row,
           const std::vector<double>& thresholds) {
    const Stat& st = metric_stat(c, row);
    queue.push_back(static_cast<std::int16_t>(q));
    if (day) day->push_back(d);
    metric.push_back(metric_name(row, thresholds));
    mean.push_back(st.mean);
    ci.push_back(std::isfinite(st.mean) ? st.ci95 : std::nan(""));
    const Stat l = lr && row.def->ratio ? metric_stat(*lr, row) : Stat{std::nan(""), 0, 0};
    lr_mean.push_back(l.mean);
    lr_ci.push_back(std::isfinite(l.mean) ? l.ci95 : std::nan(""));
  }
};

void summary_tables(TableSink& f, const RunModel& m, const RunSummary& s, PlanKey row, const std::string& prefix) {
  TableData t;
  std::size_t n = 0;
  for (const auto& c : s.day) n += call_metric_rows(c, s.thresholds, kOutH5Summary, true, s.features).size();
  add_plan_key(t, row, n);
  SummaryColumns cols(t, false);
  const auto rows = call_metric_layout(s.thresholds.size(), kOutH5Summary, true, MetricOrder::registry, s.features);
  const auto code = [&s](std::size_t q) { return q + 1 < s.day.size() ? static_cast<int>(q) : -1; };
  for (std::size_t q = 0; q < s.day.size(); ++q) {
    const CallSummary* lr = q < s.day_long_run.size() ? &s.day_long_run[q] : nullptr;
    for (const CallMetricRow& r : rows) cols.add(code(q), 0, s.day[q], lr, r, s.thresholds);
  }
  f.append(prefix + "summary", t);

  // A horizon of several days: the same per day (no wait_p90: it is kept for the whole run).
  std::size_t nd = 0;
  for (const auto& days : s.days) nd += days.size();
  if (nd > 0) {
    const auto day_rows =
        call_metric_layout(s.thresholds.size(), kOutH5Summary, false, MetricOrder::registry, s.features);
    TableData d;
    add_plan_key(d, row, nd * day_rows.size());
    SummaryColumns dcols(d, true);
    for (std::size_t q = 0; q < s.days.size(); ++q)
      for (std::size_t k = 0; k < s.days[q].size(); ++k) {
        const CallSummary* lr =
            q < s.days_long_run.size() && k < s.days_long_run[q].size() ? &s.days_long_run[q][k] : nullptr;
        for (const CallMetricRow& r : day_rows)
          dcols.add(code(q), static_cast<int>(k) + 1, s.days[q][k], lr, r, s.thresholds);
      }
    f.append(prefix + "day_summary", d);
  }

  TableData g;
  std::vector<const GroupMetricDef*> defs;
  for (const GroupMetricDef& d : group_metric_registry())
    if (d.outputs & kOutH5Summary) defs.push_back(&d);
  add_plan_key(g, row, s.group_day.size() * defs.size());
  auto& group = g.add<std::int16_t>("group");
  auto& gmetric = g.add<std::string>("metric");
  auto& gmean = g.add<double>("mean");
  auto& gci = g.add<double>("ci95");
  for (std::size_t k = 0; k < s.group_day.size(); ++k)
    for (const GroupMetricDef* d : defs) {
      // No cost_per_hour: no cost (NaN), as the JSON leaves it out, rather than a cost of 0.
      const bool none = d->needs_cost && !(m.groups[k].cost_per_hour > 0);
      const Stat st = d->value(s.group_day[k]);
      group.push_back(static_cast<std::int16_t>(k));
      gmetric.push_back(std::string(d->name));
      gmean.push_back(none ? std::nan("") : st.mean);
      gci.push_back(none ? std::nan("") : st.ci95);
    }
  f.append(prefix + "group_summary", g);
}

}  // namespace

void add_plan_key(TableData& t, PlanKey key, std::size_t n) {
  if (!key.column) return;
  if (std::string(key.column) == "row")
    t.add<std::int16_t>(key.column).assign(n, static_cast<std::int16_t>(key.value));
  else
    t.add<std::int32_t>(key.column).assign(n, key.value);
}

void write_run_tables(TableSink& f, const RunModel& m, const std::vector<ReplicationResult>& reps,
                      const RunSummary& summary, PlanKey row, const std::string& prefix) {
  const Reps all{reps.data(), reps.size(), 0};
  intervals_table(f, m, all, row, prefix);
  group_tables(f, m, all, row, prefix);
  replications_table(f, m, all, row, prefix);
  summary_tables(f, m, summary, row, prefix);
}

void write_replication_rows(TableSink& f, const RunModel& m, const ReplicationResult& rep, int r, PlanKey row,
                            const std::string& prefix) {
  const Reps one{&rep, 1, static_cast<std::size_t>(r)};
  intervals_table(f, m, one, row, prefix);
  group_tables(f, m, one, row, prefix);
  replications_table(f, m, one, row, prefix);
}

void write_summary_tables(TableSink& f, const RunModel& m, const RunSummary& summary, PlanKey row,
                          const std::string& prefix) {
  summary_tables(f, m, summary, row, prefix);
}

}  // namespace ccsim
