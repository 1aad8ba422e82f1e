#pragma once
// Shared by the libFuzzer targets in tests/fuzz: the sandbox for the files a scenario
// names (trace and empirical CSVs), and a capped simulation of one compiled scenario.
//
// Files: a scenario's `trace = "..."` and `file = "..."` are read relative to the scenario's
// folder, or from anywhere when absolute. The targets give every scenario the path
// CCSIM_FUZZ_FILES/fuzz.toml (tests/fuzz/files: a few small fixture CSVs) and refuse to hand
// the library any input in which such a value could name a file outside that folder
// (anything but a bare file name). The check walks the TOML tree, so escapes
// ("fil\u0065") and inline tables are seen as the library sees them.
//
// Cap: a replication costs about as many events as it has calls, and memory as queues x
// intervals x thresholds. run_capped() predicts the calls exactly as the engine will draw
// its day (same streams for the forecast and interval noise), scales the rates down to at
// most kMaxCalls expected attempts when the day holds more, and skips the run when the
// tallies or the agents' event heap would be large. A rate that is infinite or NaN is not
// scaled: the engine gets it as compiled, so a hang or crash it causes is a finding.
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <boost/random/gamma_distribution.hpp>

#include "sim/engine/engine.hpp"
#include "sim/engine/replication_result.hpp"
#include "sim/engine/run_model.hpp"
#include "sim/engine/streams.hpp"
#include "sim/report/run_text.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_summary.hpp"

#ifndef CCSIM_FUZZ_FILES
#error "CCSIM_FUZZ_FILES (the fixture folder, tests/fuzz/files) must be defined"
#endif

