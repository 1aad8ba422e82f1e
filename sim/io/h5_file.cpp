#include "sim/io/h5_file.hpp"

#include <algorithm>
#include <stdexcept>

namespace ccsim::h5 {

namespace {

// HDF5 prints its error stack to stderr by default; ccsim reports errors itself. The
// setting is per thread in a thread-safe libhdf5 (the call log is written from worker
// threads), so every thread that calls HDF5 sets it once.
//
// And HDF5 must not close leftovers at exit: after a failed write (a full disk) a file it
// could not flush stays open, and libhdf5 1.10's exit handler crashes closing it again
// (exit 139 after the right message). ccsim closes everything it opened itself, and the
// temporary file is removed by OutputFile, so nothing is lost by skipping that handler.
void quiet() {
  static const bool once = [] {
    H5dont_atexit();  // before any other HDF5 call, or it has no effect
    return true;
  }();
  (void)once;
  thread_local const bool done = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)done;
}

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("HDF5: " + what); }

void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

Handle string_type() {
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  check(H5Tset_size(t.id(), H5T_VARIABLE), "string type");
  check(H5Tset_cset(t.id(), H5T_CSET_UTF8), "string type");
  return t;
}

Handle scalar_space() { return Handle(H5Screate(H5S_SCALAR), H5Sclose, "dataspace"); }

Handle vector_space(std::size_t n) {
  const hsize_t dims[1] = {n};
  return Handle(H5Screate_simple(1, dims, nullptr), H5Sclose, "dataspace");
}

std::vector<const char*> c_strings(const std::vector<std::string>& v) {
  std::vector<const char*> p(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) p[i] = v[i].c_str();
  return p;
}

// File type and memory type of a column's values.
struct Types {
  hid_t file = -1, mem = -1;
  Handle owned;  // the string type, when it is one
};

Types types_of(const ColumnData& d) {
  Types t;
  switch (d.index()) {
    case 0:
      t.file = H5T_STD_I8LE;
      t.mem = H5T_NATIVE_INT8;
      break;
    case 1:
      t.file = H5T_STD_I16LE;
      t.mem = H5T_NATIVE_INT16;
      break;
    case 2:
      t.file = H5T_STD_I32LE;
      t.mem = H5T_NATIVE_INT32;
      break;
    case 3:
      t.file = H5T_IEEE_F64LE;
      t.mem = H5T_NATIVE_DOUBLE;
      break;
    default:
      t.owned = string_type();
      t.file = t.mem = t.owned.id();
  }
  return t;
}

std::size_t size_of(const ColumnData& d) {
  return std::visit([](const auto& v) { return v.size(); }, d);
}

// Writes the values of `d` into rows [offset, offset + n) of dataset `ds`.
void write_rows(hid_t ds, const ColumnData& d, std::size_t offset, const std::string& what) {
  quiet();  // may run on a call-log writer thread
  const std::size_t n = size_of(d);
  if (n == 0) return;
  Handle fspace(H5Dget_space(ds), H5Sclose, what);
  const hsize_t start[1] = {offset}, count[1] = {n};
  check(H5Sselect_hyperslab(fspace.id(), H5S_SELECT_SET, start, nullptr, count, nullptr), what);
  Handle mspace = vector_space(n);
  Types t = types_of(d);
  herr_t st;
  if (const auto* s = std::get_if<std::vector<std::string>>(&d)) {
    const auto p = c_strings(*s);
    st = H5Dwrite(ds, t.mem, mspace.id(), fspace.id(), H5P_DEFAULT, p.data());
  } else {
    st = std::visit(
        [&](const auto& v) -> herr_t {
          return H5Dwrite(ds, t.mem, mspace.id(), fspace.id(), H5P_DEFAULT, static_cast<const void*>(v.data()));
        },
        d);
  }
  check(st, "writing " + what);
}

Handle create_column(hid_t group, const Column& c, std::size_t initial, std::size_t chunk, const TableOptions& o,
                     const std::string& what) {
  const hsize_t dims[1] = {initial}, maxdims[1] = {H5S_UNLIMITED}, cdims[1] = {std::max<std::size_t>(chunk, 1)};
  Handle space(H5Screate_simple(1, dims, maxdims), H5Sclose, what);
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, what);
  check(H5Pset_chunk(dcpl.id(), 1, cdims), what);
  const bool is_float = std::holds_alternative<std::vector<double>>(c.data);
  if (o.deflate > 0 && (o.deflate_floats || !is_float)) {
    check(H5Pset_shuffle(dcpl.id()), what);
    check(H5Pset_deflate(dcpl.id(), static_cast<unsigned>(o.deflate)), what);
  }
  Types t = types_of(c.data);
  return Handle(H5Dcreate2(group, c.name.c_str(), t.file, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT), H5Dclose,
                what + "/" + c.name);
}

