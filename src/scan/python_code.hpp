#pragma once
// Python source as the scan reads it (nothing is imported or run): comments and string
// contents blanked so that patterns match code only, the string literals kept aside, call
// arguments split at top-level commas, and whole identifiers found by a plain search.

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/read/source_text.hpp"

namespace paralint::python {

struct StringLiteral {
  std::size_t begin = 0;          // the prefix or the opening quote
  std::size_t end = 0;            // after the closing quote
  std::size_t content_begin = 0;  // between the quotes
  std::size_t content_end = 0;
  bool raw = false;        // r"…": escapes stay as written
  bool formatted = false;  // an f-string: its value is not known without running it
};

// The source with every comment and every string literal's content replaced by spaces
// (line breaks kept), so that regexes match code only and never a docstring that mentions
// `@pytest.mark.slow`. Offsets are the source's; `literals` gives the strings back.
struct MaskedSource {
  std::string_view text;  // the source itself, which must outlive this
  std::string code;
  std::vector<StringLiteral> literals;  // in source order

  // A literal's content with the usual escapes decoded: only the few literals a scan asks
  // about are decoded, not every docstring of every test module.
  [[nodiscard]] std::string value_of(const StringLiteral& literal) const;

  [[nodiscard]] const StringLiteral* literal_at(std::size_t offset) const {
    const auto it = std::lower_bound(literals.begin(), literals.end(), offset,
                                     [](const StringLiteral& literal, std::size_t at) { return literal.begin < at; });
    return it != literals.end() && it->begin == offset ? &*it : nullptr;
  }
  [[nodiscard]] const StringLiteral* literal_ending_at(std::size_t offset) const {
    const auto it = std::lower_bound(literals.begin(), literals.end(), offset,
                                     [](const StringLiteral& literal, std::size_t at) { return literal.end < at; });
    return it != literals.end() && it->end == offset ? &*it : nullptr;
  }
};

// Bytes that may continue a Python identifier (every non-ASCII byte: identifiers may be Unicode).
constexpr auto kIdentifierBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
  }
  return table;
}();

inline bool is_identifier_byte(char c) { return kIdentifierBytes[static_cast<unsigned char>(c)]; }

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\\'; }

MaskedSource mask_python(std::string_view text);

struct Argument {
  Span span;                           // trimmed
  std::optional<std::string> keyword;  // `name=value`: the name; span is then the value's
};

Span trim(const std::string& code, Span span);

// The arguments of a call (or the items of a list) whose bracket opens just before `from`,
// split at top-level commas. Stops at the matching closing bracket or the end of the text.
std::vector<Argument> split_arguments(const MaskedSource& source, std::size_t from);

// The value of an argument made of string literals only ("a" "b" is "ab"), or nullopt
// for anything computed (a name, an f-string, a call).
std::optional<std::string> literal_value(const MaskedSource& source, Span span);

const Argument* keyword_argument(const std::vector<Argument>& arguments, std::string_view name);
const Argument* first_positional(const std::vector<Argument>& arguments);

// What pytest registers for a `markers` line: before the first ':', then before the first '(', stripped.
std::string registered_marker_name(std::string_view line);

// The position in `word` of its letter that is rarest in Python code, which a search looks
// for first: memchr then skips far ('k' of `mark`, 'y' of `pytest`), where the first letter
// ('a' of `add_marker`, 'n' of `name`) stops it every few bytes.
std::size_t rarest_letter(std::string_view word);

// Calls `found(offset)` for each place `word` occurs in `code` as a whole identifier, in order.
// Most files never mention it: finding its rarest letter first keeps that cheap.
template <class Found>
void for_each_identifier(std::string_view code, std::string_view word, Found&& found) {
  if (word.empty() || word.size() > code.size()) return;
  const auto anchor = rarest_letter(word);
  const char* const begin = code.data();
  const char* const last = begin + (code.size() - word.size()) + anchor;  // the last place the anchor can be
  for (const char* hit = begin + anchor; hit <= last; ++hit) {
    hit = static_cast<const char*>(std::memchr(hit, word[anchor], static_cast<std::size_t>(last - hit) + 1));
    if (hit == nullptr) return;
    const auto at = static_cast<std::size_t>(hit - begin) - anchor;
    if (code.compare(at, word.size(), word) != 0) continue;
    if (at > 0 && is_identifier_byte(code[at - 1])) continue;
    const auto end = at + word.size();
    if (end < code.size() && is_identifier_byte(code[end])) continue;
    found(at);
  }
}

// Matches `pattern` at exactly `at`, capturing its first group into `group` (if any) and the
// whole match into `whole` (if asked).
bool anchored_match(std::string_view code, std::size_t at, const RE2& pattern, re2::StringPiece* group,
                    re2::StringPiece* whole = nullptr);

// The offset just after the `(` of `.method(` when the identifier at `at` is called as an attribute.
std::optional<std::size_t> attribute_call(std::string_view code, std::size_t at, std::size_t length);

}  // namespace paralint::python
