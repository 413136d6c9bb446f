#include "rules/keys/pep440.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <type_traits>

#include "paralint/util/spelling.hpp"

namespace paralint::rules::keys {

namespace {

// Digits as a number; packaging uses Python ints, so only absurd inputs saturate here.
std::int64_t number(std::string_view digits) {
  std::int64_t out = 0;
  constexpr std::int64_t kSaturated = 999'999'999'999'999'999;
  for (const char c : digits) {
    if (out > kSaturated / 10) return kSaturated;
    out = out * 10 + (c - '0');
  }
  return out;
}

// packaging.version.VERSION_PATTERN, anchored as Version() uses it (re.IGNORECASE).
const RE2& version_pattern() {
  static const RE2 pattern(R"((?i)^\s*v?(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*))"
                           R"((?:[-_.]?(alpha|beta|preview|pre|rc|a|b|c)[-_.]?([0-9]+)?)?)"
                           R"((?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?)"
                           R"((?:[-_.]?(dev)[-_.]?([0-9]+)?)?)"
                           R"((?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$)");
  return pattern;
}

// One ordering slot of _cmpkey: -inf, a value, or +inf.
struct Slot {
  int infinity = 0;  // -1, 0 (use value), +1
  std::pair<std::int64_t, std::int64_t> value{};
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=>
  friend auto operator<=>(const Slot&, const Slot&) = default;
};

Slot pre_slot(const Pep440Version& version) {
  if (!version.pre && !version.post && version.dev) return {-1, {}};
  if (!version.pre) return {1, {}};
  return {0, {version.pre->first, version.pre->second}};
}

Slot post_slot(const Pep440Version& version) { return version.post ? Slot{0, {*version.post, 0}} : Slot{-1, {}}; }
Slot dev_slot(const Pep440Version& version) { return version.dev ? Slot{0, {*version.dev, 0}} : Slot{1, {}}; }

int compare_local(const Pep440Version& left, const Pep440Version& right) {
  if (left.local.empty() != right.local.empty()) return left.local.empty() ? -1 : 1;
  // Numeric segments sort after alphanumeric ones, then by value.
  const auto size = std::min(left.local.size(), right.local.size());
  for (std::size_t i = 0; i < size; ++i) {
    const auto& a = left.local[i];
    const auto& b = right.local[i];
    if (a.index() != b.index()) return a.index() == 0 ? 1 : -1;
    if (a != b) return a < b ? -1 : 1;
  }
  if (left.local.size() != right.local.size()) return left.local.size() < right.local.size() ? -1 : 1;
  return 0;
}

std::vector<std::int64_t> without_trailing_zeros(std::vector<std::int64_t> release) {
  while (!release.empty() && release.back() == 0) release.pop_back();
  return release;
}

Pep440Version public_part(Pep440Version version) {
  version.local.clear();
  return version;
}

Pep440Version base_part(const Pep440Version& version) {
  Pep440Version base;
  base.epoch = version.epoch;
  base.release = version.release;
  return base;
}

// The version text after an operator, per branch of packaging's Specifier regex.
const RE2& specifier_version_pattern(std::string_view op) {
  static const std::string pre = R"((?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?)";
  static const std::string post = R"((?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?)";
  static const std::string dev = R"((?:[-_.]?dev[-_.]?[0-9]*)?)";
  static const RE2 identity(R"((?i)\s*([^\s;)]*))");
  static const RE2 equality(R"((?i)\s*(v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:\.\*|)" + pre + post + dev +
                            R"((?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?)?))");
  static const RE2 compatible(R"((?i)\s*(v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+)" + pre + post + dev + ")");
  static const RE2 ordered(R"((?i)\s*(v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*)" + pre + post + dev + ")");
  if (op == "===") return identity;
  if (op == "==" || op == "!=") return equality;
  if (op == "~=") return compatible;
  return ordered;
}

bool prefix_matches(const Pep440Version& version, std::string_view prefix_text) {
  const auto prefix = Pep440Version::parse(prefix_text);
  if (!prefix || prefix->epoch != version.epoch) return false;
  for (std::size_t i = 0; i < prefix->release.size(); ++i) {
    const auto have = i < version.release.size() ? version.release[i] : 0;
    if (have != prefix->release[i]) return false;
  }
  return true;
}

bool allows(const VersionSpecifier& specifier, const Pep440Version& version) {
  const auto& op = specifier.op;
  if (op == "===") return version.str() == ascii_lower(specifier.version);
  const bool wildcard = specifier.version.ends_with(".*");
  if (op == "==" || op == "!=") {
    bool equal = false;
    if (wildcard) {
      equal = prefix_matches(version, std::string_view(specifier.version).substr(0, specifier.version.size() - 2));
    } else if (const auto wanted = Pep440Version::parse(specifier.version)) {
      equal = compare(wanted->local.empty() ? public_part(version) : version, *wanted) == 0;
    }
    return op == "==" ? equal : !equal;
  }
  const auto wanted = Pep440Version::parse(specifier.version);
  if (!wanted) return false;
  const auto order = compare(public_part(version), *wanted);
  if (op == "~=") {
    if (order < 0) return false;
    std::string prefix = std::to_string(wanted->epoch) + "!";
    for (std::size_t i = 0; i + 1 < wanted->release.size(); ++i)
      prefix += (i ? "." : "") + std::to_string(wanted->release[i]);
    return prefix_matches(version, prefix);
  }
  if (op == "<=") return order <= 0;
  if (op == ">=") return order >= 0;
  const bool same_base = compare(base_part(version), base_part(*wanted)) == 0;
  if (op == "<") return order < 0 && !(version.is_prerelease() && !wanted->is_prerelease() && same_base);
  if (op == ">") {
    if (order <= 0) return false;
    if (version.is_postrelease() && !wanted->is_postrelease() && same_base) return false;
    return !(!version.local.empty() && same_base);
  }
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// A small cursor over a requirement string, following packaging 23's _parser.
struct Cursor {
  std::string_view text;
  std::size_t at = 0;

  void skip_space() {
    while (at < text.size() && is_space(text[at])) ++at;
  }
  bool take(char c) {
    if (at < text.size() && text[at] == c) {
      ++at;
      return true;
    }
    return false;
  }
  [[nodiscard]] bool done() const { return at >= text.size(); }
  [[nodiscard]] char peek() const { return done() ? '\0' : text[at]; }

  // IDENTIFIER: \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b
  std::optional<std::string> identifier() {
    if (done() || std::isalnum(static_cast<unsigned char>(peek())) == 0) return std::nullopt;
    if (at > 0 && is_word(text[at - 1])) return std::nullopt;
    auto end = at + 1;
    while (end < text.size() && (is_word(text[end]) || text[end] == '.' || text[end] == '-')) ++end;
    while (!is_word(text[end - 1])) --end;  // the closing \b backtracks over trailing . and -
    std::string out(text.substr(at, end - at));
    at = end;
    return out;
  }

  std::optional<VersionSpecifier> specifier() {
    for (const std::string_view op : {"===", "~=", "==", "!=", "<=", ">=", "<", ">"}) {
      if (!text.substr(at).starts_with(op)) continue;
      re2::StringPiece rest(text.data() + at + op.size(), text.size() - at - op.size());
      std::string version;
      if (!RE2::Consume(&rest, specifier_version_pattern(op), &version)) continue;
      // "===" also matches the text that "==" could not take; others need a separator next.
      at = static_cast<std::size_t>(rest.data() - text.data());
      return VersionSpecifier{std::string(op), version};
    }
    return std::nullopt;
  }
};

}  // namespace

std::optional<Pep440Version> Pep440Version::parse(std::string_view text) {
  std::string epoch;
  std::string release;
  std::string pre_letter;
  std::string pre_number;
  std::string post_dash;
  std::string post_letter;
  std::string post_number;
  std::string dev;
  std::string dev_number;
  std::string local;
  if (!RE2::FullMatch(text, version_pattern(), &epoch, &release, &pre_letter, &pre_number, &post_dash, &post_letter,
                      &post_number, &dev, &dev_number, &local)) {
    return std::nullopt;
  }
  Pep440Version version;
  version.epoch = epoch.empty() ? 0 : number(epoch);
  std::size_t start = 0;
  while (start <= release.size()) {
    const auto dot = std::min(release.find('.', start), release.size());
    version.release.push_back(number(std::string_view(release).substr(start, dot - start)));
    start = dot + 1;
  }
  if (!pre_letter.empty()) {
    const auto letter = ascii_lower(pre_letter);
    const int kind = (letter == "a" || letter == "alpha") ? 0 : (letter == "b" || letter == "beta") ? 1 : 2;
    version.pre = std::pair{kind, pre_number.empty() ? 0 : number(pre_number)};
  }
  if (!post_dash.empty()) {
    version.post = number(post_dash);
  } else if (!post_letter.empty()) {
    version.post = post_number.empty() ? 0 : number(post_number);
  }
  if (!dev.empty()) version.dev = dev_number.empty() ? 0 : number(dev_number);
  start = 0;
  while (!local.empty() && start <= local.size()) {
    const auto end = std::min(local.find_first_of("-_.", start), local.size());
    const auto part = ascii_lower(std::string_view(local).substr(start, end - start));
    const bool numeric = std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    if (numeric) {
      version.local.emplace_back(number(part));
    } else {
      version.local.emplace_back(part);
    }
    start = end + 1;
  }
  return version;
}

std::string Pep440Version::str() const {
  std::string out = epoch != 0 ? std::to_string(epoch) + "!" : "";
  for (std::size_t i = 0; i < release.size(); ++i) out += (i ? "." : "") + std::to_string(release[i]);
  if (pre) out += std::array{"a", "b", "rc"}.at(static_cast<std::size_t>(pre->first)) + std::to_string(pre->second);
  if (post) out += ".post" + std::to_string(*post);
  if (dev) out += ".dev" + std::to_string(*dev);
  for (std::size_t i = 0; i < local.size(); ++i) {
    out += i ? "." : "+";
    out += std::visit(
        [](const auto& part) -> std::string {
          if constexpr (std::is_same_v<std::decay_t<decltype(part)>, std::string>) {
            return part;
          } else {
            return std::to_string(part);
          }
        },
        local[i]);
  }
  return out;
}

int compare(const Pep440Version& left, const Pep440Version& right) {
  if (left.epoch != right.epoch) return left.epoch < right.epoch ? -1 : 1;
  const auto left_release = without_trailing_zeros(left.release);
  const auto right_release = without_trailing_zeros(right.release);
  if (left_release != right_release) return left_release < right_release ? -1 : 1;
  for (const auto slot : {pre_slot, post_slot, dev_slot}) {
    const auto a = slot(left);
    const auto b = slot(right);
    if (a != b) return a < b ? -1 : 1;
  }
  return compare_local(left, right);
}

std::optional<ParsedRequirement> parse_requirement(std::string_view text) {
  Cursor cursor{text};
  cursor.skip_space();
  ParsedRequirement requirement;
  auto name = cursor.identifier();
  if (!name) return std::nullopt;
  requirement.name = std::move(*name);
  cursor.skip_space();
  if (cursor.take('[')) {
    cursor.skip_space();
    bool first = true;
    while (!cursor.take(']')) {
      if (!first && !cursor.take(',')) return std::nullopt;
      cursor.skip_space();
      if (!cursor.identifier()) return std::nullopt;
      cursor.skip_space();
      first = false;
    }
    cursor.skip_space();
  }
  if (cursor.take('@')) {
    // A direct reference: a URL up to whitespace, then optionally a marker.
    cursor.skip_space();
    const auto start = cursor.at;
    while (!cursor.done() && !is_space(cursor.peek())) ++cursor.at;
    if (cursor.at == start) return std::nullopt;
    cursor.skip_space();
    if (cursor.done()) return requirement;
    return cursor.take(';') && !cursor.done() ? std::optional(requirement) : std::nullopt;
  }
  const bool parenthesised = cursor.take('(');
  cursor.skip_space();
  if (cursor.peek() != ')' && cursor.peek() != ';' && !cursor.done()) {
    while (true) {
      auto specifier = cursor.specifier();
      if (!specifier) return std::nullopt;
      requirement.specifiers.push_back(std::move(*specifier));
      cursor.skip_space();
      if (!cursor.take(',')) break;
      cursor.skip_space();
    }
  }
  if (parenthesised && !cursor.take(')')) return std::nullopt;
  cursor.skip_space();
  if (cursor.take(';')) {
    // Environment markers: paralint does not evaluate them; packaging needs some text.
    cursor.skip_space();
    return cursor.done() ? std::nullopt : std::optional(requirement);
  }
  return cursor.done() ? std::optional(requirement) : std::nullopt;
}

bool specifiers_allow(const std::vector<VersionSpecifier>& specifiers, const Pep440Version& version) {
  return std::all_of(specifiers.begin(), specifiers.end(),
                     [&](const VersionSpecifier& specifier) { return allows(specifier, version); });
}

}  // namespace paralint::rules::keys
