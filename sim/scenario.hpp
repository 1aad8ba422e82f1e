#pragma once
// The editable scenario: plain, validated data with the source location of every part,
// so later checks (compile, CLI) can still point at the line a user must fix.
// All durations are in seconds, all rates in calls per second.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/distribution.hpp"
#include "sim/errors.hpp"

namespace ccsim {

enum class SlBasis { offered, answered, refined };
const char* sl_basis_name(SlBasis b);

struct Target {
  enum class Kind { service_level, asa, abandon };
  Kind kind = Kind::service_level;
  double fraction = 0;     // service_level: 0.8 for 80/20; abandon: cap as a fraction (0.05)
  double threshold = 0;    // service_level: 20 (s); asa: the ASA cap in seconds
  std::string text;        // as written, e.g. "80/20", "asa<=30s"
  SourceLoc where;
};

struct Arrivals {
  bool stationary = false;     // true: `rate` for the whole day; false: `volumes` per interval
  double rate = 0;             // calls per second (stationary)
  std::vector<double> volumes; // expected calls per interval (Poisson within each interval)
  double forecast_cv = 0;      // day-level gamma factor with mean 1 and this CV; 0 = none
  SourceLoc where;
};

struct QueueSpec {
  std::string name;
  Arrivals arrivals;
  models::DistSpec handle_time;
  SourceLoc handle_time_where;
  std::optional<models::DistSpec> patience;  // nullopt: nobody abandons
  SourceLoc patience_where;
  std::vector<Target> targets;
  double short_abandon = 0;  // seconds; abandons shorter than this leave the refined rate
  SlBasis sl_basis = SlBasis::offered;
  SourceLoc where;  // the [[queue]] table
};

struct AgentGroupSpec {
  std::string name;
  std::vector<std::string> serves;  // queue names, in order of preference
  std::vector<int> staffing;        // agents on duty per interval (size = intervals)
  std::optional<double> cost_per_hour;
  SourceLoc where;           // the [[agents]] table
  SourceLoc staffing_where;  // the staffing value
  std::vector<SourceLoc> serves_where;
};

struct Scenario {
  std::string file;         // path as given
  int format = 1;
  std::string name;
  double interval = 1800;   // seconds
  double start = 0;         // clock seconds after midnight of interval 0 (reports only)
  int intervals = 0;        // number of planning intervals
  double warmup = 0;        // seconds before interval 0, not counted
  int replications = 30;
  std::uint64_t seed = 20261122;
  std::vector<QueueSpec> queues;
  std::vector<AgentGroupSpec> groups;
  std::vector<std::string> notes;  // non-fatal findings ("queue x has no agents in 08:00-09:00")

  double day_length() const { return interval * intervals; }
};

// One `--set KEY=VALUE` override, applied before validation (CONTRACT 2).
struct Override {
  std::string key;    // dotted path: scenario.replications, queue.general.handle_time.mean,
                      // agents.universal.staffing
  std::string value;  // TOML value text; a bare word that is not valid TOML is a string
};

// Reads, applies overrides, validates. Throws InputError (FILE:LINE:COLUMN) on any
// problem: unreadable file, TOML syntax, unknown key (with did-you-mean), wrong type or
// unit, negative duration, wrong staffing length, unserved queue, unknown served queue.
Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides = {});

// Same from text already in memory; `path` is used for messages and relative file= paths.
Scenario parse_scenario(const std::string& text, const std::string& path,
                        const std::vector<Override>& overrides = {});

// Parses "KEY=VALUE" as given on the command line; throws InputError on a missing '='.
Override parse_override(const std::string& arg);

// One target as written in a scenario or on a command line ("80/20", "90/10s", "asa<=30s",
// "abandon<=5%", "abandon<=0.05"). Returns nullopt and a reason in `why` when unreadable.
// `where` is left empty.
std::optional<Target> parse_target(std::string_view text, std::string* why = nullptr);

}  // namespace ccsim
