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

po::variables_map parse_with_file(const std::vector<std::string>& args, const po::options_description& desc) {
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>()->value_name("FILE"), "scenario file");
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("file", 1);
  return parse_command(args, all, pos);
}

void add_shared_options(po::options_description& desc, unsigned which) {
  if (which & kReplicationsOption)
    desc.add_options()("replications,r", po::value<std::string>()->value_name("N"),
                       "replications: simulated days behind every figure (overrides scenario.replications)");
  if (which & kSeedOption)
    desc.add_options()("seed", po::value<std::string>()->value_name("S"),
                       "random seed (overrides scenario.seed); the same seed gives the same results");
  if (which & kThreadsOption)
    desc.add_options()("threads,t", po::value<std::string>()->value_name("N"),
                       "worker threads (default: all cores); results do not depend on it");
  if (which & kSetOption)
    desc.add_options()("set", po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUE"),
                       "override a scenario value by its dotted path (repeatable), e.g. --set "
                       "agents.universal.staffing=15 --set queue.general.handle_time.mean=200s");
  if (which & kThresholdOption)
    desc.add_options()("threshold", po::value<std::vector<std::string>>()->composing()->value_name("D"),
                       "also measure the service level within D, e.g. 30s (repeatable)");
}

std::string exit_status_text(const std::string& failure) {
  return "Exit status:\n"
         "  0    success\n"
         "  1    " +
         failure +
         "\n"
         "  2    bad input (scenario, flags or files): the message reads\n"
         "       FILE:LINE:COL: error: WHAT, or ccsim COMMAND: error: WHAT for a flag\n"
         "  130  interrupted (Ctrl-C or SIGTERM); no partial output file is left\n";
}

void print_help(const std::string& usage, const po::options_description& desc, const std::vector<std::string>& examples,
                const std::string& failure) {
  std::cout << "Usage: " << usage << "\n\n" << desc << '\n';
  if (!examples.empty()) {
    std::cout << "Examples:\n";
    for (const std::string& e : examples)  // a command after a "$ " prompt, its continuations under it
      std::cout << (e.rfind("ccsim", 0) == 0 ? "  $ " : "  ") << e << '\n';
    std::cout << '\n';
  }
  std::cout << exit_status_text(failure);
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
