// ccsim compare FILE --targets T...: what each target costs, in one table.
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/output_flags.hpp"
#include "sim/cli/staff_flags.hpp"
#include "sim/cli/target_rows.hpp"
#include "sim/io/compare_tables.hpp"
#include "sim/report/compare_report.hpp"
#include "sim/staffing/compare.hpp"

namespace ccsim::cli {

namespace {
// --targets takes several values, so "--targets 80/20 90/10 day.toml" would read the file
// as a target: a .toml word after --targets is taken as the scenario FILE.
Args file_first(Args args) {
  bool after_targets = false;
  for (std::size_t k = 1; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (a == "--targets")
      after_targets = true;
    else if (a.rfind("--", 0) == 0)
      after_targets = false;
    else if (after_targets && a.size() > 5 && a.compare(a.size() - 5, 5, ".toml") == 0) {
      const std::string file = a;
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(k));
      args.insert(args.begin() + 1, file);
      break;
    }
  }
  return args;
}
}  // namespace

int cmd_compare(const Args& raw) {
  const Args args = file_first(raw);
  po::options_description desc("Options of 'ccsim compare'");
  desc.add_options()("help,h", "this text")(
      "targets", po::value<std::vector<std::string>>()->multitoken()->composing()->value_name("T..."),
      "rows to compare, one target set each: for every queue (80/20 90/10+99/300 \"asa<=30s\" "
      "\"abandon<=3%\"), or per queue with QUEUE=TARGETS pairs joined by commas: "
      "elite=90/10+99/300,general=80/20 (queues not named keep the file's targets)")(
      "baseline", po::bool_switch(), "also simulate the file's own plan as the row 'as planned' (the default)")(
      "no-baseline", po::bool_switch(), "leave the file's own plan out");
  add_staff_options(desc);
  add_output_options(desc, OutputFlags{false, false});
  desc.add_options()("json", po::bool_switch(), "print one JSON object on stdout instead of the table");
  const auto vm = parse_with_file(args, desc);
  if (vm.count("help")) {
    print_help("ccsim compare FILE --targets T1 T2 ... [options]", desc,
               {"ccsim compare scenarios/bank-80-20.toml --targets 80/20 90/10 \"90/10+99/300\"",
                "ccsim compare scenarios/elite-line.toml --json \\",
                "    --targets 80/20 \"elite=90/10+99/300,general=80/20\"",
                "ccsim compare scenarios/bank-sla-month.toml --targets 80/20 90/10 \\", "    --out compare.h5"},
               "failure: a target is not met by the best staffing found (see its row),\n"
               "       a failed write, out of memory");
    return 0;
  }
  if (!vm.count("targets")) flag_error("compare", "missing --targets; e.g. --targets 80/20 90/10 \"90/10+99/300\"");

  if (vm["baseline"].as<bool>() && vm["no-baseline"].as<bool>())
    flag_error("compare", "--baseline and --no-baseline contradict each other; give one");
  const bool baseline = !vm["no-baseline"].as<bool>();

  Scenario s = load_scenario_flags("compare", vm);
  const StaffOptions o = read_staff_options("compare", vm, s);
  std::vector<CompareSet> sets;
  int number = 0;
  for (const auto& text : vm["targets"].as<std::vector<std::string>>()) {
    TargetRow row = read_target_row("compare", ++number, text, s);
    // Refuse an impossible target before any row is searched, not after the first ones.
    check_attainable("compare", row, s);
    sets.push_back(CompareSet{row.text, std::move(row.targets)});
  }
  Outputs out = open_outputs("compare", vm);
  check_periods_fit(s, s.replications);
  const Comparison c = compare_targets(s, sets, o, baseline);
  if (out.h5) {
    out.h5->write_header(s, c.rows.front().staff->model, ResultsHeader{"compare", shell_command_line(raw)});
    write_compare_tables(*out.h5, s, c);
    out.h5->commit();
  }
  if (vm["json"].as<bool>())
    std::cout << compare_json(c, o).dump(2) << '\n';
  else
    write_compare_text(std::cout, s, c, o);
  for (const CompareRow& r : c.rows)
    if (!r.staff->feasible) {
      std::cerr << "ccsim compare: error: target " << r.label
                << " is not met by the best staffing found; see its row\n";
      return 1;
    }
  return 0;
}

}  // namespace ccsim::cli
