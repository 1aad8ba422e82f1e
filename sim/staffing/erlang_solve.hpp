#pragma once
// Solving one stationary queue exactly, for `ccsim erlang`: the fewest agents that meet a
// set of targets and an occupancy cap (Erlang C, or Erlang A with exponential patience),
// the fewest lines for a blocking cap (Erlang B), and the headcount to schedule for a
// shrinkage. Pure functions of their arguments.
//
// Promises:
// - Every figure is the exact value of models::Erlang (or erlang_b) at that n.
// - The solvers scan n upwards and return the first n that meets every constraint. SL,
//   ASA, abandon rate, occupancy and blocking are monotone in n, so that first n is the
//   least; before scanning they check the cap, so a goal beyond it is refused at once.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace ccsim {

// The largest number of agents or lines the solvers consider.
inline constexpr int kErlangSolveCap = 100000;

// One stationary queue and what its staffing must achieve.
struct ErlangGoal {
  double lambda = 0;                                          // arrival rate, calls per second
  double aht = 0;                                             // mean handle time, seconds (exponential)
  double patience = std::numeric_limits<double>::infinity();  // mean patience, s; inf = Erlang C
  std::vector<Target> targets;                                // SL, ASA and abandon targets
  SlBasis basis = SlBasis::offered;                           // the basis SL targets are judged on
  std::optional<double> max_occupancy;                        // cap in (0, 1], none when empty
};

struct ErlangTargetFigure {
  double figure = 0;  // the SL on the goal's basis, the ASA (s) or the abandon rate; NaN if unstable
  bool met = false;
};

// A goal's figures at one number of agents.
struct ErlangCheck {
  int agents = 0;
  bool stable = false;                      // false: Erlang C with agents <= load
  std::vector<ErlangTargetFigure> targets;  // one per goal target, in order
  double occupancy = 0;                     // NaN if unstable
  bool occupancy_met = true;                // true when the goal has no cap
  bool met = false;                         // stable, every target and the cap
};

// The figures of `g` at `agents` (>= 1). The occupancy cap allows a relative 1e-9 above
// it, so a load of exactly 17 erlangs on 20 agents meets 85% whatever rounding gave 17.
ErlangCheck check_agents(const ErlangGoal& g, int agents);

// Why no staffing meets `g` ("" when some can): a target no staffing guarantees (a share
// of 100%, an ASA cap of 0 s, an abandon cap of 0% with impatient callers).
std::string erlang_unattainable(const ErlangGoal& g);

// The fewest agents meeting `g`, scanning from floor(load) + 1 (Erlang C) or 1 (Erlang A);
// nullopt when none up to `cap` does.
std::optional<int> solve_agents(const ErlangGoal& g, int cap = kErlangSolveCap);

// What forced the answer up to `agents`: the constraints missed at agents - 1.
struct ErlangBinding {
  std::vector<std::size_t> targets;  // indices into the goal's targets
  bool occupancy = false;            // the occupancy cap
  bool stability = false;            // Erlang C: agents - 1 cannot carry the load
};
ErlangBinding erlang_binding(const ErlangGoal& g, int agents);

// Erlang B (M/M/N/N: a blocked call is lost) with `lines` and load a (erlangs).
struct LinesCheck {
  int lines = 0;
  double blocking = 0;      // B(lines, load)
  double carried_load = 0;  // load * (1 - blocking), erlangs
  bool met = true;          // blocking <= max_blocking (true when none is given)
};
LinesCheck check_lines(double load, int lines, std::optional<double> max_blocking = std::nullopt);

// The fewest lines (>= 1) with B(lines, load) <= max_blocking, max_blocking in (0, 1);
// nullopt when none up to `cap` does.
std::optional<int> solve_lines(double load, double max_blocking, int cap = kErlangSolveCap);

// Agents to schedule so that `on_duty` remain after `shrinkage` in [0, 1): on_duty /
// (1 - shrinkage) rounded up, a quotient within a relative 1e-9 of an integer counting as
// that integer (21 at 30% is 30, although 21 / (1 - 0.3) is 30.000000000000004 in doubles).
long long shrinkage_headcount(int on_duty, double shrinkage);

}  // namespace ccsim
