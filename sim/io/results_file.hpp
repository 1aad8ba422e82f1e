#pragma once
// A results file being written (docs/results-format.md): created under a temporary name
// before anything is simulated, filled table by table, renamed into place by commit().
// Destroyed without commit it removes itself (see sim/io/output_file.hpp). A sweep's file is
// built at its end from the sweep's journal (sim/sweep/journal.hpp).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sim/engine/run_model.hpp"
#include "sim/io/call_log_writer.hpp"
#include "sim/io/h5_file.hpp"
#include "sim/io/output_file.hpp"
#include "sim/io/table_sink.hpp"
#include "sim/scenario/scenario.hpp"

namespace ccsim {

inline constexpr std::int64_t kResultsFormatVersion = 1;

struct ResultsHeader {
  std::string command;       // run, staff, compare
  std::string command_line;  // as given, shell-quoted
  std::string created = {};  // UTC, ISO 8601; "" for now
};

// The root attributes of §2 in the order they are written (the Python module's in-process
// runs give the same).
using HeaderValue = std::variant<std::int64_t, double, std::string>;
std::vector<std::pair<std::string, HeaderValue>> header_attributes(const Scenario& s, const ResultsHeader& h);

class ResultsFile final : public TableSink {
 public:
  // Creates the temporary file; an unwritable path is an InputError naming `flag` (exit 2).
  ResultsFile(const std::string& path, const std::string& command, const std::string& flag = "--out");

  const std::string& temp_path() const { return out_.temp_path(); }
  ~ResultsFile();
  ResultsFile(const ResultsFile&) = delete;
  ResultsFile& operator=(const ResultsFile&) = delete;

  hid_t id() const { return file_.id(); }
  // The root attributes and datasets of §2 (call once, after the scenario is final).
  void write_header(const Scenario& s, const RunModel& m, const ResultsHeader& h);
  // Starts /calls; the writer lives as long as this file.
  CallLogWriter& start_call_log(int outcomes = 3);  // CallLogWriter's outcome count
  // Appends rows to table `name`, creating it with these columns on first use. Rows are
  // gathered in memory and written in batches (one HDF5 write per column per batch, not
  // per point of a sweep); /points is always written last, so a .part file never lists a
  // point whose rows are missing from the other tables.
  void append(const std::string& name, const h5::TableData& rows) override;
  // Writes the gathered rows now.
  void flush();
  // Finishes the file and renames it into place.
  void commit();

 private:
  OutputFile out_;
  h5::Handle file_;
  std::unique_ptr<CallLogWriter> call_log_;
  std::map<std::string, std::unique_ptr<h5::TableAppender>> tables_;
  std::map<std::string, h5::TableData> pending_;
  std::size_t pending_rows_ = 0;
};

// "ccsim run 'a b.toml' --set x=1": the command line with arguments quoted for a POSIX shell
// where they need it. args[0] is the command name.
std::string shell_command_line(const std::vector<std::string>& args);

// The time now, UTC, as 2026-12-02T03:04:05Z.
std::string utc_now();

}  // namespace ccsim
