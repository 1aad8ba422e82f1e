#pragma once
// A thin RAII layer over the HDF5 C library for what results files need: attributes,
// string lists, and tables stored as groups of equal-length 1-D columns that can grow
// (docs/results-format.md §3). Every HDF5 failure becomes std::runtime_error naming the
// object; HDF5's own error stack printing is switched off.
#include <hdf5.h>

#include <cstdint>
#include <deque>
#include <string>
#include <variant>
#include <vector>

namespace ccsim::h5 {

// Owns one hid_t and closes it with the matching H5?close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close, const std::string& what);  // throws when id < 0
  ~Handle() { reset(); }
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t id() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  void reset();
  // Closes now and reports a failure (a file's close is where buffered data is written).
  void close(const std::string& what);

 private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

Handle create_file(const std::string& path);  // truncates
Handle open_file_read(const std::string& path);
Handle open_file_write(const std::string& path);  // existing file, read-write
Handle create_group(hid_t parent, const std::string& name);
Handle open_group(hid_t parent, const std::string& name);
bool exists(hid_t parent, const std::string& name);

void set_attr(hid_t obj, const std::string& name, const std::string& value);
void set_attr(hid_t obj, const std::string& name, std::int64_t value);
void set_attr(hid_t obj, const std::string& name, double value);
bool has_attr(hid_t obj, const std::string& name);
std::string string_attr(hid_t obj, const std::string& name);
std::int64_t int_attr(hid_t obj, const std::string& name);
double double_attr(hid_t obj, const std::string& name);

void write_string(hid_t parent, const std::string& name, const std::string& value);  // scalar
void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& v);
void write_doubles(hid_t parent, const std::string& name, const std::vector<double>& v);
std::string read_string(hid_t parent, const std::string& name);
std::vector<std::string> read_strings(hid_t parent, const std::string& name);
std::vector<double> read_doubles(hid_t parent, const std::string& name);

// One column's values, in the type it is stored as.
using ColumnData = std::variant<std::vector<std::int8_t>, std::vector<std::int16_t>, std::vector<std::int32_t>,
                                std::vector<double>, std::vector<std::string>>;

struct Column {
  std::string name;
  ColumnData data;
};

// Rows to write into a table, column by column (all columns of equal length).
struct TableData {
  std::deque<Column> columns;  // a deque: add() keeps earlier columns' references valid
  std::size_t rows() const;
  // Appends the rows of `more` (same columns, names and types; else std::runtime_error).
  void extend(const TableData& more);
  // Adds a column and returns its vector to fill, e.g. add<std::int32_t>("offered").
  template <class T>
  std::vector<T>& add(const std::string& name) {
    columns.push_back({name, std::vector<T>{}});
    return std::get<std::vector<T>>(columns.back().data);
  }
};

struct TableOptions {
  std::size_t chunk_rows = 16384;
  int deflate = 1;  // zlib level; 0 = no compression
  // float64 columns: deflate halves them but costs more than the rest of writing a sweep
  // point (docs/performance.md); raw by default.
  bool deflate_floats = false;
};

// Creates table `name` under `parent` with the columns of `data` and writes its rows.
void write_table(hid_t parent, const std::string& name, const TableData& data, const TableOptions& o = {});

// A table open for appending rows, for data that arrives in pieces (call log, sweeps).
class TableAppender {
 public:
  // Creates the table with these columns (the types of `prototype`, which may be empty).
  TableAppender(hid_t parent, const std::string& name, const TableData& prototype, const TableOptions& o = {});
  // Opens an existing table for more rows (a resumed sweep).
  TableAppender(hid_t parent, const std::string& name);
  // Appends the rows of `data`: same columns, same order, same types.
  void append(const TableData& data);
  std::size_t rows() const { return rows_; }
  hid_t group() const { return group_.id(); }

 private:
  Handle group_;
  std::vector<Handle> datasets_;
  std::vector<std::string> names_;
  std::vector<std::size_t> types_;  // ColumnData alternative of each column
  std::size_t rows_ = 0;
};

// Reads a whole column of a table (tests and readers); converts integers to the type asked.
std::vector<double> read_column_double(hid_t table, const std::string& column);
std::vector<std::int64_t> read_column_int(hid_t table, const std::string& column);
std::vector<std::string> read_column_string(hid_t table, const std::string& column);
std::vector<std::string> table_columns(hid_t table);  // the `columns` attribute, split

}  // namespace ccsim::h5
