#pragma once
// Where the tables of a simulated plan go (docs/results-format.md §4): a results file, or a
// sweep's journal, which keeps each point's rows until the file is built from them.
#include <string>

#include "sim/io/h5_file.hpp"

namespace ccsim {

class TableSink {
 public:
  // Appends rows to table `name`, which takes these columns on first use.
  virtual void append(const std::string& name, const h5::TableData& rows) = 0;

 protected:
  ~TableSink() = default;
};

}  // namespace ccsim
