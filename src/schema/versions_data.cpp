// Reads schemas/versions.toml (the releases paralint models and the changes between them)
// at build time: the schema compiler writes the result into a blob the binary embeds.

#include <algorithm>
#include <stdexcept>

#include "read/tomlpp.hpp"

#include "paralint/schema/version.hpp"

namespace paralint {

namespace {

// The file is read by the schema compiler, so a malformed one fails the build.
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

}  // namespace

KnownVersions parse_known_versions(std::string_view text) {
  auto parsed = toml::parse(text, std::string_view("schemas/versions.toml"));
  if (!parsed) throw std::logic_error("schemas/versions.toml: " + std::string(parsed.error().description()));
  return {read_component(parsed.table(), "pytest"), read_component(parsed.table(), "iniconfig")};
}


}  // namespace paralint
