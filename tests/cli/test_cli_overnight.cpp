// A day that crosses midnight is the same day as far as the simulation goes: a night desk
// from 22:00 to 06:00 gives bit-identical figures to the same day moved to 00:00-08:00
// with every shift and traced call moved likewise (same seed), and differs only in the
// start labels, which wrap at midnight ("23:30", "00:00", ..., "05:30").
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/cli_harness.hpp"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// One night: volumes and a traced queue, shifts with breaks on both sides of midnight, a
// warm-up. `clock` maps the overnight day's clock times to the file's.
struct Night {
  std::string start, shifts, trace;
};

std::string scenario(const Night& n) {
  return "[scenario]\nname = \"night\"\ninterval = \"30m\"\nstart = \"" + n.start +
         "\"\nduration = \"8h\"\nwarmup = \"30m\"\nreplications = 40\nseed = 7\n\n"
         "[[queue]]\nname = \"helpdesk\"\n"
         "arrivals = { volumes = [30, 26, 22, 18, 14, 11, 9, 8, 7, 7, 8, 10, 13, 17, 22, 28] }\n"
         "handle_time = { dist = \"lognormal\", mean = \"8m\", sd = \"5m\" }\n"
         "patience = { dist = \"exponential\", mean = \"4m\" }\ntargets = [\"80/30\"]\n\n"
         "[[queue]]\nname = \"callbacks\"\narrivals = { trace = \"calls.csv\" }\n"
         "handle_time = { dist = \"exponential\", mean = \"6m\" }\n\n"
         "[[agents]]\nname = \"desk\"\nserves = [\"helpdesk\", \"callbacks\"]\nshifts = [\n" +
         n.shifts + "]\ncost_per_hour = 30.0\n";
}

// Runs `args` on the scenario in `dir`, which must succeed.
CliResult run_in(const fs::path& dir, const std::string& args) {
  const CliResult r = run_cli("run '" + (dir / "night.toml").string() + "' " + args);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return r;
}

fs::path write_night(const std::string& name, const Night& n) {
  const fs::path dir = fs::temp_directory_path() / ("ccsim_test_overnight_" + name);
  fs::create_directories(dir);
  std::ofstream(dir / "night.toml") << scenario(n);
  std::ofstream(dir / "calls.csv") << n.trace;
  return dir;
}

// Every "start" label, in document order, removed from `j`.
void take_starts(json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    if (j.contains("start") && j["start"].is_string()) {
      out.push_back(j["start"].get<std::string>());
      j.erase("start");
    }
    for (auto& [k, v] : j.items()) take_starts(v, out);
  } else if (j.is_array()) {
    for (auto& v : j) take_starts(v, out);
  }
}

