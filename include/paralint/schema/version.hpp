#pragma once
// Release versions of pytest and iniconfig, and which behaviour each one has.

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paralint {

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;

  static std::optional<Version> parse(std::string_view text);  // "X.Y" or "X.Y.Z"
  [[nodiscard]] std::string str() const;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=>
  friend auto operator<=>(const Version& left, const Version& right) = default;
};

struct VersionChange {
  std::string id;
  Version since;
  std::string what;
};

struct ComponentReleases {
  std::vector<Version> releases;  // ascending
  std::vector<VersionChange> changes;

  // "X.Y" → newest known X.Y.*; "X.Y.Z" → itself if known. Error text otherwise.
  [[nodiscard]] std::optional<Version> resolve(std::string_view requested, std::string& error) const;
  [[nodiscard]] bool has(std::string_view change_id, const Version& version) const;
  [[nodiscard]] const Version& newest() const { return releases.back(); }
};

struct KnownVersions {
  ComponentReleases pytest;
  ComponentReleases iniconfig;
};

// The newest known release that satisfies every PEP 440 specifier in `specifiers`
// (e.g. ">=7.0,<8"), or nullopt.
std::optional<Version> newest_satisfying(const std::vector<Version>& releases, const std::vector<std::string>& specifiers);

// schemas/versions.toml, compiled at build time (parse_known_versions, then
// known_versions_to_blob) and read once from the embedded blob.
const KnownVersions& known_versions();
KnownVersions parse_known_versions(std::string_view toml_text);
std::string known_versions_to_blob(const KnownVersions& versions);
KnownVersions known_versions_from_blob(std::string_view blob);

// What paralint models: the versions and the behaviours they imply.
struct Behaviour {
  Version pytest;
  Version iniconfig;
  bool dot_pytest_ini = false;
  bool dot_pytest_ini_always = false;
  bool bare_pyproject_fallback = false;
  bool native_toml = false;
  bool parse_shadowed_candidates = false;
  bool iniconfig_splitlines = false;
  bool iniconfig_strip_bom = false;

  static Behaviour of(const Version& pytest, const Version& iniconfig);
};

}  // namespace paralint
