#pragma once
// Reads a results file (docs/results-format.md) for the page: checks that it is one ccsim
// can read (InputError otherwise, naming the file), its root attributes, and whole tables
// as columns of doubles (numbers) or strings.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/h5_file.hpp"

namespace ccsim::html {

// The newest results layout this page reads (docs/results-format.md §7).
inline constexpr std::int64_t kKnownFormatVersion = 1;

// One table: every column, numbers as double (NaN kept), strings as strings.
struct Table {
  std::vector<std::string> columns;  // in the file's order
  std::map<std::string, std::vector<double>> numbers;
  std::map<std::string, std::vector<std::string>> strings;
  std::size_t rows = 0;

  bool empty() const { return rows == 0; }
  bool has(const std::string& column) const { return numbers.count(column) || strings.count(column); }
  // A numeric column; a column of NaN when absent (or a string column).
  const std::vector<double>& num(const std::string& column) const;
  // A string column; a column of "" when absent.
  const std::vector<std::string>& str(const std::string& column) const;
  // The rows whose numeric `key` equals `value` (all rows when the table lacks `key`).
  Table where(const std::string& key, double value) const;

 private:
  mutable std::vector<double> missing_numbers_;
  mutable std::vector<std::string> missing_strings_;
};

class ResultsFile {
 public:
  // Opens and checks `path`: it exists, is HDF5, has a format_version this page knows.
  explicit ResultsFile(const std::string& path);

  const std::string& path() const { return path_; }
  bool has_attr(const std::string& name) const;
  std::string string_attr(const std::string& name, const std::string& fallback = "") const;
  std::optional<double> number_attr(const std::string& name) const;
  bool has(const std::string& name) const;  // a dataset or group at the root
  std::vector<std::string> strings(const std::string& dataset) const;
  std::vector<double> doubles(const std::string& dataset) const;
  std::string text(const std::string& dataset) const;
  // The column names of table `name` (none when absent).
  std::vector<std::string> table_columns(const std::string& name) const;
  // The table `name`; an empty table when the file has none.
  Table table(const std::string& name) const;

 private:
  std::string path_;
  h5::Handle file_;
};

}  // namespace ccsim::html
