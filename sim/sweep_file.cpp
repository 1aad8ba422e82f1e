#include "sim/sweep_file.hpp"

#include <cstdio>

#include "sim/errors.hpp"
#include "sim/results_tables.hpp"

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

std::size_t check_resumed(ResultsFile& f, const SweepPlan& plan, const Scenario& base) {
  const hid_t id = f.id();
  const std::string file = f.temp_path();
  auto refuse = [&](const std::string& why) {
    throw InputError(SourceLoc{"ccsim sweep", 0, 0},
                     "--resume: " + file + " was made by a different sweep: " + why +
                         "; run the original command to finish it, or delete it to start over");
  };
  if (!h5::has_attr(id, "sweep_fingerprint")) refuse("it has no sweep fingerprint (not a sweep file)");
  if (h5::string_attr(id, "sweep_scenario_digest") != scenario_digest(base))
    refuse("the scenario (file or --set) changed");
  if (h5::string_attr(id, "sweep_axes") != axes_text(plan))
    refuse("the axes changed (the file has " + shortened(h5::string_attr(id, "sweep_axes")) + "; the command " +
           shortened(axes_text(plan)) + ")");
  if (h5::int_attr(id, "seed") != static_cast<std::int64_t>(base.seed))
    refuse("the seed changed (" + std::to_string(h5::int_attr(id, "seed")) + " in the file)");
  if (h5::int_attr(id, "replications") != base.replications)
    refuse("the replications changed (" + std::to_string(h5::int_attr(id, "replications")) + " in the file)");
  if (h5::string_attr(id, "sweep_fingerprint") != sweep_fingerprint(plan, base))
    refuse("the SL thresholds measured changed");
  if (!h5::exists(id, "points")) return 0;
  h5::Handle t = h5::open_group(id, "points");
  return h5::read_column_int(t.id(), "point").size();
}

void write_sweep_point(ResultsFile& f, const SweepPlan& plan, const SweepPoint& p) {
  h5::TableData t;
  t.add<std::int32_t>("point").push_back(static_cast<std::int32_t>(p.index));
  const auto c = plan.grid.coordinates(p.index);
  for (std::size_t k = 0; k < plan.grid.axes.size(); ++k) {
    const SweepAxis& a = plan.grid.axes[k];
    if (a.numeric) t.add<double>(a.key).push_back(a.numbers[c[k]]);
    else t.add<std::string>(a.key).push_back(a.values[c[k]]);
  }
  f.append("points", t);
  write_run_tables(f, *p.model, p.reps, p.summary, PlanKey{"point", static_cast<int>(p.index)});
}

}  // namespace ccsim
