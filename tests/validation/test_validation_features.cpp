// Validation of the staffing and caller-behaviour features of issue 3 against exact theory
// and exact bookkeeping identities:
// 1. Non-preemptive priority M/M/n, two classes with equal exponential handle times, no
//    abandonment: each class's mean wait against Cobham's formula, and the overall mean
//    wait against Erlang C (work conservation).
// 2. Exponential handle time plus exponential wrap-up, no abandonment: each group's
//    occupancy against the offered load lambda * (E[handle] + E[wrap]) / n, and every call
//    answered. (Handle + wrap-up is hypoexponential, not exponential, so no Erlang C wait.)
// 3. Retrials: per replication, queue and interval, offered attempts = first attempts +
//    redials, callers = answered + lost to abandon + lost to busy, and answered + abandoned
//    + blocked = offered, all exactly. Two statistical checks with exact expectations: the
//    M/M/1 retrial queue (capacity 0, every blocked caller redials after an exponential
//    delay until served; Falin & Templeton) and, with no agents, the expected number of
//    redials inside the day (Bernoulli redial decision per failure, max_attempts, redials
//    past the day end dropped).
// 4. Shifts (through a scenario file): paid, productive and overtime hours exactly as the
//    schedule says, and the simulated agents on duty against the schedule.
//
// The statistical checks follow tests/validation/test_validation_erlang.cpp: fixed seeds, 30
// replications of a long stationary day after a warm-up, pass when |sim - exact| <= 3
// standard errors with SE = ci95 / t(0.975, R - 1), and a precision assertion.
//
// With CCSIM_VALIDATION_TABLE=FILE set, the table of docs/validation.md (section
// "Staffing and caller-behaviour features") is written there.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iomanip>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "models/erlang.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/metrics.hpp"
#include "sim/stats/run_summary.hpp"

