#include "sim/io/call_log_writer.hpp"

namespace ccsim {

namespace {

h5::TableData columns() {
  h5::TableData d;
  d.add<std::int32_t>("replication");
  d.add<std::int16_t>("queue");
  d.add<std::int16_t>("attempt");
  d.add<double>("arrival");
  d.add<double>("wait");
  d.add<std::int8_t>("outcome");
  d.add<std::int16_t>("group");
  d.add<double>("handle");
  return d;
}

template <class T>
std::vector<T>& col(h5::TableData& d, std::size_t k) {
  return std::get<std::vector<T>>(d.columns[k].data);
}

// Chunks of 64 Ki rows, stored raw (38 bytes a call). Compression saved space (27 bytes a
// call with the integer columns deflated, 16 with every column) but the log then cost up to
// half the run's time, and its speed is the promise (docs/performance.md).
constexpr h5::TableOptions kLogTable{65536, 0, false};

}  // namespace

CallLogWriter::CallLogWriter(hid_t file, int outcomes)
    : table_(file, "calls", columns(), kLogTable), scratch_(columns()) {
  std::string names = "answered,abandoned,blocked";
  if (outcomes > 3) names += ",disconnected,message";
  if (outcomes > 5) names += ",callback";
  h5::set_attr(table_.group(), "outcome_names", names);
}

void CallLogWriter::write(const CallRecord* r, std::size_t n) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& rep = col<std::int32_t>(scratch_, 0);
  auto& queue = col<std::int16_t>(scratch_, 1);
  auto& attempt = col<std::int16_t>(scratch_, 2);
  auto& arrival = col<double>(scratch_, 3);
  auto& wait = col<double>(scratch_, 4);
  auto& outcome = col<std::int8_t>(scratch_, 5);
  auto& group = col<std::int16_t>(scratch_, 6);
  auto& handle = col<double>(scratch_, 7);
  rep.resize(n);
  queue.resize(n);
  attempt.resize(n);
  arrival.resize(n);
  wait.resize(n);
  outcome.resize(n);
  group.resize(n);
  handle.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    rep[i] = r[i].replication;
    queue[i] = r[i].queue;
    attempt[i] = r[i].attempt;
    arrival[i] = r[i].arrival;
    wait[i] = r[i].wait;
    outcome[i] = static_cast<std::int8_t>(r[i].outcome);
    group[i] = r[i].group;
    handle[i] = r[i].handle;
  }
  table_.append(scratch_);
}

std::uint64_t CallLogWriter::rows() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return table_.rows();
}

}  // namespace ccsim
