#include "sim/stats/metric_registry.hpp"

#include <algorithm>

#include "models/units.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

namespace {

constexpr unsigned kAllOutputs = kOutJson | kOutCsv | kOutH5Summary | kOutText;
using MU = MetricUnit;
using CS = CallSummary;

// Registry order is the order of the CSV, /summary and the JSON (docs/metrics.md §8): a new
// metric goes at the end, so existing columns and rows keep their places.
constexpr CallMetricDef kCallMetrics[] = {
    {.name = "offered",
     .json = "offered",
     .label = "offered calls",
     .unit = MU::count,
     .formula = "offered",
     .stat = &CS::offered,
     .outputs = kAllOutputs,
     .text_rank = 0},
    {.name = "answered",
     .json = "answered",
     .label = "answered",
     .unit = MU::count,
     .formula = "answered",
     .stat = &CS::answered,
     .outputs = kAllOutputs,
     .text_rank = 20},
    {.name = "abandoned",
     .json = "abandoned",
     .label = "abandoned",
     .unit = MU::count,
     .formula = "abandoned",
     .stat = &CS::abandoned,
     .outputs = kAllOutputs,
     .text_rank = 30},
    {.name = "blocked",
     .json = "blocked",
     .label = "blocked (busy signal)",
     .unit = MU::count,
     .formula = "blocked",
     .stat = &CS::blocked,
     .outputs = kAllOutputs,
     .text_rank = 40,
     .text_when = TextWhen::capacity},
    {.name = "service_level_{T}_offered",
     .json = "service_level.{T}.offered",
     .label = "SL within {T} (offered)",
     .unit = MU::fraction,
     .formula = "answered_within(T) / offered",
     .per_threshold = &CS::sl_offered,
     .outputs = kAllOutputs,
     .text_rank = 100,
     .ratio = true},
    {.name = "service_level_{T}_answered",
     .json = "service_level.{T}.answered",
     .label = "SL within {T} (answered)",
     .unit = MU::fraction,
     .formula = "answered_within(T) / answered",
     .per_threshold = &CS::sl_answered,
     .outputs = kAllOutputs,
     .text_rank = 110,
     .ratio = true},
    {.name = "service_level_{T}_refined",
     .json = "service_level.{T}.refined",
     .label = "SL within {T} (refined)",
     .unit = MU::fraction,
     .formula = "answered_within(T) / (offered - abandoned_within(T))",
     .per_threshold = &CS::sl_refined,
     .outputs = kAllOutputs,
     .text_rank = 120,
     .ratio = true},
    {.name = "asa",
     .json = "asa",
     .label = "ASA (answered calls)",
     .unit = MU::seconds,
     .formula = "wait_answered / answered",
     .stat = &CS::asa,
     .outputs = kAllOutputs,
     .text_rank = 130,
     .ratio = true},
    {.name = "abandon_rate",
     .json = "abandon_rate",
     .label = "abandon rate",
     .unit = MU::fraction,
     .formula = "abandoned / offered",
     .stat = &CS::abandon_rate,
     .outputs = kAllOutputs,
     .text_rank = 140,
     .ratio = true},
    {.name = "abandon_rate_refined",
     .json = "abandon_rate_refined",
     .label = "refined abandon rate",
     .unit = MU::fraction,
     .formula = "(abandoned - short_abandoned) / (offered - short_abandoned)",
     .stat = &CS::abandon_rate_refined,
     .outputs = kAllOutputs,
     .text_rank = 150,
     .text_short_abandon = true,
     .ratio = true},
    {.name = "mean_wait_all",
     .json = "mean_wait_all",
     .label = "mean wait, all calls",
     .unit = MU::seconds,
     .formula = "wait_all / (answered + abandoned)",
     .stat = &CS::mean_wait_all,
     .outputs = kAllOutputs,
     .text_rank = 160,
     .ratio = true},
    {.name = "wait_p90",
     .json = "wait_p90",
     .label = "90th percentile wait (answered)",
     .unit = MU::seconds,
     .formula = "90th percentile of the waits of answered calls (day histogram)",
     .stat = &CS::wait_p90,
     .outputs = kAllOutputs,
     .day_only = true,
     .text_rank = 170},
    {.name = "blocked_rate",
     .json = "blocked_rate",
     .label = "blocked rate",
     .unit = MU::fraction,
     .formula = "blocked / offered",
     .stat = &CS::blocked_rate,
     .outputs = kAllOutputs,
     .text_rank = 50,
     .text_when = TextWhen::capacity,
     .ratio = true},
    {.name = "redials",
     .json = "redials",
     .label = "  of which redials",
     .unit = MU::count,
     .formula = "redials",
     .stat = &CS::redials,
     .outputs = kAllOutputs,
     .text_rank = 10,
     .text_when = TextWhen::retrial},
    {.name = "callers",
     .json = "callers.offered",
     .label = "callers (first attempts)",
     .unit = MU::count,
     .formula = "callers",
     .stat = &CS::callers,
     .outputs = kAllOutputs,
     .text_rank = 60,
     .text_when = TextWhen::retrial},
    {.name = "caller_answered_rate",
     .json = "callers.answered_rate",
     .label = "callers answered (caller basis)",
     .unit = MU::fraction,
     .formula = "callers_answered / callers",
     .stat = &CS::caller_answered_rate,
     .outputs = kAllOutputs,
     .text_rank = 70,
     .text_when = TextWhen::retrial,
     .ratio = true},
    {.name = "caller_abandon_rate",
     .json = "callers.abandon_rate",
     .label = "callers lost to abandon",
     .unit = MU::fraction,
     .formula = "callers_abandoned / callers",
     .stat = &CS::caller_abandon_rate,
     .outputs = kAllOutputs,
     .text_rank = 80,
     .text_when = TextWhen::retrial,
     .ratio = true},
    {.name = "caller_blocked_rate",
     .json = "callers.blocked_rate",
     .label = "callers lost to busy signal",
     .unit = MU::fraction,
     .formula = "callers_blocked / callers",
     .stat = &CS::caller_blocked_rate,
     .outputs = kAllOutputs,
     .text_rank = 90,
     .text_when = TextWhen::retrial,
     .ratio = true},
    // Caller behaviour (docs/routing.md): only in outputs of models that use it.
    {.name = "balked",
     .json = "balked",
     .label = "  of which balked",
     .unit = MU::count,
     .formula = "balked",
     .stat = &CS::balked,
     .outputs = kAllOutputs,
     .text_rank = 35,
     .text_when = TextWhen::balk,
     .needs = kFeatureBalk},
    {.name = "disconnected",
     .json = "disconnected",
     .label = "disconnected at close",
     .unit = MU::count,
     .formula = "disconnected",
     .stat = &CS::disconnected,
     .outputs = kAllOutputs,
     .text_rank = 52,
     .text_when = TextWhen::disconnect,
     .needs = kFeatureClose},
    {.name = "messages",
     .json = "messages",
     .label = "messages at close",
     .unit = MU::count,
     .formula = "messages",
     .stat = &CS::messages,
     .outputs = kAllOutputs,
     .text_rank = 54,
     .text_when = TextWhen::message,
     .needs = kFeatureClose},
    {.name = "transferred",
     .json = "transferred",
     .label = "transferred to another queue",
     .unit = MU::count,
     .formula = "transferred",
     .stat = &CS::transferred,
     .outputs = kAllOutputs,
     .text_rank = 25,
     .text_when = TextWhen::transfer_out,
     .needs = kFeatureTransfer},
    {.name = "transfers_in",
     .json = "transfers_in",
     .label = "  of which by transfer",
     .unit = MU::count,
     .formula = "transfers_in",
     .stat = &CS::transfers_in,
     .outputs = kAllOutputs,
     .text_rank = 5,
     .text_when = TextWhen::transfer_in,
     .needs = kFeatureTransfer},
    {.name = "transfer_asa",
     .json = "transfer_asa",
     .label = "ASA of transferred calls",
     .unit = MU::seconds,
     .formula = "transfers_in_wait / transfers_in_answered",
     .stat = &CS::transfer_asa,
     .outputs = kAllOutputs,
     .text_rank = 165,
     .text_when = TextWhen::transfer_in,
     .needs = kFeatureTransfer,
     .ratio = true},
    {.name = "callbacks_offered",
     .json = "callbacks.offered",
     .label = "callbacks offered",
     .unit = MU::count,
     .formula = "callbacks_offered",
     .stat = &CS::callbacks_offered,
     .outputs = kAllOutputs,
     .text_rank = 56,
     .text_when = TextWhen::callback,
     .needs = kFeatureCallback},
    {.name = "callbacks_accepted",
     .json = "callbacks.accepted",
     .label = "callbacks accepted",
     .unit = MU::count,
     .formula = "callbacks_accepted",
     .stat = &CS::callbacks_accepted,
     .outputs = kAllOutputs,
     .text_rank = 57,
     .text_when = TextWhen::callback,
     .needs = kFeatureCallback},
    {.name = "callbacks_completed",
     .json = "callbacks.completed",
     .label = "callbacks made",
     .unit = MU::count,
     .formula = "callbacks_completed",
     .stat = &CS::callbacks_completed,
     .outputs = kAllOutputs,
     .text_rank = 58,
     .text_when = TextWhen::callback,
     .needs = kFeatureCallback},
    {.name = "time_to_callback",
     .json = "callbacks.time_to_callback",
     .label = "time to callback",
     .unit = MU::seconds,
     .formula = "callback_wait / callbacks_completed",
     .stat = &CS::time_to_callback,
     .outputs = kAllOutputs,
     .text_rank = 59,
     .text_when = TextWhen::callback,
     .needs = kFeatureCallback,
     .ratio = true},
    // Added after the per-threshold block above: a block of its own at the end, so every
    // existing row and column keeps its place (the JSON gains the key inside each
    // "service_level"."T" object, after "refined").
    {.name = "service_level_{T}_abandoned_met",
     .json = "service_level.{T}.abandoned_met",
     .label = "SL within {T} (abandoned met)",
     .unit = MU::fraction,
     .formula = "(answered_within(T) + abandoned_within(T)) / offered",
     .per_threshold = &CS::sl_abandoned_met,
     .outputs = kAllOutputs,
     .text_rank = 125,
     .ratio = true},
};

// Plan figures are deterministic: a Stat with ci95 0 over the run's replications.
Stat plan_stat(double v, const GroupSummary& g) { return Stat{v, 0, g.agent_hours.n}; }

// The text report phrases the group line by hand (run_text.cpp); kOutText marks what it shows.
constexpr GroupMetricDef kGroupMetrics[] = {
    {.name = "occupancy",
     .label = "occupancy",
     .unit = MU::fraction,
     .formula = "busy time / on-duty time (the day and the drain)",
     .value = [](const GroupSummary& g) { return g.occupancy; },
     .outputs = kOutJson | kOutH5Summary | kOutText},
    {.name = "agent_hours",
     .label = "paid agent-hours",
     .unit = MU::hours,
     .formula = "the plan's paid regular hours",
     .value = [](const GroupSummary& g) { return g.agent_hours; },
     .outputs = kOutJson | kOutH5Summary | kOutText},
    {.name = "on_duty_hours",
     .label = "on-duty hours",
     .unit = MU::hours,
     .formula = "on-duty time / 3600",
     .value = [](const GroupSummary& g) { return g.on_duty_hours; },
     .outputs = kOutJson | kOutH5Summary | kOutText},
    {.name = "busy_hours",
     .label = "busy hours",
     .unit = MU::hours,
     .formula = "busy time / 3600",
     .value = [](const GroupSummary& g) { return g.busy_hours; },
     .outputs = kOutJson | kOutH5Summary},
    {.name = "paid_hours",
     .label = "paid hours",
     .unit = MU::hours,
     .formula = "agent_hours (the same value)",
     .value = [](const GroupSummary& g) { return plan_stat(g.agent_hours.mean, g); },
     .outputs = kOutJson,
     .json_stat = false},
    {.name = "overtime_hours",
     .label = "overtime agent-hours",
     .unit = MU::hours,
     .formula = "sum of overtime x interval length / 3600",
     .value = [](const GroupSummary& g) { return plan_stat(g.overtime_hours, g); },
     .outputs = kOutJson | kOutH5Summary | kOutText,
     .json_stat = false},
    {.name = "productive_hours",
     .label = "productive agent-hours",
     .unit = MU::hours,
     .formula = "time scheduled on duty after breaks and shrinkage, plus overtime / 3600",
     .value = [](const GroupSummary& g) { return plan_stat(g.productive_hours, g); },
     .outputs = kOutJson | kOutText,
     .json_stat = false},
    {.name = "cost",
     .label = "cost",
     .unit = MU::money,
     .formula = "cost_per_hour x (paid hours + overtime_multiplier x overtime hours)",
     .value = [](const GroupSummary& g) { return plan_stat(g.cost, g); },
     .outputs = kOutJson | kOutH5Summary | kOutText,
     .json_stat = false,
     .needs_cost = true},
};

std::string replace_t(std::string_view pattern, const std::string& t) {
  std::string s(pattern);
  if (const auto at = s.find("{T}"); at != std::string::npos) s.replace(at, 3, t);
  return s;
}

}  // namespace

