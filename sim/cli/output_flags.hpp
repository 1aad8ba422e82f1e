#pragma once
// --out, --call-log, --csv and --csv-intervals, shared by the commands that compute
// results. Every output is opened (under a temporary name) before anything is simulated,
// so a bad path fails at once with exit 2, and appears under its own name only when
// complete (docs/results-format.md §1).
#include <fstream>
#include <memory>
#include <optional>

#include "sim/cli/options.hpp"
#include "sim/io/output_file.hpp"
#include "sim/io/results_file.hpp"
#include "sim/stats/run_summary.hpp"

namespace ccsim::cli {

struct OutputFlags {
  bool call_log = false;  // offer --call-log (run only)
  bool csv = true;        // offer --csv and --csv-intervals
};

void add_output_options(po::options_description& desc, const OutputFlags& which);

// A CSV file written under a temporary name and renamed when complete.
struct CsvOutput {
  std::unique_ptr<OutputFile> file;
  std::ofstream stream;
};

struct Outputs {
  std::unique_ptr<ResultsFile> h5;
  std::optional<CsvOutput> csv, csv_intervals, csv_days;
  bool call_log = false;

  // Writes the CSV files of `summary` and renames every output into place.
  void finish(const Scenario& s, const RunSummary& summary);
};

// Opens what the flags ask for; InputError for --call-log without --out or an unwritable
// path. `args` is the command's argument list as given (for the file's command_line).
Outputs open_outputs(const std::string& command, const po::variables_map& vm);

}  // namespace ccsim::cli
