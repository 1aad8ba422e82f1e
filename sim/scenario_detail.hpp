#pragma once
// Private to the scenario library (sim/scenario_*.cpp): the helpers that turn TOML nodes
// into checked values and every mistake into an InputError at the node's position.
// Not installed and not meant for other layers; they see only sim/scenario.hpp.
#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/did_you_mean.hpp"
#include "sim/scenario.hpp"

namespace ccsim::scenario_detail {

// Where a node came from. Nodes parsed from the scenario carry its path; nodes made by
// --set carry the path "--set" and the column within the KEY=VALUE argument; nodes made
// implicitly (no source) fall back to the scenario file without a line.
struct Ctx {
  std::string file;  // scenario path as given
  std::string dir;   // its directory, for relative empirical file= paths ("" = cwd)

  SourceLoc at(const toml::source_region& r) const;
  SourceLoc at(const toml::node& n) const { return at(n.source()); }
  [[noreturn]] void fail(const toml::node& n, const std::string& what) const;
};

// "got ..." text for messages: 42, "abc", true, an array, a table.
std::string describe(const toml::node& n);

// --- keys (scenario_keys.cpp) ---
using KeyList = std::vector<std::string_view>;
using ccsim::closest;        // sim/did_you_mean.hpp
using ccsim::edit_distance;
// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, const KeyList& known);
// Throws for the first key (in file order) of `tbl` not in `known`; `where` names the
// table as a user sees it ("[scenario]", "[[queue]] 'general'").
void check_keys(const Ctx& ctx, const toml::table& tbl, const KeyList& known,
                const std::string& where);

// --- values (scenario_values.cpp); `what` names the key with its path, e.g.
// "queue 'general' handle_time.mean" ---
const toml::table& need_table(const Ctx& ctx, const toml::node& n, const std::string& what,
                              const std::string& example);
const toml::array& need_array(const Ctx& ctx, const toml::node& n, const std::string& what);
std::string read_string(const Ctx& ctx, const toml::node& n, const std::string& what);
std::int64_t read_integer(const Ctx& ctx, const toml::node& n, const std::string& what);
double read_number(const Ctx& ctx, const toml::node& n, const std::string& what);
double read_duration(const Ctx& ctx, const toml::node& n, const std::string& what);
double read_rate(const Ctx& ctx, const toml::node& n, const std::string& what);
double read_clock(const Ctx& ctx, const toml::node& n, const std::string& what);
// 0.05 or "5%", within [0, 1].
double read_fraction(const Ctx& ctx, const toml::node& n, const std::string& what);

// --- distributions (scenario_dist.cpp) ---
models::DistSpec read_dist(const Ctx& ctx, const toml::node& n, const std::string& what);
// Values of an empirical CSV file (first column, seconds or durations); errors are
// located at FILE:LINE:COL of the bad row, or at `file_node` when unreadable.
std::vector<double> read_csv_values(const Ctx& ctx, const toml::node& file_node,
                                    const std::string& what);
// Whole file into `out`; false with errno's text in `why`.
bool read_file(const std::string& path, std::string& out, std::string& why);

// --- targets (scenario_targets.cpp) ---
std::vector<Target> read_targets(const Ctx& ctx, const toml::node& n, const std::string& what);
SlBasis read_sl_basis(const Ctx& ctx, const toml::node& n, const std::string& what);

// --- overrides (scenario_overrides.cpp) ---
void apply_overrides(toml::table& root, const std::vector<Override>& overrides);

// --- whole-scenario checks (scenario_check.cpp) ---
// A claim about the number of intervals: scenario.duration or a per-interval array.
struct LengthClaim {
  std::string what;  // "scenario.duration 10h / interval 30m", "agents 'a' staffing"
  int count = 0;
  SourceLoc where;
};
// What the reader saw that the cross checks need beyond the Scenario itself.
struct Facts {
  SourceLoc scenario_where;  // [scenario] table, or the file when there is none
  std::optional<LengthClaim> by_duration;
  std::vector<LengthClaim> arrays;    // per-interval arrays in file order
  std::vector<bool> scalar_staffing;  // per group: one number for the whole day
  std::vector<SourceLoc> queue_name_where;
  std::vector<SourceLoc> group_name_where;
};
// Sets sc.intervals and expands scalar staffing; throws when the claims disagree.
void resolve_intervals(Scenario& sc, const Facts& facts);
// Duplicate names, unknown served queues, unserved queues; zero-staff notes.
void cross_check(Scenario& sc, const Facts& facts);

}  // namespace ccsim::scenario_detail
