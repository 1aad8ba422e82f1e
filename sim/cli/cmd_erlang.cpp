// ccsim erlang: exact Erlang C (no patience) or Erlang A values for one stationary queue.
#include <cmath>
#include <iostream>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "models/erlang.hpp"
#include "models/units.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/report/format_number.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim::cli {

int cmd_erlang(const Args& args) {
  po::options_description desc("Options of 'ccsim erlang'");
  desc.add_options()("help,h", "this text")("rate", po::value<std::string>(),
                                            "arrival rate with unit, e.g. 3600/h, 1/s, 60/min")(
      "aht", po::value<std::string>(), "mean handle time (exponential), e.g. 240s or 4m")(
      "agents", po::value<std::string>(), "number of agents")(
      "patience", po::value<std::string>(), "mean patience (exponential); omit for Erlang C (nobody abandons)")(
      "threshold", po::value<std::vector<std::string>>()->composing(), "SL threshold (repeatable; default 20s)")(
      "short-abandon", po::value<std::string>(), "short-abandon threshold for the refined abandon rate (default 0s)")(
      "json", po::bool_switch(), "print one JSON object");
  const auto vm = parse_command(args, desc, po::positional_options_description());
  if (vm.count("help")) {
    print_help("ccsim erlang --rate R --aht D --agents N [--patience D] [--threshold D]... [--json]", desc);
    return 0;
  }
  for (const char* req : {"rate", "aht", "agents"})
    if (!vm.count(req)) flag_error("erlang", std::string("missing --") + req + "; see 'ccsim erlang --help'");
  std::string why;
  const auto rate = models::parse_rate(vm["rate"].as<std::string>(), &why);
  if (!rate) flag_error("erlang", "--rate: " + why);
  models::ErlangModel m;
  m.lambda = *rate;
  m.aht = duration_flag("erlang", "aht", vm["aht"].as<std::string>());
  if (m.aht <= 0) flag_error("erlang", "--aht: must be greater than 0");
  m.agents = static_cast<int>(int_flag("erlang", "agents", vm["agents"].as<std::string>(), 1, 100000));
  if (vm.count("patience")) {
    m.patience = duration_flag("erlang", "patience", vm["patience"].as<std::string>());
    if (m.patience <= 0) flag_error("erlang", "--patience: must be greater than 0");
  }
  std::vector<double> th;
  if (vm.count("threshold"))
    for (const auto& t : vm["threshold"].as<std::vector<std::string>>())
      th.push_back(duration_flag("erlang", "threshold", t));
  if (th.empty()) th.push_back(20);
  const double short_ab =
      vm.count("short-abandon") ? duration_flag("erlang", "short-abandon", vm["short-abandon"].as<std::string>()) : 0.0;

  const models::Erlang e(m);
  const double load = m.lambda * m.aht;
  const bool erlang_a = std::isfinite(m.patience);
  if (!e.stable()) {
    flag_error("erlang", fmt::format("offered load {:.6g} erlangs needs more than {} agents without abandonment "
                                     "(Erlang C is unstable); add --patience or agents",
                                     load, m.agents));
  }
  if (vm["json"].as<bool>()) {
    nlohmann::ordered_json o;
    o["model"] = erlang_a ? "erlang_a" : "erlang_c";
    o["offered_load"] = load;
    o["agents"] = m.agents;
    o["p_wait"] = e.p_wait();
    nlohmann::ordered_json sl = nlohmann::ordered_json::object();
    for (double t : th)
      sl[threshold_key(t)] = {
          {"offered", e.sl_offered(t)}, {"answered", e.sl_answered(t)}, {"refined", e.sl_refined(t)}};
    o["service_level"] = sl;
    o["asa"] = e.asa();
    o["abandon_rate"] = e.p_abandon();
    o["abandon_rate_refined"] = e.abandon_rate_refined(short_ab);
    o["mean_wait_all"] = e.mean_wait_all();
    o["wait_p90"] = e.wait_quantile_answered(0.9);
    o["occupancy"] = e.occupancy();
    std::cout << o.dump(2) << '\n';
    return 0;
  }
  std::cout << fmt::format("{}: {} agents, offered load {:.4f} erlangs ({:.6g} calls/s x {}){}\n",
                           erlang_a ? "Erlang A (M/M/n+M)" : "Erlang C (M/M/n)", m.agents, load, m.lambda,
                           models::format_duration(m.aht),
                           erlang_a ? ", mean patience " + models::format_duration(m.patience) : std::string());
  auto row = [&](const std::string& l, double v, bool pct) {
    std::cout << fmt::format("  {} {:.6f}{}\n", pad_right(l, 34), pct ? 100 * v : v, pct ? " %" : " s");
  };
  row("probability of waiting", e.p_wait(), true);
  for (double t : th) {
    const std::string ts = models::format_duration(t);
    row("SL within " + ts + " (offered)", e.sl_offered(t), true);
    row("SL within " + ts + " (answered)", e.sl_answered(t), true);
    row("SL within " + ts + " (refined)", e.sl_refined(t), true);
  }
  row("ASA (answered calls)", e.asa(), false);
  row("abandon rate", e.p_abandon(), true);
  row("refined abandon rate (short < " + models::format_duration(short_ab) + ")", e.abandon_rate_refined(short_ab),
      true);
  row("mean wait, all calls", e.mean_wait_all(), false);
  row("90th percentile wait (answered)", e.wait_quantile_answered(0.9), false);
  row("occupancy", e.occupancy(), true);
  return 0;
}

}  // namespace ccsim::cli
