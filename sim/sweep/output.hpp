#pragma once
// Where a sweep's results go (docs/sweep.md, "Crash safety"): finished points are appended
// to the journal SWEEP.h5.journal as they arrive; SWEEP.h5 is built from it when every point
// is done; a sweep that stops early (Ctrl-C, SIGTERM, an error) also leaves SWEEP.h5.part,
// an HDF5 file of the points finished, for readers. --resume goes on from the journal's
// verified prefix, whatever ended the earlier run, SIGKILL included.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sim/engine/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/journal.hpp"
#include "sim/sweep/run.hpp"

namespace ccsim {

class SweepOutput {
 public:
  struct Options {
    bool resume = false;       // go on from SWEEP.h5.journal
    bool restart = false;      // delete SWEEP.h5.journal and SWEEP.h5.part first
    std::string command_line;  // for the file's header
  };
  // Opens a new journal, or resumes one after checking it. InputError (exit 2): an earlier
  // sweep's files without --resume/--restart, a journal of another sweep, a damaged header,
  // a .part without its journal, an unwritable folder.
  SweepOutput(const std::string& out, const SweepPlan& plan, const Scenario& base, const RunModel& base_model,
              Options o);
  ~SweepOutput();
  SweepOutput(const SweepOutput&) = delete;
  SweepOutput& operator=(const SweepOutput&) = delete;

  // Points already finished by the earlier run (0 when not resumed).
  std::uint64_t first() const { return first_; }
  // The earlier run's points in order (their tables as written), for --json.
  void each_earlier(const std::function<void(std::uint64_t, const PointTables&)>& each) const;
  // Appends the next finished point to the journal.
  void deliver(const SweepPoint& p);
  // Every point is done: builds SWEEP.h5, then removes the journal and any .part.
  void finish();
  // The sweep stopped before all `total` points were done: flushes the journal, writes
  // SWEEP.h5.part of the points in it and says on stderr how to go on (with no point done,
  // removes the journal). Never throws (it runs while an error propagates).
  void stop(std::uint64_t total) noexcept;

  const std::string& journal_path() const { return journal_path_; }
  const std::string& part_path() const { return part_path_; }

 private:
  void build(const std::string& path, std::uint64_t points);
  std::string out_, journal_path_, part_path_;
  const SweepPlan& plan_;
  const Scenario& base_;
  const RunModel& base_model_;
  std::unique_ptr<JournalWriter> journal_;
  std::uint64_t first_ = 0;
  std::uint64_t kill_after_ = 0;  // $CCSIM_TEST_KILL_AFTER_POINTS
};

}  // namespace ccsim
