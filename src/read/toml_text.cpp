#include "paralint/read/toml_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace paralint {

namespace {

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

}  // namespace

std::string toml_string(std::string_view text, bool prefer_literal) {
  const bool literal_fits =
      std::none_of(text.begin(), text.end(), [](char c) { return c == '\'' || (is_control(c) && c != '\t'); });
  if (prefer_literal && literal_fits) return "'" + std::string(text) + "'";
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (is_control(c)) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace paralint
