#include "sim/report/staff_report.hpp"
#include "sim/report/format_number.hpp"

#include <cmath>
#include <iterator>

#include "models/units.hpp"
#include "sim/report/run_json.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

using json = nlohmann::ordered_json;

std::string targets_text(const Scenario& s) {
  std::string out;
  for (const QueueSpec& q : s.queues) {
    if (q.targets.empty()) continue;
    if (!out.empty()) out += "; ";
    out += q.name + ": ";
    for (std::size_t k = 0; k < q.targets.size(); ++k) out += (k ? " + " : "") + q.targets[k].text;
  }
  return out.empty() ? "(none)" : out;
}

namespace {

const char* scope_name(StaffScope s) { return s == StaffScope::day ? "day" : "interval"; }

// The first SL target's threshold index of queue q, or -1.
int primary_sl(const QueueSpec& q, const std::vector<double>& th, double* fraction = nullptr) {
  for (const Target& t : q.targets)
    if (t.kind == Target::Kind::service_level) {
      if (fraction) *fraction = t.fraction;
      return threshold_index(th, t.threshold);
    }
  return th.empty() ? -1 : 0;
}

const Stat& sl_of(const CallSummary& c, SlBasis b, int k) {
  const auto kk = static_cast<std::size_t>(k);
  return b == SlBasis::offered         ? c.sl_offered[kk]
         : b == SlBasis::answered      ? c.sl_answered[kk]
         : b == SlBasis::abandoned_met ? c.sl_abandoned_met[kk]
                                       : c.sl_refined[kk];
}

std::string money(double x) { return num("{:.2f}", x); }

// A table cell: mean and " ±h" as the table always had them, or, with no interval (fewer
// than two values behind the mean), `none` in place of the ± part.
std::string cell(fmt::format_string<double> mean, fmt::format_string<double> half, const Stat& s, double scale,
                 const char* none) {
  if (s.n < 2 && std::isfinite(s.mean)) return num(mean, scale * s.mean) + " " + none;
  return num(mean, scale * s.mean) + num(half, scale * s.ci95);
}

// `c` padded to `bytes` bytes as the table always was; a cell with "n/a" (no "±", two bytes
// in one column) to the columns a cell with "±" takes, so that the columns stay in line.
std::string pad_cell(const std::string& c, std::size_t bytes) {
  return c.find("n/a") != std::string::npos ? pad_right_columns(c, bytes - 1) : pad_right(c, bytes);
}

}  // namespace

