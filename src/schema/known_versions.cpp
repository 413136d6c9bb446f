#include <algorithm>
#include <stdexcept>

#include "paralint/schema/version.hpp"
#include "paralint/util/embedded_data.hpp"

namespace paralint {

const KnownVersions& known_versions() {
  static const KnownVersions versions = [] {
    const auto blob = embedded_file("schemas/versions.bin");
    if (!blob) throw std::logic_error("schemas/versions.bin is not embedded");
    return known_versions_from_blob(*blob);
  }();
  return versions;
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
