#pragma once
// Options shared by `ccsim staff` and `ccsim compare`: the search settings, and target
// sets in docs/interfaces.md §1.1 words ("80/20", "90/10+99/300", "asa<=30s", "abandon<=3%").
#include <string>
#include <vector>

#include "sim/cli/options.hpp"
#include "sim/staffing/search.hpp"

namespace ccsim::cli {

// Adds --scope, --confidence, --max-agents, --max-simulations, --max-replications, then the
// shared --replications, --seed, --threads and --set (add_shared_options) to `desc`.
void add_staff_options(po::options_description& desc);

// Reads them (the scenario's replications and seed are overridden in `s`).
StaffOptions read_staff_options(const std::string& command, const po::variables_map& vm, Scenario& s);

// One target set: targets joined by '+' ("90/10+99/300"); InputError naming the flag.
std::vector<Target> target_set_flag(const std::string& command, const std::string& flag, const std::string& text);

// Every queue of `s` gets `targets` (the command line's replace the file's).
void set_all_targets(Scenario& s, const std::vector<Target>& targets);

}  // namespace ccsim::cli
