// Trace arrivals: arrivals = { trace = "calls.csv" } replays recorded calls. The CSV has
// a header naming its columns (arrival, and optionally handle_time and patience); every
// mistake is reported at CSVFILE:LINE:COLUMN of the cell.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "models/units.hpp"
#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
namespace {

enum Column : std::size_t { kArrival = 0, kHandle = 1, kPatience = 2, kColumns = 3 };
const KeyList kColumnNames{"arrival", "handle_time", "patience"};
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct Cell {
  std::string_view text;  // trimmed, without surrounding double quotes
  int column = 0;         // 1-based position of the text in its line
};

// Splits at ',', ';' or a tab; trims spaces; removes one pair of surrounding quotes.
std::vector<Cell> split_row(std::string_view row) {
  std::vector<Cell> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t sep = row.find_first_of(",;\t", from);
    const std::size_t end = sep == std::string_view::npos ? row.size() : sep;
    std::size_t a = from;
    std::size_t b = end;
    while (a < b && row[a] == ' ') ++a;
    while (b > a && (row[b - 1] == ' ' || row[b - 1] == '\r')) --b;
    if (b - a >= 2 && row[a] == '"' && row[b - 1] == '"') {
      ++a;
      --b;
    }
    out.push_back({row.substr(a, b - a), static_cast<int>(a) + 1});
    if (sep == std::string_view::npos) break;
    from = sep + 1;
  }
  return out;
}

// Trailing tabs are kept: in a tab-separated file they are empty cells.
std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "08:03:12", "08:03:12.5", "02:03:12+1" (clock, relative to the day's start; `plain` says
// whether it named no day) or seconds after the start of interval 0: 192.5, -30 (in the
// warm-up), or a duration with units ("1h30m").
std::optional<double> parse_arrival(std::string_view t, double day_start, bool& plain, std::string& why) {
  const std::string example =
      "write a clock time like \"08:03:12\", \"08:03:12.5\" or \"02:03:12+1\" (the next day), or seconds "
      "after the start of interval 0 like 192.5";
  plain = false;
  if (t.find(':') != std::string_view::npos) {
    // The fraction sits between the seconds and any day suffix: "02:03:12.5+1".
    const auto plus = t.find('+');
    const std::string_view day = plus == std::string_view::npos ? std::string_view() : t.substr(plus);
    const std::string_view time = t.substr(0, plus);
    std::string clock(time);
    double frac = 0;
    if (const auto dot = time.find('.'); dot != std::string_view::npos) {
      clock = std::string(time.substr(0, dot));
      const std::string_view digits = time.substr(dot + 1);
      const bool ok = std::count(clock.begin(), clock.end(), ':') == 2 && !digits.empty() &&
                      std::all_of(digits.begin(), digits.end(),
                                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
      if (!ok) {
        why =
            "cannot read it as a clock time; fractions of a second follow the seconds, e.g. "
            "\"08:03:12.5\"";
        return std::nullopt;
      }
      double scale = 0.1;
      for (const char c : digits) {
        frac += (c - '0') * scale;
        scale /= 10;
      }
    }
    clock += day;
    std::string inner;
    const auto v = models::parse_clock_time(clock, &inner);
    if (!v) {
      // The range message names the rule broken ("hours run from 00 to 47", "+0 to +6").
      why = inner.find("out of range") != std::string::npos ? inner : "cannot read it as a clock time; " + example;
      return std::nullopt;
    }
    plain = v->plain;
    return v->seconds + frac - day_start;
  }
  double v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec == std::errc{} && end == t.data() + t.size() && !t.empty() &&
      (std::isdigit(static_cast<unsigned char>(t.front())) || t.front() == '-' || t.front() == '.')) {
    if (!std::isfinite(v)) {
      why = "not a finite number; " + example;
      return std::nullopt;
    }
    return v;
  }
  if (const auto d = models::parse_duration(t)) return *d;
  why = "cannot read it as an arrival time; " + example;
  return std::nullopt;
}

}  // namespace