namespace ccsim::fuzz {

// The path every fuzzed scenario claims to have: relative file names resolve into the
// fixture folder, which holds only small CSVs copied from tests/scenarios.
inline const std::string& scenario_path() {
  static const std::string p = std::string(CCSIM_FUZZ_FILES) + "/fuzz.toml";
  return p;
}

// A bare file name: [A-Za-z0-9_][A-Za-z0-9._-]*, at most 64 characters. No '/', so it
// cannot leave the fixture folder; no leading '.', so not "." or "..".
inline bool safe_file_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '.' || s.front() == '-') return false;
  for (const char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Whether every string value under a key `file` or `trace` anywhere in `n` is a bare
// file name (values of other types are refused by the library without reading a file).
inline bool file_refs_safe(const toml::node& n) {
  if (const auto* t = n.as_table()) {
    for (const auto& [k, v] : *t) {
      if ((k.str() == "file" || k.str() == "trace") && v.is_string() && !safe_file_name(v.as_string()->get()))
        return false;
      if (!file_refs_safe(v)) return false;
    }
    return true;
  }
  if (const auto* a = n.as_array()) {
    for (const auto& e : *a)
      if (!file_refs_safe(e)) return false;
  }
  return true;
}

// Whether a scenario text may be handed to parse_scenario. Text that is not TOML is
// safe (the library refuses it before reading any file).
inline bool scenario_text_safe(const std::string& text) {
  try {
    const toml::table root = toml::parse(text, scenario_path());
    return file_refs_safe(root);
  } catch (const toml::parse_error&) {
    return true;
  }
}

// Whether an override (KEY=VALUE) may be applied: the library reads its VALUE as a
// one-key TOML document "x=VALUE", or, when that is not TOML, as the string typed.
inline bool override_safe(const Override& ov) {
  const std::size_t dot = ov.key.rfind('.');
  const std::string_view leaf =
      dot == std::string::npos ? std::string_view(ov.key) : std::string_view(ov.key).substr(dot + 1);
  const bool names_file = leaf == "file" || leaf == "trace";
  if (names_file && safe_file_name(ov.value)) return true;  // "x=NAME" is never another string
  try {
    const std::string doc_text = "x=" + ov.value;
    const toml::table doc = toml::parse(std::string_view(doc_text), std::string_view("--set"));
    if (!file_refs_safe(doc)) return false;
    if (!names_file) return true;
    // The leaf names a file: only a one-key document whose value is not a string (refused
    // by the library) or a bare file name.
    if (doc.size() != 1 || !doc.contains("x")) return false;
    const toml::node& x = *doc.get("x");
    return !x.is_string() || safe_file_name(x.as_string()->get());
  } catch (const toml::parse_error&) {
    return !names_file;  // a plain string under another key names no file
  }
}

// Limits of one fuzzed run (see the top of this file).
constexpr double kMaxCalls = 2000;      // expected attempts (redials included)
constexpr double kMaxTallyCells = 2e6;  // doubles in the per-interval tallies
constexpr double kMaxHeapSlots = 4e6;   // agents x groups (the engine reserves this)
constexpr int kMaxIntervals = 20'000;   // boundary events and per-interval reports

// This replication's rates of queue q, drawn as EngineCore::run draws them (forecast factor,
// then one noise factor per interval, from their own streams).
inline std::vector<double> day_rates(const RunModel& m, std::size_t q, std::uint64_t seed, std::uint32_t replication) {
  const QueueModel& qm = m.queues[q];
  auto gamma_mean_one = [](models::Rng& rng, double cv) {
    const double shape = 1.0 / (cv * cv);
    return boost::random::gamma_distribution<double>(shape, 1.0 / shape)(rng);
  };
  double factor = 1.0;
  if (qm.forecast_cv > 0) {
    models::Rng f;
    seed_stream(f, seed, replication, static_cast<std::uint32_t>(q), Purpose::forecast);
    factor = gamma_mean_one(f, qm.forecast_cv);
  }
  std::vector<double> rate(qm.rate.begin(), qm.rate.end());
  for (double& r : rate) r *= factor;
  if (qm.interval_cv > 0) {
    models::Rng f;
    seed_stream(f, seed, replication, static_cast<std::uint32_t>(q), Purpose::interval_noise);
    for (double& r : rate) r *= gamma_mean_one(f, qm.interval_cv);
  }
  return rate;
}

// An ostream that discards everything (the reports are produced, not printed).
class NullBuf : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// Simulates up to `max_reps` replications of the compiled scenario under the caps above,
// then summarizes them and writes the text report to nowhere (the JSON report is left out:
// it took nine tenths of the time of a run). Returns false when skipped.
inline bool run_capped(const Scenario& s, const RunModel& compiled, int max_reps = 1) {
  const RunModel& c = compiled;
  if (c.intervals < 1 || c.intervals > kMaxIntervals) return false;
  const double stride = 12.0 + 2.0 * static_cast<double>(c.thresholds.size());
  const double cells = static_cast<double>(c.queues.size()) * c.intervals * stride +
                       static_cast<double>(c.groups.size()) * (c.intervals + 1) * 2.0;
  if (cells > kMaxTallyCells) return false;
  double agents = 0;
  for (const auto& g : c.groups) agents = std::max(agents, static_cast<double>(g.initial));
  for (const auto& ch : c.changes) agents = std::max(agents, static_cast<double>(ch.target));
  if (agents * static_cast<double>(c.groups.size()) > kMaxHeapSlots) return false;

  const int reps = std::clamp(s.replications, 1, max_reps);
  RunModel m = compiled;
  // Expected attempts over the replications to run, per queue; when their total is over
  // the cap, every queue's rates are scaled down by the same factor. Queues with an
  // infinite or NaN rate stay as compiled.
  std::vector<long double> load(m.queues.size(), 0);
  std::vector<bool> finite(m.queues.size(), true);
  long double total = 0;
  for (std::size_t q = 0; q < m.queues.size(); ++q) {
    const QueueModel& qm = m.queues[q];
    long double expected = 0;
    for (int r = 0; r < reps; ++r) {
      const std::vector<double> rate = day_rates(m, q, s.seed, static_cast<std::uint32_t>(r));
      for (std::size_t i = 0; i < rate.size(); ++i) {
        if (!std::isfinite(rate[i])) finite[q] = false;
        if (rate[i] > 0) expected += static_cast<long double>(rate[i]) * m.interval;
      }
      if (m.warmup > 0 && !rate.empty() && rate[0] > 0) expected += static_cast<long double>(rate[0]) * m.warmup;
    }
    if (qm.trace) expected += static_cast<long double>(qm.trace->size()) * reps;
    long double attempts = 1;  // per caller: a geometric series, cut at max_attempts
    if (qm.retrials()) {
      const long double p = qm.retry_probability;
      attempts = p >= 1 ? qm.max_attempts : std::min<long double>(qm.max_attempts, 1 / (1 - p));
    }
    long double timers = 1;  // an overflow timer per waiting call and delayed group
    for (const double d : qm.group_overflow) timers += d > 0 ? 1 : 0;
    load[q] = expected * attempts * timers;
    if (finite[q]) total += load[q];
  }
  if (total > kMaxCalls) {
    const long double k = kMaxCalls / total;
    for (std::size_t q = 0; q < m.queues.size(); ++q)
      if (finite[q])
        for (double& r : m.queues[q].rate) r = static_cast<double>(static_cast<long double>(r) * k);
  }

  Engine engine(m);
  std::vector<ReplicationResult> results(static_cast<std::size_t>(reps));
  for (int r = 0; r < reps; ++r)
    engine.run(s.seed, static_cast<std::uint32_t>(r), results[static_cast<std::size_t>(r)]);
  const RunSummary summary = summarize_run(m, results);
  NullBuf buf;
  std::ostream null(&buf);
  write_text_report(null, s, m, summary);
  return true;
}

}  // namespace ccsim::fuzz
