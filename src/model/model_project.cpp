#include "paralint/model/model_project.hpp"

#include "paralint/read/source_text.hpp"
#include "paralint/read/toml_reader.hpp"

namespace paralint {

std::optional<ModelledProject> model_project(const std::filesystem::path& directory, const VersionRequest& request,
                                             const DiscoveryOptions& discovery, std::string& error) {
  std::optional<EffectiveConfig> first_look;
  std::optional<std::string> minversion;
  std::filesystem::path project_dir = directory;
  const bool pytest_given = request.pytest || (request.python != nullptr && request.python->pytest_version);
  if (!pytest_given) {
    const auto& known = known_versions();
    first_look = discover(directory, Behaviour::of(known.pytest.newest(), known.iniconfig.newest()), discovery);
    project_dir = first_look->rootdir;
    if (const auto* entry = first_look->find("minversion"); entry && entry->value.is_string()) {
      minversion = entry->value.string;
    }
  }
  auto versions = choose_versions(request, project_dir, minversion, error);
  if (!versions) return std::nullopt;
  // Most projects pin nothing, and the first look already read them as modelled.
  if (first_look && first_look->behaviour.pytest == versions->pytest &&
      first_look->behaviour.iniconfig == versions->iniconfig) {
    return ModelledProject{std::move(*first_look), std::move(*versions)};
  }
  auto config = discover(directory, Behaviour::of(versions->pytest, versions->iniconfig), discovery);
  return ModelledProject{std::move(config), std::move(*versions)};
}

void forget_projects_read() {
  forget_sources_read();
  forget_toml_read();
  forget_requirements_read();
}

}  // namespace paralint
