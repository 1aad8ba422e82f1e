#pragma once
// Scenarios handed over as text under a name, read instead of a file of that name: how the
// Python module (sim/python) runs a command on a scenario given as TOML text or a dict
// without writing a file. Thread-safe; the command line never provides any.
#include <optional>
#include <string>

namespace ccsim::cli {

// Registers `text` under `name` for as long as the returned guard lives.
class ProvidedScenario {
 public:
  ProvidedScenario(std::string name, std::string text);
  ~ProvidedScenario();
  ProvidedScenario(const ProvidedScenario&) = delete;
  ProvidedScenario& operator=(const ProvidedScenario&) = delete;

 private:
  std::string name_;
};

// The text registered under `name`, if any.
std::optional<std::string> provided_scenario_text(const std::string& name);

}  // namespace ccsim::cli
