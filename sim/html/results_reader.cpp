#include "sim/html/results_reader.hpp"

#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "sim/scenario/errors.hpp"

namespace ccsim::html {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void bad_file(const std::string& path, const std::string& what) {
  throw InputError(SourceLoc{path, 0, 0}, what);
}

bool is_string_column(hid_t group, const std::string& column) {
  h5::Handle ds(H5Dopen2(group, column.c_str(), H5P_DEFAULT), H5Dclose, "column " + column);
  h5::Handle type(H5Dget_type(ds.id()), H5Tclose, "type of column " + column);
  return H5Tget_class(type.id()) == H5T_STRING;
}

}  // namespace

const std::vector<double>& Table::num(const std::string& column) const {
  auto it = numbers.find(column);
  if (it != numbers.end()) return it->second;
  missing_numbers_.assign(rows, kNaN);
  return missing_numbers_;
}

const std::vector<std::string>& Table::str(const std::string& column) const {
  auto it = strings.find(column);
  if (it != strings.end()) return it->second;
  missing_strings_.assign(rows, "");
  return missing_strings_;
}

Table Table::where(const std::string& key, double value) const {
  auto k = numbers.find(key);
  if (k == numbers.end()) return *this;
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < rows; ++i)
    if (k->second[i] == value) keep.push_back(i);
  Table out;
  out.columns = columns;
  out.rows = keep.size();
  for (const auto& [name, v] : numbers) {
    auto& dst = out.numbers[name];
    dst.reserve(keep.size());
    for (std::size_t i : keep) dst.push_back(v[i]);
  }
  for (const auto& [name, v] : strings) {
    auto& dst = out.strings[name];
    dst.reserve(keep.size());
    for (std::size_t i : keep) dst.push_back(v[i]);
  }
  return out;
}

ResultsFile::ResultsFile(const std::string& path) : path_(path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) bad_file(path, "no such results file");
  if (std::filesystem::is_directory(path, ec))
    bad_file(path, "is a folder; give a results file written by ccsim ... --out FILE.h5");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // no HDF5 error stack on stderr
  if (H5Fis_hdf5(path.c_str()) <= 0)
    bad_file(path, "not an HDF5 results file (write one with ccsim run|staff|compare|sweep ... --out FILE.h5)");
  try {
    file_ = h5::open_file_read(path);
  } catch (const std::exception&) {
    bad_file(path, "cannot open the HDF5 file (unreadable or damaged)");
  }
  if (!h5::has_attr(file_.id(), "format_version"))
    bad_file(path, "not a ccsim results file: it has no attribute format_version");
  std::int64_t version = 0;
  try {
    version = h5::int_attr(file_.id(), "format_version");
  } catch (const std::exception&) {
    bad_file(path, "not a ccsim results file: its format_version is not a number");
  }
  if (version > kKnownFormatVersion)
    bad_file(path, "results format_version " + std::to_string(version) + " is newer than this ccsim reads (" +
                       std::to_string(kKnownFormatVersion) + "); use a newer ccsim");
  if (version < 1) bad_file(path, "not a ccsim results file: format_version " + std::to_string(version));
  if (!h5::has_attr(file_.id(), "command")) bad_file(path, "not a ccsim results file: it has no attribute command");
}

bool ResultsFile::has_attr(const std::string& name) const { return h5::has_attr(file_.id(), name); }

std::string ResultsFile::string_attr(const std::string& name, const std::string& fallback) const {
  if (!has_attr(name)) return fallback;
  try {
    return h5::string_attr(file_.id(), name);
  } catch (const std::exception&) {
    return fallback;
  }
}

std::optional<double> ResultsFile::number_attr(const std::string& name) const {
  if (!has_attr(name)) return std::nullopt;
  try {
    return h5::double_attr(file_.id(), name);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool ResultsFile::has(const std::string& name) const { return h5::exists(file_.id(), name); }

std::vector<std::string> ResultsFile::strings(const std::string& dataset) const {
  return has(dataset) ? h5::read_strings(file_.id(), dataset) : std::vector<std::string>{};
}

std::vector<double> ResultsFile::doubles(const std::string& dataset) const {
  return has(dataset) ? h5::read_doubles(file_.id(), dataset) : std::vector<double>{};
}

std::string ResultsFile::text(const std::string& dataset) const {
  return has(dataset) ? h5::read_string(file_.id(), dataset) : std::string();
}

std::vector<std::string> ResultsFile::table_columns(const std::string& name) const {
  if (!has(name)) return {};
  h5::Handle g = h5::open_group(file_.id(), name);
  return h5::has_attr(g.id(), "columns") ? h5::table_columns(g.id()) : std::vector<std::string>{};
}

Table ResultsFile::table(const std::string& name) const {
  Table t;
  if (!has(name)) return t;
  h5::Handle g = h5::open_group(file_.id(), name);
  if (!h5::has_attr(g.id(), "columns")) return t;
  t.columns = h5::table_columns(g.id());
  bool first = true;
  for (const std::string& c : t.columns) {
    std::size_t n = 0;
    if (is_string_column(g.id(), c)) {
      auto v = h5::read_column_string(g.id(), c);
      n = v.size();
      t.strings[c] = std::move(v);
    } else {
      auto v = h5::read_column_double(g.id(), c);
      n = v.size();
      t.numbers[c] = std::move(v);
    }
    // Columns are of equal length by the format; keep the shortest should one differ.
    t.rows = first ? n : std::min(t.rows, n);
    first = false;
  }
  for (auto& [c, v] : t.numbers) v.resize(t.rows);
  for (auto& [c, v] : t.strings) v.resize(t.rows);
  return t;
}

}  // namespace ccsim::html
