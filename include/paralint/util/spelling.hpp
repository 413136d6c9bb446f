#pragma once
// Names compared as people mistype them: case folded (ASCII: keys, options, codes and PEP 440
// parts are ASCII), and distances for "did you mean …?" suggestions (unknown keys, options,
// markers, settings, suppression codes).

#include <cstddef>
#include <string>
#include <string_view>

namespace paralint {

std::string ascii_lower(std::string_view text);
std::string ascii_upper(std::string_view text);

// Levenshtein distance over bytes (the names compared are ASCII).
std::size_t edit_distance(std::string_view left, std::string_view right);

// Levenshtein distance where swapping two neighbours is one edit, as a typist makes it
// ("slwo" is one edit from "slow", two by plain Levenshtein).
std::size_t typo_distance(std::string_view left, std::string_view right);

}  // namespace paralint
