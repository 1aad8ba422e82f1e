// ccsim report RESULTS.h5 -o REPORT.html: one self-contained HTML page (inline SVG and CSS,
// nothing fetched) from any results file (docs/report.md).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/html/report_page.hpp"
#include "sim/io/output_file.hpp"

namespace ccsim::cli {

int cmd_report(const Args& args) {
  po::options_description desc("Options of 'ccsim report'");
  desc.add_options()("help,h", "this text")(
      "out,o", po::value<std::string>()->value_name("REPORT.html"),
      "write the page here (required); written under a temporary name and renamed when complete");
  const auto vm = parse_with_file(args, desc);
  if (vm.count("help")) {
    std::cout << "ccsim report: an HTML page a planner opens, from a results file written by\n"
                 "ccsim run|staff|compare|sweep ... --out RESULTS.h5: service level, ASA and abandon rate\n"
                 "per interval with 95% CIs and targets, misses marked, the day's summary, the spread of\n"
                 "daily service levels, staffing, compare and sweep tables (docs/report.md). One file:\n"
                 "inline SVG and CSS, no network, no fonts or scripts to fetch.\n\n";
    print_help("ccsim report RESULTS.h5 -o REPORT.html", desc,
               {"ccsim run scenarios/bank-80-20.toml --out results.h5", "ccsim report results.h5 -o report.html"},
               "failure (a failed write, out of memory)");
    return 0;
  }
  if (!vm.count("file")) flag_error("report", "missing the results FILE; see 'ccsim report --help'");
  if (!vm.count("out")) flag_error("report", "missing -o REPORT.html (where to write the page)");
  const std::string in = vm["file"].as<std::string>();
  const std::string out = vm["out"].as<std::string>();
  if (out.empty()) flag_error("report", "-o: empty file name");
  if (is_folder(out)) throw InputError(SourceLoc{out, 0, 0}, folder_message("-o", out, "report.html"));
  {
    std::error_code ec;
    if (std::filesystem::exists(in, ec) && std::filesystem::equivalent(in, out, ec))
      throw InputError(SourceLoc{out, 0, 0}, "-o names the results file itself; give another file name");
  }
  const std::string page = html::report_html(in);

  OutputFile file(out);
  std::ofstream os(file.temp_path(), std::ios::binary | std::ios::trunc);
  if (!os) {
    const std::string why = std::strerror(errno);
    file.commit_nothing();
    throw InputError(SourceLoc{out, 0, 0}, "cannot write the report: " + why);
  }
  os << page;
  os.flush();
  if (!os) throw std::runtime_error("writing " + out + " failed: " + std::strerror(errno));
  os.close();
  if (!os) throw std::runtime_error("writing " + out + " failed: " + std::strerror(errno));
  file.commit();
  std::cerr << "ccsim report: wrote " << out << '\n';
  return 0;
}

}  // namespace ccsim::cli
