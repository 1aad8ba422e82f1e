#include "sim/cli/scenario_text.hpp"

#include <map>
#include <mutex>

namespace ccsim::cli {

namespace {
std::mutex g_mutex;
std::map<std::string, std::string>& texts() {
  static std::map<std::string, std::string> m;
  return m;
}
}  // namespace

ProvidedScenario::ProvidedScenario(std::string name, std::string text) : name_(std::move(name)) {
  const std::lock_guard lock(g_mutex);
  texts()[name_] = std::move(text);
}

ProvidedScenario::~ProvidedScenario() {
  const std::lock_guard lock(g_mutex);
  texts().erase(name_);
}

std::optional<std::string> provided_scenario_text(const std::string& name) {
  const std::lock_guard lock(g_mutex);
  const auto it = texts().find(name);
  if (it == texts().end()) return std::nullopt;
  return it->second;
}

}  // namespace ccsim::cli
