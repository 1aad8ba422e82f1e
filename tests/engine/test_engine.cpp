// The engine's rules on small models where the answer is known exactly or by conservation.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/compile/compile.hpp"
#include "sim/engine/engine.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/stats/metrics.hpp"

namespace {

using namespace ccsim;

models::DistSpec expo(double mean) {
  models::DistSpec d;
  d.kind = models::DistKind::exponential;
  d.mean = mean;
  return d;
}
models::DistSpec fixed(double v) {
  models::DistSpec d;
  d.kind = models::DistKind::fixed;
  d.value = v;
  return d;
}

RunModel one_queue(std::vector<double> per_interval_calls, std::vector<int> staffing, models::DistSpec handle,
                   const models::DistSpec* patience, double interval = 1800) {
  RunModel m;
  m.interval = interval;
  m.intervals = static_cast<int>(staffing.size());
  m.thresholds = {20};
  QueueModel q;
  for (double v : per_interval_calls) q.rate.push_back(v / interval);
  q.handle = models::Sampler(handle);
  if (patience) {
    q.patience = models::Sampler(*patience);
    q.has_patience = true;
  }
  q.groups = {0};
  m.queues.push_back(q);
  GroupModel g;
  g.staffing = staffing;
  g.serves = {ServedQueue{0}};
  m.groups.push_back(g);
  staffing_from_intervals(m);
  return m;
}

double day(const ReplicationResult& r, int field, int q = 0) {
  return sum_cells(r.calls, q, 0, r.calls.intervals)[static_cast<std::size_t>(field)];
}

}  // namespace

TEST_CASE("every offered call is answered or abandoned, in its arrival interval") {
  const auto pat = expo(60);
  const RunModel m = one_queue({100, 300, 50, 0}, {3, 5, 0, 2}, expo(200), &pat);
  const auto reps = replicate(m, 7, 20, 2);
  for (const auto& r : reps) {
    for (int i = 0; i < m.intervals; ++i) {
      const double* c = r.calls.cell(0, i);
      CHECK(c[kOffered] == c[kAnswered] + c[kAbandoned]);
    }
    CHECK(day(r, kOffered) > 0);
    CHECK(r.calls.cell(0, 3)[kOffered] == 0);  // no calls scheduled in the last interval
  }
}

TEST_CASE("same seed gives identical results, the thread count does not matter") {
  const auto pat = expo(90);
  const RunModel m = one_queue({200, 400, 300}, {4, 7, 6}, expo(180), &pat);
  const auto a = replicate(m, 42, 9, 1);
  const auto b = replicate(m, 42, 9, 2);
  const auto c = replicate(m, 43, 9, 2);
  REQUIRE(a.size() == b.size());
  for (std::size_t r = 0; r < a.size(); ++r) {
    CHECK(a[r].calls.v == b[r].calls.v);
    CHECK(a[r].groups.v == b[r].groups.v);
    CHECK(a[r].wait_p90 == b[r].wait_p90);
  }
  CHECK(a[0].calls.v != c[0].calls.v);
}

TEST_CASE("common random numbers: more staff, same callers") {
  // Offered counts depend only on the arrival streams, not on staffing.
  const auto pat = expo(120);
  const RunModel lean = one_queue({300, 300}, {4, 4}, expo(240), &pat);
  const RunModel rich = one_queue({300, 300}, {9, 9}, expo(240), &pat);
  const auto a = replicate(lean, 5, 5, 1);
  const auto b = replicate(rich, 5, 5, 1);
  for (std::size_t r = 0; r < a.size(); ++r) {
    CHECK(day(a[r], kOffered) == day(b[r], kOffered));
    CHECK(day(a[r], kAbandoned) > day(b[r], kAbandoned));
  }
}

TEST_CASE("an agent leaving at an interval end finishes the call in hand") {
  // One agent in interval 0 only, handle time fixed at 50 minutes: every call it starts
  // runs past the boundary, and nobody answers in interval 1.
  const RunModel m = one_queue({20, 0}, {1, 0}, fixed(3000), nullptr);
  const auto reps = replicate(m, 3, 10, 1);
  for (const auto& r : reps) {
    const GroupMetrics g = group_metrics(r.groups, 0, 0, m.intervals + 1);
    // The agent answers the first call at once and is busy for 3000 s, past its leaving
    // time (1800 s); it then leaves. Nobody serves the rest, who are infinitely patient
    // and end as abandoned when the day is done.
    CHECK(day(r, kAnswered) == 1);
    CHECK(day(r, kAbandoned) == day(r, kOffered) - 1);
    CHECK(g.busy_hours == Approx(3000.0 / 3600));
    // On duty from 0 until the call ends: the idle time before the first call plus 3000 s.
    const double idle_before = g.on_duty_hours * 3600 - 3000;
    CHECK(idle_before > 0);
    CHECK(idle_before < 1800);
    CHECK(g.occupancy == Approx(3000 / (3000 + idle_before)));
  }
}