namespace {

using namespace ccsim;

constexpr int kReps = 30;

models::Sampler exponential(double mean) {
  models::DistSpec d;
  d.kind = models::DistKind::exponential;
  d.mean = mean;
  return models::Sampler(d);
}

models::Sampler fixed(double value) {
  models::DistSpec d;
  d.kind = models::DistKind::fixed;
  d.value = value;
  return models::Sampler(d);
}

models::Sampler uniform(double lo, double hi) {
  models::DistSpec d;
  d.kind = models::DistKind::uniform;
  d.min = lo;
  d.max = hi;
  return models::Sampler(d);
}

std::string fmt(double x, int precision = 6) {
  std::ostringstream o;
  o.precision(precision);
  o << x;
  return o.str();
}

// ---- The results table -------------------------------------------------------------------

std::ofstream* table() {
  static std::ofstream file;
  static const bool open = [] {
    const char* path = std::getenv("CCSIM_VALIDATION_TABLE");
    if (!path) return false;
    file.open(path);
    file << "| check | configuration | metric | exact | simulated | 95% CI | z |\n"
            "|---|---|---|---:|---:|---:|---:|\n";
    return true;
  }();
  return open ? &file : nullptr;
}

void row(const std::string& check, const std::string& config, const std::string& metric, const std::string& exact,
         const std::string& sim, const std::string& ci, const std::string& z) {
  if (auto* t = table())
    *t << "| " << check << " | " << config << " | " << metric << " | " << exact << " | " << sim << " | " << ci << " | "
       << z << " |\n"
       << std::flush;
}

double standard_error(const Stat& s) { return s.n > 1 ? s.ci95 / student_t95(s.n - 1) : 0; }

// |sim - exact| <= 3 SE, with a row in the table.
void compare(const std::string& check, const std::string& config, const std::string& metric, double exact,
             const Stat& sim) {
  const double se = standard_error(sim);
  const double z = se > 0 ? (sim.mean - exact) / se : 0;
  std::ostringstream zs;
  zs << std::fixed << std::setprecision(2) << z;
  row(check, config, metric, fmt(exact), fmt(sim.mean), "± " + fmt(sim.ci95), zs.str());
  INFO(check << ", " << config << ": " << metric << " exact " << exact << ", simulated " << sim.mean << " (se " << se
             << ", z " << z << ", n " << sim.n << ")");
  CHECK(sim.n == kReps);
  CHECK(std::abs(sim.mean - exact) <= 3 * se);
}

// A relation that must hold exactly, in every replication: a row with the measured and the
// expected value (totals or means over the replications), z column "exact" (an equality)
// or "holds" (an inequality).
void identity(const std::string& check, const std::string& config, const std::string& metric, double measured,
              double expected, int mismatches, const std::string& where, const char* verdict = "exact") {
  row(check, config, metric, fmt(expected, 12), fmt(measured, 12), "", mismatches == 0 ? verdict : "FAILED");
  INFO(check << ", " << config << ": " << metric << ": " << mismatches << " mismatches; first: " << where);
  CHECK(mismatches == 0);
}

Stat per_replication(const std::vector<ReplicationResult>& reps,
                     const std::function<double(const ReplicationResult&)>& f) {
  std::vector<double> v;
  v.reserve(reps.size());
  for (const auto& r : reps) v.push_back(f(r));
  return summarize(v);
}

// A stationary model: `hours` one-hour intervals after a 4-hour warm-up.
RunModel stationary(double hours) {
  RunModel m;
  m.interval = 3600;
  m.intervals = static_cast<int>(hours);
  m.warmup = 4 * 3600;
  m.thresholds = {20};
  return m;
}

QueueModel queue(const RunModel& m, double rate, double aht) {
  QueueModel q;
  q.rate.assign(static_cast<std::size_t>(m.intervals), rate);
  q.handle = exponential(aht);
  return q;
}

GroupModel group(const RunModel& m, int agents, std::vector<std::uint32_t> serves) {
  GroupModel g;
  g.staffing.assign(static_cast<std::size_t>(m.intervals), agents);
  for (auto q : serves) g.serves.push_back(ServedQueue{q});
  return g;
}

// ---- 1. Priority M/M/n: Cobham --------------------------------------------------------------

struct PriorityConfig {
  int agents;
  double load;        // rho = (lambda_1 + lambda_2) * aht / n
  double high_share;  // share of the calls in the high class
  double aht;         // seconds, both classes
  int high_queue;     // index (0 or 1) of the high class; the group serves queue 0 first
  double hours;
};

void validate_priority(const PriorityConfig& c, std::uint64_t seed) {
  const double lambda = c.load * c.agents / c.aht;
  const double lambda_high = lambda * c.high_share;
  const int hi = c.high_queue, lo = 1 - c.high_queue;

  RunModel m = stationary(c.hours);
  for (int q = 0; q < 2; ++q) {
    QueueModel qm = queue(m, q == hi ? lambda_high : lambda - lambda_high, c.aht);
    qm.priority = q == hi ? 1 : 0;
    qm.groups = {0};
    m.queues.push_back(qm);
  }
  // Serves order 0, 1: with high_queue = 1 the low class comes first in the group's own
  // order, so only `priority` can put the high class first.
  m.groups.push_back(group(m, c.agents, {0, 1}));
  staffing_from_intervals(m);

  const auto reps = replicate(m, seed, kReps, default_threads());
  const RunSummary s = summarize_run(m, reps);

  // Cobham: W_k = W0 / ((1 - sigma_{k-1}) (1 - sigma_k)), W0 = C(n, a) / (n mu).
  const double nmu = c.agents / c.aht;
  const double w0 = models::erlang_c(c.agents, lambda * c.aht) / nmu;
  const double sigma1 = lambda_high / nmu, sigma2 = lambda / nmu;
  const double w_high = w0 / (1 - sigma1);
  const double w_low = w0 / ((1 - sigma1) * (1 - sigma2));
  models::ErlangModel em;
  em.lambda = lambda;
  em.aht = c.aht;
  em.agents = c.agents;
  const models::Erlang e(em);
  REQUIRE(e.stable());
  REQUIRE(std::abs((c.high_share * w_high + (1 - c.high_share) * w_low) - e.asa()) < 1e-9 * e.asa());

  std::ostringstream cfg;
  cfg << "n=" << c.agents << ", ρ=" << c.load << ", high " << c.high_share * 100 << "% (queue " << hi << "), AHT "
      << c.aht << " s, " << c.hours << " h";
  const std::string check = "priority (Cobham)";
  const CallSummary& high = s.day[static_cast<std::size_t>(hi)];
  const CallSummary& low = s.day[static_cast<std::size_t>(lo)];
  compare(check, cfg.str(), "mean wait, high class (s)", w_high, high.mean_wait_all);
  compare(check, cfg.str(), "mean wait, low class (s)", w_low, low.mean_wait_all);
  compare(check, cfg.str(), "mean wait, all calls = Erlang C (s)", e.asa(), s.day[2].mean_wait_all);
  compare(check, cfg.str(), "occupancy", c.load, s.group_day[0].occupancy);

  // Nobody abandons and the queue drains: every call is answered, so ASA = mean wait.
  int unanswered = 0;
  for (const auto& r : reps)
    for (int q = 0; q < 2; ++q) {
      const auto cell = sum_cells(r.calls, q, 0, m.intervals);
      if (cell[kAnswered] != cell[kOffered]) ++unanswered;
    }
  CHECK(unanswered == 0);
  // Precision: each class's mean wait known to within 3% (one standard error).
  for (int q = 0; q < 2; ++q) {
    const Stat& w = s.day[static_cast<std::size_t>(q)].mean_wait_all;
    INFO(cfg.str() << ": queue " << q << " relative SE " << standard_error(w) / w.mean);
    CHECK(standard_error(w) < 0.03 * w.mean);
  }
}

// ---- 2. Wrap-up: occupancy = offered load ------------------------------------------------

struct WrapQueue {
  double load;              // lambda * (handle + wrap) / (agents of its groups)
  double handle, wrap;      // exponential means, seconds
  std::vector<int> groups;  // agents of each group serving only this queue
};

struct WrapConfig {
  const char* name;
  std::vector<WrapQueue> queues;
  double hours;
};

void validate_wrap(const WrapConfig& c, std::uint64_t seed) {
  RunModel m = stationary(c.hours);
  std::vector<std::vector<int>> groups_of(c.queues.size());
  for (std::size_t q = 0; q < c.queues.size(); ++q) {
    const WrapQueue& w = c.queues[q];
    int n = 0;
    for (int a : w.groups) n += a;
    QueueModel qm = queue(m, w.load * n / (w.handle + w.wrap), w.handle);
    qm.wrap_up = exponential(w.wrap);
    qm.has_wrap_up = true;
    for (int a : w.groups) {
      groups_of[q].push_back(static_cast<int>(m.groups.size()));
      qm.groups.push_back(static_cast<std::uint32_t>(m.groups.size()));
      m.groups.push_back(group(m, a, {static_cast<std::uint32_t>(q)}));
    }
    m.queues.push_back(qm);
  }
  staffing_from_intervals(m);

  const auto reps = replicate(m, seed, kReps, default_threads());
  const int I = m.intervals;
  const std::string check = "wrap-up occupancy";
  for (std::size_t q = 0; q < c.queues.size(); ++q) {
    const WrapQueue& w = c.queues[q];
    std::ostringstream cfg;
    cfg << c.name << ": queue " << q << ", handle exp " << w.handle << " s + wrap-up exp " << w.wrap << " s, groups";
    for (int a : w.groups) cfg << " " << a;
    cfg << " agents, " << c.hours << " h";
    // Each group alone, over the day's intervals (busy time is booked per interval, so
    // the drain after the day is left out and E[busy] / E[on duty] = a / n exactly).
    if (w.groups.size() == 1) {
      const int g = groups_of[q][0];
      const Stat occ =
          per_replication(reps, [&](const ReplicationResult& r) { return group_metrics(r.groups, g, 0, I).occupancy; });
      compare(check, cfg.str(), "occupancy of group " + std::to_string(g), w.load, occ);
      CHECK(standard_error(occ) < 0.003);
    } else {
      // Several groups on one queue: which group takes a call depends on the routing, so
      // only the pooled occupancy is exact.
      const Stat occ = per_replication(reps, [&](const ReplicationResult& r) {
        double busy = 0, present = 0;
        for (int g : groups_of[q]) {
          const GroupMetrics gm = group_metrics(r.groups, g, 0, I);
          busy += gm.busy_hours;
          present += gm.on_duty_hours;
        }
        return busy / present;
      });
      compare(check, cfg.str(), "pooled occupancy of its groups", w.load, occ);
      CHECK(standard_error(occ) < 0.003);
    }
    // No abandonment, the queue drains: every call answered.
    int unanswered = 0;
    double offered = 0, answered = 0;
    for (const auto& r : reps) {
      const auto cell = sum_cells(r.calls, static_cast<int>(q), 0, I);
      offered += cell[kOffered];
      answered += cell[kAnswered];
      if (cell[kAnswered] != cell[kOffered] || cell[kAbandoned] != 0 || cell[kBlocked] != 0) ++unanswered;
    }
    identity(check, cfg.str(), "answered = offered (all replications)", answered, offered, unanswered, "");
  }
}

// ---- 3. Retrials ---------------------------------------------------------------------------

// The three identities, per replication, queue and interval, exactly.
void check_conservation(const std::string& config, const RunModel& m, const std::vector<ReplicationResult>& reps) {
  const std::string check = "retrial conservation";
  const int Q = static_cast<int>(m.queues.size());
  for (int q = 0; q < Q; ++q) {
    int bad_attempts = 0, bad_callers = 0, bad_outcomes = 0;
    std::string first_attempts, first_callers, first_outcomes;
    double offered = 0, first = 0, redials = 0, callers = 0, lost = 0, c_ans = 0, answered = 0, failed = 0;
    for (std::size_t r = 0; r < reps.size(); ++r) {
      for (int i = 0; i <= m.intervals; ++i) {
        // i < intervals: one interval; i == intervals: the whole day.
        const auto c = i < m.intervals ? sum_cells(reps[r].calls, q, i, i + 1) : sum_cells(reps[r].calls, q, 0, i);
        std::ostringstream where;
        where << "replication " << r << ", ";
        if (i < m.intervals)
          where << "interval " << i << ": ";
        else
          where << "day: ";
        if (c[kOffered] != c[kCallers] + c[kRedials]) {
          if (bad_attempts++ == 0)
            first_attempts =
                where.str() + fmt(c[kOffered]) + " offered, " + fmt(c[kCallers]) + " + " + fmt(c[kRedials]);
        }
        if (c[kCallers] != c[kCallersAnswered] + c[kCallersAbandoned] + c[kCallersBlocked]) {
          if (bad_callers++ == 0)
            first_callers = where.str() + fmt(c[kCallers]) + " callers, " + fmt(c[kCallersAnswered]) + " + " +
                            fmt(c[kCallersAbandoned]) + " + " + fmt(c[kCallersBlocked]);
        }
        if (c[kAnswered] + c[kAbandoned] + c[kBlocked] != c[kOffered]) {
          if (bad_outcomes++ == 0)
            first_outcomes = where.str() + fmt(c[kOffered]) + " offered, " + fmt(c[kAnswered]) + " + " +
                             fmt(c[kAbandoned]) + " + " + fmt(c[kBlocked]);
        }
        if (i == m.intervals) {
          offered += c[kOffered];
          first += c[kCallers];
          redials += c[kRedials];
          callers += c[kCallers];
          c_ans += c[kCallersAnswered];
          lost += c[kCallersAbandoned] + c[kCallersBlocked];
          answered += c[kAnswered];
          failed += c[kAbandoned] + c[kBlocked];
        }
      }
    }
    const std::string cfg = config + ", queue " + std::to_string(q);
    identity(check, cfg, "offered = first attempts + redials", offered, first + redials, bad_attempts, first_attempts);
    identity(check, cfg, "callers = answered + lost to abandon + lost to busy", callers, c_ans + lost, bad_callers,
             first_callers);
    identity(check, cfg, "answered + abandoned + blocked = offered", answered + failed, offered, bad_outcomes,
             first_outcomes);
  }
}

// The conservation days R1-R3: 16 half-hour intervals with a varying load and staffing, 30
// minutes of warm-up (whose callers' redials land in the day and count as redials there).
RunModel retrial_day(int variant) {
  RunModel m;
  m.interval = 1800;
  m.intervals = 16;
  m.warmup = 1800;
  m.thresholds = {20, 60};
  const double volumes[16] = {60, 90, 120, 160, 200, 220, 200, 180, 160, 150, 170, 190, 160, 120, 80, 50};
  const int staff[16] = {8, 10, 12, 14, 16, 18, 18, 16, 14, 14, 14, 16, 14, 12, 10, 8};
  auto rates = [&](double scale) {
    std::vector<double> r;
    for (double v : volumes) r.push_back(scale * v / m.interval);
    return r;
  };
  GroupModel g;
  for (int s : staff) g.staffing.push_back(s);
  if (variant == 0) {
    // Busy signals and abandons; 70% redial after an exponential 5 minutes, 3 attempts.
    QueueModel q;
    q.rate = rates(1.0);
    q.handle = exponential(240);
    q.patience = exponential(90);
    q.has_patience = true;
    q.capacity = 8;
    q.retry_probability = 0.7;
    q.retry_delay = exponential(300);
    q.max_attempts = 3;
    q.groups = {0};
    q.plain = false;
    m.queues.push_back(q);
    g.serves = {ServedQueue{0}};
  } else if (variant == 1) {
    // Busy signals only (capacity 0: answered at once or blocked); everyone redials after
    // a fixed minute, up to 5 attempts; wrap-up on top.
    QueueModel q;
    q.rate = rates(1.2);
    q.handle = exponential(240);
    q.wrap_up = exponential(30);
    q.has_wrap_up = true;
    q.capacity = 0;
    q.retry_probability = 1.0;
    q.retry_delay = fixed(60);
    q.max_attempts = 5;
    q.groups = {0};
    q.plain = false;
    m.queues.push_back(q);
    g.serves = {ServedQueue{0}};
  } else {
    // Three queues on one group: retrials on abandon (priority 1, uniform 1-10 minute
    // delay, 2 attempts); capacity 3 with patience and no retrials; plain with patience.
    QueueModel a;
    a.rate = rates(0.5);
    a.handle = exponential(240);
    a.patience = exponential(60);
    a.has_patience = true;
    a.retry_probability = 0.5;
    a.retry_delay = uniform(60, 600);
    a.max_attempts = 2;
    a.priority = 1;
    a.groups = {0};
    a.plain = false;
    QueueModel b = a;
    b.rate = rates(0.4);
    b.retry_probability = 0;
    b.max_attempts = 1;
    b.capacity = 3;
    b.priority = 0;
    b.patience = exponential(120);
    QueueModel c = b;
    c.rate = rates(0.3);
    c.capacity = -1;
    c.plain = true;
    m.queues = {a, b, c};
    g.serves = {ServedQueue{2}, ServedQueue{1}, ServedQueue{0}};
  }
  m.groups.push_back(g);
  staffing_from_intervals(m);
  return m;
}

// The M/M/1 retrial queue with the classical retrial policy: one agent, capacity 0, every
// blocked caller redials after an exponential delay (rate theta) until served. In steady
// state (Falin & Templeton 1997, section 1.2) the agent is busy a share rho = lambda / mu of
// the time and the orbit holds E[N] = rho (lambda + rho theta) / (theta (1 - rho)) callers,
// so redials occur at rate theta E[N], and every caller is eventually answered (answers at
// rate lambda).
void validate_mm1_retrial(double rho, double aht, double delay, double hours, std::uint64_t seed) {
  RunModel m = stationary(hours);
  const double lambda = rho / aht, theta = 1 / delay;
  QueueModel q = queue(m, lambda, aht);
  q.capacity = 0;
  q.retry_probability = 1;
  q.retry_delay = exponential(delay);
  q.max_attempts = 1000000;  // unlimited in effect
  q.groups = {0};
  q.plain = false;
  m.queues.push_back(q);
  m.groups.push_back(group(m, 1, {0}));

  staffing_from_intervals(m);
  const auto reps = replicate(m, seed, kReps, default_threads());

  const double orbit = rho * (lambda + rho * theta) / (theta * (1 - rho));
  std::ostringstream cfg;
  cfg << "M/M/1 retrial: ρ=" << rho << ", AHT " << aht << " s, redial after exp " << delay << " s, " << hours << " h";
  const std::string check = "retrial M/M/1 (exact)";
  const int I = m.intervals;
  auto per_hour = [&](int field) {
    return per_replication(reps,
                           [&](const ReplicationResult& r) { return sum_cells(r.calls, 0, 0, I)[field] / hours; });
  };
  compare(check, cfg.str(), "redials per hour", theta * orbit * 3600, per_hour(kRedials));
  compare(check, cfg.str(), "blocked attempts per hour", theta * orbit * 3600, per_hour(kBlocked));
  compare(check, cfg.str(), "answered per hour", lambda * 3600, per_hour(kAnswered));
  const Stat occ =
      per_replication(reps, [&](const ReplicationResult& r) { return group_metrics(r.groups, 0, 0, I).occupancy; });
  compare(check, cfg.str(), "occupancy", rho, occ);
  const Stat per_caller = per_replication(reps, [&](const ReplicationResult& r) {
    const auto c = sum_cells(r.calls, 0, 0, I);
    return c[kRedials] / c[kCallers];
  });
  INFO("redials per caller " << per_caller.mean << " ± " << per_caller.ci95 << ", exact " << theta * orbit / lambda);
  CHECK(standard_error(per_caller) < 0.03 * per_caller.mean);
  check_conservation(cfg.str(), m, reps);
}

// No agents: every attempt abandons after an exponential patience (mean theta); the caller
// redials with probability p after a fixed delay d, up to 3 attempts, unless the redial
// would fall after the day end T. With no warm-up and Poisson first attempts at rate
// lambda over [0, T):
//   E[2nd attempts] = p lambda int_0^{T-d} P(Exp(theta) <= u) du
//                   = p lambda (L1 - theta (1 - e^{-L1/theta})),                L1 = T - d
//   E[3rd attempts] = p^2 lambda int_0^{T-2d} P(Gamma(2, theta) <= u) du
//                   = p^2 lambda (L2 - 2 theta + theta e^{-L2/theta} (2 + L2/theta)), L2 = T - 2d
void validate_redial_count(std::uint64_t seed) {
  const double lambda = 400.0 / 3600, theta = 600, d = 1200, p = 0.6, T = 8 * 3600;
  RunModel m;
  m.interval = 1800;
  m.intervals = 16;
  m.warmup = 0;
  m.thresholds = {20};
  QueueModel q = queue(m, lambda, 240);
  q.patience = exponential(theta);
  q.has_patience = true;
  q.retry_probability = p;
  q.retry_delay = fixed(d);
  q.max_attempts = 3;
  q.groups = {0};
  q.plain = false;
  m.queues.push_back(q);
  m.groups.push_back(group(m, 0, {0}));

  staffing_from_intervals(m);
  const auto reps = replicate(m, seed, kReps, default_threads());

  const double L1 = T - d, L2 = T - 2 * d;
  const double second = p * lambda * (L1 - theta * (1 - std::exp(-L1 / theta)));
  const double third = p * p * lambda * (L2 - 2 * theta + theta * std::exp(-L2 / theta) * (2 + L2 / theta));
  const std::string cfg = "no agents, 400/h for 8 h, patience exp 600 s, p=0.6, fixed 1200 s delay, 3 attempts";
  const std::string check = "retrial redial count (exact)";
  const int I = m.intervals;
  auto day_total = [&](int field) {
    return per_replication(reps, [&](const ReplicationResult& r) { return sum_cells(r.calls, 0, 0, I)[field]; });
  };
  const Stat redials = day_total(kRedials);
  compare(check, cfg, "redials in the day", second + third, redials);
  CHECK(standard_error(redials) < 0.02 * redials.mean);
  compare(check, cfg, "first attempts", lambda * T, day_total(kCallers));
  // Nobody is answered: every caller is lost to an abandon.
  int bad = 0;
  double callers = 0, lost = 0;
  for (const auto& r : reps) {
    const auto c = sum_cells(r.calls, 0, 0, I);
    callers += c[kCallers];
    lost += c[kCallersAbandoned];
    if (c[kCallersAbandoned] != c[kCallers] || c[kAnswered] != 0) ++bad;
  }
  identity(check, cfg, "callers = lost to abandon", callers, lost, bad, "");
  check_conservation(cfg, m, reps);
}

// ---- 4. Shifts -----------------------------------------------------------------------------

// A day 08:00-16:00 in 16 half-hour intervals with 30 minutes of warm-up. Group "a":
// shrinkage 20%, overtime 2 agents in 11:00-12:00; group "b": shrinkage 25% (half rounds
// up). Shifts start before the day, inside it, and run past its end.
std::string shift_scenario(const std::string& volumes) {
  return R"([scenario]
start = "08:00"
interval = "30m"
duration = "8h"
warmup = "30m"
replications = 30
seed = 4001

[[queue]]
name = "general"
arrivals = { volumes = )" +
         volumes + R"( }
handle_time = { dist = "exponential", mean = "8m" }
patience = { dist = "exponential", mean = "5m" }

[[agents]]
name = "a"
serves = "general"
shifts = [
  { start = "07:30", length = "4h", count = 4, breaks = [{ after = "1h30m", length = "15m" }] },
  { start = "10:00", length = "8h", count = 6, breaks = [
    { after = "5h", length = "15m" }, { after = "2h", length = "30m" } ] },
  { start = "15:00", length = "4h", count = 3 },
]
shrinkage = "20%"
overtime = [0, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0]
overtime_multiplier = 1.5
cost_per_hour = 20

[[agents]]
name = "b"
serves = "general"
shifts = [
  { start = "08:00", length = "8h", count = 2, breaks = [{ after = "4h", length = "1h" }] },
  { start = "12:00", length = "2h", count = 4 },
]
shrinkage = "25%"
cost_per_hour = 25
)";
}

