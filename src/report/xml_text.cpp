#include "paralint/report/xml_text.hpp"

#include <fmt/format.h>

#include "paralint/read/source_text.hpp"

namespace paralint {

namespace {

bool allowed_in_xml(char32_t c) {
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
  return c != 0xFFFE && c != 0xFFFF;  // decode_utf8 never yields surrogates
}

std::string escaped(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t offset = 0; offset < text.size();) {
    char32_t c = 0;
    offset += decode_utf8(text, offset, c);
    if (!allowed_in_xml(c)) {
      out += c <= 0xFF ? fmt::format("#x{:02X}", static_cast<unsigned>(c)) : fmt::format("#x{:04X}", static_cast<unsigned>(c));
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#13;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\'': out += attribute ? "&apos;" : "'"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      default: append_utf8(out, c);
    }
  }
  return out;
}

}  // namespace

std::string xml_text(std::string_view text) { return escaped(text, false); }
std::string xml_attribute(std::string_view text) { return escaped(text, true); }

}  // namespace paralint
