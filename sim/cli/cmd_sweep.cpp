// ccsim sweep FILE --vary KEY=V1,V2,... [--vary KEY=START:STOP:STEP]... : one simulated
// plan per point of the grid, in parallel, resumable, into one results file.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <variant>

#include <nlohmann/json.hpp>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/engine/interrupt.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/io/h5_file.hpp"
#include "sim/io/results_file.hpp"
#include "sim/report/run_json.hpp"
#include "sim/stats/summary_rows.hpp"
#include "sim/sweep/file.hpp"
#include "sim/sweep/output.hpp"
#ifdef CCSIM_WITH_MPI
#include "sim/sweep/mpi.hpp"
#endif
#include "sim/compile/compile.hpp"
#include "sim/sweep/progress.hpp"
#include "sim/sweep/run.hpp"

namespace ccsim {
class MpiSession;
}

namespace ccsim::cli {

namespace {

nlohmann::ordered_json point_values_json(const SweepPlan& plan, std::size_t point) {
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  const auto c = plan.grid.coordinates(point);
  for (std::size_t k = 0; k < plan.grid.axes.size(); ++k) {
    const SweepAxis& a = plan.grid.axes[k];
    const std::string& text = a.values[c[k]];
    const double x = a.numeric ? a.numbers[c[k]] : 0;
    if (!a.numeric)
      values[a.key] = text;
    else if (text.find_first_of(".eE%/smhd") == std::string::npos &&
             x == static_cast<double>(static_cast<long long>(x)))
      values[a.key] = static_cast<long long>(x);  // a whole number as written: staffing_delta=2
    else
      values[a.key] = x;
  }
  return values;
}

nlohmann::ordered_json point_json(const SweepPlan& plan, const SweepPoint& p) {
  nlohmann::ordered_json values = point_values_json(plan, p.index);
  auto run = run_json(*p.scenario, *p.model, p.summary);
  nlohmann::ordered_json j;
  j["point"] = p.index;
  j["values"] = std::move(values);
  j["queues"] = std::move(run["queues"]);
  j["total"] = std::move(run["total"]);
  if (run.contains("agents")) j["agents"] = std::move(run["agents"]);
  return j;
}

// The --json document {"axes": ..., "points": [...]}, with the points kept in a temporary
// file rather than in memory; write() gives the bytes of the whole document's dump(2).
class JsonPoints {
 public:
  explicit JsonPoints(bool on) : file_(on ? std::tmpfile() : nullptr) {
    if (on && !file_) throw std::runtime_error("--json: cannot create a temporary file for the points");
  }
  ~JsonPoints() {
    if (file_) std::fclose(file_);
  }
  JsonPoints(const JsonPoints&) = delete;
  JsonPoints& operator=(const JsonPoints&) = delete;
  void start(nlohmann::ordered_json head) {
    head["points"] = nlohmann::ordered_json::array();
    head_ = head.dump(2);  // ends with "points": []\n}
  }
  void add(const nlohmann::ordered_json& point) {
    std::ostringstream s;
    s << (n_ == 0 ? "\n" : ",\n") << "    ";
    write_indented(s, point.dump(2), 4);
    const std::string b = s.str();
    if (std::fwrite(b.data(), 1, b.size(), file_) != b.size())
      throw std::runtime_error("--json: writing the points to a temporary file failed (is the disk full?)");
    ++n_;
  }
  void write(std::ostream& out) {
    const std::size_t at = head_.rfind("[]");
    out << head_.substr(0, at);
    if (n_ == 0) {
      out << "[]";
    } else {
      out << '[';
      std::rewind(file_);
      char buf[1 << 16];
      for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, file_)) > 0;)
        out.write(buf, static_cast<std::streamsize>(got));
      out << "\n  ]";
    }
    out << head_.substr(at + 2) << '\n';
  }

 private:
  std::FILE* file_;
  std::string head_;
  std::size_t n_ = 0;
};

