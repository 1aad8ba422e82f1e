#include "sim/sweep/file.hpp"

#include <cstdio>

#include "sim/io/results_tables.hpp"
#include "sim/scenario/errors.hpp"

namespace ccsim {

namespace {

// FNV-1a, 64 bits: a stable digest (std::hash may differ between builds).
struct Digest {
  std::uint64_t h = 1469598103934665603ull;
  void add(const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;  // a separator, so ("ab","c") != ("a","bc")
  }
  std::string hex() const {
    char b[20];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(h));
    return b;
  }
};

std::string axes_text(const SweepPlan& plan) {
  std::string s;
  for (const SweepAxis& a : plan.grid.axes) {
    s += (s.empty() ? "" : " ") + a.key + "=";
    for (std::size_t k = 0; k < a.values.size(); ++k) s += (k ? "," : "") + a.values[k];
  }
  return s + (plan.grid.zip ? " (zip)" : "");
}

std::string shortened(std::string s) {
  if (s.size() > 160) s = s.substr(0, 150) + " ...";
  return s;
}

std::string scenario_digest(const Scenario& base) {
  Digest d;
  d.add(base.resolved_toml);
  return d.hex();
}

}  // namespace

std::string sweep_fingerprint(const SweepPlan& plan, const Scenario& base) {
  Digest d;
  d.add(base.resolved_toml);
  d.add(axes_text(plan));
  d.add(std::to_string(base.seed));
  d.add(std::to_string(base.replications));
  for (double t : plan.thresholds) d.add(std::to_string(t));
  return d.hex();
}

JournalHeader sweep_journal_header(const SweepPlan& plan, const Scenario& base, const std::string& command_line) {
  JournalHeader h;
  h.fields = {{"sweep_fingerprint", sweep_fingerprint(plan, base)},
              {"sweep_scenario_digest", scenario_digest(base)},
              {"sweep_axes", axes_text(plan)},
              {"seed", std::to_string(base.seed)},
              {"replications", std::to_string(base.replications)},
              {"command_line", command_line},
              {"created", utc_now()}};
  return h;
}

namespace {

void write_sweep_header(ResultsFile& f, const SweepPlan& plan, const Scenario& base, const RunModel& base_model,
                        const ResultsHeader& h) {
  f.write_header(base, base_model, h);
  h5::set_attr(f.id(), "sweep_points", static_cast<std::int64_t>(plan.grid.points()));
  h5::set_attr(f.id(), "sweep_zip", static_cast<std::int64_t>(plan.grid.zip ? 1 : 0));
  h5::set_attr(f.id(), "sweep_fingerprint", sweep_fingerprint(plan, base));
  h5::set_attr(f.id(), "sweep_scenario_digest", scenario_digest(base));
  h5::set_attr(f.id(), "sweep_axes", axes_text(plan));
  h5::TableData t;
  auto& axis = t.add<std::int16_t>("axis");
  auto& key = t.add<std::string>("key");
  auto& count = t.add<std::int32_t>("values");
  for (std::size_t k = 0; k < plan.grid.axes.size(); ++k) {
    axis.push_back(static_cast<std::int16_t>(k));
    key.push_back(plan.grid.axes[k].key);
    count.push_back(static_cast<std::int32_t>(plan.grid.axes[k].values.size()));
  }
  f.append("axes", t);
}

}  // namespace

void check_resumed(const JournalHeader& h, const SweepPlan& plan, const Scenario& base, const std::string& file) {
  auto refuse = [&](const std::string& why) {
    throw InputError(SourceLoc{"ccsim sweep", 0, 0},
                     "--resume: " + file + " was made by a different sweep: " + why +
                         "; run the original command to finish it, or --restart to delete it and start over");
  };
  if (h.get("sweep_scenario_digest") != scenario_digest(base)) refuse("the scenario (file or --set) changed");
  if (h.get("sweep_axes") != axes_text(plan))
    refuse("the axes changed (the file has " + shortened(h.get("sweep_axes")) + "; the command " +
           shortened(axes_text(plan)) + ")");
  if (h.get("seed") != std::to_string(base.seed)) refuse("the seed changed (" + h.get("seed") + " in the file)");
  if (h.get("replications") != std::to_string(base.replications))
    refuse("the replications changed (" + h.get("replications") + " in the file)");
  if (h.get("sweep_fingerprint") != sweep_fingerprint(plan, base)) refuse("the SL thresholds measured changed");
}

void write_sweep_point(TableSink& f, const SweepPlan& plan, const SweepPoint& p) {
  h5::TableData t;
  t.add<std::int32_t>("point").push_back(static_cast<std::int32_t>(p.index));
  const auto c = plan.grid.coordinates(p.index);
  for (std::size_t k = 0; k < plan.grid.axes.size(); ++k) {
    const SweepAxis& a = plan.grid.axes[k];
    if (a.numeric)
      t.add<double>(a.key).push_back(a.numbers[c[k]]);
    else
      t.add<std::string>(a.key).push_back(a.values[c[k]]);
  }
  f.append("points", t);
  write_run_tables(f, *p.model, p.reps, p.summary, PlanKey{"point", static_cast<int>(p.index)});
}

void write_sweep_file(ResultsFile& f, const std::string& journal, std::uint64_t points, const SweepPlan& plan,
                      const Scenario& base, const RunModel& base_model) {
  const JournalHeader h = scan_journal(journal, {}, 0).header;
  write_sweep_header(f, plan, base, base_model, ResultsHeader{"sweep", h.get("command_line"), h.get("created")});
  const JournalScan scan = scan_journal(
      journal,
      [&](std::uint64_t, const PointTables& tables) {
        for (const auto& [name, rows] : tables.tables) f.append(name, rows);
      },
      points);
  if (scan.points < points)
    throw std::runtime_error(journal + " lost points while the sweep ran (" + std::to_string(scan.points) + " of " +
                             std::to_string(points) + " intact" + (scan.damage.empty() ? "" : ": " + scan.damage) +
                             ")");
}

}  // namespace ccsim