std::span<const CallMetricDef> call_metric_registry() { return kCallMetrics; }
std::span<const GroupMetricDef> group_metric_registry() { return kGroupMetrics; }

std::vector<CallMetricRow> call_metric_layout(std::size_t thresholds, unsigned output, bool day, MetricOrder order,
                                              unsigned features) {
  std::vector<const CallMetricDef*> defs;
  for (const CallMetricDef& d : kCallMetrics)
    if ((d.outputs & output) && (day || !d.day_only) && (d.needs & ~features) == 0) defs.push_back(&d);
  if (order == MetricOrder::text)
    std::stable_sort(defs.begin(), defs.end(), [](auto* a, auto* b) { return a->text_rank < b->text_rank; });
  std::vector<CallMetricRow> rows;
  for (std::size_t i = 0; i < defs.size();) {
    if (!defs[i]->per_threshold) {
      rows.push_back({defs[i++], 0});
      continue;
    }
    std::size_t end = i;  // the block of consecutive per-threshold entries, threshold by threshold
    while (end < defs.size() && defs[end]->per_threshold) ++end;
    for (std::size_t k = 0; k < thresholds; ++k)
      for (std::size_t j = i; j < end; ++j) rows.push_back({defs[j], k});
    i = end;
  }
  return rows;
}

std::vector<CallMetricRow> long_run_layout(std::size_t thresholds, unsigned output, bool day, unsigned features) {
  std::vector<CallMetricRow> rows = call_metric_layout(thresholds, output, day, MetricOrder::registry, features);
  std::erase_if(rows, [](const CallMetricRow& r) { return !r.def->ratio; });
  return rows;
}

std::string metric_name(const CallMetricRow& row, const std::vector<double>& thresholds) {
  return row.def->per_threshold ? replace_t(row.def->name, threshold_key(thresholds[row.k]))
                                : std::string(row.def->name);
}

std::string metric_label(const CallMetricRow& row, const std::vector<double>& thresholds) {
  return row.def->per_threshold ? replace_t(row.def->label, models::format_duration(thresholds[row.k]))
                                : std::string(row.def->label);
}

const Stat& metric_stat(const CallSummary& c, const CallMetricRow& row) {
  return row.def->per_threshold ? (c.*(row.def->per_threshold))[row.k] : c.*(row.def->stat);
}

Stat& metric_stat(CallSummary& c, const CallMetricRow& row) {
  return row.def->per_threshold ? (c.*(row.def->per_threshold))[row.k] : c.*(row.def->stat);
}

}  // namespace ccsim
