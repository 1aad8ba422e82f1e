#include "sim/html/goals.hpp"

#include <algorithm>

namespace ccsim::html {

std::vector<Target> QueueGoal::sl_targets() const {
  std::vector<Target> out;
  for (const auto& t : targets)
    if (t.kind == Target::Kind::service_level) out.push_back(t);
  return out;
}

std::vector<QueueGoal> scenario_goals(const std::vector<std::string>& queues, const std::string& toml,
                                      const std::string& path, std::string* problem) {
  std::vector<QueueGoal> goals(queues.size());
  for (std::size_t q = 0; q < queues.size(); ++q) goals[q].queue = queues[q];
  if (toml.empty()) {
    if (problem) *problem = "the file holds no scenario text";
    return goals;
  }
  try {
    const Scenario s = parse_scenario(toml, path.empty() ? "scenario_toml" : path);
    for (auto& g : goals) {
      auto it = std::find_if(s.queues.begin(), s.queues.end(), [&](const QueueSpec& qs) { return qs.name == g.queue; });
      if (it == s.queues.end()) continue;
      g.basis = it->sl_basis;
      g.estimator = it->sl_estimator;
      g.targets = it->targets;
    }
  } catch (const std::exception& e) {
    if (problem) *problem = e.what();
  }
  return goals;
}

void set_targets(QueueGoal& goal, const std::vector<std::string>& texts) {
  goal.targets.clear();
  for (const auto& t : texts)
    if (auto parsed = parse_target(t)) goal.targets.push_back(*parsed);
}

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= s.size()) {
    const std::size_t e = std::min(s.find(sep, b), s.size());
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

}  // namespace

std::vector<QueueGoal> with_row_targets(std::vector<QueueGoal> goals, const std::string& row) {
  // QUEUE=TARGETS pairs when every comma-separated part starts with a queue name and '='.
  bool pairs = !row.empty();
  for (const auto& part : split(row, ',')) {
    const std::size_t eq = part.find('=');
    const std::string name = eq == std::string::npos ? "" : part.substr(0, eq);
    if (std::none_of(goals.begin(), goals.end(), [&](const QueueGoal& g) { return g.queue == name; })) pairs = false;
  }
  if (pairs) {
    for (const auto& part : split(row, ',')) {
      const std::size_t eq = part.find('=');
      for (auto& g : goals)
        if (g.queue == part.substr(0, eq)) set_targets(g, split(part.substr(eq + 1), '+'));
    }
  } else {
    for (auto& g : goals) set_targets(g, split(row, '+'));
  }
  return goals;
}

std::string targets_text(const QueueGoal& goal) {
  std::string s;
  for (const auto& t : goal.targets) s += (s.empty() ? "" : ", ") + t.text;
  return s.empty() ? "no target" : s;
}

}  // namespace ccsim::html
