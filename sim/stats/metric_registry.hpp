#pragma once
// The one list of the metrics `ccsim run` reports (docs/metrics.md, "Adding a metric").
// Each entry says what the metric is called in every output, its unit, how it is computed
// and which summary field holds it, and which outputs carry it. The JSON, CSV, HDF5
// /summary and /group_summary writers and the text report's queue block list their metrics
// from here, in registry order (the text report in `text_rank` order), so adding a metric
// is one entry here plus its formula in metrics.cpp.
//
// Names may hold "{T}": one metric per measured SL threshold, "{T}" being the threshold's
// key (threshold_key: "20", "7.5") in names and JSON paths, and its duration ("20s") in
// labels. Consecutive per-threshold entries form one block, listed threshold by threshold.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/stats/run_summary.hpp"

namespace ccsim {

enum class MetricUnit { count, fraction, seconds, hours, money };

// The outputs that carry a metric (bit flags).
enum MetricOutput : unsigned {
  kOutJson = 1u << 0,       // ccsim run --json (a queue, the total, their intervals)
  kOutCsv = 1u << 1,        // --csv and --csv-intervals
  kOutH5Summary = 1u << 2,  // HDF5 /summary (calls) or /group_summary (groups)
  kOutText = 1u << 3,       // the text report
};

// When the text report shows a call metric: always, or for a queue with retrials
// (the total: when there were redials), or with a capacity (the total: when calls were blocked).
// Balking and the close of day likewise: a queue with `balk`, with at_close "disconnect" or
// "message" (the total: when it happened).
enum class TextWhen { always, retrial, capacity, balk, disconnect, message, transfer_out, transfer_in, callback };

struct CallMetricDef {
  std::string_view name;   // CSV metric, /summary metric, --csv-intervals column
  std::string_view json;   // path in a queue's JSON object, keys separated by '.'
  std::string_view label;  // text report label
  MetricUnit unit;
  std::string_view formula;                                 // in the counters' names (docs/metrics.md §2)
  Stat CallSummary::*stat = nullptr;                        // one value, or
  std::vector<Stat> CallSummary::*per_threshold = nullptr;  // one per threshold
  unsigned outputs = 0;
  bool day_only = false;  // whole day only: not per interval
  int text_rank = 0;      // order in the text report's queue block
  TextWhen text_when = TextWhen::always;
  bool text_short_abandon = false;  // a queue's label adds "(short < D)"
  unsigned needs = 0;               // MetricFeature bits: only when the model uses them
  // A ratio of additive counters: it has a long-run form, sum over replications of the
  // numerator / sum of the denominator (RunSummary::day_long_run, docs/metrics.md §5).
  bool ratio = false;
};

struct GroupMetricDef {
  std::string_view name;  // JSON key and /group_summary metric
  std::string_view label;
  MetricUnit unit;
  std::string_view formula;
  Stat (*value)(const GroupSummary&);  // plan figures (ci95 0) come as a Stat too
  unsigned outputs = 0;
  bool json_stat = true;    // JSON: a STAT {"mean", "ci95"}; otherwise the plain mean
  bool needs_cost = false;  // only for a group with cost_per_hour
};

std::span<const CallMetricDef> call_metric_registry();
std::span<const GroupMetricDef> group_metric_registry();

// One row of an output: an entry, and for a per-threshold entry the threshold's index.
struct CallMetricRow {
  const CallMetricDef* def;
  std::size_t k = 0;
};

enum class MetricOrder { registry, text };

// The rows of `output` for `thresholds` measured thresholds; `day` false leaves out the
// day-only metrics.
// `features` (RunSummary::features) admits the metrics that need them.
std::vector<CallMetricRow> call_metric_layout(std::size_t thresholds, unsigned output, bool day,
                                              MetricOrder order = MetricOrder::registry, unsigned features = 0);

// "{T}" replaced: by threshold_key in names, by format_duration in labels. (A JSON path's
// "{T}" is one whole key: replace it key by key, as a threshold key may hold a '.'.)
std::string metric_name(const CallMetricRow& row, const std::vector<double>& thresholds);
std::string metric_label(const CallMetricRow& row, const std::vector<double>& thresholds);

// The rows of call_metric_layout that have a long-run form (CallMetricDef::ratio).
std::vector<CallMetricRow> long_run_layout(std::size_t thresholds, unsigned output, bool day, unsigned features = 0);

// The row's figure in `c` (SL vectors sized for the thresholds).
const Stat& metric_stat(const CallSummary& c, const CallMetricRow& row);
Stat& metric_stat(CallSummary& c, const CallMetricRow& row);

}  // namespace ccsim
