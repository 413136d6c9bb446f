#pragma once
// PEP 440 versions and PEP 508 requirements as pytest sees them through `packaging`
// (Debian 12 ships packaging 23.0): `minversion` goes through packaging.version.Version
// and each `required_plugins` item through packaging.requirements.Requirement. paralint's
// own Version only knows X.Y.Z releases; these strings can be anything a user typed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace paralint::rules::keys {

struct Pep440Version {
  std::int64_t epoch = 0;
  std::vector<std::int64_t> release;
  std::optional<std::pair<int, std::int64_t>> pre;  // (0 a, 1 b, 2 rc), number
  std::optional<std::int64_t> post;
  std::optional<std::int64_t> dev;
  std::vector<std::variant<std::int64_t, std::string>> local;

  // packaging.version.Version(text), or nullopt where it raises InvalidVersion.
  static std::optional<Pep440Version> parse(std::string_view text);
  [[nodiscard]] std::string str() const;  // str(Version): the normalised form
  [[nodiscard]] bool is_prerelease() const { return pre.has_value() || dev.has_value(); }
  [[nodiscard]] bool is_postrelease() const { return post.has_value(); }
};

// Ordering as packaging's _cmpkey: negative, zero or positive.
int compare(const Pep440Version& left, const Pep440Version& right);

struct VersionSpecifier {
  std::string op;  // ~= == != <= >= < > ===
  std::string version;
};

struct ParsedRequirement {
  std::string name;  // as written: packaging does not normalise Requirement.name
  std::vector<VersionSpecifier> specifiers;
};

// packaging.requirements.Requirement(text), or nullopt where it raises InvalidRequirement.
std::optional<ParsedRequirement> parse_requirement(std::string_view text);

// SpecifierSet.contains(version, prereleases=True): whether every specifier allows it.
bool specifiers_allow(const std::vector<VersionSpecifier>& specifiers, const Pep440Version& version);

}  // namespace paralint::rules::keys
