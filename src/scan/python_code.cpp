#include "scan/python_code.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <utility>

namespace paralint::python {

namespace {

// The escapes a name or a marker line may hold; anything rarer stays as written.
std::string decode_escapes(std::string_view content) {
  std::string out;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] != '\\' || i + 1 == content.size()) {
      out += content[i];
      continue;
    }
    const char next = content[++i];
    switch (next) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '\\':
      case '\'':
      case '"':
        out += next;
        break;
      case '\n':
        break;  // a line continuation inside the string
      default:
        out += '\\';
        out += next;
    }
  }
  return out;
}

}  // namespace

std::string MaskedSource::value_of(const StringLiteral& literal) const {
  const auto content = text.substr(literal.content_begin, literal.content_end - literal.content_begin);
  return literal.raw ? std::string(content) : decode_escapes(content);
}

// The offset of the first byte at or after `from` that is one of `wanted`, else text.size().
// Eight bytes at a time (a byte equal to c is a zero byte of word ^ c…c): code runs long
// between quotes and comments, and docstrings between line breaks.
template <std::size_t N>
std::size_t find_any(std::string_view text, std::size_t from, const std::array<char, N>& wanted) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  std::size_t i = from;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    std::uint64_t zero_bytes = 0;
    for (const char c : wanted) {
      const auto x = word ^ (kOnes * static_cast<unsigned char>(c));
      zero_bytes |= (x - kOnes) & ~x & kHighs;
    }
    if (zero_bytes != 0) break;
  }
  for (; i < text.size(); ++i) {
    if (std::find(wanted.begin(), wanted.end(), text[i]) != wanted.end()) return i;
  }
  return text.size();
}

// Blanks [begin, end) of `code` but its line breaks.
void blank(std::string& code, std::string_view text, std::size_t begin, std::size_t end) {
  text = text.substr(0, end);  // a short string's line breaks are looked for in it, not to its line's end
  while (begin < end) {
    const auto line_end = find_any<2>(text, begin, {'\n', '\r'});
    std::fill(code.begin() + static_cast<std::ptrdiff_t>(begin), code.begin() + static_cast<std::ptrdiff_t>(line_end), ' ');
    begin = line_end + 1;
  }
}

// Where the string whose content starts at `begin` ends: {content end, end after the closing
// quotes}. An unterminated single-quoted string ends at the line break (Python would refuse the
// file), an unterminated one at the end of the text.
std::pair<std::size_t, std::size_t> string_end(std::string_view text, std::size_t begin, char q, bool triple) {
  const auto size = text.size();
  std::size_t k = begin;
  while (k < size) {
    k = triple ? find_any<2>(text, k, {'\\', q}) : find_any<4>(text, k, {'\\', q, '\n', '\r'});
    if (k >= size) break;
    if (text[k] == '\\') {
      k += 2;  // an escaped character, a line break included
      continue;
    }
    if (text[k] != q) return {k, k};
    if (!triple) return {k, k + 1};
    if (k + 2 < size && text[k + 1] == q && text[k + 2] == q) return {k, k + 3};
    ++k;
  }
  return {size, size};
}

MaskedSource mask_python(std::string_view text) {
  MaskedSource out;
  out.text = text;
  out.code.assign(text);
  // A test module holds a literal every few dozen bytes: room for them from the start, not
  // a dozen reallocations on the way.
  constexpr std::size_t kBytesPerLiteral = 32;
  out.literals.reserve(text.size() / kBytesPerLiteral);
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (true) {
    i = find_any<3>(text, i, {'#', '"', '\''});
    if (i == size) break;
    if (text[i] == '#') {
      const auto line_end = find_any<2>(text, i, {'\n', '\r'});
      std::fill(out.code.begin() + static_cast<std::ptrdiff_t>(i), out.code.begin() + static_cast<std::ptrdiff_t>(line_end), ' ');
      i = line_end;
      continue;
    }
    // A string prefix (r, b, f, u, rb, …) is the whole identifier before the quote.
    const std::size_t quote = i;
    std::size_t word_begin = quote;
    while (word_begin > 0 && is_identifier_byte(text[word_begin - 1])) --word_begin;
    if (quote - word_begin <= 2 &&
        text.substr(word_begin, quote - word_begin).find_first_not_of("rRbBuUfF") == std::string_view::npos) {
      i = word_begin;
    }
    const auto prefix = text.substr(i, quote - i);
    const char q = text[quote];
    const bool triple = quote + 2 < size && text[quote + 1] == q && text[quote + 2] == q;
    const std::size_t content_begin = quote + (triple ? 3 : 1);
    const auto [content_end, end] = string_end(text, content_begin, q, triple);
    StringLiteral literal;
    literal.begin = i;
    literal.end = end;
    literal.content_begin = content_begin;
    literal.content_end = content_end;
    literal.raw = prefix.find_first_of("rR") != std::string_view::npos;
    literal.formatted = prefix.find_first_of("fF") != std::string_view::npos;
    blank(out.code, text, content_begin, content_end);
    out.literals.push_back(literal);
    i = end;
  }
  return out;
}

// --- call arguments ---------------------------------------------------------------------

Span trim(const std::string& code, Span span) {
  while (span.begin < span.end && is_space(code[span.begin])) ++span.begin;
  while (span.end > span.begin && is_space(code[span.end - 1])) --span.end;
  return span;
}

