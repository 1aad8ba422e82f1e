#pragma once
// The points of a sweep: axes written as `KEY=V1,V2,...` or `KEY=START:STOP:STEP` (values
// with units: "180s:300s:30s", "3000/h", "5%"), combined as a cartesian product (the last
// axis varies fastest) or, zipped, advancing together. Each point is a list of `--set`
// overrides on the scenario.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace ccsim {

struct SweepAxis {
  std::string key;                  // a --set path
  std::vector<std::string> values;  // as given to --set, e.g. "210s"
  bool numeric = false;             // every value reads as a number (then `numbers` is filled)
  std::vector<double> numbers;      // base units: seconds, calls per hour, fractions, plain
  std::string text;                 // the axis as written, for messages
};

// Parses one axis; throws InputError at `where` (a file position, or "ccsim sweep" and the
// flag) for a missing '=', an empty list or value, a range whose ends and step differ in
// unit, a zero step or one that never reaches the end, or more than a million values.
SweepAxis parse_axis(const std::string& text, const SourceLoc& where, const std::string& what);

struct SweepGrid {
  std::vector<SweepAxis> axes;
  bool zip = false;

  std::size_t points() const;
  // Index of point p's value on each axis.
  std::vector<std::size_t> coordinates(std::size_t p) const;
  // The overrides that make point p.
  std::vector<Override> overrides(std::size_t p) const;
};

// Zipped axes must have equal lengths; keys must differ. Throws InputError at `where`.
SweepGrid make_grid(std::vector<SweepAxis> axes, bool zip, const SourceLoc& where);

}  // namespace ccsim
