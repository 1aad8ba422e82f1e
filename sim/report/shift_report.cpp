#include "sim/report/shift_report.hpp"

#include <cmath>

#include "models/units.hpp"
#include "sim/report/format_number.hpp"
#include "sim/report/run_json.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim {

using json = nlohmann::ordered_json;

void write_shift_text(std::ostream& o, const StaffResult& staff, const ShiftPlan& p) {
  const Scenario& s = p.scenario;
  o << "\nShifts covering this staffing (" << p.cover.front().method << ")\n";
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const ShiftCoverResult& c = p.cover[g];
    o << "  group " << s.groups[g].name << ": " << num("{:.1f}", c.paid_hours) << " paid agent-hours"
      << (s.groups[g].cost_per_hour ? ", cost " + num("{:.2f}", c.cost) : "") << ", over-coverage "
      << num("{:.1f}", c.over_coverage_hours) << " agent-hours"
      << (c.optimal ? " (optimal)" : " (best found in the time limit)") << '\n';
    for (std::size_t k = 0; k < p.patterns[g].size(); ++k) {
      if (c.counts[k] == 0) continue;
      const CoverPattern& pt = p.patterns[g][k];
      o << "    " << c.counts[k] << " x " << models::format_clock(s.start + pt.start) << " for "
        << models::format_duration(pt.length)
        << (pt.breaks.empty() ? "" : ", " + std::to_string(pt.breaks.size()) + " breaks") << '\n';
    }
    if (!c.short_intervals.empty()) {
      o << "    the patterns cannot cover:";
      for (int i : c.short_intervals) o << ' ' << models::format_clock(s.interval_clock(i));
      o << '\n';
    }
  }
  o << "  the shift plan simulated:";
  for (std::size_t q = 0; q < s.queues.size(); ++q)
    for (const Target& t : s.queues[q].targets) {
      const TargetResult tr =
          check_target(t, s.queues[q].sl_basis, judged_day(p.summary, s.queues[q], q), p.summary.thresholds);
      const bool pct = t.kind != Target::Kind::asa;
      o << "  " << s.queues[q].name << " " << t.text << " "
        << (pct ? num("{:.2f}%", 100 * tr.value.mean) : num("{:.1f} s", tr.value.mean));
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
