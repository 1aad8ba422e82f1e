#pragma once
// Did-you-mean for every name a user can mistype: scenario keys, queue and group names,
// distribution names, command-line options. One rule everywhere: case-insensitive
// Levenshtein distance <= 2, or a shared prefix of at least three letters.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest of `known` to `word` under the rule above, or nullopt.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string_view>& known);

}  // namespace ccsim