void write_staff_text(std::ostream& o, const StaffResult& r, const StaffOptions& opt) {
  const Scenario& s = r.scenario;
  const auto& th = r.summary.thresholds;
  o << "Staffing for " << s.name << " (" << s.intervals << " intervals of " << models::format_duration(s.interval)
    << ")\n";
  o << "  targets: " << targets_text(s) << "\n";
  o << "  judged: "
    << (opt.confidence > 0 ? num("on the one-sided {:.0f}% confidence bound", 100 * opt.confidence)
                           : std::string("on the mean over replications"))
    << ", scope " << scope_name(opt.scope) << " ("
    << (opt.scope == StaffScope::day ? "the day's figures must meet the targets"
                                     : "every interval must meet the targets")
    << ")\n";
  o << "  search: " << r.evaluations << " simulations of the day, " << s.replications << " replications each ("
    << r.add_rounds << " adding, " << r.remove_rounds << " removing rounds), "
    << (r.feasible ? "all targets met" : "TARGETS NOT MET") << "\n";
  o << "  optimiser: " << r.cut_iterations << " cutting-plane iterations, " << r.trade_moves
    << " trades between groups, " << r.simulated_days << " simulated days\n";
  if (std::isfinite(r.lower_bound))
    o << "  lower bound " << money(r.lower_bound) << " (cut model), gap " << num("{:.2f}%", 100 * r.gap) << "\n";
  else
    o << "  lower bound: none (scope day: the cut model is built for scope interval)\n";
  int unresolved = 0;
  for (const StaffVerdict& v : r.verdicts) unresolved += !v.resolved;
  if (!r.verdicts.empty())
    o << "  close verdicts refined: " << r.verdicts.size() << ", unresolved at --max-replications: " << unresolved
      << (unresolved ? " (listed at the end)" : "") << "\n";
  o << "\n";

  // Interval table: per group the answer and the Erlang C / A figures; per queue SL, ASA,
  // abandon rate with 95% CIs.
  // Names are cut to their column in bytes, as printf's "%-14.14s" did.
  std::string head = "  start";
  for (const auto& g : s.groups) head += fmt::format(" | {}  ErlC  ErlA", pad_right(g.name.substr(0, 14), 14));
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const int k = primary_sl(s.queues[q], th);
    const std::string sl = k >= 0 ? "SL" + models::format_duration(th[static_cast<std::size_t>(k)]) : "SL";
    head += fmt::format(" | {} {} {:<13} {:<12}", pad_right(s.queues[q].name.substr(0, 10), 10), pad_right(sl, 15),
                        "ASA s", "abandon");
  }
  o << head << '\n';
  for (int i = 0; i < s.intervals; ++i) {
    const std::size_t ii = static_cast<std::size_t>(i);
    std::string row = "  " + models::format_clock(s.interval_clock(i));
    for (std::size_t g = 0; g < s.groups.size(); ++g)
      fmt::format_to(std::back_inserter(row), " | {:14d}  {:4d}  {:4d}", r.staffing[g][ii], r.erlang.erlang_c[g][ii],
                     r.erlang.erlang_a[g][ii]);
    bool short_here = false;
    for (std::size_t q = 0; q < s.queues.size(); ++q) {
      const CallSummary& c = judged_interval(r.summary, s.queues[q], q, ii);
      const int k = primary_sl(s.queues[q], th);
      const std::string sl =
          k >= 0 ? cell("{:5.1f}%", " ±{:4.1f}", sl_of(c, s.queues[q].sl_basis, k), 100, "  n/a") : "-";
      fmt::format_to(std::back_inserter(row), " | {:<10} {} {} {}", "", pad_cell(sl, 15),
                     pad_cell(cell("{:5.1f}", " ±{:4.1f}", c.asa, 1, "  n/a"), 13),
                     pad_cell(cell("{:4.1f}%", " ±{:3.1f}", c.abandon_rate, 100, " n/a"), 12));
      for (const StaffShortfall& f : r.shortfalls)
        if (f.interval == i && f.queue == s.queues[q].name) short_here = true;
    }
    o << row << (short_here ? "  << short" : "") << '\n';
  }

  o << "\nDay\n";
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const QueueSpec& qs = s.queues[q];
    for (const Target& t : qs.targets) {
      const TargetResult tr = check_target(t, qs.sl_basis, judged_day(r.summary, qs, q), th, opt.confidence);
      const bool pct = t.kind != Target::Kind::asa;
      const std::string v =
          pct ? with_ci("{:.2f}%", " ± {:.2f}", tr.value, 100) : with_ci("{:.1f} s", " ± {:.1f}", tr.value);
      o << "  " << qs.name << " " << t.text << ": " << v << (tr.met ? "  met" : "  NOT MET") << '\n';
    }
  }
  const PlanCost total = plan_cost(s, r.staffing);
  const PlanCost erlc = plan_cost(s, r.erlang.erlang_c);
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const PlanCost c = group_plan_cost(s, g, r.staffing[g]);
    o << "  group " << s.groups[g].name << ": " << num("{:.1f}", c.agent_hours) << " agent-hours"
      << (c.has_cost ? ", cost " + money(c.cost) : "") << '\n';
  }
  o << "  total: " << num("{:.1f}", total.agent_hours) << " agent-hours"
    << (total.has_cost ? ", cost " + money(total.cost) : "") << '\n';
  o << "  Erlang C staffing would pay " << num("{:.1f}", erlc.agent_hours) << " agent-hours"
    << (total.has_cost ? ", cost " + money(erlc.cost) : "")
    << num(" ({:+.1f}% against this answer)", 100 * (erlc.agent_hours / total.agent_hours - 1)) << '\n';
  if (unresolved) {
    o << "\nToo close to call at " << r.verdicts.front().replications
      << "+ replications (the 95% CI contains the target):\n";
    for (const StaffVerdict& v : r.verdicts) {
      if (v.resolved) continue;
      const bool pct = v.target.rfind("asa", 0) != 0;
      o << "  " << v.queue << " "
        << (v.interval < 0 ? std::string("day") : models::format_clock(s.interval_clock(v.interval))) << " " << v.target
        << " at " << v.staffing << ": "
        << (pct ? with_ci("{:.2f}%", " ± {:.2f}", Stat{v.value, v.ci95, v.replications}, 100)
                : with_ci("{:.1f} s", " ± {:.1f}", Stat{v.value, v.ci95, v.replications}))
        << " (" << v.replications << " replications"
        << (v.paired_replications > 0 ? ", paired with the answer's " + std::to_string(v.paired_replications) : "")
        << ", " << (v.met ? "met" : "not met") << " on the " << (opt.confidence > 0 ? "bound" : "mean") << ")\n";
    }
  }
  if (!r.feasible) {
    o << "\nNot met" << (r.capped ? " (some intervals reached --max-agents)" : "") << ":\n";
    for (const StaffShortfall& f : r.shortfalls)
      o << "  " << f.queue << " "
        << (f.interval < 0 ? std::string("day") : models::format_clock(s.interval_clock(f.interval))) << " " << f.target
        << '\n';
  }
}

