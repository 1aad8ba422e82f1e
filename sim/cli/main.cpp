// ccsim: the command-line entry. Dispatches to a subcommand and maps failures to the exit
// statuses scripts rely on: 0 success, 2 bad input (message FILE:LINE:COLUMN: error: WHAT),
// 130 interrupted, 1 anything else. No exception ever escapes as a trace, and output that could not be
// written to standard output (a full disk, /dev/full, a closed pipe) is an error, not 0.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/engine/interrupt.hpp"
#include "sim/scenario/errors.hpp"

namespace {

const char* kUsage =
    "ccsim: a discrete-event contact-centre simulator\n\n"
    "Usage: ccsim COMMAND [ARGS...]\n\n"
    "Commands:\n"
    "  run FILE      simulate a scenario: service level, ASA, abandon rate with 95% CIs\n"
    "  check FILE    validate a scenario and print a one-screen summary\n"
    "  erlang        exact Erlang B / C / A for one stationary queue: figures, or agents for a target\n"
    "  staff FILE    least-cost staffing per interval that meets the targets (or most net value)\n"
    "  compare FILE  what each target costs: staff for several targets, one table\n"
    "  sweep FILE    one simulation per point of a parameter grid, in parallel, resumable\n"
    "  report FILE   an HTML page a planner opens, from a results file (run, staff, compare, sweep)\n\n";

const char* kOptions =
    "Options:\n"
    "  --help        this text ('ccsim COMMAND --help' for a command's options)\n"
    "  --version     print the version\n\n"
    "Examples:\n"
    "  $ ccsim run scenarios/bank-80-20.toml\n"
    "  $ ccsim staff scenarios/bank-80-20.toml --target 90/10\n"
    "  $ ccsim erlang --rate 3600/h --aht 4m --target 80/20\n";

// The commands, the exit statuses every command shares, the options and examples.
std::string usage() { return kUsage + ccsim::cli::exit_status_text() + "\n" + kOptions; }

int dispatch(const std::vector<std::string>& args) {
  try {
    if (args.empty()) {
      std::cerr << usage();
      return 2;
    }
    ccsim::install_interrupt_handlers();
    const std::string& cmd = args[0];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << usage();
      return 0;
    }
    if (cmd == "--version" || cmd == "-V") {
      std::cout << "ccsim " << CCSIM_VERSION << '\n';
      return 0;
    }
    if (cmd == "run") return ccsim::cli::cmd_run(args);
    if (cmd == "check") return ccsim::cli::cmd_check(args);
    if (cmd == "erlang") return ccsim::cli::cmd_erlang(args);
    if (cmd == "staff") return ccsim::cli::cmd_staff(args);
    if (cmd == "compare") return ccsim::cli::cmd_compare(args);
    if (cmd == "sweep") return ccsim::cli::cmd_sweep(args);
    if (cmd == "report") return ccsim::cli::cmd_report(args);
    std::cerr << "ccsim: error: unknown command '" << cmd
              << "'; commands are run, check, erlang, staff, compare, sweep, report (see ccsim --help)\n";
    return 2;
  } catch (const ccsim::InputError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const ccsim::Interrupted&) {
    std::cerr << "ccsim: interrupted; stopped before the results were complete\n";
    return 130;
  } catch (const std::bad_alloc&) {
    std::cerr << "ccsim: error: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "ccsim: error: " << e.what() << '\n';
    return 1;
  }
}

// Standard output is buffered: a write error shows only when it is flushed.
bool stdout_ok() {
  errno = 0;
  std::cout.flush();
  return std::cout.good() && std::fflush(stdout) == 0 && !std::ferror(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int rc = dispatch(args);
  if (!stdout_ok()) {
    const int err = errno;
    std::cerr << "ccsim: error: could not write to standard output"
              << (err ? std::string(": ") + std::strerror(err) : "") << '\n';
    return rc == 0 ? 1 : rc;
  }
  return rc;
}
