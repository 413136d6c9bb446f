#include "paralint/read/python_text.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include <cstdlib>

#include "paralint/read/source_text.hpp"

namespace paralint::python {

bool is_space(char32_t c) {
  // The code points with the Unicode White_Space property plus the ASCII
  // separators \x1c-\x1f that CPython's str.isspace() also accepts.
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

namespace {

// An ASCII byte that str.isspace() rejects: the text cannot be stripped past it. Most bytes
// of a config are such bytes, and need no decoding.
bool ascii_non_space(char byte) {
  const auto c = static_cast<unsigned char>(byte);
  return c < 0x80 && c != ' ' && (c < 0x09 || c > 0x0D) && (c < 0x1C || c > 0x1F);
}

}  // namespace

std::string_view lstrip(std::string_view text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    if (ascii_non_space(text[offset])) break;
    char32_t c = 0;
    const auto length = decode_utf8(text, offset, c);
    if (!is_space(c)) break;
    offset += length;
  }
  return text.substr(offset);
}

std::string_view rstrip(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    if (ascii_non_space(text[end - 1])) break;
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U) --start;
    char32_t c = 0;
    const auto length = decode_utf8(text, start, c);
    if (start + length != end || !is_space(c)) break;
    end = start;
  }
  return text.substr(0, end);
}

std::string_view strip(std::string_view text) { return rstrip(lstrip(text)); }

namespace {

struct CodePointRange {
  char32_t first;
  char32_t last;
};

// str.isprintable(): false for the Unicode categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs but
// the space, as Debian's Python 3.11 (Unicode 14.0.0) answers for every code point.
constexpr CodePointRange kNonPrintable[] = {
#include "read/python_nonprintable.inc"
};

bool is_printable(char32_t c) {
  const auto* after = std::upper_bound(std::begin(kNonPrintable), std::end(kNonPrintable), c,
                                       [](char32_t code, const CodePointRange& range) { return code < range.first; });
  return after == std::begin(kNonPrintable) || c > std::prev(after)->last;
}

void append_hex_escape(std::string& out, char32_t c) {
  const auto code = static_cast<unsigned>(c);
  if (c <= 0xFF) {
    out += fmt::format("\\x{:02x}", code);
  } else if (c <= 0xFFFF) {
    out += fmt::format("\\u{:04x}", code);
  } else {
    out += fmt::format("\\U{:08x}", code);
  }
}

}  // namespace

std::string repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out(1, quote);
  std::size_t offset = 0;
  while (offset < text.size()) {
    char32_t c = 0;
    offset += decode_utf8(text, offset, c);
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (!is_printable(c)) {
      append_hex_escape(out, c);
    } else {
      append_utf8(out, c);
    }
  }
  out += quote;
  return out;
}

std::string float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  // Shortest round-trip digits in scientific form: "d[.ddd]e[+-]x".
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
  std::string_view scientific(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
  std::string sign;
  if (!scientific.empty() && scientific.front() == '-') {
    sign = "-";
    scientific.remove_prefix(1);
  }
  const auto e = scientific.find('e');
  std::string digits;
  for (const char c : scientific.substr(0, e)) {
    if (c != '.') digits += c;
  }
  const int exponent = std::atoi(std::string(scientific.substr(e + 1)).c_str());
  const int decimal_point = exponent + 1;  // digits before the decimal point
  // CPython's repr uses positional notation when -4 < decimal_point <= 16.
  if (decimal_point > -4 && decimal_point <= 16) {
    std::string out = sign;
    if (decimal_point <= 0) {
      out += "0." + std::string(static_cast<std::size_t>(-decimal_point), '0') + digits;
    } else if (static_cast<std::size_t>(decimal_point) >= digits.size()) {
      out += digits + std::string(static_cast<std::size_t>(decimal_point) - digits.size(), '0') + ".0";
    } else {
      out += digits.substr(0, static_cast<std::size_t>(decimal_point)) + "." +
             digits.substr(static_cast<std::size_t>(decimal_point));
    }
    return out;
  }
  std::string out = sign + digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  return out + fmt::format("e{}{:02d}", exponent < 0 ? '-' : '+', std::abs(exponent));
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One run of digits where single underscores may separate digits ("1_000"), as Python's
// int() and float() accept them. Returns the end of the run, or `begin` when none.
std::size_t digit_run(std::string_view text, std::size_t begin) {
  std::size_t at = begin;
  if (at >= text.size() || !is_digit(text[at])) return begin;
  while (at < text.size()) {
    if (is_digit(text[at])) {
      ++at;
    } else if (text[at] == '_' && at + 1 < text.size() && is_digit(text[at + 1])) {
      at += 2;
    } else {
      break;
    }
  }
  return at;
}

std::string_view without_sign(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  return text;
}

bool equals_ignoring_ascii_case(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() && std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
         });
}

}  // namespace

bool int_accepts(std::string_view text) {
  const auto digits = without_sign(strip(text));
  const auto end = digit_run(digits, 0);
  return end > 0 && end == digits.size();
}

bool float_accepts(std::string_view text) {
  const auto number = without_sign(strip(text));
  for (const auto special : {"inf", "infinity", "nan"}) {
    if (equals_ignoring_ascii_case(number, special)) return true;
  }
  std::size_t at = digit_run(number, 0);
  bool has_digits = at > 0;
  if (at < number.size() && number[at] == '.') {
    const auto fraction_end = digit_run(number, at + 1);
    has_digits = has_digits || fraction_end > at + 1;
    at = fraction_end;
  }
  if (!has_digits) return false;
  if (at < number.size() && (number[at] == 'e' || number[at] == 'E')) {
    std::size_t exponent = at + 1;
    if (exponent < number.size() && (number[exponent] == '+' || number[exponent] == '-')) ++exponent;
    const auto exponent_end = digit_run(number, exponent);
    if (exponent_end == exponent) return false;
    at = exponent_end;
  }
  return at == number.size();
}

std::optional<bool> strtobool(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string_view yes : {"y", "yes", "t", "true", "on", "1"}) {
    if (lower == yes) return true;
  }
  for (const std::string_view no : {"n", "no", "f", "false", "off", "0"}) {
    if (lower == no) return false;
  }
  return std::nullopt;
}

}  // namespace paralint::python