// The arguments of a call (or the items of a list) whose bracket opens just before `from`,
// split at top-level commas. Stops at the matching closing bracket or the end of the text.
std::vector<Argument> split_arguments(const MaskedSource& source, std::size_t from) {
  static const RE2 keyword_pattern(R"(^([A-Za-z_]\w*)\s*=(?:[^=]|$))");
  const auto& code = source.code;
  std::vector<Argument> out;
  int depth = 0;
  std::size_t start = from;
  auto finish = [&](std::size_t end) {
    const Span span = trim(code, {start, end});
    if (span.size() == 0) return;
    Argument argument{span, std::nullopt};
    re2::StringPiece name;
    const re2::StringPiece text(code.data() + span.begin, span.size());
    if (RE2::PartialMatch(text, keyword_pattern, &name)) {
      argument.keyword = std::string(name);
      const auto equals = code.find('=', span.begin);
      argument.span = trim(code, {equals + 1, span.end});
    }
    out.push_back(std::move(argument));
  };
  for (std::size_t k = from; k < code.size(); ++k) {
    const char c = code[k];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) {
        finish(k);
        return out;
      }
      --depth;
    } else if (c == ',' && depth == 0) {
      finish(k);
      start = k + 1;
    }
  }
  finish(code.size());
  return out;
}

// The value of an argument made of string literals only ("a" "b" is "ab"), or nullopt
// for anything computed (a name, an f-string, a call).
std::optional<std::string> literal_value(const MaskedSource& source, Span span) {
  std::string value;
  std::size_t at = span.begin;
  bool any = false;
  while (at < span.end) {
    if (is_space(source.code[at])) {
      ++at;
      continue;
    }
    const auto* literal = source.literal_at(at);
    if (literal == nullptr || literal->formatted) return std::nullopt;
    value += source.value_of(*literal);
    at = literal->end;
    any = true;
  }
  if (!any) return std::nullopt;
  return value;
}

const Argument* keyword_argument(const std::vector<Argument>& arguments, std::string_view name) {
  for (const auto& argument : arguments) {
    if (argument.keyword == name) return &argument;
  }
  return nullptr;
}

const Argument* first_positional(const std::vector<Argument>& arguments) {
  return !arguments.empty() && !arguments.front().keyword ? &arguments.front() : nullptr;
}

// What pytest registers for a `markers` line: before the first ':', then before the first '(', stripped.
std::string registered_marker_name(std::string_view line) {
  auto name = line.substr(0, line.find(':'));
  name = name.substr(0, name.find('('));
  const auto first = name.find_first_not_of(" \t\n\r\f\v");
  if (first == std::string_view::npos) return {};
  const auto last = name.find_last_not_of(" \t\n\r\f\v");
  return std::string(name.substr(first, last - first + 1));
}


// --- finding code -------------------------------------------------------------------------

// Matches `pattern` at exactly `at`, capturing its first group into `group` (if any) and the
// whole match into `whole` (if asked).
bool anchored_match(std::string_view code, std::size_t at, const RE2& pattern, re2::StringPiece* group,
                    re2::StringPiece* whole) {
  re2::StringPiece captures[2];
  const int groups = pattern.NumberOfCapturingGroups();
  const re2::StringPiece text(code.data(), code.size());
  if (!pattern.Match(text, at, code.size(), RE2::ANCHOR_START, captures, 1 + std::min(groups, 1))) return false;
  if (whole != nullptr) *whole = captures[0];
  if (group != nullptr && groups > 0) *group = captures[1];
  return true;
}

// The offset just after the `(` of `.method(` when the identifier at `at` is called as an attribute.
std::optional<std::size_t> attribute_call(std::string_view code, std::size_t at, std::size_t length) {
  auto before = at;
  while (before > 0 && is_space(code[before - 1])) --before;
  if (before == 0 || code[before - 1] != '.') return std::nullopt;
  auto after = at + length;
  while (after < code.size() && is_space(code[after])) ++after;
  if (after >= code.size() || code[after] != '(') return std::nullopt;
  return after + 1;
}

std::size_t rarest_letter(std::string_view word) {
  // Each byte's rank, rarest first, by the usual frequency of letters in Python source ('_'
  // among the common; digits and other bytes after every letter): a table, as every search
  // of every module asks.
  static constexpr auto kRank = [] {
    constexpr std::string_view rarest_first = "QZJXKVWYBHGFMPUCDLNOIARSTE_";
    std::array<std::uint8_t, 256> rank{};
    rank.fill(static_cast<std::uint8_t>(rarest_first.size()));
    for (std::size_t i = 0; i < rarest_first.size(); ++i) {
      const auto upper = static_cast<unsigned char>(rarest_first[i]);
      rank[upper] = static_cast<std::uint8_t>(i);
      if (upper >= 'A' && upper <= 'Z') rank[upper - 'A' + 'a'] = static_cast<std::uint8_t>(i);
    }
    return rank;
  }();
  std::size_t best = 0;
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (kRank[static_cast<unsigned char>(word[i])] < kRank[static_cast<unsigned char>(word[best])]) best = i;
  }
  return best;
}

}  // namespace paralint::python
