#include "sim/io/value_tables.hpp"

namespace ccsim {

using h5::TableData;

void write_period_rows(TableSink& f, const std::vector<PeriodOutcome>& periods, PlanKey key,
                       const std::string& prefix) {
  if (periods.empty()) return;
  TableData t;
  add_plan_key(t, key, periods.size());
  auto& queue = t.add<std::int16_t>("queue");
  auto& period = t.add<std::int32_t>("period");
  auto& first_day = t.add<std::int32_t>("first_day");
  auto& value = t.add<double>("value");
  auto& met = t.add<std::int8_t>("met");
  auto& penalty = t.add<double>("penalty");
  for (const PeriodOutcome& p : periods) {
    queue.push_back(static_cast<std::int16_t>(p.queue));
    period.push_back(p.period);
    first_day.push_back(p.first_day);
    value.push_back(p.value);
    met.push_back(p.met ? 1 : 0);
    penalty.push_back(p.penalty);
  }
  f.append(prefix + "periods", t);
}

void write_value_table(TableSink& f, const Scenario& s, const ValueSummary& v, PlanKey key, const std::string& prefix) {
  TableData t;
  std::vector<std::int16_t> queue;
  std::vector<std::string> item;
  std::vector<std::int32_t> days;
  std::vector<double> mean, ci95;
  auto row = [&](int q, const char* name, int d, double m, double c) {
    queue.push_back(static_cast<std::int16_t>(q));
    item.emplace_back(name);
    days.push_back(d);
    mean.push_back(m);
    ci95.push_back(c);
  };
  auto stat = [&](int q, const char* name, int d, const Stat& x) { row(q, name, d, x.mean, x.ci95); };
  for (int q = 0; q < static_cast<int>(s.queues.size()); ++q) {
    const QueueValue& qv = v.queues[static_cast<std::size_t>(q)];
    stat(q, "revenue", 1, qv.revenue);
    stat(q, "abandon_cost", 1, qv.abandon_cost);
    stat(q, "waiting_cost", 1, qv.waiting_cost);
    if (!qv.sla) continue;
    const SlaSummary& r = *qv.sla;
    const int d = s.queues[static_cast<std::size_t>(q)].sla->days;
    row(q, "periods", d, r.periods, 0);
    row(q, "periods_met", d, r.met, 0);
    row(q, "p_meet", d, r.p_meet, 0);
    row(q, "p_meet_lo", d, r.p_meet_lo, 0);
    row(q, "p_meet_hi", d, r.p_meet_hi, 0);
    stat(q, "expected_penalty", d, r.penalty);
    stat(q, "period_figure", d, r.value);
  }
  const int total = -1;  // as in /summary
  stat(total, "revenue", 1, v.revenue);
  stat(total, "call_costs", 1, v.call_costs);
  row(total, "staff_cost", 1, v.staff_cost, 0);
  stat(total, "penalties", 1, v.penalties);
  stat(total, "net", 1, v.net);
  stat(total, "net", v.block_days, v.net_per_block);
  add_plan_key(t, key, queue.size());
  t.add<std::int16_t>("queue") = std::move(queue);
  t.add<std::string>("item") = std::move(item);
  t.add<std::int32_t>("days") = std::move(days);
  t.add<double>("mean") = std::move(mean);
  t.add<double>("ci95") = std::move(ci95);
  f.append(prefix + "value", t);
}

}  // namespace ccsim
