#pragma once
// Helpers shared by the scenario tests.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <stdexcept>
#include <vector>

#include "sim/scenario/errors.hpp"
#include "sim/scenario/scenario.hpp"

namespace ccsim::test {

// Runs `f`, which must throw InputError; returns it for inspection.
template <class F>
InputError thrown(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError thrown");
  throw std::logic_error("unreachable");
}

// --set arguments as the command line gives them.
inline std::vector<Override> sets(std::initializer_list<const char*> args) {
  std::vector<Override> out;
  for (const char* a : args) out.push_back(parse_override(a));
  return out;
}

}  // namespace ccsim::test
