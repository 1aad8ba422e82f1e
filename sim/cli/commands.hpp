#pragma once
// The ccsim subcommands. Each takes its own arguments (argv[0] = command name) and returns
// the exit status; input errors are thrown as InputError and turned into exit 2 by main.
#include <string>
#include <vector>

namespace ccsim::cli {

using Args = std::vector<std::string>;

int cmd_run(const Args& args);
int cmd_check(const Args& args);
int cmd_erlang(const Args& args);
int cmd_staff(const Args& args);
int cmd_compare(const Args& args);
int cmd_sweep(const Args& args);
int cmd_report(const Args& args);

}  // namespace ccsim::cli