// The schedule worked out by hand (agents on duty per half-hour interval, time-weighted,
// after breaks, shrinkage round(n x s) with half up, and overtime).
// Group a, within 08:00-16:00:
//   08:00-09:00  shift 1: 4, -round(0.8)=1          -> 3
//   09:00-09:15  shift 1 on break                   -> 0
//   09:15-10:00  4 - 1                              -> 3
//   10:00-11:30  shifts 1+2: 10, -round(2.0)=2      -> 8   (+2 overtime 11:00-12:00)
//   11:30-12:00  shift 2: 6, -round(1.2)=1          -> 5   (+2 overtime)
//   12:00-12:30  shift 2 on break                   -> 0
//   12:30-15:00  6 - 1                              -> 5
//   15:00-15:15  shift 2 on break, shift 3: 3 - 1   -> 2
//   15:15-16:00  shifts 2+3: 9, -round(1.8)=2       -> 7
// Group b:
//   08:00-12:00  2, -round(0.5)=1 -> 1;  12:00-13:00  (break) 4, -1 -> 3;
//   13:00-14:00  6, -round(1.5)=2 -> 4;  14:00-16:00  2 - 1 -> 1
const double kOnDutyA[16] = {3, 3, 1.5, 3, 8, 8, 10, 7, 0, 5, 5, 5, 5, 5, 4.5, 7};
const double kOnDutyB[16] = {1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 4, 4, 1, 1, 1, 1};
// Paid: a 4x4h + 6x8h + 3x4h = 76 h (shifts' whole length, breaks and time past the day
// included); b 2x8h + 4x2h = 24 h. Overtime: a 2 agents x 2 intervals x 0.5 h = 2 h.
// Productive: the sums of the tables above x 0.5 h: a 40 h, b 13 h.
constexpr double kPaid[2] = {76, 24}, kOvertime[2] = {2, 0}, kProductive[2] = {40, 13};
constexpr double kCost[2] = {20 * (76 + 1.5 * 2), 25 * 24};

