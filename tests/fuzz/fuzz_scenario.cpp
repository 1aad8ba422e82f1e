// libFuzzer target: the bytes are a scenario file. Parse and validate it
// (parse_scenario), compile it to a RunModel, and simulate a capped replication of it
// (fuzz_common.hpp) with its summary and reports.
//
// The one exception users are meant to see for bad input is ccsim::InputError (exit 2,
// `FILE:LINE:COLUMN: error: WHAT`); it is caught. Anything else is a finding: a crash, an
// ASan/UBSan report, a leak, another exception escaping (libFuzzer reports it as a
// deadly signal from std::terminate), or a timeout.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "sim/compile/compile.hpp"
#include "sim/scenario/errors.hpp"
#include "sim/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Inputs that could name a file outside the fixture folder are not run (not a finding).
  if (!ccsim::fuzz::scenario_text_safe(text)) return -1;  // -1: keep it out of the corpus
  try {
    const ccsim::Scenario s = ccsim::parse_scenario(text, ccsim::fuzz::scenario_path());
    const ccsim::RunModel model = ccsim::compile(s);
    ccsim::fuzz::run_capped(s, model, 2);
  } catch (const ccsim::InputError&) {
    // Expected for bad input.
  }
  return 0;
}
