#pragma once
// Shared pieces of the command line: parsing a subcommand's options with
// Boost.Program_options and turning every mistake into an InputError.
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "sim/scenario/errors.hpp"
#include "sim/scenario/scenario.hpp"

namespace ccsim::cli {

namespace po = boost::program_options;

// Parses args (args[0] = command name) against `desc` and positional names; throws
// InputError ("ccsim run: error: unknown option --replicatons; did you mean --replications?").
po::variables_map parse_command(const std::vector<std::string>& args, const po::options_description& desc,
                                const po::positional_options_description& pos);

// Error located on the command line: "ccsim COMMAND: error: WHAT".
[[noreturn]] void flag_error(const std::string& command, const std::string& what);

// A duration flag ("20s", "4m", 45): seconds, or InputError naming the flag.
double duration_flag(const std::string& command, const std::string& flag, const std::string& value);

// Parses a command that takes the scenario FILE as its one positional argument: `desc` (what
// --help prints) plus the option "file" it binds to, hidden from the help. `--file FILE`
// works as ever.
po::variables_map parse_with_file(const std::vector<std::string>& args, const po::options_description& desc);

// The options shared by run, staff, compare and sweep (and check's --set), declared once:
// -r/--replications N, --seed S, -t/--threads N, --set KEY=VALUE (repeatable) and
// --threshold D (repeatable). Each command reads them itself (their ranges differ).
enum SharedOption : unsigned {
  kReplicationsOption = 1u << 0,
  kSeedOption = 1u << 1,
  kThreadsOption = 1u << 2,
  kSetOption = 1u << 3,
  kThresholdOption = 1u << 4,
  kSimulationOptions = kReplicationsOption | kSeedOption | kThreadsOption | kSetOption
};
void add_shared_options(po::options_description& desc, unsigned which = kSimulationOptions);

// Prints "Usage: ...", the options, the examples (one command line each) and the exit
// statuses (docs/interfaces.md §2). `failure`: what exit status 1 means for the command.
void print_help(const std::string& usage, const po::options_description& desc,
                const std::vector<std::string>& examples = {},
                const std::string& failure = "failure (a failed write, out of memory)");

// The exit statuses, as every help text lists them (the top-level one too).
std::string exit_status_text(const std::string& failure = "failure (a failed write, out of memory)");

}  // namespace ccsim::cli

namespace ccsim::cli {
// An integer flag within [lo, hi], or InputError naming the flag and the range.
long long int_flag(const std::string& command, const std::string& flag, const std::string& value, long long lo,
                   long long hi);
}  // namespace ccsim::cli

namespace ccsim::cli {
// The scenario named by the positional "file" option, with every --set applied; an
// InputError when the file is missing from the command line or the scenario is bad.
Scenario load_scenario_flags(const std::string& command, const po::variables_map& vm);
}  // namespace ccsim::cli
