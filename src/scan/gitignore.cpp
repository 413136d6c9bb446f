#include "paralint/scan/gitignore.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <optional>

namespace paralint {

namespace {

using ByteSet = std::bitset<256>;

unsigned char byte_of(char c) { return static_cast<unsigned char>(c); }

// POSIX bracket-expression classes, ASCII only (git's own ctype does not follow the locale).
std::optional<ByteSet> named_class(std::string_view name) {
  using Test = int (*)(int);
  static constexpr std::array<std::pair<std::string_view, Test>, 12> kClasses{{
      {"alnum", [](int c) { return std::isalnum(c); }},
      {"alpha", [](int c) { return std::isalpha(c); }},
      {"blank", [](int c) { return static_cast<int>(c == ' ' || c == '\t'); }},
      {"cntrl", [](int c) { return std::iscntrl(c); }},
      {"digit", [](int c) { return std::isdigit(c); }},
      {"graph", [](int c) { return std::isgraph(c); }},
      {"lower", [](int c) { return std::islower(c); }},
      {"print", [](int c) { return std::isprint(c); }},
      {"punct", [](int c) { return std::ispunct(c); }},
      {"space", [](int c) { return std::isspace(c); }},
      {"upper", [](int c) { return std::isupper(c); }},
      {"xdigit", [](int c) { return std::isxdigit(c); }},
  }};
  const auto* found =
      std::find_if(kClasses.begin(), kClasses.end(), [&](const auto& entry) { return entry.first == name; });
  if (found == kClasses.end()) return std::nullopt;
  ByteSet members;
  for (int c = 0; c < 128; ++c) members[static_cast<std::size_t>(c)] = found->second(c) != 0;
  return members;
}

// A bracket expression starting at pattern[at] == '['. `at` ends one past its `]`.
// nullopt when git gives up on the whole pattern: no closing `]`, an unknown [:class:].
std::optional<ByteSet> bracket_expression(std::string_view pattern, std::size_t& at) {
  ++at;
  const bool negated = at < pattern.size() && (pattern[at] == '!' || pattern[at] == '^');
  if (negated) ++at;
  ByteSet members;
  constexpr int kNoRangeStart = -1;
  int range_start = kNoRangeStart;  // the previous single byte, which a `-` may extend
  for (bool first = true;; first = false) {
    if (at >= pattern.size()) return std::nullopt;
    const char c = pattern[at];
    if (c == ']' && !first) break;  // a `]` right after `[` or `[!` is a member
    if (c == '\\') {
      if (++at >= pattern.size()) return std::nullopt;
      members.set(byte_of(pattern[at]));
      range_start = byte_of(pattern[at]);
    } else if (c == '-' && range_start != kNoRangeStart && at + 1 < pattern.size() && pattern[at + 1] != ']') {
      ++at;
      if (pattern[at] == '\\' && ++at >= pattern.size()) return std::nullopt;
      for (int member = range_start; member <= byte_of(pattern[at]); ++member)
        members.set(static_cast<std::size_t>(member));
      range_start = kNoRangeStart;
    } else if (c == '[' && at + 1 < pattern.size() && pattern[at + 1] == ':') {
      const auto close = pattern.find(']', at + 2);
      if (close == std::string_view::npos) return std::nullopt;
      if (close == at + 2 || pattern[close - 1] != ':') {
        // Not a [:class:] after all: the `[` is a member and the scan goes on after it.
        members.set('[');
        range_start = '[';
      } else {
        const auto known = named_class(pattern.substr(at + 2, close - 1 - (at + 2)));
        if (!known) return std::nullopt;
        members |= *known;
        range_start = kNoRangeStart;
        at = close;
      }
    } else {
      members.set(byte_of(c));
      range_start = byte_of(c);
    }
    ++at;
  }
  ++at;
  if (negated) members.flip();
  members.reset('/');
  return members;
}

// Trailing spaces go unless the last one is escaped with a backslash (gitignore(5)).
std::string_view without_trailing_spaces(std::string_view line) {
  // npos while the run of spaces so far is empty (GCC's -Os flags a std::optional here as
  // maybe uninitialized).
  auto spaces_from = std::string_view::npos;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ' ') {
      if (spaces_from == std::string_view::npos) spaces_from = i;
      continue;
    }
    if (line[i] == '\\' && ++i == line.size()) return line;
    spaces_from = std::string_view::npos;
  }
  return line.substr(0, spaces_from);
}

