#include "paralint/version.hpp"

#include <algorithm>
#include <charconv>

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
    error = "'" + std::string(requested) + "' is not a version (expected X.Y or X.Y.Z)";
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

Behaviour Behaviour::of(const Version& pytest, const Version& iniconfig) {
  const auto& known = known_versions();
  Behaviour behaviour;
  behaviour.pytest = pytest;
  behaviour.iniconfig = iniconfig;
  behaviour.dot_pytest_ini = known.pytest.has("dot-pytest-ini", pytest);
  behaviour.dot_pytest_ini_always = known.pytest.has("dot-pytest-ini-always", pytest);
  behaviour.bare_pyproject_fallback = known.pytest.has("bare-pyproject-fallback", pytest);
  behaviour.native_toml = known.pytest.has("native-toml", pytest);
  behaviour.parse_shadowed_candidates = known.pytest.has("parse-shadowed-candidates", pytest);
  behaviour.iniconfig_splitlines = known.iniconfig.has("splitlines", iniconfig);
  behaviour.iniconfig_strip_bom = known.iniconfig.has("strip-bom", iniconfig);
  return behaviour;
}

}  // namespace paralint
