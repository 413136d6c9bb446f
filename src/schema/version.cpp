#include "paralint/schema/version.hpp"


#include <algorithm>
#include <array>
#include <charconv>
#include <sstream>

namespace paralint {

std::optional<Version> Version::parse(std::string_view text) {
  Version version;
  int* parts[] = {&version.major, &version.minor, &version.patch};
  std::size_t count = 0;
  const char* cursor = text.data();
  const char* end = text.data() + text.size();
  while (count < 3) {
    const auto result = std::from_chars(cursor, end, *parts[count]);
    if (result.ec != std::errc{} || *parts[count] < 0) return std::nullopt;
    ++count;
    cursor = result.ptr;
    if (cursor == end) break;
    if (*cursor != '.') return std::nullopt;
    ++cursor;
  }
  if (cursor != end || count < 2) return std::nullopt;
  return version;
}

std::string Version::str() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<Version> ComponentReleases::resolve(std::string_view requested, std::string& error) const {
  const auto parsed = Version::parse(requested);
  if (!parsed) {
    // A stream, not string concatenation: GCC 12 at -O3 warns (-Wrestrict) about the inlined
    // string copies, wrongly (GCC bug 105329).
    std::ostringstream message;
    message << "'" << requested << "' is not a version (expected X.Y or X.Y.Z)";
    error = message.str();
    return std::nullopt;
  }
  const bool patch_given = std::count(requested.begin(), requested.end(), '.') == 2;
  std::optional<Version> best;
  for (const auto& release : releases) {
    if (release.major != parsed->major || release.minor != parsed->minor) continue;
    if (patch_given ? release == *parsed : true) best = release;
  }
  if (!best) {
    error = "version " + std::string(requested) + " is not one paralint knows (known: " + releases.front().str() +
            " to " + releases.back().str() + ")";
  }
  return best;
}

bool ComponentReleases::has(std::string_view change_id, const Version& version) const {
  for (const auto& change : changes) {
    if (change.id == change_id) return version >= change.since;
  }
  return false;
}

namespace {

// A PEP 440 specifier paralint can weigh: an operator, a release number, an optional ".*".
struct Specifier {
  std::string_view op;
  std::vector<int> parts;
  bool wildcard = false;
};

std::optional<Specifier> parse_specifier(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  Specifier specifier;
  for (const std::string_view op : {"===", "==", "!=", "~=", ">=", "<=", ">", "<"}) {
    if (text.starts_with(op)) {
      specifier.op = op;
      break;
    }
  }
  if (specifier.op.empty()) return std::nullopt;
  text.remove_prefix(specifier.op.size());
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  if (text.ends_with(".*")) {
    specifier.wildcard = true;
    text.remove_suffix(2);
  }
  // One or more dot-separated runs of digits, and nothing else.
  while (true) {
    std::size_t length = 0;
    while (length < text.size() && is_digit(text[length])) ++length;
    if (length == 0 || length > 9) return std::nullopt;
    specifier.parts.push_back(std::stoi(std::string(text.substr(0, length))));
    text.remove_prefix(length);
    if (text.empty()) return specifier;
    if (text.front() != '.') return std::nullopt;
    text.remove_prefix(1);
  }
}

bool satisfies(const Version& version, std::string_view text) {
  const auto specifier = parse_specifier(text);
  if (!specifier) return true;  // not understood: no constraint
  const auto& op = specifier->op;
  const auto& parts = specifier->parts;
  const std::array<int, 3> have = {version.major, version.minor, version.patch};
  auto compare = [&](std::size_t length) {
    for (std::size_t i = 0; i < length; ++i) {
      const int want = i < parts.size() ? parts[i] : 0;
      if (have.at(i) != want) return have.at(i) < want ? -1 : 1;
    }
    return 0;
  };
  const std::size_t full = 3;
  if (specifier->wildcard) {
    const bool prefix_matches = compare(std::min(parts.size(), full)) == 0;
    return op == "!=" ? !prefix_matches : prefix_matches;
  }
  const int order = compare(full);
  if (op == "==" || op == "===") return order == 0;
  if (op == "!=") return order != 0;
  if (op == ">=") return order >= 0;
  if (op == "<=") return order <= 0;
  if (op == ">") return order > 0;
  if (op == "<") return order < 0;
  // ~=X.Y[.Z]: >= X.Y[.Z] and the same release prefix without its last part.
  if (order < 0 || parts.size() < 2) return order >= 0;
  for (std::size_t i = 0; i + 1 < parts.size() && i < full; ++i) {
    if (have.at(i) != parts[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<Version> newest_satisfying(const std::vector<Version>& releases, const std::vector<std::string>& specifiers) {
  auto allowed = [&](const Version& release) {
    for (const auto& group : specifiers) {
      std::stringstream stream(group);
      for (std::string specifier; std::getline(stream, specifier, ',');) {
        if (specifier.find_first_not_of(" \t") != std::string::npos && !satisfies(release, specifier)) return false;
      }
    }
    return true;
  };
  const auto newest = std::find_if(releases.rbegin(), releases.rend(), allowed);
  if (newest == releases.rend()) return std::nullopt;
  return *newest;
}

}  // namespace paralint
