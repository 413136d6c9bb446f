#include <algorithm>
#include <stdexcept>

#include "tomlpp.hpp"

#include "paralint/embedded_data.hpp"
#include "paralint/version.hpp"

namespace paralint {

namespace {

// The data file ships inside the binary and is checked by the unit tests, so a
// malformed one is a build defect, not user input.
Version required_version(const toml::node* node) {
  const auto* text = node != nullptr ? node->as_string() : nullptr;
  const auto version = text != nullptr ? Version::parse(text->get()) : std::nullopt;
  if (!version) throw std::logic_error("schemas/versions.toml: bad version");
  return *version;
}

ComponentReleases read_component(const toml::table& root, std::string_view name) {
  ComponentReleases component;
  const auto* table = root[name].as_table();
  if (table == nullptr) throw std::logic_error("schemas/versions.toml: missing component");
  if (const auto* releases = (*table)["releases"].as_array()) {
    for (const auto& release : *releases) component.releases.push_back(required_version(&release));
  }
  if (const auto* changes = (*table)["changes"].as_array()) {
    for (const auto& change : *changes) {
      const auto& entry = *change.as_table();
      component.changes.push_back({std::string(entry["id"].value_or(std::string_view{})),
                                   required_version(entry.get("since")),
                                   std::string(entry["what"].value_or(std::string_view{}))});
    }
  }
  std::sort(component.releases.begin(), component.releases.end());
  if (component.releases.empty()) throw std::logic_error("schemas/versions.toml: no releases");
  return component;
}

KnownVersions load() {
  const auto text = embedded_file("schemas/versions.toml");
  if (!text) throw std::logic_error("schemas/versions.toml is not embedded");
  auto parsed = toml::parse(*text, std::string_view("schemas/versions.toml"));
  if (!parsed) throw std::logic_error(std::string(parsed.error().description()));
  return {read_component(parsed.table(), "pytest"), read_component(parsed.table(), "iniconfig")};
}

}  // namespace

const KnownVersions& known_versions() {
  static const KnownVersions versions = load();
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