void check_shift_plan(const RunModel& m) {
  const std::string check = "shifts (plan)";
  REQUIRE(m.groups.size() == 2);
  const double* on_duty[2] = {kOnDutyA, kOnDutyB};
  for (int g = 0; g < 2; ++g) {
    const GroupModel& gm = m.groups[static_cast<std::size_t>(g)];
    const std::string cfg = std::string("group ") + (g == 0 ? "a" : "b");
    const std::string paid = "Σ count × length = " + fmt(kPaid[g]);
    identity(check, cfg, "paid agent-hours", gm.paid_hours, kPaid[g], gm.paid_hours == kPaid[g] ? 0 : 1, paid);
    identity(check, cfg, "overtime hours", gm.overtime_hours, kOvertime[g], gm.overtime_hours == kOvertime[g] ? 0 : 1,
             "");
    identity(check, cfg, "productive hours", gm.productive_hours, kProductive[g],
             gm.productive_hours == kProductive[g] ? 0 : 1, "");
    identity(check, cfg, "cost", gm.cost(), kCost[g], gm.cost() == kCost[g] ? 0 : 1, "");
    REQUIRE(gm.on_duty.size() == 16);
    int bad = 0;
    std::string first;
    for (std::size_t i = 0; i < 16; ++i)
      if (gm.on_duty[i] != on_duty[g][i] && bad++ == 0)
        first = "interval " + std::to_string(i) + ": " + fmt(gm.on_duty[i]) + " vs " + fmt(on_duty[g][i]);
    double sum = 0;
    for (double x : gm.on_duty) sum += x * m.interval / 3600;
    identity(check, cfg, "scheduled agents per interval (16 values)", sum, kProductive[g], bad, first);
  }
}

}  // namespace

