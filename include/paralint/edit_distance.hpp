#pragma once
// How far apart two names are, for "did you mean" suggestions: ini keys (K001), options in
// addopts (A002) and paralint's own settings.

#include <cstddef>
#include <string_view>

namespace paralint {

// Levenshtein distance over bytes (the names compared are ASCII).
std::size_t edit_distance(std::string_view left, std::string_view right);

}  // namespace paralint
