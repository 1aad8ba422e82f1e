#include "sim/scenario/errors.hpp"

namespace ccsim {

std::string format_error(const SourceLoc& where, const std::string& what) {
  std::string s = where.file.empty() ? std::string("ccsim") : where.file;
  if (where.line > 0) {
    s += ':' + std::to_string(where.line) + ':' + std::to_string(where.column > 0 ? where.column : 1);
  }
  return s + ": error: " + what;
}

InputError::InputError(SourceLoc where, const std::string& what)
    : std::runtime_error(format_error(where, what)), where_(std::move(where)), message_(what) {}

}  // namespace ccsim
