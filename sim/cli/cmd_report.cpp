// ccsim report FILE -o OUT.html: the HTML report of a results file.
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/html/report_page.hpp"

namespace ccsim::cli {

int cmd_report(const Args& args) {
  if (args.size() < 2) flag_error("report", "missing results FILE; see 'ccsim report --help'");
  html::write_report(args[1], std::cout);
  return 0;
}

}  // namespace ccsim::cli
