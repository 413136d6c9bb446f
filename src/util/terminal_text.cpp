#include "paralint/util/terminal_text.hpp"

namespace paralint {

namespace {

constexpr char32_t kControlPictures = 0x2400;  // U+2400 SYMBOL FOR NULL ... U+241F
constexpr char32_t kDeletePicture = 0x2421;
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

void append_utf8_3(std::string& out, char32_t code_point) {
  out += static_cast<char>(0xE0 | (code_point >> 12));
  out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (code_point & 0x3F));
}

std::string replace_controls(std::string_view text, bool keep_line_feeds) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const bool c1_control = byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                            static_cast<unsigned char>(text[i + 1]) <= 0x9F;  // UTF-8 of U+0080..U+009F
    const bool c0_control = byte < 0x20 && byte != '\t' && !(byte == '\n' && keep_line_feeds);
    if (c1_control) {
      out += kReplacementCharacter;
      ++i;
    } else if (c0_control) {
      append_utf8_3(out, kControlPictures + byte);
    } else if (byte == 0x7F) {
      append_utf8_3(out, kDeletePicture);
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

}  // namespace

std::string printable(std::string_view text) { return replace_controls(text, false); }

std::string printable_lines(std::string_view text) { return replace_controls(text, true); }

}  // namespace paralint
