// ccsim check FILE: validate a scenario and print a one-screen summary of it.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "models/units.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/compile/compile.hpp"
#include "sim/report/value_report.hpp"
#include "sim/scenario/scenario.hpp"

namespace ccsim::cli {

namespace {

// The routing rules in force, in words (docs/routing.md): the scenario's, then each group
// and queue that has its own, then balking and the close of day where stated.
// weighted_wait's score per served queue: "sales = 0s + 2 x wait, service = 30s + 1 x wait".
void print_scores(const AgentGroupSpec& g) {
  for (std::size_t k = 0; k < g.serves.size(); ++k) {
    double w = 1, b = 0;
    for (const auto& sk : g.skills)
      if (sk.queue == g.serves[k]) w = sk.weight, b = sk.bonus;
    std::cout << (k ? ", " : " ") << g.serves[k] << " = " << models::format_duration(b) << " + " << w << " x wait";
  }
}

// Which queues share which forecast error: the point of a named factor.
void print_day_factors(const Scenario& s) {
  for (std::size_t f = 0; f < s.day_factors.size(); ++f) {
    const DayFactorSpec& d = s.day_factors[f];
    std::string queues;
    for (const auto& q : s.queues)
      if (std::find(q.arrivals.day_factors.begin(), q.arrivals.day_factors.end(), f) != q.arrivals.day_factors.end())
        queues += (queues.empty() ? "'" : ", '") + q.name + "'";
    std::cout << "day factor '" << d.name << "': CV " << d.cv;
    if (d.interval_cv > 0) std::cout << ", interval CV " << d.interval_cv;
    std::cout << (d.all_queues ? ", all queues" : "") << "; shared by "
              << (queues.empty() ? std::string("no queue (it has no effect)") : queues) << "\n";
  }
}

void print_routing(const Scenario& s) {
  std::cout << "routing: " << models::describe(s.routing.call_choice) << " (" << models::name_of(s.routing.call_choice)
            << "); " << models::describe(s.routing.agent_choice) << " (" << models::name_of(s.routing.agent_choice)
            << ")\n";
  for (const auto& g : s.groups) {
    const models::CallChoice rule = g.call_choice.value_or(s.routing.call_choice);
    const bool own = rule != s.routing.call_choice;
    if (!own && rule != models::CallChoice::weighted_wait) continue;
    std::cout << "  agents '" << g.name << "': ";
    if (own) std::cout << models::describe(rule) << " (" << models::name_of(rule) << ")";
    if (rule == models::CallChoice::weighted_wait) {
      std::cout << (own ? "; scores" : "scores");
      print_scores(g);
    }
    std::cout << '\n';
  }
  for (const auto& q : s.queues) {
    if (q.agent_choice && *q.agent_choice != s.routing.agent_choice)
      std::cout << "  queue '" << q.name << "': " << models::describe(*q.agent_choice) << " ("
                << models::name_of(*q.agent_choice) << ")\n";
    if (q.balk.size() == 1)
      std::cout << "  queue '" << q.name << "': a caller who must wait leaves at once with probability " << q.balk[0]
                << " (balk)\n";
    if (q.balk.size() > 1) {
      std::cout << "  queue '" << q.name << "': a caller who must wait leaves at once with probability";
      for (std::size_t k = 0; k < q.balk.size(); ++k)
        std::cout << (k ? ", " : " ") << q.balk[k] << " with " << k << (k + 1 == q.balk.size() ? " or more" : "")
                  << " waiting";
      std::cout << " (balk)\n";
    }
    if (q.callback)
      std::cout << "  queue '" << q.name << "': a caller who must wait longer than "
                << models::format_duration(q.callback->offer_after) << " (expected) is offered a callback; "
                << q.callback->accept << " accept (callback)\n";
    if (!q.transfers.empty()) {
      std::cout << "  queue '" << q.name << "': after service, calls are transferred to";
      for (std::size_t k = 0; k < q.transfers.size(); ++k)
        std::cout << (k ? ", " : " ") << "'" << q.transfers[k].to << "' with probability "
                  << q.transfers[k].probability;
      std::cout << " (transfer)\n";
    }
    if (q.at_close != models::AtClose::drain)
      std::cout << "  queue '" << q.name << "': " << models::describe(q.at_close) << " (at_close = \""
                << models::name_of(q.at_close) << "\")\n";
  }
}

}  // namespace

int cmd_check(const Args& args) {
  po::options_description desc("Options of 'ccsim check'");
  desc.add_options()("help,h", "this text");
  add_shared_options(desc, kSetOption);
  const auto vm = parse_with_file(args, desc);
  if (vm.count("help")) {
    print_help("ccsim check FILE [--set KEY=VALUE]...", desc,
               {"ccsim check scenarios/bank-80-20.toml",
                "ccsim check scenarios/bank-routing-rules.toml   # the routing rules in words",
                "ccsim check scenarios/bank-80-20.toml --set queue.general.arrivals.scale=1.2"});
    return 0;
  }
  const Scenario s = load_scenario_flags("check", vm);

  using models::format_clock_day;  // a day past midnight reads "22:00-06:00+1"
  using models::format_duration;
  std::cout << vm["file"].as<std::string>() << ": OK\n";
  std::cout << "scenario '" << s.name << "': " << s.intervals << " intervals of " << format_duration(s.interval) << ", "
            << format_clock_day(s.start) << "-"
            << format_clock_day(
                   s.days > 1 ? s.day_clock(s.days - 1) + s.day_intervals * s.interval : s.start + s.day_length(), true)
            << ", warm-up " << format_duration(s.warmup) << ", " << s.replications << " replications, seed " << s.seed;
  if (s.days > 1)
    std::cout << "; " << s.days << " days of " << s.day_intervals << " intervals, "
              << (s.carry_over ? "carried over" : "each simulated apart");
  std::cout << '\n';
  for (const auto& q : s.queues) {
    double calls = 0;
    if (q.arrivals.trace) {
      calls = static_cast<double>(q.arrivals.trace_calls.size());
    } else {
      for (int i = 0; i < s.intervals; ++i)
        calls += q.arrivals.stationary ? q.arrivals.rate * s.interval : q.arrivals.volumes[static_cast<std::size_t>(i)];
    }
    std::cout << "queue '" << q.name << "': " << calls
              << (q.arrivals.trace ? " traced calls"
                  : s.days > 1     ? " calls"
                                   : " calls/day");
    if (s.days > 1) {
      std::cout << " over " << s.days << " days";
      if (!q.arrivals.day_scale.empty()) {
        std::cout << " (day_scale";
        for (const double k : q.arrivals.day_scale) std::cout << ' ' << k;
        std::cout << ')';
      }
    }
    if (q.arrivals.forecast_cv > 0) std::cout << " (forecast CV " << q.arrivals.forecast_cv << ")";
    for (const std::size_t f : q.arrivals.day_factors) std::cout << " (day factor '" << s.day_factors[f].name << "')";
    // Per-interval distributions: the first and last interval's, and how many there are.
    const auto said = [](const models::DistSpec& d, const std::vector<models::DistSpec>& by) {
      if (by.empty()) return d.describe();
      return "per interval, " + by.front().describe() + " ... " + by.back().describe() + " (" +
             std::to_string(by.size()) + " intervals)";
    };
    std::cout << ", handle " << said(q.handle_time, q.handle_time_by_interval) << ", patience "
              << (q.patience ? said(*q.patience, q.patience_by_interval) : std::string("none (nobody abandons)"));
    if (q.wrap_up && !q.wrap_up_by_interval.empty())
      std::cout << ", wrap-up " << said(*q.wrap_up, q.wrap_up_by_interval);
    std::cout << ", targets";
    if (q.targets.empty()) std::cout << " none";
    for (const auto& t : q.targets) std::cout << ' ' << t.text;
    bool any_sl = false;
    for (const auto& t : q.targets) any_sl = any_sl || t.kind == Target::Kind::service_level;
    if (any_sl) std::cout << " (service level on " << sl_basis_name(q.sl_basis) << " basis)";
    std::cout << '\n';
    // Money and SLA, only where stated (other scenarios' summaries stay as they were).
    if (q.money.any())
      std::cout << "  money: " << q.money.revenue_per_answered << " per answered call, " << q.money.cost_per_abandon
                << " per caller lost, " << q.money.cost_per_waiting_hour << " per hour waited\n";
    if (q.sla)
      std::cout << "  sla: " << q.sla->target.text << " per " << sla_period_text(*q.sla) << ", penalty "
                << q.sla->penalty << " per missed period + " << q.sla->penalty_per_point << " per point short\n";
  }
  const RunModel model = compile(s);
  std::cout.precision(10);  // hours and costs in full, as `run` reports them
  for (std::size_t k = 0; k < s.groups.size(); ++k) {
    const auto& g = s.groups[k];
    const GroupModel& gm = model.groups[k];
    const auto [lo, hi] = std::minmax_element(gm.on_duty.begin(), gm.on_duty.end());
    std::cout << "agents '" << g.name << "': serve";
    for (const auto& q : g.serves) std::cout << ' ' << q;
    std::cout << "; ";
    if (!g.shifts.empty())
      std::cout << g.shifts.size() << (s.days > 1 ? " shifts over the days, " : " shift patterns, ");
    if (lo != gm.on_duty.end()) std::cout << *lo << "-" << *hi << " on duty per interval (time-weighted), ";
    std::cout << gm.paid_hours << " paid agent-hours";
    if (gm.overtime_hours > 0) std::cout << " + " << gm.overtime_hours << " overtime";
    if (g.cost_per_hour) std::cout << ", cost " << gm.cost();
    std::cout << '\n';
  }
  print_day_factors(s);
  print_routing(s);
  for (const auto& n : s.notes) std::cout << "note: " << n << '\n';
  return 0;
}

}  // namespace ccsim::cli
