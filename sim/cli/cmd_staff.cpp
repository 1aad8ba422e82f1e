// ccsim staff FILE: the least-cost staffing per interval that meets every queue's targets.
#include <algorithm>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "sim/cli/commands.hpp"
#include "sim/cli/output_flags.hpp"
#include "sim/cli/staff_flags.hpp"
#include "sim/io/results_tables.hpp"
#include "sim/io/staff_tables.hpp"
#include "sim/io/value_tables.hpp"
#include "sim/report/format_number.hpp"
#include "sim/report/run_json.hpp"
#include "sim/report/shift_report.hpp"
#include "sim/report/staff_report.hpp"
#include "sim/report/value_report.hpp"
#include "sim/staffing/net_search.hpp"

namespace ccsim::cli {

namespace {

// Money and SLA of the answer over its first n replications, with the periods they complete.
ValueSummary fold_value(const StaffResult& r, std::size_t n, std::vector<PeriodOutcome>& periods) {
  ValueAccumulator acc(r.scenario, r.model);
  for (std::size_t k = 0; k < n && k < r.reps.size(); ++k) {
    acc.add(r.reps[k]);
    periods.insert(periods.end(), acc.completed().begin(), acc.completed().end());
  }
  return acc.summary(r.cost);
}

// The results file of `staff`: header, the answer's staffing and simulated tables, and its
// money and SLA when the scenario states them.
void write_staff_file(Outputs& out, const Args& args, const Scenario& s, const StaffResult& r, const StaffOptions& o,
                      const ValueSummary* value, const std::vector<PeriodOutcome>& periods) {
  if (!out.h5) return;
  // The file holds the answer's replications (more than the scenario's where close
  // verdicts were sharpened); its header says how many, so its tables check out.
  Scenario header = s;
  header.replications = r.replications;
  out.h5->write_header(header, r.model, ResultsHeader{"staff", shell_command_line(args)});
  write_staff_attributes(*out.h5, r, o);
  write_staffing_table(*out.h5, s, r);
  write_run_tables(*out.h5, r.model, r.reps, r.summary);
  if (value) {
    write_period_rows(*out.h5, periods);
    write_value_table(*out.h5, s, *value);
  }
}

// --objective net: the ascent on net value (sim/staffing/net_search.hpp).
int staff_net(const Args& args, const po::variables_map& vm, const Scenario& s, const StaffOptions& o) {
  Outputs out = open_outputs("staff", vm);
  const NetResult r = find_net_staffing(s, o, !vm["no-targets"].as<bool>());
  const StaffResult& st = r.staff;
  std::vector<PeriodOutcome> periods;
  fold_value(st, st.reps.size(), periods);
  write_staff_file(out, args, s, st, o, &r.value, periods);
  if (vm["json"].as<bool>()) {
    auto j = staff_json(st, o);
    j["objective"] = "net";
    j["constrained"] = r.constrained;
    j["moves"] = r.moves;
    j["net_evaluations"] = r.evaluations;
    j["start_staffing"] = r.start;
    j["start_net_per_day"] = r.start_value.net.mean;
    j["net_gain_per_day"] = stat_json(r.gain);
    j["value"] = value_json(s, r.value);
    std::cout << j.dump(2) << '\n';
  } else {
    write_staff_text(std::cout, st, o);
    write_value_text(std::cout, s, r.value);
    std::cout << fmt::format(
        "\nObjective net value{}: {} per day against {} at the start ({}), {}{}{} (paired, 95% CI), after {} "
        "single-agent moves and {} plans judged on the same {} days\n",
        r.constrained ? " with the targets as constraints" : " without target constraints",
        num("{:.2f}", r.value.net.mean), num("{:.2f}", r.start_value.net.mean),
        r.start_is_cost_answer ? "the least-cost answer" : "the scenario's staffing", r.gain.mean >= 0 ? "+" : "",
        num("{:.2f}", r.gain.mean), half_width(" ± {:.2f}", r.gain.ci95, r.gain.n), r.moves, r.evaluations,
        st.replications);
  }
  out.finish(st.scenario, st.summary);
  if (!st.feasible) {
    std::cerr << "ccsim staff: error: the targets are not met in " << st.shortfalls.size()
              << (st.shortfalls.size() == 1 ? " case" : " cases") << "; the best staffing found is printed above\n";
    return 1;
  }
  return 0;
}

}  // namespace

int cmd_staff(const Args& args) {
  po::options_description desc("Options of 'ccsim staff'");
  desc.add_options()("help,h", "this text")("target",
                                            po::value<std::vector<std::string>>()->composing()->value_name("T"),
                                            "target for every queue, replacing the file's: 80/20, 90/10+99/300, "
                                            "asa<=30s, abandon<=3% (repeatable; all must hold)");
  add_staff_options(desc);
  desc.add_options()("objective", po::value<std::string>()->default_value("cost")->value_name("cost|net"),
                     "cost: least staff cost meeting the targets; net: most expected net value per day (revenue "
                     "- call costs - staff cost - SLA penalties), the targets as constraints")(
      "no-targets", po::bool_switch(), "with --objective net: maximise net value without the targets as constraints");
  desc.add_options()("shifts", po::bool_switch(),
                     "also cover the answer with shifts from each group's shift_patterns (least paid time, GLPK), and "
                     "simulate that plan")("json", po::bool_switch(),
                                           "print one JSON object on stdout instead of the table");
  add_output_options(desc, OutputFlags{false, true});
  const auto vm = parse_with_file(args, desc);
  if (vm.count("help")) {
    print_help(
        "ccsim staff FILE [--target T]... [--scope interval|day]\n"
        "                   [--confidence P] [options]",
        desc,
        {"ccsim staff scenarios/bank-80-20.toml   # least cost for the file's targets",
         "ccsim staff scenarios/bank-80-20.toml --target 90/10 --scope day \\", "    --confidence 0.95",
         "ccsim staff scenarios/sales-net-value.toml --objective net --json"},
        "failure: the targets are not met (the best staffing found is printed),\n"
        "       a failed write, out of memory");
    return 0;
  }

  std::vector<Target> targets;
  if (vm.count("target"))
    for (const auto& t : vm["target"].as<std::vector<std::string>>())
      for (Target& x : target_set_flag("staff", "target", t)) targets.push_back(std::move(x));

  const std::string objective = vm["objective"].as<std::string>();
  if (objective != "cost" && objective != "net")
    flag_error("staff", "--objective: unknown objective \"" + objective + "\"; use cost or net");
  const bool net = objective == "net";
  if (vm["no-targets"].as<bool>() && !net) flag_error("staff", "--no-targets applies to --objective net only");

  Scenario s = load_scenario_flags("staff", vm);
  const StaffOptions o = read_staff_options("staff", vm, s);
  if (!targets.empty()) set_all_targets(s, targets);
  bool any = false;
  for (const QueueSpec& q : s.queues) any = any || !q.targets.empty();
  if (net) {
    if (!has_value_terms(s))
      flag_error("staff",
                 "--objective net: the scenario states no money (revenue_per_answered, cost_per_abandon, "
                 "cost_per_waiting_hour) and no sla on any queue, so net value is only staff cost; use "
                 "--objective cost");
    if (vm["shifts"].as<bool>()) flag_error("staff", "--shifts is not available with --objective net yet");
    return staff_net(args, vm, s, o);
  }
  if (!any)
    flag_error("staff", "no targets: the scenario's queues have none; give one with --target, e.g. --target 80/20");

  const bool shifts = vm["shifts"].as<bool>();
  if (shifts)  // refuse a group without patterns before the search, not after it
    for (const AgentGroupSpec& g : s.groups)
      if (g.shift_patterns.empty())
        throw InputError(g.where, "--shifts: agent group \"" + g.name +
                                      "\" has no shift_patterns; list the shifts it may work, e.g. "
                                      "shift_patterns = [{ start = [\"08:00\", \"12:00\"], length = \"8h\" }]");

  Outputs out = open_outputs("staff", vm);
  const bool valued = has_value_terms(s);
  if (valued) check_periods_fit(s, s.replications);
  const StaffResult r = find_staffing(s, o);
  // Money and SLA of the answer, on the scenario's replications (whole periods).
  std::optional<ValueSummary> value;
  std::vector<PeriodOutcome> periods;
  if (valued) value = fold_value(r, static_cast<std::size_t>(s.replications), periods);
  write_staff_file(out, args, s, r, o, value ? &*value : nullptr, periods);
  ShiftPlan plan;
  if (shifts) plan = plan_shifts(r, o);
  if (vm["json"].as<bool>()) {
    auto j = staff_json(r, o);
    if (shifts) j["shifts"] = shift_json(r, plan);
    if (value) j["value"] = value_json(s, *value);
    std::cout << j.dump(2) << '\n';
  } else {
    write_staff_text(std::cout, r, o);
    if (value) write_value_text(std::cout, s, *value);
    if (shifts) write_shift_text(std::cout, r, plan);
  }
  out.finish(r.scenario, r.summary);  // an infeasible answer is still a result worth keeping
  if (!r.feasible) {
    std::cerr << "ccsim staff: error: the targets are not met in " << r.shortfalls.size()
              << (r.shortfalls.size() == 1 ? " case" : " cases")
              << (r.capped ? " even at --max-agents" : " within --max-simulations")
              << "; the best staffing found is printed above\n";
    return 1;
  }
  return 0;
}

}  // namespace ccsim::cli
