// Prints the metric registry, one metric a line, tab-separated:
//   kind name json label unit outputs day_only formula needs
// kind is "call" or "group"; outputs a comma list of json, csv, h5_summary, text. The
// Python package's column lists are checked against it (analysis/tests/test_metric_registry.py).
#include <iostream>
#include <string>

#include "sim/stats/metric_registry.hpp"

namespace {

const char* unit_name(ccsim::MetricUnit u) {
  switch (u) {
    case ccsim::MetricUnit::count:
      return "count";
    case ccsim::MetricUnit::fraction:
      return "fraction";
    case ccsim::MetricUnit::seconds:
      return "seconds";
    case ccsim::MetricUnit::hours:
      return "hours";
    case ccsim::MetricUnit::money:
      return "money";
  }
  return "?";
}

std::string outputs(unsigned o) {
  std::string s;
  for (const auto& [bit, name] : {std::pair{ccsim::kOutJson, "json"}, std::pair{ccsim::kOutCsv, "csv"},
                                  std::pair{ccsim::kOutH5Summary, "h5_summary"}, std::pair{ccsim::kOutText, "text"}})
    if (o & bit) s += s.empty() ? name : std::string(",") + name;
  return s;
}

const char* needs(unsigned n) {
  if (n & ccsim::kFeatureBalk) return "balk";
  if (n & ccsim::kFeatureClose) return "close";
  if (n & ccsim::kFeatureTransfer) return "transfer";
  if (n & ccsim::kFeatureCallback) return "callback";
  return "";
}

}  // namespace

int main() {
  for (const ccsim::CallMetricDef& d : ccsim::call_metric_registry())
    std::cout << "call\t" << d.name << '\t' << d.json << '\t' << d.label << '\t' << unit_name(d.unit) << '\t'
              << outputs(d.outputs) << '\t' << (d.day_only ? 1 : 0) << '\t' << d.formula << '\t' << needs(d.needs)
              << '\n';
  for (const ccsim::GroupMetricDef& d : ccsim::group_metric_registry())
    std::cout << "group\t" << d.name << '\t' << d.name << '\t' << d.label << '\t' << unit_name(d.unit) << '\t'
              << outputs(d.outputs) << "\t1\t" << d.formula << "\t\n";
}
