#include "sim/csv_summary.hpp"

#include <cmath>
#include <cstdio>

#include "sim/target_check.hpp"

namespace ccsim {

namespace {
void row(std::ostream& o, const std::string& q, const std::string& metric, const Stat& st) {
  char b[96];
  if (std::isfinite(st.mean)) std::snprintf(b, sizeof b, ",%.10g,%.10g\n", st.mean, st.ci95);
  else std::snprintf(b, sizeof b, ",,\n");
  // Queue names are quoted (they may hold commas), with inner quotes doubled (RFC 4180).
  std::string quoted;
  for (char ch : q) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  o << '"' << quoted << "\"," << metric << b;
}
}  // namespace

void write_csv_summary(std::ostream& o, const Scenario& s, const RunSummary& r) {
  o << "queue,metric,mean,ci95\n";
  for (std::size_t q = 0; q < r.day.size(); ++q) {
    const std::string name = q < s.queues.size() ? s.queues[q].name : "total";
    const CallSummary& c = r.day[q];
    row(o, name, "offered", c.offered);
    row(o, name, "answered", c.answered);
    row(o, name, "abandoned", c.abandoned);
    row(o, name, "blocked", c.blocked);
    for (std::size_t k = 0; k < r.thresholds.size(); ++k) {
      const std::string t = threshold_key(r.thresholds[k]);
      row(o, name, "service_level_" + t + "_offered", c.sl_offered[k]);
      row(o, name, "service_level_" + t + "_answered", c.sl_answered[k]);
      row(o, name, "service_level_" + t + "_refined", c.sl_refined[k]);
    }
    row(o, name, "asa", c.asa);
    row(o, name, "abandon_rate", c.abandon_rate);
    row(o, name, "abandon_rate_refined", c.abandon_rate_refined);
    row(o, name, "mean_wait_all", c.mean_wait_all);
    row(o, name, "wait_p90", c.wait_p90);
    row(o, name, "blocked_rate", c.blocked_rate);
    row(o, name, "redials", c.redials);
    row(o, name, "callers", c.callers);
    row(o, name, "caller_answered_rate", c.caller_answered_rate);
    row(o, name, "caller_abandon_rate", c.caller_abandon_rate);
    row(o, name, "caller_blocked_rate", c.caller_blocked_rate);
  }
}

}  // namespace ccsim
