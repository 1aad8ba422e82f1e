#include "sim/io/results_file.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <string_view>

#include "sim/scenario/errors.hpp"

namespace ccsim {

namespace {

// Rows gathered before a batch is written: large enough that a sweep point costs no
// HDF5 call of its own, small enough to be a few MB.
constexpr std::size_t kBatchRows = 1 << 16;

bool needs_quotes(const std::string& a) {
  if (a.empty()) return true;
  for (char c : a)
    if (!(std::isalnum(static_cast<unsigned char>(c)) ||
          std::string_view("-_./=:+,%@").find(c) != std::string_view::npos))
      return true;
  return false;
}

}  // namespace

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return b;
}

std::string shell_command_line(const std::vector<std::string>& args) {
  std::string s = "ccsim";
  for (const std::string& a : args) {
    s += ' ';
    if (!needs_quotes(a)) {
      s += a;
      continue;
    }
    s += '\'';
    for (char c : a) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
    s += '\'';
  }
  return s;
}

ResultsFile::ResultsFile(const std::string& path, const std::string& command, const std::string& flag) : out_(path) {
  if (is_folder(path)) {
    out_.commit_nothing();
    throw InputError(SourceLoc{"ccsim " + command, 0, 0}, folder_message(flag, path, "results.h5"));
  }
  try {
    file_ = h5::create_file(out_.temp_path());
  } catch (const std::exception&) {
    out_.commit_nothing();
    throw InputError(SourceLoc{"ccsim " + command, 0, 0},
                     flag + ": cannot write '" + path + "' (is the folder there and writable?)");
  }
}

ResultsFile::~ResultsFile() {
  // Close every HDF5 object before OutputFile removes the temporary file.
  call_log_.reset();
  tables_.clear();
  file_.reset();
}

std::vector<std::pair<std::string, HeaderValue>> header_attributes(const Scenario& s, const ResultsHeader& h) {
  std::vector<std::pair<std::string, HeaderValue>> a;
  a.emplace_back("format_version", kResultsFormatVersion);
  a.emplace_back("ccsim_version", std::string(CCSIM_VERSION));
  a.emplace_back("command", h.command);
  a.emplace_back("command_line", h.command_line);
  a.emplace_back("created", h.created.empty() ? utc_now() : h.created);
  a.emplace_back("scenario_name", s.name);
  a.emplace_back("scenario_file", s.file);
  a.emplace_back("seed", static_cast<std::int64_t>(s.seed));
  a.emplace_back("replications", static_cast<std::int64_t>(s.replications));
  a.emplace_back("interval_seconds", s.interval);
  a.emplace_back("start_seconds", s.start);
  a.emplace_back("intervals", static_cast<std::int64_t>(s.intervals));
  if (s.days > 1) {  // a horizon of several days (only then: one-day files stay as they were)
    a.emplace_back("days", static_cast<std::int64_t>(s.days));
    a.emplace_back("day_intervals", static_cast<std::int64_t>(s.day_intervals));
  }
  a.emplace_back("warmup_seconds", s.warmup);
  return a;
}

void ResultsFile::write_header(const Scenario& s, const RunModel& m, const ResultsHeader& h) {
  const hid_t f = file_.id();
  for (const auto& [name, value] : header_attributes(s, h))
    std::visit([&, &name = name](const auto& v) { h5::set_attr(f, name, v); }, value);
  h5::write_string(f, "scenario_toml", s.resolved_toml);
  std::vector<std::string> queues, groups;
  for (const auto& q : s.queues) queues.push_back(q.name);
  for (const auto& g : s.groups) groups.push_back(g.name);
  h5::write_strings(f, "queues", queues);
  h5::write_strings(f, "groups", groups);
  h5::write_doubles(f, "thresholds", m.thresholds);
}

CallLogWriter& ResultsFile::start_call_log(int outcomes) {
  if (!call_log_) call_log_ = std::make_unique<CallLogWriter>(file_.id(), outcomes);
  return *call_log_;
}

void ResultsFile::append(const std::string& name, const h5::TableData& rows) {
  pending_[name].extend(rows);
  pending_rows_ += rows.rows();
  if (pending_rows_ >= kBatchRows) flush();
}

void ResultsFile::flush() {
  auto write = [&](const std::string& name, h5::TableData& rows) {
    auto& t = tables_[name];
    if (!t) {
      // Chunks fit small tables (an uncompressed chunk takes its full size on disk).
      h5::TableOptions o;
      o.chunk_rows = std::clamp<std::size_t>(rows.rows(), 1024, o.chunk_rows);
      t = h5::exists(file_.id(), name) ? std::make_unique<h5::TableAppender>(file_.id(), name)
                                       : std::make_unique<h5::TableAppender>(file_.id(), name, rows, o);
    }
    t->append(rows);
  };
  for (auto& [name, rows] : pending_)
    if (name != "points") write(name, rows);
  if (auto it = pending_.find("points"); it != pending_.end()) write(it->first, it->second);
  pending_.clear();
  pending_rows_ = 0;
}

void ResultsFile::commit() {
  flush();
  call_log_.reset();
  tables_.clear();
  file_.close("results file " + out_.temp_path());
  out_.commit();
}

}  // namespace ccsim
