#pragma once
// Appends call-log records to the table /calls of a results file
// (docs/results-format.md §5). Thread-safe: engines on several threads hand it their full
// buffers; HDF5 calls are serialized by a mutex (the library is not built thread-safe).
#include <hdf5.h>

#include <cstdint>
#include <mutex>

#include "sim/engine/call_log.hpp"
#include "sim/io/h5_file.hpp"

namespace ccsim {

class CallLogWriter final : public CallLogSink {
 public:
  // `outcomes`: how many outcome codes the model may log and the file names: 3 (answered,
  // abandoned, blocked: files keep the names they always had), 5 (+ disconnected, message:
  // some queue closes), 6 (+ callback: some queue offers callbacks).
  explicit CallLogWriter(hid_t file, int outcomes = 3);
  void write(const CallRecord* records, std::size_t n) override;
  std::uint64_t rows() const;

 private:
  mutable std::mutex mutex_;
  h5::TableAppender table_;
  h5::TableData scratch_;  // columns reused from one chunk to the next
};

}  // namespace ccsim