TEST_CASE("Priority: two-class non-preemptive M/M/n agrees with Cobham's formula", "[validation]") {
  const PriorityConfig configs[] = {
      {5, 0.8, 0.3, 240, 0, 1000},
      {20, 0.9, 0.5, 180, 1, 600},
      {100, 0.95, 0.2, 300, 0, 400},
      {50, 0.85, 0.7, 240, 1, 400},
  };
  std::uint64_t seed = 3001;
  for (const auto& c : configs) validate_priority(c, seed++);
}

TEST_CASE("Wrap-up: occupancy equals the offered load with exponential handle and wrap-up", "[validation]") {
  const WrapConfig configs[] = {
      {"W1", {{0.85, 180, 60, {10}}}, 300},
      {"W2", {{0.92, 240, 30, {60}}, {0.75, 180, 60, {4}}}, 300},
      {"W3", {{0.9, 200, 100, {12, 8}}}, 400},
  };
  std::uint64_t seed = 3101;
  for (const auto& c : configs) validate_wrap(c, seed++);
}

TEST_CASE("Retrials conserve attempts and callers exactly", "[validation]") {
  // The models are described in retrial_day(); docs/validation.md names them R1-R3.
  const char* names[] = {
      "R1: capacity 8, patience exp 90 s, p=0.7, redial after exp 300 s, 3 attempts",
      "R2: capacity 0, wrap-up, p=1, redial after 60 s, 5 attempts",
      "R3: 3 queues on 1 group (retrials on abandon; capacity 3; plain)",
  };
  for (int v = 0; v < 3; ++v) {
    const RunModel m = retrial_day(v);
    const auto reps = replicate(m, 3201 + static_cast<std::uint64_t>(v), kReps, default_threads());
    check_conservation(names[v], m, reps);
    // Not vacuous: the features were exercised.
    double redials = 0, blocked = 0, abandoned = 0;
    for (const auto& r : reps) {
      const auto c = sum_cells(r.calls, r.calls.queues, 0, m.intervals);
      redials += c[kRedials];
      blocked += c[kBlocked];
      abandoned += c[kAbandoned];
    }
    CHECK(redials > 0);
    if (v < 2) CHECK(blocked > 0);
    if (v != 1) CHECK(abandoned > 0);
  }
}

