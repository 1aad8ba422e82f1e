#include "sim/cli/staff_flags.hpp"

#include <cstdint>

#include "sim/engine/replicate.hpp"

namespace ccsim::cli {

void add_staff_options(po::options_description& desc) {
  desc.add_options()("scope", po::value<std::string>()->value_name("interval|day"),
                     "interval (default): every interval meets the targets; day: the day's figures do")(
      "confidence", po::value<std::string>()->value_name("P"),
      "judge a target on its one-sided confidence bound at this level, e.g. 0.95 (default: on the mean)")(
      "max-agents", po::value<std::string>()->value_name("N"),
      "most agents per group and interval the search may use (default: 4 x Erlang C + 20)")(
      "max-simulations", po::value<std::string>()->value_name("N"),
      "most simulations of the day the search may run (default 2000)")(
      "max-replications", po::value<std::string>()->value_name("N"),
      "replications a verdict too close to call may grow to, doubling on the same streams (default 3200; "
      "at or below the scenario's replications: no refinement)");
  add_shared_options(desc);
}

StaffOptions read_staff_options(const std::string& command, const po::variables_map& vm, Scenario& s) {
  StaffOptions o;
  if (vm.count("scope")) {
    const std::string v = vm["scope"].as<std::string>();
    if (v == "interval")
      o.scope = StaffScope::interval;
    else if (v == "day")
      o.scope = StaffScope::day;
    else
      flag_error(command, "--scope: expected 'interval' or 'day', got '" + v + "'");
  }
  if (vm.count("confidence")) {
    const std::string v = vm["confidence"].as<std::string>();
    std::size_t used = 0;
    double p = -1;
    try {
      p = std::stod(v, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != v.size() || !(p > 0.5 && p < 1))
      flag_error(command, "--confidence: expected a level between 0.5 and 1 like 0.95, got '" + v + "'");
    o.confidence = p;
  }
  if (vm.count("max-agents"))
    o.max_agents = static_cast<int>(int_flag(command, "max-agents", vm["max-agents"].as<std::string>(), 1, 1'000'000));
  if (vm.count("max-simulations"))
    o.max_evaluations =
        static_cast<int>(int_flag(command, "max-simulations", vm["max-simulations"].as<std::string>(), 1, 1'000'000));
  if (vm.count("max-replications"))
    o.max_replications = static_cast<int>(
        int_flag(command, "max-replications", vm["max-replications"].as<std::string>(), 1, 10'000'000));
  if (vm.count("replications"))
    s.replications =
        static_cast<int>(int_flag(command, "replications", vm["replications"].as<std::string>(), 2, 10'000'000));
  if (vm.count("seed"))
    s.seed = static_cast<std::uint64_t>(int_flag(command, "seed", vm["seed"].as<std::string>(), 0, INT64_MAX));
  o.threads = vm.count("threads")
                  ? static_cast<int>(int_flag(command, "threads", vm["threads"].as<std::string>(), 1, 1024))
                  : default_threads();
  return o;
}

std::vector<Target> target_set_flag(const std::string& command, const std::string& flag, const std::string& text) {
  std::vector<Target> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t plus = text.find('+', from);
    const std::string part = text.substr(from, plus == std::string::npos ? std::string::npos : plus - from);
    std::string why;
    auto t = parse_target(part, &why);
    if (!t) flag_error(command, "--" + flag + " '" + text + "': " + why);
    t->where = SourceLoc{"ccsim " + command, 0, 0};
    out.push_back(*t);
    if (plus == std::string::npos) break;
    from = plus + 1;
  }
  return out;
}

void set_all_targets(Scenario& s, const std::vector<Target>& targets) {
  for (QueueSpec& q : s.queues) q.targets = targets;
}

}  // namespace ccsim::cli
