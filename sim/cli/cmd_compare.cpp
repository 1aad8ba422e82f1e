// ccsim compare FILE --targets T...: what each target costs, in one table.
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/output_flags.hpp"
#include "sim/cli/staff_flags.hpp"
#include "sim/compare.hpp"
#include "sim/staff_tables.hpp"
#include "sim/target_check.hpp"

namespace ccsim::cli {

namespace {
// --targets takes several values, so "--targets 80/20 90/10 day.toml" would read the file
// as a target: a .toml word after --targets is taken as the scenario FILE.
Args file_first(Args args) {
  bool after_targets = false;
  for (std::size_t k = 1; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (a == "--targets") after_targets = true;
    else if (a.rfind("--", 0) == 0) after_targets = false;
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
  desc.add_options()
      ("help,h", "this text")
      ("targets", po::value<std::vector<std::string>>()->multitoken()->composing(),
       "target sets to compare, each for every queue: \"80/20\" \"90/10\" \"90/10+99/300\" \"asa<=30s\" \"abandon<=3%\"");
  add_staff_options(desc);
  add_output_options(desc, OutputFlags{false, false});
  desc.add_options()
      ("json", po::bool_switch(), "print one JSON object on stdout instead of the table")
      ("file", po::value<std::string>(), "scenario file");
  po::positional_options_description pos;
  pos.add("file", 1);
  const auto vm = parse_command(args, desc, pos);
  if (vm.count("help")) {
    print_help("ccsim compare FILE --targets T1 T2 ... [options]", desc);
    return 0;
  }
  if (!vm.count("targets"))
    flag_error("compare", "missing --targets; e.g. --targets 80/20 90/10 \"90/10+99/300\"");

  std::vector<std::pair<std::string, std::vector<Target>>> sets;
  for (const auto& t : vm["targets"].as<std::vector<std::string>>())
    sets.emplace_back(t, target_set_flag("compare", "targets", t));

  Scenario s = load_scenario_flags("compare", vm);
  const StaffOptions o = read_staff_options("compare", vm, s);
  // Refuse an impossible target before any row is searched, not after the first ones.
  for (const auto& [label, targets] : sets)
    for (const Target& t : targets)
      for (const QueueSpec& q : s.queues) {
        const std::string why = unattainable(t, q.patience.has_value());
        if (!why.empty()) flag_error("compare", "--targets " + label + ": queue \"" + q.name + "\": " + why);
      }
  Outputs out = open_outputs("compare", vm);
  const auto rows = compare_targets(s, sets, o);
  if (out.h5) {
    out.h5->write_header(s, rows.front().staff->model, ResultsHeader{"compare", shell_command_line(raw)});
    write_compare_tables(*out.h5, s, rows);
    out.h5->commit();
  }
  if (vm["json"].as<bool>()) std::cout << compare_json(rows, o).dump(2) << '\n';
  else write_compare_text(std::cout, s, rows, o);
  for (const CompareRow& r : rows)
    if (!r.staff->feasible) {
      std::cerr << "ccsim compare: error: target " << r.label
                << " is not met by the best staffing found; see its row\n";
      return 1;
    }
  return 0;
}

}  // namespace ccsim::cli
