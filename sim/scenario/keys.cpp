// Unknown keys and did-you-mean: a typo in a key must never be silently ignored, since a
// misspelt `patience` would quietly mean "nobody abandons".
#include "sim/scenario/detail.hpp"

namespace ccsim::scenario_detail {
namespace {

std::string join(const KeyList& words) {
  std::string s;
  for (const auto w : words) s += (s.empty() ? "" : ", ") + std::string(w);
  return s;
}

}  // namespace

std::string did_you_mean(std::string_view word, const KeyList& known) {
  const auto c = closest(word, known);
  return c ? "; did you mean '" + *c + "'?" : "";
}

void check_keys(const Ctx& ctx, const toml::table& tbl, const KeyList& known, const std::string& where) {
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
  throw InputError(ctx.at(first->source()), "unknown key '" + std::string(first->str()) + "' in " + where +
                                                (hint.empty() ? "; known keys: " + join(known) : hint));
}

}  // namespace ccsim::scenario_detail