TEST_CASE("Retrials: M/M/1 retrial queue and redial counts agree with exact values", "[validation]") {
  validate_mm1_retrial(0.6, 240, 300, 2000, 3301);
  validate_mm1_retrial(0.8, 240, 60, 2000, 3302);
  validate_redial_count(3303);
}

TEST_CASE("Shifts: paid and productive hours match the schedule exactly", "[validation]") {
  const std::string zero = "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]";
  const std::string busy = "[30, 40, 50, 60, 70, 70, 60, 50, 40, 40, 50, 60, 50, 40, 30, 20]";

  for (const std::string& volumes : {zero, busy}) {
    const bool calls = volumes == busy;
    const Scenario sc = parse_scenario(shift_scenario(volumes), "inline.toml");
    const RunModel m = compile(sc);
    if (!calls) check_shift_plan(m);  // the plan does not depend on the volumes
    const auto reps = replicate(m, sc.seed, sc.replications, default_threads());
    const RunSummary s = summarize_run(m, reps);
    const int I = m.intervals;
    const std::string check = "shifts (simulated)";
    const double* plan[2] = {kOnDutyA, kOnDutyB};
    for (int g = 0; g < 2; ++g) {
      const GroupModel& gm = m.groups[static_cast<std::size_t>(g)];
      // The summary reports the plan's hours.
      CHECK(s.group_day[static_cast<std::size_t>(g)].agent_hours.mean == gm.paid_hours);
      CHECK(s.group_day[static_cast<std::size_t>(g)].productive_hours == gm.productive_hours);
      CHECK(s.group_day[static_cast<std::size_t>(g)].overtime_hours == gm.overtime_hours);
      CHECK(s.group_day[static_cast<std::size_t>(g)].cost == gm.cost());

      const std::string cfg = std::string("group ") + (g == 0 ? "a" : "b") +
                              (calls ? ", calls (exp 8 min handle)" : ", no calls") + ", 30 replications";
      int bad_day = 0, bad_interval = 0;
      std::string first_day, first_interval;
      double worst_day = 0;  // largest |on duty - productive| (no calls) or smallest margin
      double mean_day = 0;
      for (std::size_t r = 0; r < reps.size(); ++r) {
        const double day = group_metrics(reps[r].groups, g, 0, I).on_duty_hours;
        const double with_drain = group_metrics(reps[r].groups, g, 0, I + 1).on_duty_hours;
        mean_day += day / static_cast<double>(reps.size());
        // No calls: agents come and go exactly on schedule (1e-9 h for rounding of sums).
        // Calls: agents finish the call in hand, so they are on duty at least as scheduled.
        const bool ok = calls ? day >= gm.productive_hours - 1e-9 && with_drain >= day
                              : std::abs(day - gm.productive_hours) <= 1e-9 && with_drain == day;
        worst_day = std::max(worst_day, std::abs(day - gm.productive_hours));
        if (!ok && bad_day++ == 0)
          first_day = "replication " + std::to_string(r) + ": " + fmt(day, 12) + " h on duty, " + fmt(with_drain, 12) +
                      " h with the drain";
        for (int i = 0; i < I; ++i) {
          const double sim = group_metrics(reps[r].groups, g, i, i + 1).on_duty_hours;
          const double sched = plan[g][i] * m.interval / 3600;
          const bool ok_i = calls ? sim >= sched - 1e-9 : std::abs(sim - sched) <= 1e-9;
          if (!ok_i && bad_interval++ == 0)
            first_interval = "replication " + std::to_string(r) + ", interval " + std::to_string(i) + ": " +
                             fmt(sim, 12) + " h vs " + fmt(sched) + " h scheduled";
        }
      }
      if (calls) {
        identity(check, cfg, "on-duty hours ≥ productive hours (each replication)", mean_day, gm.productive_hours,
                 bad_day, first_day, "holds");
        identity(check, cfg, "on-duty hours ≥ scheduled, each interval", mean_day, gm.productive_hours, bad_interval,
                 first_interval, "holds");
      } else {
        identity(check, cfg, "on-duty hours = productive hours (each replication)", mean_day, gm.productive_hours,
                 bad_day, first_day);
        identity(check, cfg, "on-duty hours = scheduled, each interval", mean_day, gm.productive_hours, bad_interval,
                 first_interval);
        INFO("largest |on duty - productive| " << worst_day << " h");
        CHECK(worst_day <= 1e-9);
      }
    }
    if (calls) {
      double answered = 0;
      for (const auto& r : reps) answered += sum_cells(r.calls, 0, 0, I)[kAnswered];
      CHECK(answered > 0);
    }
  }
}
