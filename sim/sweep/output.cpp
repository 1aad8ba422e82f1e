#include "sim/sweep/output.hpp"

#include <sys/stat.h>

#include <csignal>
#include <cstdlib>

#include <cstdio>
#include <iostream>

#include "sim/io/output_file.hpp"
#include "sim/io/results_file.hpp"
#include "sim/scenario/errors.hpp"
#include "sim/sweep/file.hpp"

namespace ccsim {

namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

InputError sweep_error(const std::string& message) { return InputError(SourceLoc{"ccsim sweep", 0, 0}, message); }

}  // namespace

SweepOutput::SweepOutput(const std::string& out, const SweepPlan& plan, const Scenario& base,
                         const RunModel& base_model, Options o)
    : out_(out),
      journal_path_(out + ".journal"),
      part_path_(out + ".part"),
      plan_(plan),
      base_(base),
      base_model_(base_model) {
  if (const char* k = std::getenv("CCSIM_TEST_KILL_AFTER_POINTS")) kill_after_ = std::strtoull(k, nullptr, 10);
  if (is_folder(out)) throw sweep_error(folder_message("--out", out, "sweep.h5"));
  if (o.restart) {
    std::string deleted;
    for (const std::string& p : {journal_path_, part_path_})
      if (exists(p) && std::remove(p.c_str()) == 0) deleted += (deleted.empty() ? "" : " and ") + p;
    if (!deleted.empty()) std::cerr << "ccsim sweep: note: deleted " << deleted << "; starting over\n";
  }
  const bool has_journal = exists(journal_path_), has_part = exists(part_path_);
  if ((has_journal || has_part) && !o.resume)
    throw sweep_error("--out: " + (has_journal ? journal_path_ : part_path_) +
                      " holds the finished points of an interrupted sweep; add --resume to finish it, or --restart "
                      "to delete it and start over");
  if (o.resume && has_journal) {
    JournalScan scan;
    try {
      scan = scan_journal(journal_path_, {}, plan.grid.points());
    } catch (const JournalError& e) {
      throw sweep_error("--resume: " + journal_path_ + " cannot be used: " + e.what() +
                        "; --restart deletes it and starts over");
    } catch (const std::exception& e) {
      throw sweep_error("--resume: " + std::string(e.what()));
    }
    check_resumed(scan.header, plan, base, journal_path_);
    if (!scan.damage.empty())
      std::cerr << "ccsim sweep: note: " << journal_path_ << " holds " << scan.points
                << " intact points; the rest of it was dropped (" << scan.damage
                << "), and those points are run again\n";
    journal_ = std::make_unique<JournalWriter>(journal_path_, scan);
    first_ = scan.points;
    return;
  }
  if (o.resume && has_part)
    throw sweep_error("--resume: " + part_path_ + " has no journal beside it (" + journal_path_ +
                      "), so its points cannot be verified (an older ccsim left it, or the journal was deleted); "
                      "--restart deletes it and starts over");
  if (o.resume) std::cerr << "ccsim sweep: note: no " << journal_path_ << " to resume; starting the sweep\n";
  try {
    journal_ = std::make_unique<JournalWriter>(journal_path_, sweep_journal_header(plan, base, o.command_line));
  } catch (const std::exception&) {
    std::remove(journal_path_.c_str());
    throw sweep_error("--out: cannot write '" + out + "' (is the folder there and writable?)");
  }
}

SweepOutput::~SweepOutput() = default;

void SweepOutput::each_earlier(const std::function<void(std::uint64_t, const PointTables&)>& each) const {
  if (first_ > 0) (void)scan_journal(journal_path_, each, first_);
}

void SweepOutput::deliver(const SweepPoint& p) {
  PointTables t;
  write_sweep_point(t, plan_, p);
  journal_->write_point(p.index, t);
  // A fault-injection hook for the crash tests (docs/reliability.md): die as SIGKILL would
  // kill us, right after the N-th point reached the journal.
  if (kill_after_ > 0 && journal_->points() == kill_after_) std::raise(SIGKILL);
}

void SweepOutput::build(const std::string& path, std::uint64_t points) {
  ResultsFile f(path, "sweep");
  write_sweep_file(f, journal_path_, points, plan_, base_, base_model_);
  f.commit();
}

void SweepOutput::finish() {
  const std::uint64_t points = journal_->points();
  journal_->sync();
  journal_.reset();
  try {
    build(out_, points);
  } catch (...) {
    std::cerr << "ccsim sweep: the " << points << " points are kept in " << journal_path_
              << "; run the same command with --resume to write " << out_ << "\n";
    throw;
  }
  std::remove(journal_path_.c_str());
  std::remove(part_path_.c_str());
}

void SweepOutput::stop(std::uint64_t total) noexcept {
  if (!journal_) return;
  const std::uint64_t done = journal_->points();
  try {
    journal_->sync();
  } catch (const std::exception&) {
  }
  journal_.reset();
  if (done == 0) {
    std::remove(journal_path_.c_str());
    return;
  }
  try {
    build(part_path_, done);
  } catch (const std::exception& e) {
    std::cerr << "ccsim sweep: note: " << part_path_ << " was not written (" << e.what() << ")\n";
  }
  std::cerr << "ccsim sweep: stopped after " << done << " of " << total << " points; they are kept in " << part_path_
            << " (and " << journal_path_ << "); run the same command with --resume to finish\n";
}

}  // namespace ccsim
