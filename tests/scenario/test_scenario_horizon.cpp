// How a horizon of several days is laid out from the file (sim/scenario/horizon.cpp): one
// day's lists repeated, or lists of the whole horizon; day_scale per day; shifts per day.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

using namespace ccsim;

namespace {

Scenario week(const std::string& arrivals, const std::string& staffing, const std::string& extra = "") {
  return parse_scenario("[scenario]\ninterval = \"12h\"\nduration = \"24h\"\ndays = 3\ncarry_over = true\n" + extra +
                            "[[queue]]\nname = \"q\"\narrivals = " + arrivals +
                            "\nhandle_time = { dist = \"exponential\", mean = \"1m\" }\n"
                            "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = " +
                            staffing + "\n",
                        "week.toml");
}

}  // namespace

TEST_CASE("horizon: one day's volumes are every day's shape, times day_scale's factor of the day") {
  const Scenario s = week("{ volumes = [10, 20], day_scale = [2, 1, 0.5] }", "[3, 4]");
  REQUIRE(s.intervals == 6);
  CHECK(s.day_intervals == 2);
  CHECK(s.queues[0].arrivals.volumes == std::vector<double>{20, 40, 10, 20, 5, 10});
  CHECK(s.groups[0].staffing == std::vector<int>{3, 4, 3, 4, 3, 4});
}

TEST_CASE("horizon: lists of the whole horizon give each day its own values") {
  const Scenario s = week("{ volumes = [1, 2, 3, 4, 5, 6], day_scale = [1, 2, 1] }", "[1, 2, 3, 4, 5, 6]");
  REQUIRE(s.intervals == 6);
  CHECK(s.queues[0].arrivals.volumes == std::vector<double>{1, 2, 6, 8, 5, 6});
  CHECK(s.groups[0].staffing == std::vector<int>{1, 2, 3, 4, 5, 6});
  // Without duration the day comes from the lists: here the shortest (2), the other is 3 days.
  const Scenario t = parse_scenario(
      "[scenario]\ninterval = \"12h\"\ndays = 3\ncarry_over = true\n[[queue]]\nname = \"q\"\n"
      "arrivals = { volumes = [1, 2, 3, 4, 5, 6] }\nhandle_time = { dist = \"exponential\", mean = \"1m\" }\n"
      "[[agents]]\nname = \"a\"\nserves = [\"q\"]\nstaffing = [7, 8]\n",
      "t.toml");
  CHECK(t.day_intervals == 2);
  CHECK(t.groups[0].staffing == std::vector<int>{7, 8, 7, 8, 7, 8});
  // A stationary rate scaled per day becomes volumes: 60/h x 12 h = 720 a half day.
  const Scenario r = week("{ rate = \"60/h\", day_scale = [1, 0.5, 2] }", "2");
  CHECK(r.queues[0].arrivals.volumes == std::vector<double>{720, 720, 360, 360, 1440, 1440});
}

TEST_CASE("horizon: a list neither one day nor the whole horizon long is refused at its position") {
  try {
    week("{ volumes = [1, 2, 3, 4] }", "2");
    FAIL("accepted");
  } catch (const InputError& e) {
    const std::string m = e.what();
    INFO(m);
    CHECK(m.find("week.toml:8:24") != std::string::npos);
    CHECK(m.find("has 4 values, but the day has 2 intervals (or 6 for all 3 days)") != std::string::npos);
  }
}
