#include "sim/report/value_report.hpp"

#include <fmt/format.h>

#include "sim/report/format_number.hpp"

namespace ccsim {

namespace {

using json = nlohmann::ordered_json;

std::string money(const Stat& s) { return with_ci("{:.2f}", " ± {:.2f}", s); }
// Net value and penalties take their CI over blocks of whole SLA periods: with one block
// there is none, whatever the days.
Stat over_blocks(Stat s, const ValueSummary& v) {
  s.n = v.net_per_block.n;
  return s;
}
json stat(const Stat& s) {
  auto n = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  return {{"mean", n(s.mean)}, {"ci95", n(s.ci95)}};
}
json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

std::string figure(const Target& t, double v) {
  return t.kind == Target::Kind::asa ? num("{:.1f} s", v) : num("{:.2f}%", 100 * v);
}

}  // namespace

std::string sla_period_text(const Sla& sla) {
  if (sla.period == Sla::Period::week || sla.period == Sla::Period::month)
    return fmt::format("{} ({} days)", sla_period_name(sla.period), sla.days);
  return sla_period_name(sla.period);
}

void write_value_text(std::ostream& o, const Scenario& s, const ValueSummary& v) {
  o << "\nMoney and SLA (per simulated day unless said; ± 95% CI):\n";
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const QueueSpec& qs = s.queues[q];
    const QueueValue& qv = v.queues[q];
    if (!qs.money.any() && !qs.sla) continue;
    o << "  '" << qs.name << "':";
    if (qs.money.any())
      o << " revenue " << money(qv.revenue) << ", abandon cost " << money(qv.abandon_cost) << ", waiting cost "
        << money(qv.waiting_cost);
    o << '\n';
    if (!qv.sla) continue;
    const Sla& sla = *qs.sla;
    const SlaSummary& r = *qv.sla;
    o << fmt::format("    SLA {} per {}: {} of {} periods met, P(period meets) {} [{}, {}]\n", sla.target.text,
                     sla_period_text(sla), r.met, r.periods, num("{:.1f}%", 100 * r.p_meet),
                     num("{:.1f}%", 100 * r.p_meet_lo), num("{:.1f}%", 100 * r.p_meet_hi));
    o << fmt::format("    expected penalty {} per period; period figure {} (mean over periods)\n", money(r.penalty),
                     figure(sla.target, r.value.mean));
  }
  o << fmt::format("  total: revenue {}, call costs {}, staff cost {}, SLA penalties {}\n", money(v.revenue),
                   money(v.call_costs), num("{:.2f}", v.staff_cost), money(over_blocks(v.penalties, v)));
  o << "  net value " << money(over_blocks(v.net, v)) << " per day";
  if (v.block_days > 1) o << ", " << money(v.net_per_block) << " per " << v.block_days << " days";
  o << '\n';
}

json value_json(const Scenario& s, const ValueSummary& v) {
  json o;
  o["staff_cost_per_day"] = v.staff_cost;
  o["revenue_per_day"] = stat(v.revenue);
  o["call_costs_per_day"] = stat(v.call_costs);
  o["penalties_per_day"] = stat(v.penalties);
  o["net_per_day"] = stat(v.net);
  o["block_days"] = v.block_days;
  o["net_per_block"] = stat(v.net_per_block);
  json queues = json::object();
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const QueueSpec& qs = s.queues[q];
    const QueueValue& qv = v.queues[q];
    json j;
    j["revenue_per_day"] = stat(qv.revenue);
    j["abandon_cost_per_day"] = stat(qv.abandon_cost);
    j["waiting_cost_per_day"] = stat(qv.waiting_cost);
    if (qv.sla) {
      const Sla& sla = *qs.sla;
      const SlaSummary& r = *qv.sla;
      j["sla"] = {{"period", sla_period_name(sla.period)},
                  {"days", sla.days},
                  {"target", sla.target.text},
                  {"penalty", sla.penalty},
                  {"penalty_per_point", sla.penalty_per_point},
                  {"periods", r.periods},
                  {"periods_met", r.met},
                  {"p_meet", {{"value", number(r.p_meet)}, {"lo", number(r.p_meet_lo)}, {"hi", number(r.p_meet_hi)}}},
                  {"expected_penalty_per_period", stat(r.penalty)},
                  {"period_figure", stat(r.value)}};
    }
    queues[qs.name] = j;
  }
  o["queues"] = queues;
  return o;
}

}  // namespace ccsim
