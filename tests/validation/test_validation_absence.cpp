// Absence against the binomial distribution. Each of a group's n scheduled agent positions is
// away for the whole day with probability a, independently, so the agents present in an
// interval of constant staffing are Binomial(n, 1 - a): mean n (1 - a), variance n a (1 - a),
// the same agents in every interval of the day. Sample moments are compared within 3
// standard errors (the variance's SE from the replications' fourth moment); fixed seed.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/engine/tally.hpp"
#include "sim/scenario/scenario.hpp"

using namespace ccsim;

namespace {

// Time-averaged agents present in interval i of each replication.
std::vector<double> present(const std::vector<ReplicationResult>& reps, int g, int i, double interval) {
  std::vector<double> out;
  for (const auto& r : reps) out.push_back(r.groups.cell(g, i)[kPresentTime] / interval);
  return out;
}

const std::string kText = R"(
[scenario]
interval = "1h"
[[queue]]
name = "Q"
arrivals = { volumes = [30, 30, 30] }
handle_time = { dist = "exponential", mean = "3m" }
patience = { dist = "exponential", mean = "2m" }
[[agents]]
name = "g"
serves = ["Q"]
staffing = 10
absence = 0.15
)";

}  // namespace

TEST_CASE("absence: agents present are binomial, and the same all day") {
  const RunModel m = compile(parse_scenario(kText, "absence.toml"));
  const int R = 4000;
  const auto reps = replicate(m, 20261207, R, 2);
  const auto x = present(reps, 0, 1, 3600);
  double mean = 0;
  for (const double v : x) mean += v / R;
  double m2 = 0, m4 = 0;
  for (const double v : x) {
    m2 += (v - mean) * (v - mean) / R;
    m4 += std::pow(v - mean, 4) / R;
  }
  const double n = 10, a = 0.15;
  const double se_mean = std::sqrt(m2 / R), se_var = std::sqrt((m4 - m2 * m2) / R);
  INFO("present " << mean << " (SE " << se_mean << "), exact " << n * (1 - a));
  INFO("variance " << m2 << " (SE " << se_var << "), exact " << n * a * (1 - a));
  CHECK(std::abs(mean - n * (1 - a)) <= 3 * se_mean);
  CHECK(std::abs(m2 - n * a * (1 - a)) <= 3 * se_var);
  // Whole-agent shrinkage of 15% would always remove round(1.5) = 2: variance 0, mean 8.
  CHECK(std::abs(mean - 8) > 6 * se_mean);
  // An absent agent is away all day: intervals 0 and 2 see the same count (up to calls
  // finishing after a leave, which do not arise: staffing is constant).
  const auto x0 = present(reps, 0, 0, 3600), x2 = present(reps, 0, 2, 3600);
  for (int r = 0; r < R; ++r) CHECK(x0[static_cast<std::size_t>(r)] == x2[static_cast<std::size_t>(r)]);
}

TEST_CASE("absence: more staffing adds positions without moving the absent ones (common random numbers)") {
  const RunModel m = compile(parse_scenario(kText, "absence.toml"));
  const RunModel more = compile(parse_scenario(kText, "absence.toml", {{"agents.g.staffing", "14"}}));
  const auto a = replicate(m, 5, 200, 1), b = replicate(more, 5, 200, 2);
  int never_fewer = 0;
  for (std::size_t r = 0; r < a.size(); ++r) {
    const double pa = a[r].groups.cell(0, 0)[kPresentTime] / 3600, pb = b[r].groups.cell(0, 0)[kPresentTime] / 3600;
    // Positions 1..10 are the same agents: 14 scheduled bring those plus 0-4 more.
    never_fewer += (pb >= pa && pb <= pa + 4) ? 1 : 0;
  }
  CHECK(never_fewer == 200);
}
