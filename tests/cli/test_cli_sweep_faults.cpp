// Fault tests of the sweep's crash safety (docs/reliability.md, docs/sweep.md "Crash
// safety"): a sweep SIGKILLed at random moments and then resumed gives the results of an
// uninterrupted sweep; a journal damaged in any of many ways is either repaired (its
// intact prefix kept, the rest run again) to the correct result or refused with a message
// that says how to go on, never resumed to a wrong result, and never hangs.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "sim/sweep/journal.hpp"
#include "tests/support/cli_harness.hpp"
#include "tests/support/sweep_tables.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kBank = "scenarios/bank-80-20.toml";

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("ccsim_sweep_faults_" + std::to_string(::getpid()));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
  std::string at(const std::string& name) const { return (dir / name).string(); }
};

// "k3.h5" (built with a stream: GCC 12 warns falsely on "k" + std::to_string(n) + ".h5").
std::string case_name(const char* stem, int n) {
  std::ostringstream s;
  s << stem << n << ".h5";
  return s.str();
}

// Runs `ccsim ARGS` under a timeout: a hang is killed after 120 s (status 137) and fails
// the test instead of stalling CI. `env` goes before the command.
CliResult run_timed(const std::string& args, const std::string& env = "") {
  return run_cli(args, env + " timeout -s KILL 120");
}

std::string read_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void write_bytes(const std::string& path, const std::string& b) { std::ofstream(path, std::ios::binary) << b; }

// The byte range of each record of a journal (layout in sim/sweep/journal.hpp); [0] is the
// header record.
struct Range {
  std::size_t begin, end;
};
std::vector<Range> records(const std::string& b) {
  std::vector<Range> r;
  for (std::size_t pos = 16; pos + 20 <= b.size();) {
    std::uint64_t n;
    std::memcpy(&n, b.data() + pos + 8, 8);
    r.push_back({pos, pos + 16 + n + 4});
    pos = r.back().end;
  }
  return r;
}

}  // namespace

TEST_CASE("sweep faults: a damaged journal is repaired to the right result or refused, never trusted") {
  Scratch s;
  // 12 points of 4 replications: each resume runs in well under a second.
  const std::string sweep = "sweep " + kBank +
                            " --vary agents.universal.staffing_delta=-2:3:1 --vary queue.general.arrivals.scale=0.9,1.1"
                            " -r 4 --seed 11 -t 2 -q";
  const std::string ref = s.at("ref.h5");
  REQUIRE(run_timed(sweep + " --out " + ref).status == 0);
  // A journal holding every point and no results file: the process dies (the test hook
  // raises SIGKILL) right after the last point reached the journal.
  const std::string full = s.at("full.h5");
  const CliResult killed = run_timed(sweep + " --out " + full, "CCSIM_TEST_KILL_AFTER_POINTS=12");
  CHECK(killed.status != 0);
  REQUIRE(fs::exists(full + ".journal"));
  CHECK_FALSE(fs::exists(full));
  const std::string J = read_bytes(full + ".journal");
  const std::vector<Range> rec = records(J);
  REQUIRE(rec.size() == 13);  // the header and 12 points
  REQUIRE(rec.back().end == J.size());

  // A copy of the journal whose point 3 claims, under a valid checksum, rows of point 7.
  std::string forged;
  {
    std::vector<ccsim::PointTables> pts;
    const auto scan =
        ccsim::scan_journal(full + ".journal", [&](std::uint64_t, const ccsim::PointTables& t) { pts.push_back(t); });
    REQUIRE(scan.points == 12);
    const std::string path = s.at("forged.journal");
    {
      ccsim::JournalWriter w(path, scan.header);
      for (std::uint64_t p = 0; p < 12; ++p) {
        if (p == 3)
          for (auto& [name, t] : pts[p].tables)
            if (name == "summary")
              for (auto& c : t.columns)
                if (c.name == "point") std::get<std::vector<std::int32_t>>(c.data)[0] = 7;
        w.write_point(p, pts[p]);
      }
    }
    forged = read_bytes(path);
  }

  enum class Expect { refused, repaired };
  struct Kind {
    std::string name;
    std::string bytes;
    Expect expect;
    bool damaged_note = true;  // a repaired journal says what it dropped
  };
  auto flip = [&](std::size_t at, unsigned char mask = 0x10) {
    std::string b = J;
    b[at] = static_cast<char>(b[at] ^ mask);
    return b;
  };
  const Range r3 = rec[4], r5 = rec[6];  // the records of points 3 and 5
  std::vector<Kind> kinds = {
      {"empty file", "", Expect::refused},
      {"cut inside the magic", J.substr(0, 10), Expect::refused},
      {"cut inside the header", J.substr(0, rec[0].begin + 30), Expect::refused},
      {"cut after the header", J.substr(0, rec[0].end), Expect::repaired, false},
      {"cut inside point 5", J.substr(0, r5.begin + 100), Expect::repaired},
      {"cut inside point 5's head", J.substr(0, r5.begin + 7), Expect::repaired},
      {"cut inside the last point", J.substr(0, rec.back().begin + (rec.back().end - rec.back().begin) / 2),
       Expect::repaired},
      {"last checksum torn", J.substr(0, J.size() - 1), Expect::repaired},
      {"cut at a record boundary", J.substr(0, r5.begin), Expect::repaired, false},
      {"flipped magic", flip(3), Expect::refused},
      {"flipped header field", flip(rec[0].begin + 40), Expect::refused},
      {"flipped header length", flip(rec[0].begin + 8, 0x01), Expect::refused},
      {"flipped header checksum", flip(rec[0].end - 2), Expect::refused},
      {"flipped record marker", flip(r3.begin + 1), Expect::repaired},
      {"flipped record kind", flip(r3.begin + 4, 0x01), Expect::repaired},
      {"flipped record length, low byte", flip(r3.begin + 8, 0x01), Expect::repaired},
      {"flipped record length, high byte", flip(r3.begin + 15, 0x40), Expect::repaired},
      {"flipped point number", flip(r3.begin + 16, 0x01), Expect::repaired},
      {"flipped data byte", flip(r3.begin + (r3.end - r3.begin) / 2), Expect::repaired},
      {"flipped record checksum", flip(r3.end - 3), Expect::repaired},
      {"flipped last byte", flip(J.size() - 1), Expect::repaired},
      {"zeroed 4 KB",
       [&] {
         std::string b = J;
         std::fill(b.begin() + static_cast<long>(r3.begin) + 50, b.begin() + static_cast<long>(r3.begin) + 4146, '\0');
         return b;
       }(),
       Expect::repaired},
      {"garbage appended", J + std::string(333, '\x5a'), Expect::repaired},
      {"point 0 appended again", J + J.substr(rec[1].begin, rec[1].end - rec[1].begin), Expect::repaired},
      {"points 2 and 3 swapped",
       [&] {
         return J.substr(0, rec[3].begin) + J.substr(rec[4].begin, rec[4].end - rec[4].begin) +
                J.substr(rec[3].begin, rec[3].end - rec[3].begin) + J.substr(rec[5].begin);
       }(),
       Expect::repaired},
      {"point 4 missing", J.substr(0, rec[5].begin) + J.substr(rec[6].begin), Expect::repaired},
      {"a valid checksum over rows of another point", forged, Expect::repaired},
  };
  // And single flipped bytes at seeded random places.
  std::mt19937_64 rng(20261202);
  for (int k = 0; k < 12; ++k) {
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, J.size() - 1)(rng);
    kinds.push_back({"random flip at byte " + std::to_string(at), flip(at, 0x04),
                     at < rec[0].end ? Expect::refused : Expect::repaired});
  }
  REQUIRE(kinds.size() >= 20 + 12);

  int n = 0;
  for (const Kind& k : kinds) {
    INFO(k.name);
    const std::string out = s.at(case_name("k", n++));
    write_bytes(out + ".journal", k.bytes);
    const CliResult r = run_timed(sweep + " --resume --out " + out);
    INFO(r.err);
    REQUIRE((r.status == 0 || r.status == 2));  // repaired or refused: no hang, no crash
    if (k.expect == Expect::refused) {
      CHECK(r.status == 2);
      CHECK(r.err.find("cannot be used") != std::string::npos);
      CHECK(r.err.find("--restart deletes it and starts over") != std::string::npos);
      CHECK_FALSE(fs::exists(out));
      CHECK(fs::exists(out + ".journal"));  // left for the user to decide
    } else {
      REQUIRE(r.status == 0);
      if (k.damaged_note) CHECK(r.err.find("intact points; the rest of it was dropped") != std::string::npos);
      REQUIRE(fs::exists(out));
      CHECK_FALSE(fs::exists(out + ".journal"));
      check_same_tables(ref, out);
    }
  }
}

