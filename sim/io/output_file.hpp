#pragma once
// A results file that appears under its final name only when complete: it is written as
// FINAL.part-PID in the same folder (so the rename cannot cross file systems) and renamed
// by commit(). Destroyed without commit (an error or an interrupt unwinding the stack), it
// removes the partial file and says on stderr that FINAL was not written.
//
// A symlink is written through: the file it points to is replaced, the link stays. A path
// that exists and is not a regular file (a device such as /dev/null or /dev/full, a named
// pipe) is written directly: no temporary file, no rename, nothing removed.
#include <string>

namespace ccsim {

// Whether `path` names an existing folder (or a symlink to one): an output path that can
// never be written, to refuse before anything is simulated.
bool is_folder(const std::string& path);

// "--out: '/tmp' is a folder; give a file name in it, e.g. '/tmp/results.h5'".
std::string folder_message(const std::string& flag, const std::string& path, const std::string& example);

class OutputFile {
 public:
  explicit OutputFile(std::string final_path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Where to write now: the temporary file, or the final path itself when written directly.
  const std::string& temp_path() const { return temp_; }
  bool direct() const { return direct_; }
  const std::string& final_path() const { return final_; }
  // Renames the finished temporary file to the final name (replacing an older file).
  void commit();
  // Gives up without a word: nothing was created (the caller reports why).
  void commit_nothing() { committed_ = true; }

 private:
  std::string final_, temp_;
  bool committed_ = false;
  bool direct_ = false;
};

}  // namespace ccsim
