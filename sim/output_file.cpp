#include "sim/output_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>

namespace ccsim {

OutputFile::OutputFile(std::string final_path, bool resumable)
    : final_(std::move(final_path)),
      temp_(resumable ? final_ + ".part" : final_ + ".part-" + std::to_string(::getpid())) {}

OutputFile::~OutputFile() {
  if (committed_) return;
  std::remove(temp_.c_str());
  std::cerr << "ccsim: " << final_ << " was not written (the run did not finish)\n";
}

void OutputFile::commit() {
  if (std::rename(temp_.c_str(), final_.c_str()) != 0)
    throw std::runtime_error("cannot rename " + temp_ + " to " + final_ + ": " + std::strerror(errno));
  committed_ = true;
}

}  // namespace ccsim
