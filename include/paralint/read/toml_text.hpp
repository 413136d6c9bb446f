#pragma once
// Writing TOML text, for fixes that put a value into a TOML file.

#include <string>
#include <string_view>

namespace paralint {

// A TOML string holding `text`: a literal string ('…') when `prefer_literal` and it can hold
// the text, else a basic string ("…") with the escapes TOML requires (control characters,
// including DEL, as \uXXXX).
std::string toml_string(std::string_view text, bool prefer_literal = false);

}  // namespace paralint