// The points a resumed sweep finished before, as JSON, from the journal's /summary rows:
// the contract's day figures per queue and in total (no per-interval or group figures,
// which were not kept), marked "from_file".
void earlier_points_json(const SweepOutput& out, const SweepPlan& plan, const Scenario& base, JsonPoints& points) {
  const std::size_t Q = base.queues.size();
  out.each_earlier([&](std::uint64_t p, const PointTables& tables) {
    std::vector<CallSummary> sums(Q + 1), long_run(Q + 1);
    bool has_long_run = false;
    if (const h5::TableData* t = tables.find("summary")) {
      auto column = [&](const char* name) -> const h5::ColumnData* {
        for (const h5::Column& c : t->columns)
          if (c.name == name) return &c.data;
        return nullptr;
      };
      const auto* queue = column("queue");
      const auto* metric = column("metric");
      const auto* mean = column("mean");
      const auto* ci = column("ci95");
      const auto* q16 = queue ? std::get_if<std::vector<std::int16_t>>(queue) : nullptr;
      const auto* m = metric ? std::get_if<std::vector<std::string>>(metric) : nullptr;
      const auto* x = mean ? std::get_if<std::vector<double>>(mean) : nullptr;
      const auto* h = ci ? std::get_if<std::vector<double>>(ci) : nullptr;
      if (!q16 || !m || !x || !h) throw std::runtime_error("sweep journal: a summary table without its columns");
      // The long-run columns (docs/results-format.md), absent from journals written before them.
      const auto* lr_mean = column("long_run_mean");
      const auto* lr_ci = column("long_run_ci95");
      const auto* lx = lr_mean ? std::get_if<std::vector<double>>(lr_mean) : nullptr;
      const auto* lh = lr_ci ? std::get_if<std::vector<double>>(lr_ci) : nullptr;
      has_long_run = lx && lh;
      for (std::size_t k = 0; k < m->size(); ++k) {
        const std::size_t q = (*q16)[k] < 0 ? Q : static_cast<std::size_t>((*q16)[k]);
        if (q > Q) continue;
        for (auto& [name, stat] : call_metric_fields(sums[q], plan.thresholds, kOutH5Summary))
          if (name == (*m)[k]) *stat = Stat{(*x)[k], (*h)[k], plan.replications};
        if (has_long_run)
          for (auto& [name, stat] : call_metric_fields(long_run[q], plan.thresholds, kOutH5Summary))
            if (name == (*m)[k]) *stat = Stat{(*lx)[k], (*lh)[k], plan.replications};
      }
    }
    nlohmann::ordered_json j;
    j["point"] = p;
    j["values"] = point_values_json(plan, p);
    j["from_file"] = true;
    for (std::size_t q = 0; q < Q; ++q)
      j["queues"][base.queues[q].name] =
          calls_json(sums[q], plan.thresholds, true, 0, has_long_run ? &long_run[q] : nullptr);
    j["total"] = calls_json(sums[Q], plan.thresholds, true, 0, has_long_run ? &long_run[Q] : nullptr);
    points.add(j);
  });
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

namespace {

int sweep(const Args& args, const MpiSession* mpi) {
#ifdef CCSIM_WITH_MPI
  const bool root = !mpi || mpi->rank() == 0;
#else
  (void)mpi;
  const bool root = true;
#endif
  po::options_description desc("Options of 'ccsim sweep'");
  desc.add_options()("help,h", "this text")(
      "vary", po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUES"),
      "an axis (repeatable): KEY=V1,V2,... or KEY=START:STOP:STEP, KEY any --set path, values with units, "
      "e.g. queue.general.arrivals.scale=0.8:1.2:0.1 or agents.universal.staffing_delta=-2,0,2")(
      "zip", po::bool_switch(), "advance the axes together instead of taking every combination");
  // Every point runs on the same random streams; --set applies to every point.
  add_shared_options(desc, kSimulationOptions | kThresholdOption);
  desc.add_options()("out", po::value<std::string>()->value_name("SWEEP.h5"),
                     "write the results file (docs/results-format.md)")(
      "resume", po::bool_switch(), "finish the interrupted sweep kept in SWEEP.h5.journal (same command)")(
      "restart", po::bool_switch(), "delete an interrupted sweep's SWEEP.h5.journal and .part and start over")(
      "json", po::bool_switch(), "print the per-point summary as one JSON object on stdout")(
      "quiet,q", po::bool_switch(), "no progress line on stderr");
  const auto vm = parse_with_file(args, desc);
  if (vm.count("help")) {
    print_help(
        "ccsim sweep FILE --vary KEY=V1,V2,... [--vary KEY=START:STOP:STEP]...\n"
        "                   --out SWEEP.h5 [options]",
        desc,
        {"ccsim sweep scenarios/bank-80-20.toml -r 50 --out sweep.h5 \\",
         "    --vary queue.general.arrivals.scale=0.8:1.2:0.1 \\", "    --vary agents.universal.staffing_delta=-4:4:2",
         "ccsim sweep ... --out sweep.h5 --resume     # after Ctrl-C: the same command",
         "ccsim sweep scenarios/bank-80-20.toml -q --json \\", "    --vary agents.universal.staffing_delta=-2,0,2"});
    return 0;
  }
  const bool json = vm["json"].as<bool>(), resume = vm["resume"].as<bool>(), restart = vm["restart"].as<bool>();
  if (!vm.count("out") && !json) flag_error("sweep", "give --out SWEEP.h5 (and/or --json) for the results");
  if (resume && !vm.count("out")) flag_error("sweep", "--resume needs --out SWEEP.h5, the sweep to finish");
  if (restart && !vm.count("out")) flag_error("sweep", "--restart needs --out SWEEP.h5, the sweep to start over");
  if (resume && restart)
    flag_error("sweep", "give --resume (finish the interrupted sweep) or --restart (start over), not both");

  std::vector<double> extra;
  if (vm.count("threshold"))
    for (const auto& t : vm["threshold"].as<std::vector<std::string>>())
      extra.push_back(duration_flag("sweep", "threshold", t));

  // Reading and checking the input (a million points take half a minute): Ctrl-C ends the
  // process at once, as nothing is written yet.
  std::optional<StopAtOnce> reading;
  reading.emplace();
  Scenario base = load_scenario_flags("sweep", vm);
  SweepPlan plan;
  plan.path = vm["file"].as<std::string>();
  plan.text = read_text(plan.path);
  if (vm.count("set"))
    for (const auto& s : vm["set"].as<std::vector<std::string>>()) plan.base.push_back(parse_override(s));
  if (vm.count("replications")) {
    plan.replications_given = true;
    base.replications =
        static_cast<int>(int_flag("sweep", "replications", vm["replications"].as<std::string>(), 1, 10'000'000));
  }
  if (vm.count("seed")) {
    plan.seed_given = true;
    base.seed = static_cast<std::uint64_t>(int_flag("sweep", "seed", vm["seed"].as<std::string>(), 0, INT64_MAX));
  }
  plan.replications = base.replications;
  plan.seed = base.seed;
  plan.interval_summaries = json;  // the file needs the day's figures only
  const int threads = vm.count("threads")
                          ? static_cast<int>(int_flag("sweep", "threads", vm["threads"].as<std::string>(), 1, 1024))
                          : default_threads();

  // Axes: the command line's, else the file's [sweep] table.
  std::vector<SweepAxis> axes;
  bool zip = vm["zip"].as<bool>();
  if (vm.count("vary")) {
    for (const auto& v : vm["vary"].as<std::vector<std::string>>())
      axes.push_back(parse_axis(v, SourceLoc{"ccsim sweep", 0, 0}, "--vary"));
  } else {
    for (std::size_t k = 0; k < base.sweep.vary.size(); ++k)
      axes.push_back(parse_axis(base.sweep.vary[k], base.sweep.vary_where[k], "[sweep] vary"));
    zip = zip || base.sweep.zip;
  }
  plan.grid =
      make_grid(std::move(axes), zip,
                base.sweep.vary.empty() || vm.count("vary") ? SourceLoc{"ccsim sweep", 0, 0} : base.sweep.where);
  plan.thresholds = check_points(plan, extra);
  const RunModel base_model = compile(base, plan.thresholds);

  reading.reset();  // from here on an interrupt keeps what is done

  // Only rank 0 (or the one process) writes; it tells the others where to start.
  std::unique_ptr<SweepOutput> file;
  std::size_t first = 0;
  long long status = 0;
  std::exception_ptr open_failure;
  if (root && vm.count("out")) {
    try {
      file = std::make_unique<SweepOutput>(vm["out"].as<std::string>(), plan, base, base_model,
                                           SweepOutput::Options{resume, restart, shell_command_line(args)});
      first = file->first();
    } catch (...) {
      open_failure = std::current_exception();
      status = 2;
    }
  }
#ifdef CCSIM_WITH_MPI
  if (mpi) {
    status = mpi->broadcast(status);
    first = static_cast<std::size_t>(mpi->broadcast(static_cast<long long>(first)));
  }
#endif
  if (open_failure) std::rethrow_exception(open_failure);
  if (status != 0) return 2;  // rank 0 reported it
  const std::size_t total = plan.grid.points();
  std::vector<std::size_t> points;
  for (std::size_t p = first; p < total; ++p) points.push_back(p);

  // --json: the points go to a temporary file as they finish (memory does not grow with
  // points); stdout gets the whole document only when the sweep is complete.
  JsonPoints out_json(json);
  if (json) {
    nlohmann::ordered_json head;
    head["axes"] = nlohmann::ordered_json::array();
    for (const SweepAxis& a : plan.grid.axes) head["axes"].push_back(a.key);
    if (first > 0) head["resumed_from"] = first;
    out_json.start(head);
    if (file && first > 0) earlier_points_json(*file, plan, base, out_json);
  }
  SweepCounters counters;
  try {
    ProgressLine progress(root && !vm["quiet"].as<bool>(), first, total, counters);
    auto deliver = [&](SweepPoint& p) {
      if (file) file->deliver(p);
      if (json) out_json.add(point_json(plan, p));
    };
#ifdef CCSIM_WITH_MPI
    if (mpi)
      run_points_mpi(*mpi, plan, first, total, threads, deliver, &counters);
    else
      run_points(plan, points, threads, deliver, &counters);
#else
    run_points(plan, points, threads, deliver, &counters);
#endif
  } catch (...) {
    if (file) file->stop(total);
    throw;
  }
  if (file) file->finish();
  if (json && root) out_json.write(std::cout);
  return 0;
}

}  // namespace

int cmd_sweep(const Args& args) {
#ifdef CCSIM_WITH_MPI
  MpiSession mpi;
  if (mpi.size() > 1) {
    if (mpi.rank() == 0) return sweep(args, &mpi);
    // The other ranks meet the same input errors as rank 0, which reports them.
    try {
      return sweep(args, &mpi);
    } catch (const InputError&) {
      return 2;
    } catch (const Interrupted&) {
      return 130;
    }
  }
#endif
  return sweep(args, nullptr);
}

}  // namespace ccsim::cli