TEST_CASE("sweep faults: SIGKILL at random moments, then --resume, equals the uninterrupted sweep") {
  Scratch s;
  // 255 points of 4 replications: about 1 s on 2 cores, so the kills land before, during
  // and after the points, and in the building of the file.
  const std::string sweep = "sweep " + kBank +
                            " --vary agents.universal.staffing_delta=-20:30:1"
                            " --vary queue.general.arrivals.scale=0.8:1.2:0.1 -r 4 --seed 3 -t 2 -q";
  const std::string ref = s.at("ref.h5");
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(run_timed(sweep + " --out " + ref).status == 0);
  const double whole = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::mt19937_64 rng(7);
  int mid_sweep = 0;
  for (int trial = 0; trial < 10; ++trial) {
    const double at = std::uniform_real_distribution<double>(0.02, 1.05)(rng) * whole;
    INFO("trial " << trial << ": SIGKILL after " << at << " s of " << whole);
    const std::string out = s.at(case_name("t", trial));
    const std::string cmd = std::string("cd '") + CCSIM_SOURCE_DIR + "' && { '" + CCSIM_BINARY + "' " + sweep +
                            " --out " + out + " >/dev/null 2>&1 </dev/null & pid=$!; sleep " + std::to_string(at) +
                            "; kill -KILL $pid 2>/dev/null; wait $pid; } >/dev/null 2>&1";
    (void)std::system(cmd.c_str());
    if (fs::exists(out + ".journal") && !fs::exists(out)) ++mid_sweep;
    // (Killed between the file's rename and the journal's removal, both exist: resume.)
    if (!fs::exists(out) || fs::exists(out + ".journal")) {
      const CliResult r = run_timed(sweep + " --resume --out " + out);
      INFO(r.err);
      REQUIRE(r.status == 0);
    }
    REQUIRE(fs::exists(out));
    CHECK_FALSE(fs::exists(out + ".journal"));
    check_same_tables(ref, out);
  }
  CHECK(mid_sweep >= 5);  // most kills landed while the sweep ran, not after it ended
}
