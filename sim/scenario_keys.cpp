// Unknown keys and did-you-mean: a typo in a key must never be silently ignored, since a
// misspelt `patience` would quietly mean "nobody abandons".
#include <algorithm>
#include <cctype>

#include "sim/scenario_detail.hpp"

namespace ccsim::scenario_detail {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string join(const KeyList& words) {
  std::string s;
  for (const auto w : words) s += (s.empty() ? "" : ", ") + std::string(w);
  return s;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Levenshtein, case-insensitive, one row of memory.
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const std::size_t subst = diag + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      row[j] = std::min({up + 1, row[j - 1] + 1, subst});
      diag = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest(std::string_view word, const KeyList& known) {
  std::optional<std::string> best;
  std::size_t best_d = 3;  // accept distance <= 2
  for (const auto k : known) {
    std::size_t d = edit_distance(word, k);
    // "handle" for "handle_time", "replication" for "replications": a prefix of at least
    // three letters is as good as a near miss.
    const std::size_t n = std::min(word.size(), k.size());
    bool prefix = n >= 3;
    for (std::size_t i = 0; prefix && i < n; ++i) prefix = lower(word[i]) == lower(k[i]);
    if (prefix) d = std::min<std::size_t>(d, 2);
    if (d < best_d && d < std::max(word.size(), k.size())) {
      best_d = d;
      best = std::string(k);
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const KeyList& known) {
  const auto c = closest(word, known);
  return c ? "; did you mean '" + *c + "'?" : "";
}

void check_keys(const Ctx& ctx, const toml::table& tbl, const KeyList& known,
                const std::string& where) {
  // Report the first unknown key in file order (the table itself is sorted by name).
  const toml::key* first = nullptr;
  for (auto&& [k, v] : tbl) {
    (void)v;
    if (std::find(known.begin(), known.end(), k.str()) != known.end()) continue;
    const auto& a = k.source().begin;
    if (!first || a.line < first->source().begin.line ||
        (a.line == first->source().begin.line && a.column < first->source().begin.column)) {
      first = &k;
    }
  }
  if (!first) return;
  const std::string hint = did_you_mean(first->str(), known);
  throw InputError(ctx.at(first->source()),
                   "unknown key '" + std::string(first->str()) + "' in " + where +
                       (hint.empty() ? "; known keys: " + join(known) : hint));
}

}  // namespace ccsim::scenario_detail