TEST_CASE("after the last interval no calls arrive and the queue drains") {
  // Two agents, 40 calls in the only interval, handle 10 min: the queue outlasts the
  // day, and every call is answered because nobody abandons.
  const RunModel m = one_queue({40}, {2}, fixed(600), nullptr);
  const auto reps = replicate(m, 11, 5, 1);
  for (const auto& r : reps) {
    CHECK(day(r, kAnswered) == day(r, kOffered));
    CHECK(day(r, kAbandoned) == 0);
    CHECK(r.end_time > m.day_end());
    const GroupMetrics g = group_metrics(r.groups, 0, 0, m.intervals + 1);
    CHECK(g.busy_hours == Approx(day(r, kAnswered) * 600 / 3600));
  }
}

TEST_CASE("warm-up calls are not counted") {
  RunModel m = one_queue({1800}, {3}, fixed(1), nullptr);  // 1 call/s, lightly loaded
  m.warmup = 3600;
  const auto with = replicate(m, 9, 30, 2);
  double offered = 0;
  for (const auto& r : with) offered += day(r, kOffered);
  // 30 replications x 1800 expected calls: the warm-up's 3600 per replication would show.
  CHECK(offered / 30 == Approx(1800).margin(3 * std::sqrt(1800.0 / 30) + 1));
}

TEST_CASE("patience: abandons wait exactly their patience, zero agents means all abandon") {
  const auto pat = fixed(30);
  const RunModel m = one_queue({100}, {0}, expo(100), &pat);
  const auto reps = replicate(m, 1, 3, 1);
  for (const auto& r : reps) {
    CHECK(day(r, kAnswered) == 0);
    CHECK(day(r, kAbandoned) == day(r, kOffered));
    CHECK(day(r, kWaitAll) == Approx(30 * day(r, kOffered)));
    // abandoned within 20 s: none (they all wait 30 s)
    CHECK(r.calls.cell(0, 0)[r.calls.abandoned_within(0)] == 0);
  }
}

TEST_CASE("a call that finds several groups free goes to the group that ranks its queue first") {
  // Queue 1 is served by a specialist group and by a generalist; queue 0 gets no calls.
  // Whichever group the queue prefers carries most of its work.
  RunModel m;
  m.interval = 3600;
  m.intervals = 10;
  m.thresholds = {20};
  for (int k = 0; k < 2; ++k) {
    QueueModel q;
    q.rate.assign(10, k == 0 ? 0.0 : 0.02);
    q.handle = models::Sampler(expo(60));
    m.queues.push_back(q);
  }
  GroupModel g0, g1;
  g0.staffing.assign(10, 2);
  g0.serves = {ServedQueue{0}, ServedQueue{1}};
  g1.staffing.assign(10, 2);
  g1.serves = {ServedQueue{1}};
  m.groups = {g0, g1};
  staffing_from_intervals(m);
  m.queues[0].groups = {0};
  for (const bool specialist_first : {true, false}) {
    m.queues[1].groups = specialist_first ? std::vector<std::uint32_t>{1, 0} : std::vector<std::uint32_t>{0, 1};
    const auto reps = replicate(m, 17, 4, 1);
    double busy0 = 0, busy1 = 0;
    for (const auto& r : reps) {
      CHECK(day(r, kAnswered, 1) == day(r, kOffered, 1));
      busy0 += group_metrics(r.groups, 0, 0, 11).busy_hours;
      busy1 += group_metrics(r.groups, 1, 0, 11).busy_hours;
    }
    // The second choice gets a call only when both first-choice agents are busy:
    // Erlang B(2, 1.2) = 0.25 of calls, so the first choice carries about 3 times more.
    const double ratio = specialist_first ? busy1 / busy0 : busy0 / busy1;
    CHECK(ratio > 2.3);
    CHECK(ratio < 4.0);
  }
}

TEST_CASE("forecast_cv: a day-level gamma factor on volumes, mean 1") {
  // 1000 calls expected per day. Without forecast error the daily count is Poisson
  // (sd 31.6); with cv 0.2 it is Poisson-gamma: variance 1000 + (0.2 * 1000)^2 = 41000.
  // 400 replications: the mean must be within 3 sd / sqrt(R), and the sd within 3 of its
  // standard errors (about 5.3% for this mixture, from its kurtosis).
  RunModel m = one_queue({1000}, {1000}, fixed(1), nullptr, 3600);
  for (const double cv : {0.0, 0.2}) {
    m.queues[0].forecast_cv = cv;
    const auto reps = replicate(m, 99, 400, 2);
    double s = 0, s2 = 0;
    for (const auto& r : reps) {
      const double x = day(r, kOffered);
      s += x;
      s2 += x * x;
    }
    const double n = 400, mean = s / n, sd = std::sqrt((s2 - n * mean * mean) / (n - 1));
    const double want_sd = std::sqrt(1000 + std::pow(cv * 1000, 2));
    INFO("cv " << cv << ": mean " << mean << ", sd " << sd << " (expected " << want_sd << ")");
    CHECK(std::abs(mean - 1000) <= 3 * want_sd / std::sqrt(n));
    CHECK(std::abs(sd - want_sd) <= 3 * 0.053 * want_sd);
  }
}
