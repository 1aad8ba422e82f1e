// Checks across the whole scenario: the length of the day, names and who serves what,
// shifts and trace rows against the day.
// A day-length mismatch names both sides and where each was set, since the user must
// decide which of the two is wrong.
#include <algorithm>
#include <cmath>
#include <map>

#include "models/units.hpp"
#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
std::string loc_text(const SourceLoc& l) {
  if (l.line <= 0) return l.file;
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

namespace {

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

// Intervals [a, b] as "3-4 (09:30-10:30)", labelled as the reports label them (wrapped
// after midnight: "23:30-24:00", "00:00-00:30").
std::string span_text(const Scenario& sc, int a, int b) {
  const std::string idx = a == b ? std::to_string(a) : std::to_string(a) + "-" + std::to_string(b);
  return idx + " (" + models::format_clock(sc.start + a * sc.interval) + "-" +
         models::format_clock_end(sc.start + (b + 1) * sc.interval) + ")";
}

void check_unique(const std::vector<std::string>& names, const std::vector<SourceLoc>& where, const char* kind) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto [it, fresh] = seen.emplace(names[i], i);
    if (!fresh) {
      throw InputError(where[i], std::string("duplicate ") + kind + " name '" + names[i] + "'; the first is at " +
                                     loc_text(where[it->second]));
    }
  }
}

void note_unstaffed(Scenario& sc) {
  for (std::size_t qi = 0; qi < sc.queues.size(); ++qi) {
    const QueueSpec& q = sc.queues[qi];
    std::vector<std::string> spans;
    int count = 0;
    int run_start = -1;
    // Trace: which intervals have a recorded arrival.
    std::vector<bool> traced;
    if (q.arrivals.trace) {
      traced.assign(static_cast<std::size_t>(sc.intervals), false);
      for (const auto& c : q.arrivals.trace_calls) {
        const double k = std::floor(c.arrival / sc.interval);
        if (k >= 0 && k < sc.intervals) traced[static_cast<std::size_t>(k)] = true;
      }
    }
    for (int i = 0; i <= sc.intervals; ++i) {
      bool gap = false;
      if (i < sc.intervals) {
        const auto k = static_cast<std::size_t>(i);
        const bool calls = q.arrivals.trace        ? traced[k]
                           : q.arrivals.stationary ? q.arrivals.rate > 0
                                                   : q.arrivals.volumes[k] > 0;
        bool staffed = false;
        for (const auto& g : sc.groups) {
          if (std::find(g.serves.begin(), g.serves.end(), q.name) != g.serves.end())
            staffed = staffed || group_staffed(sc, g, i);
        }
        gap = calls && !staffed;
      }
      if (gap && run_start < 0) run_start = i;
      if (!gap && run_start >= 0) {
        spans.push_back(span_text(sc, run_start, i - 1));
        count += i - run_start;
        run_start = -1;
      }
    }
    if (spans.empty()) continue;
    std::string joined;
    for (const auto& s : spans) joined += (joined.empty() ? "" : ", ") + s;
    sc.notes.push_back("queue " + q.name + ": no agents on duty in " + (count == 1 ? "interval " : "intervals ") +
                       joined + " while calls arrive");
  }
}

}  // namespace

void resolve_intervals(Scenario& sc, const Facts& facts) {
  const LengthClaim* base =
      facts.by_duration ? &*facts.by_duration : (facts.arrays.empty() ? nullptr : &facts.arrays.front());
  // Several days: a list may cover one day (repeated every day) or the whole horizon. Without
  // duration, the day is the shortest list's (a list of the whole horizon alone sets
  // days x intervals, so the day is 1/days of it).
  const int days = sc.days;
  if (days > 1 && !facts.by_duration && base) {
    for (const auto& c : facts.arrays)
      if (c.count < base->count) base = &c;
  }
  int per_day = base ? base->count : 0;
  if (days > 1 && !facts.by_duration && base) {
    bool any_day = false;
    for (const auto& c : facts.arrays) any_day = any_day || c.count * days != base->count;
    if (!any_day && base->count % days == 0) per_day = base->count / days;
  }
  if (!base) {
    throw InputError(facts.scenario_where,
                     "cannot tell how long the day is: set scenario.duration (e.g. duration = \"8h\"), "
                     "or give per-interval arrivals.volumes, staffing or overtime lists (rates, traces, "
                     "shifts and single numbers do not set it)");
  }
  for (const auto& c : facts.arrays) {
    if (c.count == per_day || (days > 1 && c.count == per_day * days)) continue;
    throw InputError(
        c.where,
        c.what + " has " + plural(c.count, "value") + ", but the day has " + plural(per_day, "interval") +
            (days > 1 ? " (or " + std::to_string(per_day * days) + " for all " + std::to_string(days) + " days)"
                      : std::string()) +
            " as set by " + base->what + " (at " + loc_text(base->where) + ")");
  }
  sc.intervals = per_day;
  const auto n = static_cast<std::size_t>(sc.intervals);
  for (std::size_t g = 0; g < sc.groups.size(); ++g) {
    auto& grp = sc.groups[g];
    if (facts.scalar_staffing[g]) grp.staffing.assign(n, grp.staffing.front());
    if (facts.scalar_overtime[g]) grp.overtime.assign(n, grp.overtime.front());
  }
}

void cross_check(Scenario& sc, const Facts& facts) {
  std::vector<std::string> qnames, gnames;
  for (const auto& q : sc.queues) qnames.push_back(q.name);
  for (const auto& g : sc.groups) gnames.push_back(g.name);
  check_unique(qnames, facts.queue_name_where, "queue");
  check_unique(gnames, facts.group_name_where, "agent group");

  const KeyList known(qnames.begin(), qnames.end());
  std::map<std::string, bool> served;
  for (const auto& g : sc.groups) {
    for (std::size_t j = 0; j < g.serves.size(); ++j) {
      const std::string& s = g.serves[j];
      if (std::find(qnames.begin(), qnames.end(), s) == qnames.end()) {
        const std::string hint = did_you_mean(s, known);
        std::string list;
        for (const auto& q : qnames) list += (list.empty() ? "'" : ", '") + q + "'";
        throw InputError(g.serves_where[j], "agents '" + g.name + "' serves unknown queue '" + s + "'" +
                                                (hint.empty() ? "; queues are " + list : hint));
      }
      for (std::size_t k = 0; k < j; ++k) {
        if (g.serves[k] == s) {
          throw InputError(g.serves_where[j], "agents '" + g.name + "' serves lists queue '" + s + "' twice");
        }
      }
      served[s] = true;
    }
  }
  for (const auto& q : sc.queues) {
    if (!served[q.name]) {
      throw InputError(q.where, "queue '" + q.name +
                                    "' is served by no agent group; add it to the "
                                    "serves list of an [[agents]] group");
    }
  }

  check_shifts(sc);
  check_shift_patterns(sc, facts.pattern_names);
  check_traces(sc, facts.traces);
  note_unstaffed(sc);
  for (const auto& q : sc.queues) {
    for (const auto& t : q.targets) {
      if (t.kind == Target::Kind::abandon && !q.patience) {
        sc.notes.push_back("queue " + q.name + ": target \"" + t.text +
                           "\" holds trivially, since without patience nobody abandons");
      }
    }
  }
}

}  // namespace ccsim::scenario_detail