json staff_groups_json(const StaffResult& r) {
  const Scenario& s = r.scenario;
  json groups = json::object();
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const PlanCost c = group_plan_cost(s, g, r.staffing[g]);
    const PlanCost ec = group_plan_cost(s, g, r.erlang.erlang_c[g]);
    const PlanCost ea = group_plan_cost(s, g, r.erlang.erlang_a[g]);
    json go;
    go["staffing"] = r.staffing[g];
    go["agent_hours"] = c.agent_hours;
    go["cost"] = c.has_cost ? json(c.cost) : json(nullptr);
    go["erlang_c"] = r.erlang.erlang_c[g];
    go["erlang_a"] = r.erlang.erlang_a[g];
    go["erlang_c_agent_hours"] = ec.agent_hours;
    go["erlang_c_cost"] = ec.has_cost ? json(ec.cost) : json(nullptr);
    go["erlang_a_agent_hours"] = ea.agent_hours;
    groups[s.groups[g].name] = go;
  }
  return groups;
}

json staff_json(const StaffResult& r, const StaffOptions& opt) {
  const Scenario& s = r.scenario;
  const json run = run_json(s, r.model, r.summary);
  json o;
  o["scope"] = scope_name(opt.scope);
  json targets = json::object();
  for (const QueueSpec& q : s.queues) {
    json t = json::array();
    for (const Target& x : q.targets) t.push_back(x.text);
    targets[q.name] = t;
  }
  o["targets"] = targets;
  o["intervals"] = s.intervals;
  o["groups"] = staff_groups_json(r);
  o["queues"] = run["queues"];
  o["total"] = run["total"];
  o["iterations"] = r.evaluations;
  // Extras beyond the contract.
  o["scenario"] = s.name;
  o["confidence"] = opt.confidence;
  o["feasible"] = r.feasible;
  o["replications"] = s.replications;
  o["seed"] = s.seed;
  json starts = json::array();
  for (int i = 0; i < s.intervals; ++i) starts.push_back(models::format_clock(s.interval_clock(i)));
  o["interval_starts"] = starts;
  const PlanCost total = plan_cost(s, r.staffing), erlc = plan_cost(s, r.erlang.erlang_c);
  o["agent_hours"] = total.agent_hours;
  o["cost"] = total.has_cost ? json(total.cost) : json(nullptr);
  o["erlang_c_agent_hours"] = erlc.agent_hours;
  o["erlang_c_cost"] = total.has_cost ? json(erlc.cost) : json(nullptr);
  o["search"] = {{"simulations", r.evaluations},       {"add_rounds", r.add_rounds},
                 {"remove_rounds", r.remove_rounds},   {"capped", r.capped},
                 {"cut_iterations", r.cut_iterations}, {"trade_moves", r.trade_moves},
                 {"refine_rounds", r.refine_rounds}};
  o["simulated_days"] = r.simulated_days;
  o["lower_bound"] = std::isfinite(r.lower_bound) ? json(r.lower_bound) : json(nullptr);
  o["gap"] = std::isfinite(r.gap) ? json(r.gap) : json(nullptr);
  o["answer_replications"] = r.replications;
  json verdicts = json::array();
  for (const StaffVerdict& v : r.verdicts)
    verdicts.push_back({{"queue", v.queue},
                        {"interval", v.interval < 0 ? json(nullptr) : json(v.interval)},
                        {"target", v.target},
                        {"staffing", v.staffing},
                        {"value", std::isfinite(v.value) ? json(v.value) : json(nullptr)},
                        {"ci95", std::isfinite(v.ci95) ? json(v.ci95) : json(nullptr)},
                        {"replications", v.replications},
                        {"paired_replications", v.paired_replications},
                        {"met", v.met},
                        {"resolved", v.resolved}});
  o["verdicts"] = verdicts;
  json shortfalls = json::array();
  for (const StaffShortfall& f : r.shortfalls)
    shortfalls.push_back(
        {{"queue", f.queue},
         {"interval", f.interval < 0 ? json(nullptr) : json(f.interval)},
         {"start", f.interval < 0 ? json(nullptr) : json(models::format_clock(s.interval_clock(f.interval)))},
         {"target", f.target},
         {"value", std::isfinite(f.value) ? json(f.value) : json(nullptr)}});
  o["shortfalls"] = shortfalls;
  return o;
}

}  // namespace ccsim
