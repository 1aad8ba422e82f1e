#pragma once
// Inline SVG charts for the page: line charts over categories (intervals, sweep points)
// with CI bands, a target line and marked misses; bar charts with CI whiskers; histograms
// with a target line. Every text is escaped; the SVG needs no script and no font file.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ccsim::html::svg {

struct Series {
  std::string name;
  std::string colour = "#1f77b4";
  std::vector<double> y;       // one value per x position; NaN leaves a gap
  std::vector<double> lo, hi;  // optional 95% CI (same length as y): a band, or whiskers
  bool step = false;           // a staircase across each category (agents per interval)
  bool dashed = false;
  bool dots = false;  // a dot at every value (few points, e.g. a sweep axis)
};

// A point drawn as a red marker with a tooltip (an interval that misses its target).
struct Marker {
  std::size_t x = 0;
  double y = 0;
  std::string title;
};

struct LineChart {
  std::string css_class;  // extra class on the <svg>, e.g. "sl-chart"
  std::string title;      // the chart's accessible title (<title>)
  std::string y_label;
  std::vector<std::string> x_labels;  // one per x position
  std::vector<Series> series;
  std::optional<double> target;  // a dashed horizontal line
  std::string target_label;
  std::vector<Marker> missed;
  std::vector<std::size_t> separators;  // a vertical rule before these x positions (day starts)
  bool percent = false;                 // y values are fractions, shown as %
  std::optional<double> y_min, y_max;   // fixed ends; else from the data
  bool whiskers = false;                // draw lo/hi as error bars rather than a band
  int width = 880, height = 290;
};
std::string line_chart(const LineChart& c);

struct Bar {
  std::string label;
  double value = 0;
  double ci = 0;  // 95% half-width; 0 or NaN: no whisker
  std::string colour = "#1f77b4";
};

struct BarChart {
  std::string css_class;
  std::string title;
  std::string y_label;
  std::vector<Bar> bars;
  bool percent = false;
  int width = 880, height = 280;
};
std::string bar_chart(const BarChart& c);

struct Histogram {
  std::string css_class;
  std::string title;
  std::string x_label;
  std::vector<double> values;    // NaN values are left out
  std::optional<double> target;  // a vertical line; bins below it are drawn as misses
  bool higher_is_better = true;  // false: bins above the target miss (ASA, abandon rate)
  bool percent = false;
  int bins = 20;
  int width = 880, height = 260;
};
std::string histogram(const Histogram& h);

// "Nice" tick values covering [lo, hi] (about `count` of them); exposed for tests.
std::vector<double> nice_ticks(double lo, double hi, int count = 5);

}  // namespace ccsim::html::svg
