#include "sim/cli/output_flags.hpp"

#include "sim/report/csv_summary.hpp"

namespace ccsim::cli {

namespace {

CsvOutput open_csv(const std::string& command, const std::string& flag, const std::string& path) {
  CsvOutput c;
  if (is_folder(path))
    flag_error(command, folder_message("--" + flag, path,
                                       flag == "csv"        ? "summary.csv"
                                       : flag == "csv-days" ? "days.csv"
                                                            : "intervals.csv"));
  c.file = std::make_unique<OutputFile>(path);
  c.stream.open(c.file->temp_path());
  if (!c.stream) {
    c.file->commit_nothing();
    flag_error(command, "--" + flag + ": cannot write '" + path + "' (is the folder there and writable?)");
  }
  return c;
}

void close_csv(CsvOutput& c) {
  c.stream.close();
  if (!c.stream) throw std::runtime_error("writing " + c.file->final_path() + " failed");
  c.file->commit();
}

}  // namespace

void add_output_options(po::options_description& desc, const OutputFlags& which) {
  desc.add_options()("out", po::value<std::string>()->value_name("RESULTS.h5"),
                     "write the HDF5 results file (docs/results-format.md)");
  if (which.call_log)
    desc.add_options()("call-log", po::bool_switch(), "also write one row per call attempt to the --out file");
  if (which.csv)
    desc.add_options()("csv", po::value<std::string>()->value_name("SUMMARY.csv"),
                       "write the day summary per queue and metric")(
        "csv-intervals", po::value<std::string>()->value_name("INTERVALS.csv"),
        "write the summary per queue and interval")("csv-days", po::value<std::string>()->value_name("DAYS.csv"),
                                                    "write the summary per queue and day (scenario.days > 1)");
}

Outputs open_outputs(const std::string& command, const po::variables_map& vm) {
  Outputs o;
  o.call_log = vm.count("call-log") && vm["call-log"].as<bool>();
  if (o.call_log && !vm.count("out"))
    flag_error(command, "--call-log needs --out RESULTS.h5: the call log is written into the results file");
  if (vm.count("out")) o.h5 = std::make_unique<ResultsFile>(vm["out"].as<std::string>(), command);
  if (vm.count("csv")) o.csv = open_csv(command, "csv", vm["csv"].as<std::string>());
  if (vm.count("csv-intervals"))
    o.csv_intervals = open_csv(command, "csv-intervals", vm["csv-intervals"].as<std::string>());
  if (vm.count("csv-days")) o.csv_days = open_csv(command, "csv-days", vm["csv-days"].as<std::string>());
  return o;
}

void Outputs::finish(const Scenario& s, const RunSummary& summary) {
  if (csv) {
    write_csv_summary(csv->stream, s, summary);
    close_csv(*csv);
  }
  if (csv_intervals) {
    write_csv_intervals(csv_intervals->stream, s, summary);
    close_csv(*csv_intervals);
  }
  if (csv_days) {
    write_csv_days(csv_days->stream, s, summary);  // the header alone for a run of one day
    close_csv(*csv_days);
  }
  if (h5) h5->commit();
}

}  // namespace ccsim::cli
