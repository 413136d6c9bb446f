#include "rules/filterwarnings/python_regex.hpp"

#include <cctype>
#include <optional>
#include <vector>

#include "paralint/read/source_text.hpp"

namespace paralint::rules {

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Python reports positions in code points of the pattern str.
RegexVerdict invalid(std::string_view pattern, std::string_view what, std::size_t byte_offset) {
  const auto position = count_code_points(pattern.substr(0, byte_offset));
  return {RegexVerdict::Kind::Invalid, std::string(what) + " at position " + std::to_string(position)};
}

RegexVerdict unknown() { return {RegexVerdict::Kind::Unknown, {}}; }

// Length of the \x, \u, \U escape at `at` when complete; 0 when it is not.
std::size_t hex_escape_length(std::string_view pattern, std::size_t at) {
  const char kind = pattern[at + 1];
  const std::size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : 8;
  for (std::size_t i = 0; i < digits; ++i) {
    if (at + 2 + i >= pattern.size() || !is_hex(pattern[at + 2 + i])) return 0;
  }
  return 2 + digits;
}

// What the scanner knows about the item a quantifier would apply to.
enum class Previous {
  Nothing,     // start of pattern, after "(" or "|": "nothing to repeat"
  Anchor,      // ^ $ \A \Z \b \B: "nothing to repeat" too (sre_parse: AT codes)
  Item,        // a literal, class, escape or group
  Repeat,      // a quantifier: another one is "multiple repeat"
  LazyRepeat,  // "*?": likewise
  Assertion,   // a look-ahead group: repeating it is release dependent
};

// `{m,n}` is a quantifier only when it is written like one; otherwise it is literal text.
std::size_t brace_quantifier_length(std::string_view pattern, std::size_t at) {
  std::size_t i = at + 1;
  while (i < pattern.size() && is_digit(pattern[i])) ++i;
  if (i < pattern.size() && pattern[i] == ',') {
    ++i;
    while (i < pattern.size() && is_digit(pattern[i])) ++i;
  }
  if (i >= pattern.size() || pattern[i] != '}' || i == at + 1) return 0;
  return i - at + 1;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : pattern(text) {}
  RegexVerdict run();

 private:
  std::string_view pattern;
  std::size_t at = 0;
  std::vector<std::size_t> open_groups;
  std::vector<bool> group_is_assertion;
  Previous previous = Previous::Nothing;

  // A character set starting at `at` ("["); returns a verdict only when it is not valid.
  std::optional<RegexVerdict> character_set() {
    const auto start = at;
    std::size_t i = at + 1;
    if (i < pattern.size() && pattern[i] == '^') ++i;
    bool first = true;
    while (i < pattern.size()) {
      const char c = pattern[i];
      if (c == ']' && !first) {
        at = i + 1;
        return std::nullopt;
      }
      first = false;
      if (c == '\\') {
        if (i + 1 >= pattern.size()) break;
        const char e = pattern[i + 1];
        if (e == 'x' || e == 'u' || e == 'U') {
          const auto length = hex_escape_length(pattern, i);
          if (length == 0) return unknown();
          i += length;
        } else if (e == 'N' || (is_digit(e) && e >= '8')) {
          return unknown();
        } else if (is_ascii_letter(e) && std::string_view("abfnrtvdDsSwW").find(e) == std::string_view::npos) {
          return invalid(pattern, std::string("bad escape \\") + e, i);
        } else {
          i += 2;
        }
        // A range from an escape ("[\\d-z]") depends on what the escape stands for.
        if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') return unknown();
        continue;
      }
      // A range between two plain ASCII characters must not run backwards.
      if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']' && pattern[i + 2] != '\\' &&
          static_cast<unsigned char>(c) < 0x80 && static_cast<unsigned char>(pattern[i + 2]) < 0x80) {
        if (pattern[i + 2] < c)
          return invalid(pattern, std::string("bad character range ") + c + "-" + pattern[i + 2], i);
        i += 3;
        continue;
      }
      ++i;
    }
    return invalid(pattern, "unterminated character set", start);
  }