// The CSV with its third column (the start label) cut out of every row.
std::string without_start_column(const std::string& csv, std::vector<std::string>& starts) {
  std::string out, line;
  std::istringstream in(csv);
  while (std::getline(in, line)) {
    const auto a = line.find(',');
    const auto b = line.find(',', a + 1);
    const auto c = line.find(',', b + 1);
    starts.push_back(line.substr(b + 1, c - b - 1));
    out += line.substr(0, b) + line.substr(c) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("an overnight day gives the same figures as the same day moved to midnight", "[cli][clock]") {
  // Overnight, as a planner writes it: "02:00" and "04:00+1" are after midnight.
  const Night overnight{
      "22:00",
      "  { start = \"22:00\", length = \"8h\", count = 4, breaks = [{ after = \"2h\", length = \"15m\" },\n"
      "                                                       { after = \"4h\", length = \"30m\" }] },\n"
      "  { start = \"23:30\", length = \"6h\", count = 3, breaks = [{ after = \"3h\", length = \"30m\" }] },\n"
      "  { start = \"02:00\", length = \"4h\", count = 2, breaks = [{ after = \"1h\", length = \"15m\" }] },\n"
      "  { start = \"04:00+1\", length = \"8h\", count = 3 },\n"
      "  { start = \"29:00\", length = \"8h\", count = 2 },\n",
      "arrival,handle_time\n21:50:00,5m\n22:10:05,\n02:00:30,4m\n04:15:00.5+1,\n26:40:00,\n05:59:59,\n"};
  // The same day two hours earlier by the clock: every time minus 22 hours.
  const Night midnight{
      "00:00",
      "  { start = \"00:00\", length = \"8h\", count = 4, breaks = [{ after = \"2h\", length = \"15m\" },\n"
      "                                                       { after = \"4h\", length = \"30m\" }] },\n"
      "  { start = \"01:30\", length = \"6h\", count = 3, breaks = [{ after = \"3h\", length = \"30m\" }] },\n"
      "  { start = \"04:00\", length = \"4h\", count = 2, breaks = [{ after = \"1h\", length = \"15m\" }] },\n"
      "  { start = \"06:00\", length = \"8h\", count = 3 },\n"
      "  { start = \"07:00\", length = \"8h\", count = 2 },\n",
      "arrival,handle_time\n-600,5m\n00:10:05,\n04:00:30,4m\n06:15:00.5,\n04:40:00,\n07:59:59,\n"};
  const fs::path a = write_night("a", overnight), b = write_night("b", midnight);

  // JSON: identical once the start labels are taken out, numbers bit for bit.
  json ja = json::parse(run_in(a, "--json").out), jb = json::parse(run_in(b, "--json").out);
  std::vector<std::string> sa, sb;
  take_starts(ja, sa);
  take_starts(jb, sb);
  CHECK(ja.dump() == jb.dump());
  CHECK(ja["queues"]["helpdesk"]["offered"]["mean"].get<double>() > 200);
  CHECK(ja["queues"]["callbacks"]["offered"]["mean"].get<double>() == 5);  // the warm-up call is not counted
  // Labels: the day's start, then every interval of every queue and the total, wrapped.
  const std::vector<std::string> night_labels{"22:00", "22:30", "23:00", "23:30", "00:00", "00:30", "01:00", "01:30",
                                              "02:00", "02:30", "03:00", "03:30", "04:00", "04:30", "05:00", "05:30"};
  REQUIRE(sa.size() == 1 + 3 * 16);
  REQUIRE(sb.size() == sa.size());
  CHECK(sa[0] == "22:00");
  CHECK(sb[0] == "00:00");
  for (std::size_t i = 1; i < sa.size(); ++i) {
    INFO(i);
    CHECK(sa[i] == night_labels[(i - 1) % 16]);
  }

  // The interval CSV: the same but for its start column.
  run_in(a, "--csv-intervals '" + (a / "i.csv").string() + "'");
  run_in(b, "--csv-intervals '" + (b / "i.csv").string() + "'");
  std::vector<std::string> ca, cb;
  CHECK(without_start_column(slurp((a / "i.csv").string()), ca) ==
        without_start_column(slurp((b / "i.csv").string()), cb));
  REQUIRE(ca.size() == 1 + 3 * 16);
  CHECK(ca[1] == "22:00");
  CHECK(ca[5] == "00:00");
  CHECK(ca[16] == "05:30");
  CHECK(cb[16] == "07:30");

  // The text report labels the intervals as the JSON does, and check shows the day.
  const std::string text = run_in(a, "").out;
  CHECK(text.find("  00:00 ") != std::string::npos);
  CHECK(text.find("24:00") == std::string::npos);
  const CliResult check = run_cli("check '" + (a / "night.toml").string() + "'");
  REQUIRE(check.status == 0);
  CHECK(check.out.find("16 intervals of 30m, 22:00-06:00+1, warm-up 30m") != std::string::npos);
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST_CASE("a clock time outside the overnight day is refused at FILE:LINE:COL with exit 2", "[cli][clock]") {
  const CliResult r = run_cli("check tests/scenarios/bad/overnight_shift_outside.toml");
  CHECK(r.status == 2);
  CHECK(r.err ==
        "tests/scenarios/bad/overnight_shift_outside.toml:18:11: error: agents 'team' shifts[1] (07:00+1 for 1h) does "
        "not overlap the day (22:00-06:00+1)\n");
  const CliResult d = run_cli("run tests/scenarios/bad/clock_is_duration.toml");
  CHECK(d.status == 2);
  CHECK(d.err ==
        "tests/scenarios/bad/clock_is_duration.toml:17:21: error: agents 'team' shifts[1].start: cannot read \"4h\" "
        "as a clock time: it is a duration (4h); write a clock time such as \"02:00\" or \"02:00+1\"\n");
}
