// ccsim compare FILE --targets T...: what each target costs, in one table.
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/staff_flags.hpp"
#include "sim/compare.hpp"

namespace ccsim::cli {

int cmd_compare(const Args& args) {
  po::options_description desc("Options of 'ccsim compare'");
  desc.add_options()
      ("help,h", "this text")
      ("targets", po::value<std::vector<std::string>>()->multitoken()->composing(),
       "target sets to compare, each for every queue: \"80/20\" \"90/10\" \"90/10+99/300\" \"asa<=30s\" \"abandon<=3%\"");
  add_staff_options(desc);
  desc.add_options()
      ("json", po::bool_switch(), "print one JSON object on stdout instead of the table")
      ("out", po::value<std::string>(), "COMPARE.h5: HDF5 results file")
      ("file", po::value<std::string>(), "scenario file");
  po::positional_options_description pos;
  pos.add("file", 1);
  const auto vm = parse_command(args, desc, pos);
  if (vm.count("help")) {
    print_help("ccsim compare FILE --targets T1 T2 ... [options]", desc);
    return 0;
  }
  if (vm.count("out"))
    flag_error("compare", "--out: HDF5 results files are not available in this version yet; use --json");
  if (!vm.count("targets"))
    flag_error("compare", "missing --targets; e.g. --targets 80/20 90/10 \"90/10+99/300\"");

  std::vector<std::pair<std::string, std::vector<Target>>> sets;
  for (const auto& t : vm["targets"].as<std::vector<std::string>>())
    sets.emplace_back(t, target_set_flag("compare", "targets", t));

  Scenario s = load_scenario_flags("compare", vm);
  const StaffOptions o = read_staff_options("compare", vm, s);
  const auto rows = compare_targets(s, sets, o);
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