std::string_view last_component(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

Glob::Glob(std::string_view pattern) {
  // git compares the bytes before the first wildcard on their own and runs wildmatch on
  // the rest, so a `**` right after that prefix stands at the start of what wildmatch sees
  // ("a**/b" matches "a/x/b" in git 2.39).
  const auto first_wildcard = pattern.find_first_of("*?[\\");
  std::vector<Token> tokens;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const char c = pattern[at];
    Token token;
    if (c == '*') {
      const auto run_end = pattern.find_first_not_of('*', at);
      const auto after = run_end == std::string_view::npos ? pattern.size() : run_end;
      // `**` spans directories only as a whole component: after the start or a `/`, and
      // before the end or a `/` (which it takes with it, so that it may match no directory).
      const bool own_component = after - at >= 2 && (at == first_wildcard || pattern[at - 1] == '/');
      token.kind = Token::Kind::Star;
      at = after;
      if (own_component && at == pattern.size()) {
        token.kind = Token::Kind::AnyPath;
      } else if (own_component && pattern.substr(at).starts_with('/')) {
        token.kind = Token::Kind::AnyDirectories;
        at += 1;
      } else if (own_component && pattern.substr(at).starts_with("\\/")) {
        token.kind = Token::Kind::AnyDirectories;
        at += 2;
      }
    } else if (c == '?') {
      token.kind = Token::Kind::OneByte;
      token.members.set().reset('/');
      ++at;
    } else if (c == '[') {
      auto members = bracket_expression(pattern, at);
      if (!members) {
        usable_ = false;
        return;
      }
      token.kind = Token::Kind::OneByte;
      token.members = *members;
    } else {
      if (c == '\\' && ++at == pattern.size()) {
        usable_ = false;
        return;
      }
      token.kind = Token::Kind::OneByte;
      token.members.set(byte_of(pattern[at]));
      token.literal = byte_of(pattern[at]);
      ++at;
    }
    tokens.push_back(token);
  }
  auto first = tokens.begin();
  auto last = tokens.end();
  for (; first != last && first->literal >= 0; ++first) prefix_ += static_cast<char>(first->literal);
  for (; last != first && std::prev(last)->literal >= 0; --last)
    suffix_.insert(suffix_.begin(), static_cast<char>(std::prev(last)->literal));
  middle_.assign(first, last);
}

// The literal ends compared as strings; what lies between them runs the tokens as an
// automaton: `reachable[i]` says whether the tokens so far can consume exactly text[0, i).
// Linear in tokens × text, without backtracking.
bool Glob::matches(std::string_view text) const {
  if (!usable_ || text.size() < prefix_.size() + suffix_.size() || !text.starts_with(prefix_) ||
      !text.ends_with(suffix_)) {
    return false;
  }
  text = text.substr(prefix_.size(), text.size() - prefix_.size() - suffix_.size());
  if (middle_.empty()) return text.empty();
  if (middle_.size() == 1 && middle_.front().kind == Token::Kind::Star) return text.find('/') == std::string_view::npos;
  std::vector<char> reachable(text.size() + 1, 0);
  std::vector<char> next(text.size() + 1, 0);
  reachable[0] = 1;
  for (const auto& token : middle_) {
    bool reached_before = false;  // some position before this one was reachable
    for (std::size_t i = 0; i <= text.size(); ++i) {
      const bool previous_is_slash = i > 0 && text[i - 1] == '/';
      switch (token.kind) {
        case Token::Kind::OneByte:
          next[i] = i > 0 && reachable[i - 1] && token.members[byte_of(text[i - 1])];
          break;
        case Token::Kind::Star:
          next[i] = reachable[i] || (i > 0 && next[i - 1] && !previous_is_slash);
          break;
        case Token::Kind::AnyPath:
          next[i] = reachable[i] || (i > 0 && next[i - 1]);
          break;
        case Token::Kind::AnyDirectories:
          next[i] = reachable[i] || (reached_before && previous_is_slash);
          break;
      }
      reached_before = reached_before || reachable[i];
    }
    std::swap(reachable, next);
  }
  return reachable[text.size()] != 0;
}

void GitignoreRules::add_file(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty()) {
    const auto newline = text.find('\n');
    auto line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    add(line);
  }
}

void GitignoreRules::add(std::string_view line) {
  if (line.empty() || line.front() == '#') return;
  line = without_trailing_spaces(line);
  Pattern pattern;
  if (line.starts_with('!')) {
    pattern.negated = true;
    line.remove_prefix(1);
  }
  if (line.ends_with('/')) {
    pattern.directories_only = true;
    line.remove_suffix(1);
  }
  if (line.empty()) return;
  pattern.anchored = line.find('/') != std::string_view::npos;
  if (line.starts_with('/')) line.remove_prefix(1);
  pattern.glob = Glob(line);
  patterns_.push_back(std::move(pattern));
}

IgnoreVerdict GitignoreRules::match(std::string_view path, bool is_directory) const {
  for (auto index = patterns_.size(); index-- > 0;) {
    const auto& pattern = patterns_[index];
    if (pattern.directories_only && !is_directory) continue;
    if (pattern.glob.matches(pattern.anchored ? path : last_component(path))) {
      return pattern.negated ? IgnoreVerdict::Included : IgnoreVerdict::Ignored;
    }
  }
  return IgnoreVerdict::Unmatched;
}

void GitignoreStack::push(std::string directory, GitignoreRules rules) {
  if (!directory.empty()) directory += '/';
  levels_.push_back({std::move(directory), std::move(rules)});
}

void GitignoreStack::pop() { levels_.pop_back(); }

IgnoreVerdict GitignoreStack::match(std::string_view path, bool is_directory) const {
  for (auto index = levels_.size(); index-- > 0;) {
    const auto& level = levels_[index];
    if (!path.starts_with(level.prefix)) continue;
    const auto verdict = level.rules.match(path.substr(level.prefix.size()), is_directory);
    if (verdict != IgnoreVerdict::Unmatched) return verdict;
  }
  return IgnoreVerdict::Unmatched;
}

}  // namespace paralint
