#include "sim/cli/options.hpp"

#include "sim/engine/interrupt.hpp"

#include <iostream>

#include "models/units.hpp"
#include "sim/cli/scenario_text.hpp"
#include "sim/scenario/did_you_mean.hpp"

namespace ccsim::cli {

namespace {

std::string suggest(const std::string& option, const po::options_description& desc) {
  std::string bare = option;
  while (!bare.empty() && bare[0] == '-') bare.erase(0, 1);
  if (auto eq = bare.find('='); eq != std::string::npos) bare.resize(eq);
  std::vector<std::string> names;
  for (const auto& o : desc.options()) names.push_back(o->long_name());
  const auto best = closest(bare, std::vector<std::string_view>(names.begin(), names.end()));
  return best ? "; did you mean --" + *best + "?" : "";
}

}  // namespace

void flag_error(const std::string& command, const std::string& what) {
  throw InputError(SourceLoc{"ccsim " + command, 0, 0}, what);
}

po::variables_map parse_command(const std::vector<std::string>& args, const po::options_description& desc,
                                const po::positional_options_description& pos) {
  const std::string command = args.empty() ? "" : args[0];
  po::variables_map vm;
  try {
    std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
    po::store(po::command_line_parser(rest).options(desc).positional(pos).run(), vm);
    if (!vm.count("help")) po::notify(vm);
  } catch (const po::unknown_option& e) {
    flag_error(command, "unknown option " + e.get_option_name() + suggest(e.get_option_name(), desc));
  } catch (const po::too_many_positional_options_error&) {
    flag_error(command, "too many arguments; see 'ccsim " + command + " --help'");
  } catch (const po::invalid_option_value& e) {
    flag_error(command, std::string(e.what()));
  } catch (const po::error& e) {
    flag_error(command, std::string(e.what()));
  }
  return vm;
}

double duration_flag(const std::string& command, const std::string& flag, const std::string& value) {
  std::string why;
  const auto d = models::parse_duration(value, &why);
  if (!d) flag_error(command, "--" + flag + ": " + why);
  return *d;
}

void print_help(const std::string& usage, const po::options_description& desc) {
  std::cout << "Usage: " << usage << "\n\n" << desc << '\n';
}

}  // namespace ccsim::cli

namespace ccsim::cli {
long long int_flag(const std::string& command, const std::string& flag, const std::string& value, long long lo,
                   long long hi) {
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value.size())
    flag_error(command, "--" + flag + ": expected an integer, got '" + value + "'");
  if (v < lo || v > hi)
    flag_error(command, "--" + flag + ": " + value + " is out of range [" + std::to_string(lo) + ", " +
                            std::to_string(hi) + "]");
  return v;
}
}  // namespace ccsim::cli

namespace ccsim::cli {
Scenario load_scenario_flags(const std::string& command, const po::variables_map& vm) {
  if (!vm.count("file")) flag_error(command, "missing scenario FILE; see 'ccsim " + command + " --help'");
  const StopAtOnce reading;  // no output exists yet
  std::vector<Override> overrides;
  if (vm.count("set"))
    for (const auto& s : vm["set"].as<std::vector<std::string>>()) overrides.push_back(parse_override(s));
  const auto& file = vm["file"].as<std::string>();
  if (auto text = provided_scenario_text(file)) return parse_scenario(*text, file, overrides);
  return load_scenario(file, overrides);
}
}  // namespace ccsim::cli
