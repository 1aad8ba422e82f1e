#pragma once
// Input errors: everything a user can get wrong (scenario, flags, files) ends as one
// InputError, printed as `FILE:LINE:COLUMN: error: WHAT` and exit status 2.
#include <stdexcept>
#include <string>

namespace ccsim {

struct SourceLoc {
  std::string file;  // scenario path, or "--set", or "command line"
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
};

class InputError : public std::runtime_error {
 public:
  InputError(SourceLoc where, const std::string& what);
  const SourceLoc& where() const { return where_; }
  const std::string& message() const { return message_; }  // WHAT alone

 private:
  SourceLoc where_;
  std::string message_;
};

// "FILE:LINE:COLUMN: error: WHAT" (omits LINE:COLUMN when unknown).
std::string format_error(const SourceLoc& where, const std::string& what);

}  // namespace ccsim
