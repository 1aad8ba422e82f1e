#include "sim/format_number.hpp"
#include "sim/shift_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/units.hpp"
#include "sim/errors.hpp"
#include "sim/replicate.hpp"
#include "sim/report_json.hpp"
#include "sim/target_check.hpp"

namespace ccsim {

using json = nlohmann::ordered_json;

void plan_shifts(const StaffResult& staff, const StaffOptions& o, ShiftPlan& out) {
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
  const auto reps = replicate(out.model, out.scenario.seed, std::max(staff.replications, out.scenario.replications), o.threads);
  out.summary = summarize_run(out.model, reps);
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const QueueSpec& qs = s.queues[q];
    for (const Target& t : qs.targets) {
      if (!check_target(t, qs.sl_basis, out.summary.day[q], out.summary.thresholds, o.confidence).met)
        out.judged_ok = false;
      for (int i = 0; i < s.intervals; ++i)
        if (!check_target(t, qs.sl_basis, out.summary.intervals[q][static_cast<std::size_t>(i)],
                          out.summary.thresholds, o.confidence).met) {
          ++out.intervals_short;
          if (o.scope == StaffScope::interval) out.judged_ok = false;
        }
    }
  }
}

namespace {
}  // namespace

void write_shift_text(std::ostream& o, const StaffResult& staff, const ShiftPlan& p) {
  const Scenario& s = p.scenario;
  o << "\nShifts covering this staffing (" << p.cover.front().method << ")\n";
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const ShiftCoverResult& c = p.cover[g];
    o << "  group " << s.groups[g].name << ": " << fmt("%.1f", c.paid_hours) << " paid agent-hours"
      << (s.groups[g].cost_per_hour ? ", cost " + fmt("%.2f", c.cost) : "") << ", over-coverage "
      << fmt("%.1f", c.over_coverage_hours) << " agent-hours" << (c.optimal ? " (optimal)" : " (best found in the time limit)")
      << '\n';
    for (std::size_t k = 0; k < p.patterns[g].size(); ++k) {
      if (c.counts[k] == 0) continue;
      const CoverPattern& pt = p.patterns[g][k];
      o << "    " << c.counts[k] << " x " << models::format_clock(s.start + pt.start) << " for "
        << models::format_duration(pt.length) << (pt.breaks.empty() ? "" : ", " + std::to_string(pt.breaks.size()) + " breaks")
        << '\n';
    }
    if (!c.short_intervals.empty()) {
      o << "    the patterns cannot cover:";
      for (int i : c.short_intervals) o << ' ' << models::format_clock(s.start + i * s.interval);
      o << '\n';
    }
  }
  o << "  the shift plan simulated:";
  for (std::size_t q = 0; q < s.queues.size(); ++q)
    for (const Target& t : s.queues[q].targets) {
      const TargetResult tr = check_target(t, s.queues[q].sl_basis, p.summary.day[q], p.summary.thresholds);
      const bool pct = t.kind != Target::Kind::asa;
      o << "  " << s.queues[q].name << " " << t.text << " "
        << (pct ? fmt("%.2f%%", 100 * tr.value.mean) : fmt("%.1f s", tr.value.mean));
    }
  o << "; " << p.intervals_short << " interval targets missed"
    << (p.judged_ok ? "" : " (the shift plan misses the targets at this scope)") << '\n';
  (void)staff;
}

json shift_json(const StaffResult& staff, const ShiftPlan& p) {
  const Scenario& s = p.scenario;
  json groups = json::object();
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const ShiftCoverResult& c = p.cover[g];
    json pats = json::array();
    for (std::size_t k = 0; k < p.patterns[g].size(); ++k) {
      const CoverPattern& pt = p.patterns[g][k];
      pats.push_back({{"start", models::format_clock(s.start + pt.start)},
                      {"length_seconds", pt.length},
                      {"breaks", pt.breaks.size()},
                      {"count", c.counts[k]}});
    }
    groups[s.groups[g].name] = {{"patterns", pats},
                                {"paid_hours", c.paid_hours},
                                {"cost", s.groups[g].cost_per_hour ? json(c.cost) : json(nullptr)},
                                {"over_coverage_hours", c.over_coverage_hours},
                                {"required", p.required[g]},
                                {"coverage", c.coverage},
                                {"short_intervals", c.short_intervals},
                                {"optimal", c.optimal},
                                {"method", c.method}};
  }
  const json run = run_json(s, p.model, p.summary);
  (void)staff;
  return {{"groups", groups},
          {"queues", run["queues"]},
          {"total", run["total"]},
          {"interval_targets_missed", p.intervals_short},
          {"meets_targets", p.judged_ok}};
}

}  // namespace ccsim
