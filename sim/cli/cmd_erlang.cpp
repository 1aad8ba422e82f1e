// ccsim erlang: exact Erlang C (no patience) or Erlang A values for one stationary queue;
// the fewest agents for targets (--target, --max-occupancy), Erlang B lines (--lines,
// --blocking), and the headcount to schedule for a shrinkage (--shrinkage).
#include <cmath>
#include <iostream>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "models/erlang.hpp"
#include "models/units.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/staff_flags.hpp"
#include "sim/report/format_number.hpp"
#include "sim/staffing/erlang_solve.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim::cli {

namespace {

using json = nlohmann::ordered_json;

const char* kCmd = "erlang";

// "85%" for 0.85.
std::string pct(double fraction) { return fmt::format("{:g}%", 100 * fraction); }

json number_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// A percentage flag in [0%, 100%], without 0% unless zero_ok and without 100% unless hundred_ok.
double percent_flag(const std::string& flag, const std::string& value, bool zero_ok, bool hundred_ok) {
  std::string why;
  const auto p = models::parse_percent(value, &why);
  if (!p) flag_error(kCmd, "--" + flag + ": " + why);
  if ((*p == 0 && !zero_ok) || (*p >= 1 && !hundred_ok)) {
    flag_error(kCmd, fmt::format("--{}: {} is outside {}0%, 100%{}", flag, value, zero_ok ? "[" : "(",
                                 hundred_ok ? "]" : ")"));
  }
  return *p;
}

// Scheduled agents for `on_duty`, refusing a shrinkage so near 100% the count overflows.
long long headcount(int on_duty, double shrinkage, const std::string& text) {
  if (on_duty / (1 - shrinkage) > 1e15)
    flag_error(kCmd, "--shrinkage: " + text + " leaves too few agents on duty to schedule for");
  return shrinkage_headcount(on_duty, shrinkage);
}

std::string target_label(const Target& t, SlBasis basis) {
  switch (t.kind) {
    case Target::Kind::service_level:
      return fmt::format("{} (SL within {}, {})", t.text, models::format_duration(t.threshold), sl_basis_name(basis));
    case Target::Kind::asa:
      return t.text + " (ASA)";
    case Target::Kind::abandon:
      return t.text + " (abandon rate)";
  }
  return t.text;
}

// A table line without the padding of its last column.
void print_line(std::string line) {
  line.erase(line.find_last_not_of(' ') + 1);
  std::cout << "  " << line << '\n';
}

// The figure of a target or the occupancy with its verdict: "80.513423 % met".
std::string cell(double v, bool percent, std::optional<bool> met) {
  std::string s = std::isfinite(v) ? fmt::format("{:.6f} {}", percent ? 100 * v : v, percent ? "%" : "s") : "-";
  if (met) s += *met ? " met" : " missed";
  return s;
}

// The keys a check at one n adds: each target's figure and verdict, the occupancy cap's.
void add_check_json(json& o, const ErlangGoal& g, const ErlangCheck& c) {
  json figs = json::array();
  for (std::size_t i = 0; i < g.targets.size(); ++i)
    figs.push_back(
        {{"target", g.targets[i].text}, {"figure", number_or_null(c.targets[i].figure)}, {"met", c.targets[i].met}});
  o["target_figures"] = figs;
  if (g.max_occupancy) o["occupancy_met"] = c.occupancy_met;
  o["meets_targets"] = c.met;
}

json row_json(const ErlangGoal& g, const ErlangCheck& c) {
  json r;
  r["agents"] = c.agents;
  r["stable"] = c.stable;
  r["occupancy"] = number_or_null(c.occupancy);
  add_check_json(r, g, c);
  return r;
}

void add_goal_json(json& o, const ErlangGoal& g) {
  o["sl_basis"] = sl_basis_name(g.basis);
  json t = json::array();
  for (const Target& x : g.targets) t.push_back(x.text);
  o["targets"] = t;
  if (g.max_occupancy) o["max_occupancy"] = *g.max_occupancy;
}

// " (SL on the offered basis)" when a target is on SL.
std::string basis_words(const ErlangGoal& g) {
  for (const Target& t : g.targets)
    if (t.kind == Target::Kind::service_level) return fmt::format(" (SL on the {} basis)", sl_basis_name(g.basis));
  return "";
}

std::string goal_words(const ErlangGoal& g) {
  std::string s;
  for (const Target& t : g.targets) s += (s.empty() ? "" : " + ") + t.text;
  if (g.max_occupancy) s += (s.empty() ? "" : ", ") + ("occupancy at most " + pct(*g.max_occupancy));
  return s;
}

// Rows of the n-1 / n table (or one column for a check).
void print_table(const ErlangGoal& g, const std::vector<ErlangCheck>& cols) {
  constexpr std::size_t kLabel = 36, kCol = 24;
  std::string head = pad_right("", kLabel);
  for (const ErlangCheck& c : cols)
    head += pad_right(fmt::format("{} agent{}", c.agents, c.agents == 1 ? "" : "s"), kCol);
  print_line(head);
  for (std::size_t i = 0; i < g.targets.size(); ++i) {
    std::string line = pad_right(target_label(g.targets[i], g.basis), kLabel);
    const bool percent = g.targets[i].kind != Target::Kind::asa;
    for (const ErlangCheck& c : cols) line += pad_right(cell(c.targets[i].figure, percent, c.targets[i].met), kCol);
    print_line(line);
  }
  std::string occ =
      pad_right(g.max_occupancy ? "occupancy (at most " + pct(*g.max_occupancy) + ")" : "occupancy", kLabel);
  for (const ErlangCheck& c : cols)
    occ +=
        pad_right(cell(c.occupancy, true, g.max_occupancy ? std::optional<bool>(c.occupancy_met) : std::nullopt), kCol);
  print_line(occ);
}

int erlang_b_mode(const po::variables_map& vm, double lambda, double aht, bool json_out) {
  for (const char* f :
       {"patience", "agents", "target", "max-occupancy", "basis", "threshold", "short-abandon", "shrinkage"}) {
    if (vm.count(f))
      flag_error(kCmd, std::string("--") + f +
                           " does not apply to Erlang B (--lines, --blocking): a blocked call is lost, none waits");
  }
  const double load = lambda * aht;
  std::optional<double> cap;
  if (vm.count("blocking")) cap = percent_flag("blocking", vm["blocking"].as<std::string>(), false, false);
  std::vector<LinesCheck> rows;
  const bool solve = !vm.count("lines");
  if (solve) {
    const auto n = solve_lines(load, *cap);
    if (!n)
      flag_error(kCmd,
                 fmt::format("--blocking: no number of lines up to {} keeps blocking at most {} at {:.6g} erlangs",
                             kErlangSolveCap, pct(*cap), load));
    if (*n > 1) rows.push_back(check_lines(load, *n - 1, cap));
    rows.push_back(check_lines(load, *n, cap));
  } else {
    rows.push_back(check_lines(
        load, static_cast<int>(int_flag(kCmd, "lines", vm["lines"].as<std::string>(), 1, kErlangSolveCap)), cap));
  }
  const LinesCheck& at = rows.back();
  if (json_out) {
    json o;
    o["model"] = "erlang_b";
    o["offered_load"] = load;
    o["lines"] = at.lines;
    o["blocking"] = at.blocking;
    o["carried_load"] = at.carried_load;
    if (cap) {
      o["max_blocking"] = *cap;
      o["meets_blocking"] = at.met;
    }
    if (solve) {
      o["solved_for"] = "lines";
      json t = json::array();
      for (const LinesCheck& r : rows)
        t.push_back({{"lines", r.lines},
                     {"blocking", r.blocking},
                     {"carried_load", r.carried_load},
                     {"meets_blocking", r.met}});
      o["table"] = t;
    }
    std::cout << o.dump(2) << '\n';
    return 0;
  }
  const std::string head = fmt::format(
      "Erlang B (M/M/N/N, blocked calls are lost): offered load {:.4f} erlangs "
      "({:.6g} calls/s x {})",
      load, lambda, models::format_duration(aht));
  if (solve) {
    std::cout << head << '\n' << fmt::format("Fewest lines with blocking at most {}: {}\n\n", pct(*cap), at.lines);
    constexpr std::size_t kLabel = 36, kCol = 24;
    std::string h = pad_right("", kLabel), b = pad_right("blocking probability", kLabel),
                c = pad_right("carried load", kLabel);
    for (const LinesCheck& r : rows) {
      h += pad_right(fmt::format("{} line{}", r.lines, r.lines == 1 ? "" : "s"), kCol);
      b += pad_right(cell(r.blocking, true, r.met), kCol);
      c += pad_right(fmt::format("{:.6f} erlangs", r.carried_load), kCol);
    }
    for (const std::string& l : {h, b, c}) print_line(l);
    return 0;
  }
  std::cout << fmt::format(
      "Erlang B (M/M/N/N, blocked calls are lost): {} lines, offered load {:.4f} erlangs "
      "({:.6g} calls/s x {})\n",
      at.lines, load, lambda, models::format_duration(aht));
  const std::string label = cap ? "blocking probability (at most " + pct(*cap) + ")" : "blocking probability";
  std::cout << fmt::format("  {} {}\n", pad_right(label, 34),
                           cell(at.blocking, true, cap ? std::optional<bool>(at.met) : std::nullopt));
  std::cout << fmt::format("  {} {:.6f} erlangs\n", pad_right("carried load", 34), at.carried_load);
  return 0;
}

}  // namespace

