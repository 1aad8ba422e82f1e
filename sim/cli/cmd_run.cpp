// ccsim run FILE: simulate a scenario and report per queue, per group and in total.
#include <iostream>
#include <optional>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/output_flags.hpp"
#include "sim/compile/compile.hpp"
#include "sim/engine/replicate.hpp"
#include "sim/io/results_tables.hpp"
#include "sim/io/value_tables.hpp"
#include "sim/report/run_json.hpp"
#include "sim/report/run_text.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/run_accumulator.hpp"
#include "sim/stats/run_summary.hpp"
#include "sim/stats/value.hpp"

namespace ccsim::cli {

int cmd_run(const Args& args) {
  po::options_description desc("Options of 'ccsim run'");
  desc.add_options()("help,h", "this text");
  add_shared_options(desc, kSimulationOptions | kThresholdOption);
  desc.add_options()("json", po::bool_switch(), "print one JSON object on stdout instead of the report");
  add_output_options(desc, OutputFlags{true, true});
  const auto vm = parse_with_file(args, desc);
  if (vm.count("help")) {
    print_help("ccsim run FILE [options]", desc,
               {"ccsim run scenarios/bank-80-20.toml    # per queue and interval, 95% CIs",
                "ccsim run scenarios/bank-80-20.toml -r 50 --set agents.universal.staffing=60",
                "ccsim run scenarios/bank-80-20.toml --json --out results.h5 --call-log"});
    return 0;
  }

  std::vector<double> thresholds;
  if (vm.count("threshold"))
    for (const auto& t : vm["threshold"].as<std::vector<std::string>>())
      thresholds.push_back(duration_flag("run", "threshold", t));

  Scenario s = load_scenario_flags("run", vm);
  if (vm.count("replications"))
    s.replications =
        static_cast<int>(int_flag("run", "replications", vm["replications"].as<std::string>(), 1, 10'000'000));
  if (vm.count("seed"))
    s.seed = static_cast<std::uint64_t>(int_flag("run", "seed", vm["seed"].as<std::string>(), 0, INT64_MAX));
  const int threads = vm.count("threads")
                          ? static_cast<int>(int_flag("run", "threads", vm["threads"].as<std::string>(), 1, 1024))
                          : default_threads();

  check_periods_fit(s, s.replications);

  // Outputs are opened before simulating, so an unwritable path fails at once.
  Outputs out = open_outputs("run", vm);
  const RunModel model = compile(s, thresholds);
  if (out.h5) out.h5->write_header(s, model, ResultsHeader{"run", shell_command_line(args)});
  // Replications are folded into the summary (and their rows written) as they finish, in
  // order: memory does not grow with replications.
  RunAccumulator acc(model);
  // Money and SLA periods, only when the scenario states them (outputs stay as they were).
  const bool valued = has_value_terms(s);
  std::optional<ValueAccumulator> value;
  if (valued) value.emplace(s, model);
  replicate_ordered(model, s.seed, s.replications, threads,
                    out.call_log ? &out.h5->start_call_log(model.callbacks()       ? 6
                                                           : model.closes_queues() ? 5
                                                                                   : 3)
                                 : nullptr,
                    [&](int r, const ReplicationResult& rep) {
                      acc.add(rep);
                      if (out.h5) write_replication_rows(*out.h5, model, rep, r);
                      if (value) {
                        value->add(rep);
                        if (out.h5) write_period_rows(*out.h5, value->completed());
                      }
                    });
  const RunSummary summary = acc.summary();
  if (out.h5) write_summary_tables(*out.h5, model, summary);
  std::optional<ValueSummary> vs;
  if (value) vs = value->summary(staff_cost_per_day(summary));
  if (vs && out.h5) write_value_table(*out.h5, s, *vs);

  if (vm["json"].as<bool>()) {
    write_run_json(std::cout, s, model, summary, vs ? &*vs : nullptr);
    std::cout << '\n';
  } else {
    write_text_report(std::cout, s, model, summary, vs ? &*vs : nullptr);
  }
  out.finish(s, summary);
  return 0;
}

}  // namespace ccsim::cli