void read_trace(const Ctx& ctx, const toml::node& file_node, const std::string& what, double day_start, Arrivals& a,
                TraceFacts& tf) {
  const std::string given = read_string(ctx, file_node, what);
  if (given.empty()) ctx.fail(file_node, what + " is empty; name a CSV file, e.g. trace = \"calls.csv\"");
  const std::string path = resolve_path(ctx, given);
  a.trace_file = given;
  tf.path = path;
  tf.what = what;
  std::string text, why;
  if (!read_file(path, text, why)) {
    ctx.fail(file_node, what + ": cannot read file '" + path + "' (" + why + ")");
  }
  const auto at = [&](int line, int column) { return SourceLoc{path, line, column}; };
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::size_t index[kColumns] = {kNone, kNone, kNone};  // header position of each column
  std::size_t columns = 0;                              // 0 until the header is read
  for_each_csv_row(text, [&](int line, std::string_view row) {
    row = trim_right(row);
    const std::vector<Cell> cells = split_row(row);

    if (columns == 0) {  // the header
      for (std::size_t j = 0; j < cells.size(); ++j) {
        const Cell& c = cells[j];
        const std::string name = lower(c.text);
        if (name.empty()) {
          throw InputError(at(line, c.column), what +
                                                   ": empty column name in the header; name the columns, e.g. "
                                                   "arrival,handle_time,patience");
        }
        if (std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '-' || name[0] == '.') {
          throw InputError(at(line, c.column), what +
                                                   ": the first line must be a header naming the columns "
                                                   "(arrival, and optionally handle_time and patience), got \"" +
                                                   std::string(c.text) + "\"");
        }
        const auto it = std::find(kColumnNames.begin(), kColumnNames.end(), name);
        if (it == kColumnNames.end()) {
          const std::string hint = did_you_mean(name, kColumnNames);
          throw InputError(at(line, c.column),
                           what + ": unknown column '" + std::string(c.text) + "'" +
                               (hint.empty() ? "; columns are arrival, handle_time, patience" : hint));
        }
        const auto k = static_cast<std::size_t>(it - kColumnNames.begin());
        if (index[k] != kNone) {
          throw InputError(at(line, c.column), what + ": column '" + name + "' appears twice in the header");
        }
        index[k] = j;
      }
      if (index[kArrival] == kNone) {
        throw InputError(at(line, 1), what +
                                          ": the header names no 'arrival' column; name the "
                                          "columns, e.g. arrival,handle_time,patience");
      }
      columns = cells.size();
      return;
    }

    if (cells.size() != columns) {
      const int col = cells.size() < columns ? static_cast<int>(row.size()) + 1 : cells[columns].column;
      throw InputError(at(line, col), what + ": row has " + std::to_string(cells.size()) +
                                          (cells.size() == 1 ? " column" : " columns") + ", but the header names " +
                                          std::to_string(columns));
    }
    TraceCall call{kNaN, kNaN, kNaN};
    const Cell& ac = cells[index[kArrival]];
    if (ac.text.empty()) {
      throw InputError(at(line, ac.column), what + ": empty arrival; every row needs the time its call arrived");
    }
    bool plain = false;
    if (const auto v = parse_arrival(ac.text, day_start, plain, why)) {
      call.arrival = *v;
    } else {
      throw InputError(at(line, ac.column),
                       "bad value \"" + std::string(ac.text) + "\" in column 'arrival' of " + what + ": " + why);
    }
    for (const Column k : {kHandle, kPatience}) {
      if (index[k] == kNone) continue;
      const Cell& c = cells[index[k]];
      if (c.text.empty()) continue;  // not given: drawn from the queue's distribution
      const auto d = models::parse_duration(c.text, &why);
      if (!d) {
        throw InputError(at(line, c.column), "bad value \"" + std::string(c.text) + "\" in column '" +
                                                 std::string(kColumnNames[k]) + "' of " + what + ": " + why);
      }
      (k == kHandle ? call.handle : call.patience) = *d;
    }
    a.trace_calls.push_back(call);
    tf.rows.push_back({line, ac.column, std::string(ac.text), plain});
  });
  if (a.trace_calls.empty()) {
    ctx.fail(file_node, what + ": file '" + path + "' holds no calls" + (columns == 0 ? "" : " (only a header)"));
  }
}

void check_traces(Scenario& sc, const std::vector<TraceFacts>& traces) {
  const double first = -sc.warmup;
  const double end = sc.day_length();
  for (const TraceFacts& tf : traces) {
    auto& calls = sc.queues[tf.queue].arrivals.trace_calls;
    for (std::size_t i = 0; i < calls.size(); ++i) {
      const TraceRow& r = tf.rows[i];
      const SourceLoc here{tf.path, r.line, r.column};
      if (calls[i].arrival < first) {
        throw InputError(here,
                         tf.what + ": arrival \"" + r.text + "\" is before " +
                             (sc.warmup > 0 ? "the warm-up starts (" + models::format_clock_day(sc.start + first) +
                                                  ": scenario.start minus warmup)"
                                            : "the day starts (" + models::format_clock_day(sc.start) +
                                                  "; set a warmup to replay earlier calls)"));
      }
      if (calls[i].arrival >= end) {
        throw InputError(here, tf.what + ": arrival \"" + r.text + "\" is at or after the end of the day (" +
                                   models::format_clock_day(sc.start + end, true) + ": " +
                                   std::to_string(sc.intervals) + " intervals of " +
                                   models::format_duration(sc.interval) + ")");
      }
    }
    std::stable_sort(calls.begin(), calls.end(),
                     [](const TraceCall& a, const TraceCall& b) { return a.arrival < b.arrival; });
  }
}

}  // namespace ccsim::scenario_detail
