#pragma once
// The call log's record and the per-engine buffer that collects them (--call-log). The
// engine adds one record per counted attempt when its fate is known; a full buffer, and
// the rest at the end of each replication, goes to a CallLogSink (the HDF5 table /calls: sim/io/call_log_writer.hpp),
// so memory holds at most one buffer per thread whatever the number of calls.
#include <cstdint>
#include <vector>

namespace ccsim {

enum class CallOutcome : std::int8_t {
  answered = 0,
  abandoned = 1,
  blocked = 2,
  disconnected = 3,
  message = 4,
  callback = 5
};

struct CallRecord {
  double arrival;  // seconds after the start of interval 0
  double wait;     // to answer or hang up; 0 when blocked
  double handle;   // talk time after efficiency; NaN unless answered
  std::int32_t replication;
  std::int16_t queue;
  std::int16_t group;    // -1 unless answered
  std::int16_t attempt;  // 1 = first attempt
  CallOutcome outcome;
};

// Where full buffers go. A virtual call per 32,768 records, never per event; the engine
// library stays free of HDF5.
class CallLogSink {
 public:
  virtual ~CallLogSink() = default;
  // Called from any engine thread; implementations serialize.
  virtual void write(const CallRecord* records, std::size_t n) = 0;
};

class CallLogBuffer {
 public:
  static constexpr std::size_t kCapacity = 1 << 15;
  explicit CallLogBuffer(CallLogSink& sink) : sink_(sink) { records_.reserve(kCapacity); }
  void add(const CallRecord& r) {
    records_.push_back(r);
    if (records_.size() == kCapacity) flush();
  }
  // Hands the records to the sink and empties the buffer.
  void flush() {
    if (records_.empty()) return;
    sink_.write(records_.data(), records_.size());
    records_.clear();
  }

 private:
  CallLogSink& sink_;
  std::vector<CallRecord> records_;
};

}  // namespace ccsim
