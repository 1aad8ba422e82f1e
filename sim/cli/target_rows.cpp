#include "sim/cli/target_rows.hpp"

#include <string_view>

#include "sim/cli/options.hpp"
#include "sim/cli/staff_flags.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/stats/target_check.hpp"

namespace ccsim::cli {

namespace {

// A piece of the row: [begin, end) in the row's text, spaces around it trimmed.
struct Span {
  std::size_t begin = 0, end = 0;
  bool empty() const { return begin >= end; }
};

Span trim(const std::string& s, std::size_t b, std::size_t e) {
  while (b < e && s[b] == ' ') ++b;
  while (e > b && s[e - 1] == ' ') --e;
  return {b, e};
}

class RowReader {
 public:
  RowReader(const std::string& command, int number, const std::string& text)
      : command_(command), number_(number), text_(text) {}

  [[noreturn]] void fail(std::size_t at, const std::string& what) const {
    flag_error(command_, "--targets row " + std::to_string(number_) + " \"" + text_ + "\", column " +
                             std::to_string(at + 1) + ": " + what);
  }

  std::string_view view(Span x) const { return std::string_view(text_).substr(x.begin, x.end - x.begin); }

  // "90/10+99/300" at `set`: each target parsed, an error at the one that is not a target.
  std::vector<Target> target_set(Span set) const {
    std::vector<Target> out;
    std::size_t from = set.begin;
    for (;;) {
      const std::size_t plus = text_.find('+', from);
      const std::size_t to = plus == std::string::npos || plus > set.end ? set.end : plus;
      const Span piece = trim(text_, from, to);
      if (piece.empty())
        fail(piece.begin, plus == std::string::npos || plus >= set.end ? "a target is missing after '+'"
                                                                       : "a target is missing before '+'");
      std::string why;
      auto t = parse_target(view(piece), &why);
      if (!t) fail(piece.begin, why);
      t->where = SourceLoc{"ccsim " + command_, 0, 0};
      out.push_back(*t);
      if (to == set.end) break;
      from = to + 1;
    }
    return out;
  }

 private:
  const std::string& command_;
  int number_;
  const std::string& text_;
};

// The '=' between a queue and its targets in [from, to): the first one that is not part of
// a target's "<=" ("asa<=30s", "abandon<=3%"), or npos.
std::size_t separator(const std::string& s, std::size_t from, std::size_t to) {
  for (std::size_t k = s.find('=', from); k < to; k = s.find('=', k + 1))
    if (k == 0 || s[k - 1] != '<') return k;
  return std::string::npos;
}

std::string queue_list(const Scenario& s) {
  std::string out;
  for (const QueueSpec& q : s.queues) out += (out.empty() ? "'" : ", '") + q.name + "'";
  return out;
}

}  // namespace

TargetRow read_target_row(const std::string& command, int number, const std::string& text, const Scenario& s) {
  TargetRow row;
  row.text = text;
  row.number = number;
  row.column.assign(s.queues.size(), 0);
  if (separator(text, 0, text.size()) == std::string::npos) {
    // One target set for every queue, read (and refused) exactly as before per-queue rows.
    const std::vector<Target> all = target_set_flag(command, "targets", text);
    row.targets.assign(s.queues.size(), all);
    return row;
  }
  row.per_queue = true;
  for (const QueueSpec& q : s.queues) row.targets.push_back(q.targets);  // the file's own, unless named
  const RowReader r(command, number, text);
  std::vector<std::string_view> names;
  for (const QueueSpec& q : s.queues) names.push_back(q.name);
  std::size_t from = 0;
  for (;;) {
    const std::size_t comma = text.find(',', from);
    const std::size_t to = comma == std::string::npos ? text.size() : comma;
    const Span piece = trim(text, from, to);
    if (piece.empty())
      r.fail(from, comma == std::string::npos ? "nothing after the last ','; expected QUEUE=TARGETS"
                                              : "nothing between ','s; expected QUEUE=TARGETS");
    const std::size_t eq = separator(text, piece.begin, piece.end);
    if (eq == std::string::npos)
      r.fail(piece.begin, "expected QUEUE=TARGETS, got '" + std::string(r.view(piece)) +
                              "' (a row naming queues names one on every piece; a row without '=' applies to "
                              "every queue)");
    const Span name = trim(text, piece.begin, eq);
    if (name.empty()) r.fail(piece.begin, "a queue name is missing before '='");
    const Span set = trim(text, eq + 1, piece.end);
    if (set.empty())
      r.fail(eq + 1, "the target set is missing after '" + std::string(r.view(name)) + "='; e.g. " +
                         std::string(r.view(name)) + "=80/20");
    const std::string queue(r.view(name));
    std::size_t q = 0;
    while (q < s.queues.size() && s.queues[q].name != queue) ++q;
    if (q == s.queues.size()) {
      const auto best = closest(queue, names);
      r.fail(name.begin, "unknown queue '" + queue + "'" +
                             (best ? "; did you mean '" + *best + "'?" : "; the queues are " + queue_list(s)));
    }
    if (row.column[q] != 0)
      r.fail(name.begin,
             "queue '" + queue + "' is named twice (first at column " + std::to_string(row.column[q]) + ")");
    row.column[q] = static_cast<int>(name.begin) + 1;
    row.targets[q] = r.target_set(set);
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return row;
}

void check_attainable(const std::string& command, const TargetRow& row, const Scenario& s) {
  for (std::size_t q = 0; q < s.queues.size(); ++q)
    for (const Target& t : row.targets[q]) {
      const std::string why = unattainable(t, s.queues[q].patience.has_value());
      if (why.empty()) continue;
      std::string where = "--targets row " + std::to_string(row.number) + " \"" + row.text + "\"";
      if (row.per_queue && row.column[q] > 0) where += ", column " + std::to_string(row.column[q]);
      std::string whose = "queue '" + s.queues[q].name + "'";
      if (row.per_queue && row.column[q] == 0) whose += " (its own target in the scenario, kept by this row)";
      flag_error(command, where + ": " + whose + ": " + why);
    }
}

}  // namespace ccsim::cli
