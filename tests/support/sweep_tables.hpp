#pragma once
// Checks that two sweep results files hold the same values in every table, column by column
// (NaN equal to NaN): the test of "interrupted and resumed equals uninterrupted".
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/io/h5_file.hpp"

inline void check_same_tables(const std::string& a, const std::string& b) {
  using namespace ccsim;
  h5::Handle fa = h5::open_file_read(a), fb = h5::open_file_read(b);
  for (const char* table : {"axes", "points", "intervals", "replications", "group_intervals", "group_replications",
                            "summary", "group_summary"}) {
    INFO(table);
    REQUIRE(h5::exists(fa.id(), table) == h5::exists(fb.id(), table));
    if (!h5::exists(fa.id(), table)) continue;
    h5::Handle ta = h5::open_group(fa.id(), table), tb = h5::open_group(fb.id(), table);
    const auto cols = h5::table_columns(ta.id());
    REQUIRE(cols == h5::table_columns(tb.id()));
    for (const std::string& c : cols) {
      INFO(c);
      if (c == "metric" || c == "key") {
        CHECK(h5::read_column_string(ta.id(), c) == h5::read_column_string(tb.id(), c));
        continue;
      }
      const auto x = h5::read_column_double(ta.id(), c), y = h5::read_column_double(tb.id(), c);
      REQUIRE(x.size() == y.size());
      std::size_t differ = 0;
      for (std::size_t k = 0; k < x.size(); ++k)
        if (!(x[k] == y[k] || (std::isnan(x[k]) && std::isnan(y[k])))) ++differ;
      CHECK(differ == 0);
    }
  }
  for (const char* attr : {"sweep_fingerprint", "sweep_axes", "scenario_toml_digest"})
    if (h5::has_attr(fa.id(), attr)) CHECK(h5::string_attr(fa.id(), attr) == h5::string_attr(fb.id(), attr));
}
