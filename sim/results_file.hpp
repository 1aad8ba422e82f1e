#pragma once
// A results file being written (docs/results-format.md): created under a temporary name
// before anything is simulated, filled table by table, renamed into place by commit().
// Destroyed without commit it removes itself (see output_file.hpp).
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "sim/call_log_writer.hpp"
#include "sim/h5_file.hpp"
#include "sim/output_file.hpp"
#include "sim/run_model.hpp"
#include "sim/scenario.hpp"

namespace ccsim {

inline constexpr std::int64_t kResultsFormatVersion = 1;

struct ResultsHeader {
  std::string command;       // run, staff, compare
  std::string command_line;  // as given, shell-quoted
};

class ResultsFile {
 public:
  // Creates the temporary file; an unwritable path is an InputError naming `flag` (exit 2).
  ResultsFile(const std::string& path, const std::string& command, const std::string& flag = "--out");

  // A resumable file (sweeps): written as PATH.part. resume: reopen an existing PATH.part
  // (resumed() tells whether there was one); otherwise an existing PATH.part is an
  // InputError, so that finished work is never overwritten by accident.
  struct Resumable {
    bool resume = false;
    bool restart = false;  // delete a PATH.part left by an interrupted run and start over
  };
  ResultsFile(const std::string& path, const std::string& command, Resumable r);
  bool resumed() const { return resumed_; }
  // Closes the file and leaves PATH.part for a later --resume.
  void keep_partial();
  // From now on, destruction without commit keeps PATH.part (finished work is never
  // deleted); a resumed file is kept from the start.
  void keep_on_failure() { keep_on_failure_ = true; }
  const std::string& temp_path() const { return out_.temp_path(); }
  ~ResultsFile();
  ResultsFile(const ResultsFile&) = delete;
  ResultsFile& operator=(const ResultsFile&) = delete;

  hid_t id() const { return file_.id(); }
  // The root attributes and datasets of §2 (call once, after the scenario is final).
  void write_header(const Scenario& s, const RunModel& m, const ResultsHeader& h);
  // Starts /calls; the writer lives as long as this file.
  CallLogWriter& start_call_log();
  // Appends rows to table `name`, creating it with these columns on first use. Rows are
  // gathered in memory and written in batches (one HDF5 write per column per batch, not
  // per point of a sweep); /points is always written last, so a .part file never lists a
  // point whose rows are missing from the other tables.
  void append(const std::string& name, const h5::TableData& rows);
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
  bool resumed_ = false;
  bool keep_on_failure_ = false;
};

// "ccsim run 'a b.toml' --set x=1": the command line with arguments quoted for a POSIX shell
// where they need it. args[0] is the command name.
std::string shell_command_line(const std::vector<std::string>& args);

}  // namespace ccsim
