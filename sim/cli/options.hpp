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

// Prints "Usage: ..." and the options.
void print_help(const std::string& usage, const po::options_description& desc);

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