std::string joined_names(const TableData& d) {
  std::string s;
  for (const Column& c : d.columns) s += (s.empty() ? "" : ",") + c.name;
  return s;
}

Handle open_dataset(hid_t parent, const std::string& name) {
  quiet();
  return Handle(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "dataset " + name);
}

std::size_t dataset_length(hid_t ds, const std::string& what) {
  Handle space(H5Dget_space(ds), H5Sclose, what);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  if (rank == 0) return 1;
  if (rank != 1) fail(what + " is not one-dimensional");
  hsize_t dims[1];
  check(H5Sget_simple_extent_dims(space.id(), dims, nullptr), what);
  return dims[0];
}

template <class T>
std::vector<T> read_numbers(hid_t parent, const std::string& name, hid_t mem) {
  Handle ds = open_dataset(parent, name);
  std::vector<T> v(dataset_length(ds.id(), name));
  if (!v.empty()) check(H5Dread(ds.id(), mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "reading " + name);
  return v;
}

}  // namespace

Handle::Handle(hid_t id, Closer close, const std::string& what) : id_(id), close_(close) {
  if (id < 0) fail("cannot open or create " + what);
}

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = -1;
  }
  return *this;
}

void Handle::reset() {
  if (id_ >= 0 && close_) close_(id_);
  id_ = -1;
}

void Handle::close(const std::string& what) {
  if (id_ < 0) return;
  const hid_t id = id_;
  id_ = -1;
  check(close_(id), "closing " + what);
}

Handle create_file(const std::string& path) {
  quiet();
  return Handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, "file " + path);
}
Handle open_file_read(const std::string& path) {
  quiet();
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "file " + path);
}
Handle open_file_write(const std::string& path) {
  quiet();
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose, "file " + path);
}
Handle create_group(hid_t parent, const std::string& name) {
  quiet();
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "group " + name);
}
Handle open_group(hid_t parent, const std::string& name) {
  quiet();
  return Handle(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), H5Gclose, "group " + name);
}
bool exists(hid_t parent, const std::string& name) {
  quiet();
  return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0;
}

void set_attr(hid_t obj, const std::string& name, const std::string& value) {
  Handle t = string_type();
  Handle space = scalar_space();
  Handle a(H5Acreate2(obj, name.c_str(), t.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose, "attribute " + name);
  const char* p = value.c_str();
  check(H5Awrite(a.id(), t.id(), &p), "writing attribute " + name);
}
void set_attr(hid_t obj, const std::string& name, std::int64_t value) {
  Handle space = scalar_space();
  Handle a(H5Acreate2(obj, name.c_str(), H5T_STD_I64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "attribute " + name);
  check(H5Awrite(a.id(), H5T_NATIVE_INT64, &value), "writing attribute " + name);
}
void set_attr(hid_t obj, const std::string& name, double value) {
  Handle space = scalar_space();
  Handle a(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "attribute " + name);
  check(H5Awrite(a.id(), H5T_NATIVE_DOUBLE, &value), "writing attribute " + name);
}
bool has_attr(hid_t obj, const std::string& name) {
  quiet();
  return H5Aexists(obj, name.c_str()) > 0;
}
std::string string_attr(hid_t obj, const std::string& name) {
  quiet();
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "attribute " + name);
  Handle t = string_type();
  char* p = nullptr;
  check(H5Aread(a.id(), t.id(), &p), "reading attribute " + name);
  std::string s = p ? p : "";
  H5free_memory(p);
  return s;
}
std::int64_t int_attr(hid_t obj, const std::string& name) {
  quiet();
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "attribute " + name);
  std::int64_t v = 0;
  check(H5Aread(a.id(), H5T_NATIVE_INT64, &v), "reading attribute " + name);
  return v;
}
double double_attr(hid_t obj, const std::string& name) {
  quiet();
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "attribute " + name);
  double v = 0;
  check(H5Aread(a.id(), H5T_NATIVE_DOUBLE, &v), "reading attribute " + name);
  return v;
}

