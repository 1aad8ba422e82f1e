#pragma once
// A sweep's journal, SWEEP.h5.journal (docs/sweep.md, "Crash safety"): the record of its
// finished points, from which the results file is built. It is what makes a sweep
// resumable after anything, SIGKILL and the OOM killer included.
//
// Promises:
// - Append-only. Each finished point is one record (its rows, table by table) written with
//   one write(2) as soon as the point is delivered, so a process killed at any moment
//   leaves every earlier point on disk (the kernel keeps what was written); the records
//   are also flushed to the device (fdatasync) at least once a second, and at the end.
// - Every record carries its length and a CRC-32 of its content. A scan accepts records
//   only while they are intact, consecutive points from 0, and internally consistent (equal
//   column lengths, each row's `point` equal to the record's); it stops at the first that
//   is not and says why, so what it returns is always a verified prefix of the grid.
// - A file that does not start with an intact header is refused (JournalError), never
//   guessed at.
//
// Layout (native byte order; the journal is a working file, not an exchange format):
//   "ccsim-journal-1\n"                                     16 bytes
//   record*: u32 tag 'CCJR' | u32 kind | u64 n | n bytes | u32 CRC-32 of (kind, n, bytes)
//   kind 1, the header (first record): u32 count, then count x (string key, string value)
//   kind 2, a point: u64 point, u32 tables, then per table: string name, u64 rows,
//     u32 columns, per column: string name, u8 type (0 int8, 1 int16, 2 int32, 3 float64,
//     4 string), rows values (strings: each a string)
//   string: u64 length, bytes
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/h5_file.hpp"
#include "sim/io/table_sink.hpp"

namespace ccsim {

// The named tables of one sweep point, in the order first appended.
struct PointTables final : TableSink {
  std::vector<std::pair<std::string, h5::TableData>> tables;
  void append(const std::string& name, const h5::TableData& rows) override;
  // The table called `name`, or nullptr.
  const h5::TableData* find(const std::string& name) const;
};

// The sweep's identity and the file header it will get: key/value text.
struct JournalHeader {
  std::vector<std::pair<std::string, std::string>> fields;
  // The value of `key`, or "" when absent.
  std::string get(const std::string& key) const;
};

// The file is not a journal, or its header is damaged.
class JournalError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct JournalScan {
  JournalHeader header;
  std::uint64_t points = 0;     // intact records: points 0 .. points-1
  std::uint64_t valid_end = 0;  // the bytes they take, from the start of the file
  std::uint64_t size = 0;       // the file's size
  std::string damage;           // why the bytes after valid_end were not accepted; "" if none
                                // (with max_points reached, bytes after it count as damage)
};

// Reads and verifies `path`; calls `each` for every accepted point, in order. Stops at
// `max_points` points when given. Throws JournalError (header) or std::runtime_error (I/O).
JournalScan scan_journal(const std::string& path,
                         const std::function<void(std::uint64_t point, const PointTables&)>& each = {},
                         std::uint64_t max_points = UINT64_MAX);

class JournalWriter {
 public:
  // Creates a new journal (the path must not exist) and writes its header.
  JournalWriter(const std::string& path, const JournalHeader& header);
  // Reopens a scanned journal to append point `scan.points` next; the bytes after
  // scan.valid_end (a torn or damaged tail) are cut off first.
  JournalWriter(const std::string& path, const JournalScan& scan);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Appends the next point's record. Throws std::runtime_error on a write error (disk
  // full): the journal then ends at its last whole record or with a torn one, which the
  // next scan drops.
  void write_point(std::uint64_t point, const PointTables& tables);
  // Flushes to the device now.
  void sync();
  std::uint64_t points() const { return next_point_; }
  const std::string& path() const { return path_; }

 private:
  void write_record(std::uint32_t kind, const std::string& payload);
  std::string path_;
  int fd_ = -1;
  std::uint64_t next_point_ = 0;
  std::int64_t last_sync_ns_ = 0;
  std::string buffer_;  // reused between records
};

}  // namespace ccsim
