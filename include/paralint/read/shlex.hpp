#pragma once
// Python's shlex.split(s) (POSIX mode, whitespace_split, no comments): the way pytest
// turns a string `addopts` into argv tokens. `#` and `;` are ordinary characters here,
// which is why an inline comment in an INI value becomes arguments.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paralint {

struct ShlexToken {
  std::string text;
  std::size_t begin = 0;  // offsets into the input string, quotes included
  std::size_t end = 0;
};

struct ShlexResult {
  std::vector<ShlexToken> tokens;
  // shlex's ValueError text: "No closing quotation" or "No escaped character".
  std::optional<std::string> error;
  std::size_t error_offset = 0;  // where the unterminated quote or escape starts
};

ShlexResult shlex_split(std::string_view input);

}  // namespace paralint