void write_string(hid_t parent, const std::string& name, const std::string& value) {
  Handle t = string_type();
  Handle space = scalar_space();
  Handle ds(H5Dcreate2(parent, name.c_str(), t.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
            "dataset " + name);
  const char* p = value.c_str();
  check(H5Dwrite(ds.id(), t.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &p), "writing " + name);
}
void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& v) {
  Handle t = string_type();
  Handle space = vector_space(v.size());
  Handle ds(H5Dcreate2(parent, name.c_str(), t.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
            "dataset " + name);
  const auto p = c_strings(v);
  if (!v.empty()) check(H5Dwrite(ds.id(), t.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data()), "writing " + name);
}
void write_doubles(hid_t parent, const std::string& name, const std::vector<double>& v) {
  Handle space = vector_space(v.size());
  Handle ds(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
            H5Dclose, "dataset " + name);
  if (!v.empty())
    check(H5Dwrite(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "writing " + name);
}
std::vector<std::string> read_strings(hid_t parent, const std::string& name) {
  Handle ds = open_dataset(parent, name);
  const std::size_t n = dataset_length(ds.id(), name);
  Handle t = string_type();
  std::vector<char*> p(n, nullptr);
  if (n > 0) check(H5Dread(ds.id(), t.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data()), "reading " + name);
  std::vector<std::string> out;
  out.reserve(n);
  for (char* s : p) {
    out.emplace_back(s ? s : "");
    H5free_memory(s);
  }
  return out;
}
std::string read_string(hid_t parent, const std::string& name) {
  auto v = read_strings(parent, name);
  return v.empty() ? std::string() : v[0];
}
std::vector<double> read_doubles(hid_t parent, const std::string& name) {
  return read_numbers<double>(parent, name, H5T_NATIVE_DOUBLE);
}

std::size_t TableData::rows() const { return columns.empty() ? 0 : size_of(columns[0].data); }

void TableData::extend(const TableData& more) {
  if (columns.empty()) {
    columns = more.columns;
    return;
  }
  if (more.columns.size() != columns.size()) fail("table rows: wrong number of columns");
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (more.columns[k].name != columns[k].name || more.columns[k].data.index() != columns[k].data.index())
      fail("table rows: column " + more.columns[k].name + " does not match " + columns[k].name);
    std::visit(
        [&](auto& into) {
          const auto& from = std::get<std::decay_t<decltype(into)>>(more.columns[k].data);
          into.insert(into.end(), from.begin(), from.end());
        },
        columns[k].data);
  }
}

void write_table(hid_t parent, const std::string& name, const TableData& data, const TableOptions& o) {
  TableOptions fitted = o;
  fitted.chunk_rows = std::clamp<std::size_t>(data.rows(), 1, o.chunk_rows);
  TableAppender t(parent, name, data, fitted);
  t.append(data);
}

TableAppender::TableAppender(hid_t parent, const std::string& name, const TableData& prototype, const TableOptions& o)
    : group_(create_group(parent, name)) {
  set_attr(group_.id(), "columns", joined_names(prototype));
  for (const Column& c : prototype.columns) {
    datasets_.push_back(create_column(group_.id(), c, 0, o.chunk_rows, o, name));
    names_.push_back(c.name);
    types_.push_back(c.data.index());
  }
}

TableAppender::TableAppender(hid_t parent, const std::string& name) : group_(open_group(parent, name)) {
  for (const std::string& c : table_columns(group_.id())) {
    datasets_.push_back(open_dataset(group_.id(), c));
    names_.push_back(c);
    // The ColumnData alternative that matches the stored type.
    Handle type(H5Dget_type(datasets_.back().id()), H5Tclose, c);
    std::size_t alt = 4;
    if (H5Tget_class(type.id()) == H5T_INTEGER) {
      const std::size_t size = H5Tget_size(type.id());
      alt = size == 1 ? 0 : size == 2 ? 1 : 2;
    } else if (H5Tget_class(type.id()) == H5T_FLOAT) {
      alt = 3;
    }
    types_.push_back(alt);
    rows_ = dataset_length(datasets_.back().id(), c);
  }
}

void TableAppender::append(const TableData& data) {
  const std::size_t n = data.rows();
  if (data.columns.size() != names_.size()) fail("table append: wrong number of columns");
  for (std::size_t k = 0; k < names_.size(); ++k)
    if (data.columns[k].name != names_[k] || data.columns[k].data.index() != types_[k])
      fail("table append: column " + data.columns[k].name + " does not match " + names_[k]);
  if (n == 0) return;
  for (std::size_t k = 0; k < datasets_.size(); ++k) {
    const std::string what = "column " + data.columns[k].name;
    if (size_of(data.columns[k].data) != n) fail("table append: columns of unequal length");
    const hsize_t size[1] = {rows_ + n};
    check(H5Dset_extent(datasets_[k].id(), size), what);
    write_rows(datasets_[k].id(), data.columns[k].data, rows_, what);
  }
  rows_ += n;
}

std::vector<double> read_column_double(hid_t table, const std::string& column) {
  return read_numbers<double>(table, column, H5T_NATIVE_DOUBLE);
}
std::vector<std::int64_t> read_column_int(hid_t table, const std::string& column) {
  return read_numbers<std::int64_t>(table, column, H5T_NATIVE_INT64);
}
std::vector<std::string> read_column_string(hid_t table, const std::string& column) {
  return read_strings(table, column);
}
std::vector<std::string> table_columns(hid_t table) {
  std::vector<std::string> out;
  const std::string s = string_attr(table, "columns");
  std::size_t b = 0;
  while (b <= s.size()) {
    const std::size_t e = std::min(s.find(',', b), s.size());
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

}  // namespace ccsim::h5
