// Validation: the simulator against exact Erlang C (M/M/n) and Erlang A (M/M/n+M) values
// on stationary configurations from 2 to 500 agents, load 0.5 to 1.05 (above 1 only with
// abandonment), patience 30 s to 30 min and none.
//
// Each configuration runs R independent replications of a long stationary day after a
// warm-up; a simulated value agrees when |sim - exact| <= 3 standard errors, the standard
// error being the replications' sd / sqrt(R). Runs are long enough that the SL standard
// error is below 0.3 percentage points, which the test also asserts. Fixed seeds.
//
// With CCSIM_VALIDATION_TABLE=FILE set, the table of docs/validation.md is written there.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "models/erlang.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/stats/run_summary.hpp"

namespace {

using namespace ccsim;

struct Config {
  int agents;
  double load_per_agent;  // rho = lambda * aht / n
  double aht;             // seconds
  double patience;        // mean seconds; inf = none
  double hours;           // counted length of one replication
  int replications;
};

constexpr double kNone = std::numeric_limits<double>::infinity();
constexpr double kThreshold = 20;

RunModel stationary_model(const Config& c) {
  RunModel m;
  m.interval = 3600;
  m.intervals = static_cast<int>(c.hours);
  m.warmup = 4 * 3600;
  m.thresholds = {kThreshold};
  QueueModel q;
  q.rate.assign(static_cast<std::size_t>(m.intervals), c.load_per_agent * c.agents / c.aht);
  models::DistSpec h;
  h.kind = models::DistKind::exponential;
  h.mean = c.aht;
  q.handle = models::Sampler(h);
  if (std::isfinite(c.patience)) {
    models::DistSpec p = h;
    p.mean = c.patience;
    q.patience = models::Sampler(p);
    q.has_patience = true;
  }
  q.short_abandon = 5;
  q.groups = {0};
  m.queues.push_back(q);
  GroupModel g;
  g.staffing.assign(static_cast<std::size_t>(m.intervals), c.agents);
  g.serves = {ServedQueue{0}};
  m.groups.push_back(g);
  staffing_from_intervals(m);
  return m;
}

std::ofstream* table() {
  static std::ofstream file;
  static const bool open = [] {
    const char* path = std::getenv("CCSIM_VALIDATION_TABLE");
    if (!path) return false;
    file.open(path);
    file << "| agents | load | AHT | patience | calls/replication | metric | exact | simulated | 95% CI | z |\n"
            "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n";
    return true;
  }();
  return open ? &file : nullptr;
}

void check(const Config& c, const char* name, double exact, const Stat& sim, int reps) {
  const double se = sim.ci95 / student_t95(reps - 1);
  const double z = se > 0 ? (sim.mean - exact) / se : 0;
  if (auto* t = table()) {
    std::ostringstream row;
    row.precision(6);
    row << "| " << c.agents << " | " << c.load_per_agent << " | " << c.aht << " s | "
        << (std::isfinite(c.patience) ? std::to_string(static_cast<int>(c.patience)) + " s" : "none") << " | "
        << static_cast<long>(c.load_per_agent * c.agents / c.aht * c.hours * 3600) << " | " << name << " | " << exact
        << " | " << sim.mean << " | ± " << sim.ci95 << " | " << std::fixed << std::setprecision(2) << z << " |\n";
    *t << row.str() << std::flush;
  }
  INFO("agents " << c.agents << ", load " << c.load_per_agent << ", patience " << c.patience << ": " << name
                 << " exact " << exact << ", simulated " << sim.mean << " (se " << se << ", z " << z << ")");
  CHECK(std::abs(sim.mean - exact) <= 3 * se);
}

void validate(const Config& c, std::uint64_t seed) {
  const RunModel m = stationary_model(c);
  const auto reps = replicate(m, seed, c.replications, default_threads());
  const RunSummary s = summarize_run(m, reps);
  const CallSummary& d = s.day[0];

  models::ErlangModel em;
  em.lambda = m.queues[0].rate[0];
  em.aht = c.aht;
  em.agents = c.agents;
  em.patience = c.patience;
  const models::Erlang e(em);
  REQUIRE(e.stable());

  // The precision promised: SL standard errors below 0.3 percentage points.
  const double t = student_t95(c.replications - 1);
  CHECK(d.sl_offered[0].ci95 / t < 0.003);
  CHECK(d.sl_answered[0].ci95 / t < 0.003);
  CHECK(d.sl_refined[0].ci95 / t < 0.003);

  check(c, "SL 20s offered", e.sl_offered(kThreshold), d.sl_offered[0], c.replications);
  check(c, "SL 20s answered", e.sl_answered(kThreshold), d.sl_answered[0], c.replications);
  check(c, "SL 20s refined", e.sl_refined(kThreshold), d.sl_refined[0], c.replications);
  check(c, "ASA (s)", e.asa(), d.asa, c.replications);
  check(c, "abandon rate", e.p_abandon(), d.abandon_rate, c.replications);
  if (std::isfinite(c.patience))
    check(c, "refined abandon (5 s)", e.abandon_rate_refined(5), d.abandon_rate_refined, c.replications);
  check(c, "occupancy", e.occupancy(), s.group_day[0].occupancy, c.replications);
}

}  // namespace

TEST_CASE("Erlang C: simulation agrees with exact M/M/n", "[validation]") {
  const Config configs[] = {
      {2, 0.5, 180, kNone, 250, 30},   {5, 0.8, 240, kNone, 530, 30},   {20, 0.85, 240, kNone, 260, 30},
      {100, 0.9, 240, kNone, 170, 30}, {500, 0.95, 240, kNone, 24, 30},
  };
  std::uint64_t seed = 1001;
  for (const auto& c : configs) validate(c, seed++);
}

TEST_CASE("Erlang A: simulation agrees with exact M/M/n+M", "[validation]") {
  const Config configs[] = {
      {3, 0.7, 300, 600, 460, 30},    {10, 0.9, 240, 120, 120, 30},  {30, 1.05, 180, 60, 48, 30},
      {50, 0.95, 240, 1800, 270, 30}, {100, 1.05, 240, 180, 95, 30}, {200, 0.97, 300, 300, 75, 30},
      {250, 0.9, 240, 90, 24, 30},    {500, 1.05, 240, 30, 24, 30},
  };
  std::uint64_t seed = 2001;
  for (const auto& c : configs) validate(c, seed++);
}
