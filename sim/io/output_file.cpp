#include "sim/io/output_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace ccsim {

namespace {

// The file a path names: a symlink's target (followed to the end, relative to the link's
// folder), else the path itself.
std::string written_path(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) return path;
  const std::filesystem::path target = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : target.string();
}

}  // namespace

bool is_folder(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

std::string folder_message(const std::string& flag, const std::string& path, const std::string& example) {
  std::string dir = path;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return flag + ": '" + path + "' is a folder; give a file name in it, e.g. '" + (dir == "/" ? "" : dir) + "/" +
         example + "'";
}

OutputFile::OutputFile(std::string final_path) : final_(written_path(final_path)) {
  std::error_code ec;
  const auto st = std::filesystem::status(final_, ec);
  direct_ =
      !ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st) && !std::filesystem::is_directory(st);
  temp_ = direct_ ? final_ : final_ + ".part-" + std::to_string(::getpid());
}

OutputFile::~OutputFile() {
  if (committed_) return;
  if (direct_) {
    std::cerr << "ccsim: " << final_ << " is incomplete (the run did not finish)\n";
    return;
  }
  std::remove(temp_.c_str());
  std::cerr << "ccsim: " << final_ << " was not written (the run did not finish)\n";
}

void OutputFile::commit() {
  if (direct_) {
    committed_ = true;
    return;
  }
  if (std::rename(temp_.c_str(), final_.c_str()) != 0)
    throw std::runtime_error("cannot rename " + temp_ + " to " + final_ + ": " + std::strerror(errno));
  committed_ = true;
}

}  // namespace ccsim
