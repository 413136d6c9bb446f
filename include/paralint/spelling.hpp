#pragma once
// Distances between names, for "did you mean …?" suggestions (unknown keys, options,
// markers, settings).

#include <cstddef>
#include <string_view>

namespace paralint {

// Levenshtein distance over bytes (the names compared are ASCII).
std::size_t edit_distance(std::string_view left, std::string_view right);

// Levenshtein distance where swapping two neighbours is one edit, as a typist makes it
// ("slwo" is one edit from "slow", two by plain Levenshtein).
std::size_t typo_distance(std::string_view left, std::string_view right);

}  // namespace paralint
