#include "sim/html/report_page.hpp"

#include "sim/scenario/errors.hpp"

namespace ccsim::html {

void write_report(const std::string& results_path, std::ostream&) {
  throw InputError(SourceLoc{results_path, 0, 0}, "ccsim report is not built yet");
}

}  // namespace ccsim::html
