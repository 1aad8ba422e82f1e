// ccsim._ccsim: the simulator in-process for Python (docs/python.md, "In-process runs").
//
// run() simulates a scenario given as TOML text and hands back the tables a results file
// would hold (same rows, same columns, same order: the same writers fill them), so
// ccsim.run() builds its DataFrames exactly as ccsim.load() does for a file. command()
// runs any other command (erlang, staff, compare, sweep, check) on its own argument list with
// standard output captured, for their --json dicts. The GIL is released while simulating;
// Ctrl-C (SIGINT) in the main thread stops a run at its next safe point and arrives in
// Python as KeyboardInterrupt. Scenario and flag errors raise ccsim._ccsim.InputError
// carrying file, line, column and message.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <csignal>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_text.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/interrupt.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/io/results_file.hpp"
#include "sim/io/results_tables.hpp"
#include "sim/io/table_sink.hpp"
#include "sim/io/value_tables.hpp"
#include "sim/scenario/errors.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_accumulator.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/value.hpp"

namespace py = pybind11;

namespace ccsim::python {

namespace {

// Tables kept in memory, in the order they were first appended.
class MemorySink final : public TableSink {
 public:
  void append(const std::string& name, const h5::TableData& rows) override {
    auto it = tables_.find(name);
    if (it == tables_.end()) {
      order_.push_back(name);
      tables_.emplace(name, rows);
    } else {
      it->second.extend(rows);
    }
  }
  const std::vector<std::string>& order() const { return order_; }
  const h5::TableData& table(const std::string& name) const { return tables_.at(name); }

