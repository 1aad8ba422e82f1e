#pragma once
// Runs the ccsim binary as a user would and captures exit status, stdout and stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

struct CliResult {
  int status = -1;
  std::string out, err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// `args` is appended to the binary's path as shell words; run from the source tree so
// scenario paths like scenarios/bank-80-20.toml resolve. `prefix` goes before the binary:
// environment settings ("X=1") and a wrapper such as "timeout -s KILL 120".
inline CliResult run_cli(const std::string& args, const std::string& prefix = "") {
  const std::string base = "/tmp/ccsim_cli_test_" + std::to_string(::getpid());
  const std::string cmd = std::string("cd '") + CCSIM_SOURCE_DIR + "' && " + prefix + " '" + CCSIM_BINARY + "' " +
                          args + " >" + base + ".out 2>" + base + ".err </dev/null";
  const int rc = std::system(cmd.c_str());
  CliResult r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}
