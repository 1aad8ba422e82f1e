#include "sim/staffing/shift_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/units.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/scenario/errors.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

ShiftPlan plan_shifts(const StaffResult& staff, const StaffOptions& o) {
  ShiftPlan out;
  const Scenario& s = staff.scenario;
  out.scenario = s;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const AgentGroupSpec& gs = s.groups[g];
    if (gs.shift_patterns.empty())
      throw InputError(gs.where, "--shifts: agent group \"" + gs.name +
                                     "\" has no shift_patterns; list the shifts it may work, e.g. "
                                     "shift_patterns = [{ start = [\"08:00\", \"12:00\"], length = \"8h\" }]");
    ShiftCoverInput in;
    in.interval = s.interval;
    in.shrinkage = gs.shrinkage;
    in.cost_per_hour = gs.cost_per_hour.value_or(0.0);
    in.patterns = cover_patterns(gs);
    // The requirement is the answer's agents on duty (after shrinkage, as the engine counts).
    for (int n : staff.staffing[g])
      in.required.push_back(n - static_cast<int>(std::floor(n * gs.shrinkage + 0.5 + 1e-9)));
    out.required.push_back(in.required);
    out.cover.push_back(cover_with_shifts(in));
    out.patterns.push_back(in.patterns);
    AgentGroupSpec& target = out.scenario.groups[g];
    target.staffing.clear();
    target.overtime.clear();
    target.shifts = to_shifts(in.patterns, out.cover.back().counts);
  }
  out.model = compile(out.scenario, o.extra_thresholds);
  // The roster is judged on as many replications as the answer it covers (more than the
  // scenario's where close verdicts were sharpened), so their figures line up.
  const auto reps =
      replicate(out.model, out.scenario.seed, std::max(staff.replications, out.scenario.replications), o.threads);
  out.summary = summarize_run(out.model, reps);
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const QueueSpec& qs = s.queues[q];
    for (const Target& t : qs.targets) {
      if (!check_target(t, qs.sl_basis, judged_day(out.summary, qs, q), out.summary.thresholds, o.confidence).met)
        out.judged_ok = false;
      for (int i = 0; i < s.intervals; ++i)
        if (!check_target(t, qs.sl_basis, judged_interval(out.summary, qs, q, static_cast<std::size_t>(i)),
                          out.summary.thresholds, o.confidence)
                 .met) {
          ++out.intervals_short;
          if (o.scope == StaffScope::interval) out.judged_ok = false;
        }
    }
  }
  return out;
}

}  // namespace ccsim
