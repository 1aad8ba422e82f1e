#include "sim/scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

namespace ccsim {

namespace {
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
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

std::optional<std::string> closest(std::string_view word, const std::vector<std::string_view>& known) {
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

}  // namespace ccsim