 private:
  std::vector<std::string> order_;
  std::map<std::string, h5::TableData> tables_;
};

// SIGINT/SIGTERM ask the run to stop while one lives (main thread only: Python runs its
// signal handlers there), and Python's own handlers come back afterwards.
class InterruptScope {
 public:
  explicit InterruptScope(bool main_thread) : active_(main_thread) {
    if (!active_) return;
    sigaction(SIGINT, nullptr, &old_int_);
    sigaction(SIGTERM, nullptr, &old_term_);
    set_interrupts_embedded(true);
    clear_interrupt();
    install_interrupt_handlers();
  }
  ~InterruptScope() {
    if (!active_) return;
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    clear_interrupt();
  }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  bool active_;
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

bool in_main_thread() {
  const auto threading = py::module_::import("threading");
  return threading.attr("current_thread")().is(threading.attr("main_thread")());
}

py::object column_array(const h5::ColumnData& data) {
  return std::visit(
      [](const auto& v) -> py::object {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if constexpr (std::is_same_v<T, std::string>) {
          py::list out(v.size());
          for (std::size_t i = 0; i < v.size(); ++i) out[i] = py::str(v[i]);
          return out;
        } else {
          return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
        }
      },
      data);
}

py::dict tables_dict(const MemorySink& sink) {
  py::dict out;
  for (const auto& name : sink.order()) {
    py::dict cols;  // insertion-ordered: the file's column order
    for (const auto& c : sink.table(name).columns) cols[py::str(c.name)] = column_array(c.data);
    out[py::str(name)] = cols;
  }
  return out;
}

struct RunOutput {
  Scenario scenario;
  std::optional<RunModel> model;
  MemorySink sink;
};

// What `ccsim run` does, with the tables kept in memory instead of a file.
void simulate(RunOutput& o, int threads, const std::vector<double>& thresholds) {
  Scenario& s = o.scenario;
  check_periods_fit(s, s.replications);
  o.model.emplace(compile(s, thresholds));
  const RunModel& model = *o.model;
  RunAccumulator acc(model);
  std::optional<ValueAccumulator> value;
  if (has_value_terms(s)) value.emplace(s, model);
  replicate_ordered(model, s.seed, s.replications, threads, nullptr, [&](int r, const ReplicationResult& rep) {
    acc.add(rep);
    write_replication_rows(o.sink, model, rep, r);
    if (value) {
      value->add(rep);
      write_period_rows(o.sink, value->completed());
    }
  });
  const RunSummary summary = acc.summary();
  write_summary_tables(o.sink, model, summary);
  if (value) write_value_table(o.sink, s, value->summary(staff_cost_per_day(summary)));
}

py::dict run(const std::string& text, const std::string& name, const std::vector<std::string>& overrides,
             std::optional<long long> replications, std::optional<long long> seed, std::optional<int> threads,
             const std::vector<double>& thresholds, const std::string& command_line) {
  RunOutput o;
  {
    std::vector<Override> ov;
    for (const auto& s : overrides) ov.push_back(parse_override(s));
    o.scenario = parse_scenario(text, name, ov);
  }
  Scenario& s = o.scenario;
  if (replications) {
    if (*replications < 1 || *replications > 10'000'000)
      throw InputError(SourceLoc{"replications", 0, 0},
                       "must be in [1, 10000000], got " + std::to_string(*replications));
    s.replications = static_cast<int>(*replications);
  }
  if (seed) {
    if (*seed < 0) throw InputError(SourceLoc{"seed", 0, 0}, "must be >= 0, got " + std::to_string(*seed));
    s.seed = static_cast<std::uint64_t>(*seed);
  }
  const int nthreads = threads.value_or(default_threads());
  if (nthreads < 1 || nthreads > 1024)
    throw InputError(SourceLoc{"threads", 0, 0}, "must be in [1, 1024], got " + std::to_string(nthreads));
  {
    const InterruptScope signals(in_main_thread());
    const py::gil_scoped_release unlocked;
    simulate(o, nthreads, thresholds);
    throw_if_interrupted();
  }

  py::dict meta;
  for (const auto& [key, value] : header_attributes(s, ResultsHeader{"run", command_line}))
    std::visit([&, &key = key](const auto& v) { meta[py::str(key)] = v; }, value);
  py::list queues, groups;
  for (const auto& q : s.queues) queues.append(q.name);
  for (const auto& g : s.groups) groups.append(g.name);
  py::dict out;
  out["meta"] = meta;
  out["queues"] = queues;
  out["groups"] = groups;
  out["thresholds"] = o.model->thresholds;
  out["scenario_toml"] = s.resolved_toml;
  out["tables"] = tables_dict(o.sink);
  return out;
}

// Standard output and error of the commands, captured (one command at a time).
std::mutex g_stream_mutex;

py::tuple command(const std::vector<std::string>& args, const std::string& scenario_name,
                  const std::string& scenario_text) {
  if (args.empty()) throw InputError(SourceLoc{"ccsim", 0, 0}, "no command given");
  using Fn = int (*)(const cli::Args&);
  static const std::map<std::string, Fn> commands = {
      {"run", cli::cmd_run},         {"check", cli::cmd_check}, {"erlang", cli::cmd_erlang}, {"staff", cli::cmd_staff},
      {"compare", cli::cmd_compare}, {"sweep", cli::cmd_sweep}, {"report", cli::cmd_report}};
  const auto it = commands.find(args[0]);
  if (it == commands.end()) throw InputError(SourceLoc{"ccsim", 0, 0}, "unknown command '" + args[0] + "'");
  std::optional<cli::ProvidedScenario> provided;
  if (!scenario_name.empty()) provided.emplace(scenario_name, scenario_text);
  std::ostringstream out, err;
  int rc = 0;
  {
    const InterruptScope signals(in_main_thread());
    const py::gil_scoped_release unlocked;
    const std::lock_guard lock(g_stream_mutex);
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    try {
      rc = it->second(args);
    } catch (...) {
      std::cout.rdbuf(old_out);
      std::cerr.rdbuf(old_err);
      throw;
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
  }
  return py::make_tuple(rc, out.str(), err.str());
}

}  // namespace

}  // namespace ccsim::python

PYBIND11_MODULE(_ccsim, m) {
  using namespace ccsim::python;
  m.doc() = "ccsim in-process: run(), command(); used through the ccsim Python package.";
  m.attr("__version__") = CCSIM_VERSION;

  // Leaked on purpose: a static Python object must not be destroyed after the interpreter.
  static auto* input_error = new py::exception<ccsim::InputError>(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ccsim::InputError& e) {
      py::object exc = py::reinterpret_borrow<py::object>(input_error->ptr());
      py::object value = exc(py::str(e.what()));
      value.attr("file") = e.where().file;
      value.attr("line") = e.where().line;
      value.attr("column") = e.where().column;
      value.attr("message") = e.message();
      PyErr_SetObject(input_error->ptr(), value.ptr());
    } catch (const ccsim::Interrupted&) {
      PyErr_SetString(PyExc_KeyboardInterrupt, "ccsim: interrupted; stopped before the results were complete");
    }
  });

  m.def("run", &run, py::arg("text"), py::arg("name"), py::arg("overrides"), py::arg("replications"), py::arg("seed"),
        py::arg("threads"), py::arg("thresholds"), py::arg("command_line"),
        "Simulates a scenario (TOML text, named `name` in messages); returns meta, queues, groups, "
        "thresholds, scenario_toml and tables {name: {column: array}} as a results file holds them.");
  m.def("command", &command, py::arg("args"), py::arg("scenario_name") = "", py::arg("scenario_text") = "",
        "Runs a ccsim command (args[0] = its name) in-process; returns (exit status, stdout, stderr). "
        "A scenario named `scenario_name` is read from `scenario_text` instead of a file.");
}