  std::optional<RegexVerdict> escape() {
    if (at + 1 >= pattern.size()) {
      return RegexVerdict{RegexVerdict::Kind::Invalid, "bad escape (end of pattern) at position " +
                                                           std::to_string(count_code_points(pattern.substr(0, at)))};
    }
    const char e = pattern[at + 1];
    if (std::string_view("AZbB").find(e) != std::string_view::npos) {
      previous = Previous::Anchor;
      at += 2;
      return std::nullopt;
    }
    if (e == 'x' || e == 'u' || e == 'U') {
      const auto length = hex_escape_length(pattern, at);
      if (length == 0) return unknown();
      at += length;
    } else if (e == 'N' || (is_digit(e) && e != '0')) {
      return unknown();  // named characters and group references
    } else if (is_ascii_letter(e) && std::string_view("afnrtvdDsSwW").find(e) == std::string_view::npos) {
      return invalid(pattern, std::string("bad escape \\") + e, at);
    } else {
      at += 2;
    }
    previous = Previous::Item;
    return std::nullopt;
  }

  std::optional<RegexVerdict> group_open() {
    open_groups.push_back(at);
    bool assertion = false;
    if (at + 1 < pattern.size() && pattern[at + 1] == '?') {
      const auto rest = pattern.substr(at + 2);
      if (rest.starts_with(":")) {
        at += 3;
      } else if (rest.starts_with("=") || rest.starts_with("!")) {
        assertion = true;
        at += 3;
      } else if (rest.starts_with("P<")) {
        const auto close = rest.find('>');
        if (close == std::string_view::npos || close == 2) return unknown();
        for (std::size_t i = 2; i < close; ++i) {
          const char c = rest[i];
          if (!(is_ascii_letter(c) || c == '_' || (is_digit(c) && i > 2))) return unknown();
        }
        at += 2 + close + 1;
      } else {
        return unknown();  // inline flags, look-behind, comments, conditionals, atomic groups
      }
    } else {
      ++at;
    }
    group_is_assertion.push_back(assertion);
    previous = Previous::Nothing;
    return std::nullopt;
  }

  std::optional<RegexVerdict> quantifier(std::size_t length) {
    switch (previous) {
      case Previous::Nothing:
      case Previous::Anchor:
        return invalid(pattern, "nothing to repeat", at);
      case Previous::Repeat:
        if (length == 1 && pattern[at] == '?') {
          previous = Previous::LazyRepeat;
          at += 1;
          return std::nullopt;
        }
        if (length == 1 && pattern[at] == '+') return unknown();  // possessive since Python 3.11
        return invalid(pattern, "multiple repeat", at);
      case Previous::LazyRepeat:
        return invalid(pattern, "multiple repeat", at);
      case Previous::Assertion:
        return unknown();
      case Previous::Item:
        break;
    }
    previous = Previous::Repeat;
    at += length;
    return std::nullopt;
  }
};

RegexVerdict Scanner::run() {
  while (at < pattern.size()) {
    const char c = pattern[at];
    std::optional<RegexVerdict> verdict;
    if (c == '\\') {
      verdict = escape();
    } else if (c == '[') {
      verdict = character_set();
      previous = Previous::Item;
    } else if (c == '(') {
      verdict = group_open();
    } else if (c == ')') {
      if (open_groups.empty()) return invalid(pattern, "unbalanced parenthesis", at);
      open_groups.pop_back();
      previous = group_is_assertion.back() ? Previous::Assertion : Previous::Item;
      group_is_assertion.pop_back();
      ++at;
    } else if (c == '|') {
      previous = Previous::Nothing;
      ++at;
    } else if (c == '*' || c == '+' || c == '?') {
      verdict = quantifier(1);
    } else if (c == '{' && brace_quantifier_length(pattern, at) > 0) {
      const auto length = brace_quantifier_length(pattern, at);
      const auto body = pattern.substr(at + 1, length - 2);
      const auto comma = body.find(',');
      const std::size_t longest_count = 9;  // beyond this, leave it to Python (and stoul's range)
      if (body.size() > 2 * longest_count + 1) return unknown();
      if (comma != std::string_view::npos && comma > 0 && comma + 1 < body.size()) {
        const auto low = std::stoul(std::string(body.substr(0, comma)));
        const auto high = std::stoul(std::string(body.substr(comma + 1)));
        if (low > high) return unknown();  // "min repeat greater than max repeat", position rules differ
      }
      verdict = quantifier(length);
    } else if (c == '^' || c == '$') {
      previous = Previous::Anchor;
      ++at;
    } else {
      previous = Previous::Item;
      ++at;
    }
    if (verdict) return *verdict;
  }
  if (!open_groups.empty()) return invalid(pattern, "missing ), unterminated subpattern", open_groups.back());
  return {};
}

}  // namespace

RegexVerdict check_python_regex(std::string_view pattern) { return Scanner(pattern).run(); }

}  // namespace paralint::rules
