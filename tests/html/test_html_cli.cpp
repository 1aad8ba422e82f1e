// ccsim report end to end: a run file becomes one self-contained page; bad inputs end with
// exit status 2 and a message that names the file, and no HDF5 error stack; nothing is left
// under the output name when the report fails.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/html/report_page.hpp"
#include "sim/io/h5_file.hpp"
#include "sim/scenario/errors.hpp"
#include "tests/support/cli_harness.hpp"

namespace {

// A folder of this process's files, removed when the tests end.
struct TempDir {
  std::string path = "/tmp/ccsim_html_test_" + std::to_string(::getpid());
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

const std::string& temp_dir() {
  static const TempDir dir;
  return dir.path;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// A run file, written once for the tests that need one.
const std::string& run_file() {
  static const std::string path = [] {
    const std::string p = temp_dir() + "/run.h5";
    const CliResult r = run_cli("run scenarios/bank-80-20.toml -r 8 --out " + p);
    REQUIRE(r.status == 0);
    return p;
  }();
  return path;
}

}  // namespace

TEST_CASE("report of a run file: one self-contained page with the charts") {
  const std::string out = temp_dir() + "/run.html";
  const CliResult r = run_cli("report " + run_file() + " -o " + out);
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  const std::string page = slurp(out);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("</html>") != std::string::npos);
  CHECK(page.find("Retail bank weekday, general line") != std::string::npos);
  CHECK(page.find("ccsim run scenarios/bank-80-20.toml -r 8") != std::string::npos);
  CHECK(page.find("20261122") != std::string::npos);  // the seed
  CHECK(count(page, "<svg class=\"chart chart-line sl-chart\"") == 1);
  CHECK(count(page, "asa-chart") == 1);
  CHECK(count(page, "abandon-chart") == 1);
  CHECK(count(page, "<svg class=\"chart chart-hist sl-hist\"") == 1);
  CHECK(count(page, "agents-chart") == 1);
  CHECK(page.find("class=\"target\"") != std::string::npos);
  CHECK(page.find("Long-run") != std::string::npos);
  // Self-contained: no script, style sheet, font or image to fetch.
  CHECK(page.find("http://") == page.find("http://www.w3.org/2000/svg"));
  CHECK(page.find("https://") == std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("nan") == std::string::npos);
  // No temporary file left beside it.
  for (const auto& e : std::filesystem::directory_iterator(temp_dir()))
    CHECK(e.path().string().find(".part-") == std::string::npos);
}

TEST_CASE("report --help gives the usage, an example and the exit statuses") {
  const CliResult r = run_cli("report --help");
  CHECK(r.status == 0);
  CHECK(r.out.find("Usage: ccsim report RESULTS.h5 -o REPORT.html") != std::string::npos);
  CHECK(r.out.find("ccsim report results.h5 -o report.html") != std::string::npos);
  CHECK(r.out.find("Exit status") != std::string::npos);
  CHECK(r.out.find("2 ") != std::string::npos);
}

TEST_CASE("report: bad inputs exit 2 naming the file") {
  const std::string dir = temp_dir();
  const std::string text = dir + "/not-hdf5.h5";
  std::ofstream(text) << "format_version = 1\n";
  const std::string no_version = dir + "/no-version.h5";
  {
    ccsim::h5::Handle f = ccsim::h5::create_file(no_version);
    ccsim::h5::set_attr(f.id(), "command", std::string("run"));
  }
  const std::string newer = dir + "/newer.h5";
  {
    ccsim::h5::Handle f = ccsim::h5::create_file(newer);
    ccsim::h5::set_attr(f.id(), "format_version", std::int64_t{99});
    ccsim::h5::set_attr(f.id(), "command", std::string("run"));
  }
  struct Case {
    std::string args, file, words;
  };
  const Case cases[] = {
      {"report " + dir + "/missing.h5 -o " + dir + "/x.html", dir + "/missing.h5", "no such results file"},
      {"report " + text + " -o " + dir + "/x.html", text, "not an HDF5 results file"},
      {"report " + no_version + " -o " + dir + "/x.html", no_version, "no attribute format_version"},
      {"report " + newer + " -o " + dir + "/x.html", newer, "format_version 99 is newer"},
      {"report " + run_file() + " -o " + dir + "/no/such/folder/x.html", dir + "/no/such/folder/x.html",
       "cannot write the report"},
      {"report " + run_file() + " -o " + dir, dir, "is a folder"},
      {"report " + dir + " -o " + dir + "/x.html", dir, "is a folder"},
      {"report " + run_file() + " -o " + run_file(), run_file(), "the results file itself"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const CliResult r = run_cli(c.args);
    CHECK(r.status == 2);
    CHECK(r.err.rfind(c.file + ": error: ", 0) == 0);
    CHECK(r.err.find(c.words) != std::string::npos);
    CHECK(r.err.find("HDF5-DIAG") == std::string::npos);
    CHECK(r.err.find("#000") == std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir + "/x.html"));
  // The run file is untouched by the refused -o.
  CHECK(ccsim::h5::open_file_read(run_file()));
}

TEST_CASE("report: flag mistakes exit 2") {
  CHECK(run_cli("report").status == 2);
  const CliResult no_out = run_cli("report " + run_file());
  CHECK(no_out.status == 2);
  CHECK(no_out.err.find("-o") != std::string::npos);
  CHECK(run_cli("report " + run_file() + " -o x.html --bogus").status == 2);
}

TEST_CASE("report_html throws InputError for a missing file") {
  CHECK_THROWS_AS(ccsim::html::report_html(temp_dir() + "/absent.h5"), ccsim::InputError);
}
