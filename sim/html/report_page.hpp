#pragma once
// ccsim report: one self-contained HTML page from a results file (run, staff, compare, sweep).
#include <ostream>
#include <string>

namespace ccsim::html {

// Reads `results_path` and writes the page to `out`. Bad files are InputErrors (exit 2).
void write_report(const std::string& results_path, std::ostream& out);

// The page as a string (what write_report writes).
std::string report_html(const std::string& results_path);

}  // namespace ccsim::html