int cmd_erlang(const Args& args) {
  po::options_description desc("Options of 'ccsim erlang'");
  desc.add_options()("help,h", "this text")("rate", po::value<std::string>()->value_name("R"),
                                            "arrival rate with unit, e.g. 3600/h, 1/s, 60/min")(
      "aht", po::value<std::string>()->value_name("D"), "mean handle time (exponential), e.g. 240s or 4m")(
      "agents", po::value<std::string>()->value_name("N"), "number of agents")(
      "patience", po::value<std::string>()->value_name("D"),
      "mean patience (exponential); omit for Erlang C (nobody abandons)")(
      "threshold", po::value<std::vector<std::string>>()->composing()->value_name("D"),
      "SL threshold (repeatable; default the SL targets' thresholds, else 20s)")(
      "short-abandon", po::value<std::string>()->value_name("D"),
      "short-abandon threshold for the refined abandon rate (default 0s)")(
      "target", po::value<std::vector<std::string>>()->composing()->value_name("T"),
      "target to meet (repeatable, or joined by '+'): 80/20, asa<=30s, abandon<=5%; without --agents, solve for "
      "the fewest agents")("basis", po::value<std::string>()->value_name("B"),
                           "SL basis of the targets: offered (default), answered, refined or abandoned_met")(
      "max-occupancy", po::value<std::string>()->value_name("P"), "occupancy cap for the solve or the check, e.g. 85%")(
      "shrinkage", po::value<std::string>()->value_name("P"),
      "also print the headcount to schedule: agents / (1 - shrinkage), e.g. 30%")(
      "lines", po::value<std::string>()->value_name("N"), "Erlang B: blocking with this many lines (no queue)")(
      "blocking", po::value<std::string>()->value_name("P"),
      "Erlang B: blocking cap, e.g. 1%; without --lines, solve for the lines")("json", po::bool_switch(),
                                                                               "print one JSON object");
  const auto vm = parse_command(args, desc, po::positional_options_description());
  if (vm.count("help")) {
    print_help(
        "ccsim erlang --rate R --aht D (--agents N | --target T... |\n"
        "                    --max-occupancy P) [--patience D] [--threshold D]...\n"
        "                    [--basis B] [--shrinkage P] [--json]\n"
        "       ccsim erlang --rate R --aht D (--lines N | --blocking P) [--json]",
        desc,
        {"ccsim erlang --rate 3600/h --aht 4m --agents 245 --patience 3m  # Erlang A",
         "ccsim erlang --rate 3600/h --aht 4m --target 80/20 --shrinkage 30%",
         "ccsim erlang --rate 100/h --aht 3m --blocking 1%    # Erlang B: lines needed"},
        "failure (a failed write)");
    return 0;
  }
  for (const char* req : {"rate", "aht"})
    if (!vm.count(req)) flag_error(kCmd, std::string("missing --") + req + "; see 'ccsim erlang --help'");
  std::string why;
  const auto rate = models::parse_rate(vm["rate"].as<std::string>(), &why);
  if (!rate) flag_error(kCmd, "--rate: " + why);
  models::ErlangModel m;
  m.lambda = *rate;
  m.aht = duration_flag(kCmd, "aht", vm["aht"].as<std::string>());
  if (m.aht <= 0) flag_error(kCmd, "--aht: must be greater than 0");
  const bool json_out = vm["json"].as<bool>();
  if (vm.count("lines") || vm.count("blocking")) return erlang_b_mode(vm, m.lambda, m.aht, json_out);

  const bool solve = !vm.count("agents");
  if (solve && !vm.count("target") && !vm.count("max-occupancy")) {
    flag_error(kCmd,
               "missing --agents (or --target or --max-occupancy to solve for agents, --lines or --blocking for "
               "Erlang B); see 'ccsim erlang --help'");
  }
  if (!solve) m.agents = static_cast<int>(int_flag(kCmd, "agents", vm["agents"].as<std::string>(), 1, 100000));
  if (vm.count("patience")) {
    m.patience = duration_flag(kCmd, "patience", vm["patience"].as<std::string>());
    if (m.patience <= 0) flag_error(kCmd, "--patience: must be greater than 0");
  }
  ErlangGoal goal;
  goal.lambda = m.lambda;
  goal.aht = m.aht;
  goal.patience = m.patience;
  if (vm.count("target"))
    for (const auto& t : vm["target"].as<std::vector<std::string>>())
      for (Target& x : target_set_flag(kCmd, "target", t)) goal.targets.push_back(std::move(x));
  if (vm.count("basis")) {
    const std::string b = vm["basis"].as<std::string>();
    bool known = false;
    for (const SlBasis s : {SlBasis::offered, SlBasis::answered, SlBasis::refined, SlBasis::abandoned_met}) {
      if (b == sl_basis_name(s)) {
        goal.basis = s;
        known = true;
      }
    }
    if (!known) flag_error(kCmd, "--basis: unknown basis '" + b + "'; use offered, answered, refined or abandoned_met");
  }
  if (vm.count("max-occupancy"))
    goal.max_occupancy = percent_flag("max-occupancy", vm["max-occupancy"].as<std::string>(), false, true);
  std::optional<double> shrinkage;
  if (vm.count("shrinkage")) shrinkage = percent_flag("shrinkage", vm["shrinkage"].as<std::string>(), true, false);
  const bool checking = !goal.targets.empty() || goal.max_occupancy;

  std::vector<double> th;
  if (vm.count("threshold"))
    for (const auto& t : vm["threshold"].as<std::vector<std::string>>())
      th.push_back(duration_flag(kCmd, "threshold", t));
  if (th.empty())
    for (const Target& t : goal.targets)
      if (t.kind == Target::Kind::service_level && threshold_index(th, t.threshold) < 0) th.push_back(t.threshold);
  if (th.empty()) th.push_back(20);
  const double short_ab =
      vm.count("short-abandon") ? duration_flag(kCmd, "short-abandon", vm["short-abandon"].as<std::string>()) : 0.0;

  const double load = m.lambda * m.aht;
  const bool erlang_a = std::isfinite(m.patience);
  std::vector<ErlangCheck> table;  // solve: n - 1 (when >= 1) and n; check: n
  ErlangBinding binding;
  if (solve) {
    const std::string never = erlang_unattainable(goal);
    if (!never.empty()) flag_error(kCmd, "--target: " + never);
    const auto n = solve_agents(goal);
    if (!n) {
      flag_error(kCmd, fmt::format("no number of agents up to {} meets {} at {:.6g} erlangs{}", kErlangSolveCap,
                                   goal_words(goal), load, erlang_a ? "" : " (Erlang C: nobody abandons)"));
    }
    m.agents = *n;
    if (*n > 1) table.push_back(check_agents(goal, *n - 1));
    binding = erlang_binding(goal, *n);
  }
  const models::Erlang e(m);
  if (!e.stable()) {
    flag_error(kCmd, fmt::format("offered load {:.6g} erlangs needs more than {} agents without abandonment "
                                 "(Erlang C is unstable); add --patience or agents",
                                 load, m.agents));
  }
  if (checking) table.push_back(check_agents(goal, m.agents));
  const long long scheduled = shrinkage ? headcount(m.agents, *shrinkage, vm["shrinkage"].as<std::string>()) : 0;
  std::vector<std::string> bound_by;
  for (std::size_t i : binding.targets) bound_by.push_back(goal.targets[i].text);
  if (binding.occupancy) bound_by.push_back("max_occupancy");
  if (binding.stability) bound_by.push_back("stability");

  if (json_out) {
    json o;
    o["model"] = erlang_a ? "erlang_a" : "erlang_c";
    o["offered_load"] = load;
    o["agents"] = m.agents;
    o["p_wait"] = e.p_wait();
    json sl = json::object();
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
    // New keys only after the ones scripts know.
    if (checking) {
      add_goal_json(o, goal);
      add_check_json(o, goal, table.back());
    }
    if (solve) {
      o["solved_for"] = "agents";
      o["bound_by"] = bound_by;
      json t = json::array();
      for (const ErlangCheck& c : table) t.push_back(row_json(goal, c));
      o["table"] = t;
    }
    if (shrinkage) {
      o["shrinkage"] = *shrinkage;
      o["scheduled_agents"] = scheduled;
    }
    std::cout << o.dump(2) << '\n';
    return 0;
  }
  if (solve) {
    std::string bound;
    for (std::size_t i : binding.targets) bound += (bound.empty() ? "" : ", ") + goal.targets[i].text;
    if (binding.occupancy) bound += (bound.empty() ? "" : ", ") + ("occupancy at most " + pct(*goal.max_occupancy));
    if (binding.stability)
      bound = fmt::format("stability ({} agents cannot carry {:.4f} erlangs without abandonment)", m.agents - 1, load);
    if (bound.empty()) bound = "nothing (one agent is the least)";
    std::cout << fmt::format("Fewest agents for {}{}: {}\n", goal_words(goal), basis_words(goal), m.agents)
              << "Bound by: " << bound << "\n\n";
    print_table(goal, table);
    std::cout << '\n';
  }
  std::cout << fmt::format("{}: {} agents, offered load {:.4f} erlangs ({:.6g} calls/s x {}){}\n",
                           erlang_a ? "Erlang A (M/M/n+M)" : "Erlang C (M/M/n)", m.agents, load, m.lambda,
                           models::format_duration(m.aht),
                           erlang_a ? ", mean patience " + models::format_duration(m.patience) : std::string());
  auto row = [&](const std::string& l, double v, bool percent) {
    std::cout << fmt::format("  {} {:.6f}{}\n", pad_right(l, 34), percent ? 100 * v : v, percent ? " %" : " s");
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
  if (checking && !solve) {
    const ErlangCheck& c = table.back();
    std::cout << fmt::format("Targets at {} agents{}: {}\n", m.agents, basis_words(goal),
                             c.met ? "all met" : "not all met");
    print_table(goal, table);
  }
  if (shrinkage) {
    std::cout << fmt::format("Scheduled headcount at {} shrinkage: {} ({} / (1 - {}), rounded up)\n", pct(*shrinkage),
                             scheduled, m.agents, pct(*shrinkage));
  }
  return 0;
}

}  // namespace ccsim::cli
