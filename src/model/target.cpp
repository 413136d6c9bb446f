#include "paralint/model/target.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace paralint {

namespace {

// The modelled release for a version someone named: itself when listed, else the newest
// listed release at or below it (facts of the nearest older release), else the oldest.
Version nearest_release(const ComponentSchema& schema, const Version& wanted) {
  std::optional<Version> best;
  for (const auto& release : schema.releases) {
    if (release <= wanted) best = release;
  }
  return best ? *best : schema.releases.front();
}

// "3.6" → newest 3.6.x; "3.6.1" → itself or the nearest below.
std::optional<Version> stated_version(const ComponentSchema& schema, std::string_view text) {
  const auto parsed = Version::parse(text);
  if (!parsed) return std::nullopt;
  if (std::count(text.begin(), text.end(), '.') == 1) {
    std::optional<Version> newest;
    for (const auto& release : schema.releases) {
      if (release.major == parsed->major && release.minor == parsed->minor) newest = release;
    }
    if (newest) return newest;
  }
  return nearest_release(schema, *parsed);
}

std::string requirement_name(std::string_view item) {
  std::size_t end = 0;
  while (end < item.size() && (std::isalnum(static_cast<unsigned char>(item[end])) != 0 || item[end] == '-' ||
                               item[end] == '_' || item[end] == '.')) {
    ++end;
  }
  return std::string(item.substr(0, end));
}

std::string requirement_specifiers(std::string_view item) {
  const auto name = requirement_name(item);
  return std::string(item.substr(name.size()));
}

}  // namespace

int owner_rank(Presence presence, bool exists_in_version) {
  const int order = presence == Presence::Installed ? 0 : presence == Presence::Unknown ? 1 : 2;
  return order * 2 + (exists_in_version ? 0 : 1);
}

const IniKeySchema* Target::ini_key(const SchemaSet& schemas, std::string_view key) const {
  if (const auto* core = schemas.core().find_ini(key, pytest()); core != nullptr) return core;
  const IniKeySchema* best = nullptr;
  int best_rank = 0;
  for (const auto& state : plugins) {
    const auto* schema = state.schema->find_ini(key, state.version);
    if (schema == nullptr) continue;
    const int rank = owner_rank(state.presence, schema->availability.in(state.version));
    if (best == nullptr || rank < best_rank) {
      best = schema;
      best_rank = rank;
    }
  }
  return best;
}

const PluginState* Target::plugin_of(const ComponentSchema& component) const {
  for (const auto& state : plugins) {
    if (state.schema == &component) return &state;
  }
  return nullptr;
}

const PluginState* Target::plugin(std::string_view name) const {
  // Rules mostly ask by the schema's own name: no normalising for that.
  for (const auto& state : plugins) {
    if (state.schema->name == name) return &state;
  }
  for (const auto& state : plugins) {
    if (state.schema->known_as(name)) return &state;
  }
  return nullptr;
}

Presence Target::presence(std::string_view name) const {
  const auto* state = plugin(name);
  return state != nullptr ? state->presence : Presence::Unknown;
}

std::vector<std::string> Target::describe() const {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("pytest {}: {}", versions.pytest.str(), versions.pytest_reason));
  std::vector<std::string> installed;
  std::vector<std::string> unknown;
  for (const auto& state : plugins) {
    if (state.presence == Presence::Installed) {
      installed.push_back(fmt::format("{} {} ({})", state.schema->name, state.version.str(), state.reason));
    } else if (state.presence == Presence::Unknown) {
      unknown.push_back(state.schema->name);
    }
  }
  switch (knowledge) {
    case PluginKnowledge::Interpreter:
      lines.push_back("plugins: as installed in " + interpreter.value_or("the interpreter"));
      break;
    case PluginKnowledge::Stated: lines.emplace_back("plugins: as stated with --plugins or the plugins setting"); break;
    case PluginKnowledge::Inferred:
      lines.emplace_back("plugins: inferred from required_plugins and declared dependencies (use --python or --plugins to state them)");
      break;
  }
  for (const auto& line : installed) lines.push_back("  " + line);
  if (!unmodelled_plugins.empty()) {
    lines.push_back("  also installed, not modelled: " + fmt::format("{}", fmt::join(unmodelled_plugins, ", ")));
  }
  // Naming every plugin paralint knows would bury the few this config relies on, which the
  // diagnostics name anyway; a short list is still shown whole.
  constexpr std::size_t kNamedUnknown = 12;
  if (unknown.size() > kNamedUnknown) {
    lines.push_back(fmt::format("  presence unknown: the {} {}plugins paralint has schemas for (the diagnostics name those "
                                "this config uses)",
                                unknown.size(), installed.empty() ? "" : "other "));
  } else if (!unknown.empty()) {
    lines.push_back("  presence unknown: " + fmt::format("{}", fmt::join(unknown, ", ")));
  }
  return lines;
}

std::optional<std::vector<std::pair<std::string, std::string>>> parse_plugin_list(std::string_view list, std::string& error) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = std::min(list.find(',', start), list.size());
    auto item = list.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) {
      const auto equals = item.find('=');
      std::string name(item.substr(0, equals));
      std::string version = equals == std::string_view::npos ? "" : std::string(item.substr(equals + 1));
      if (name.empty() || (equals != std::string_view::npos && !Version::parse(version))) {
        error = "'" + std::string(item) + "' is not NAME or NAME=VERSION";
        return std::nullopt;
      }
      out.emplace_back(std::move(name), std::move(version));
    }
    start = comma + 1;
  }
  return out;
}

std::optional<Target> resolve_target(const ModelledVersions& versions, const TargetRequest& request,
                                     const SchemaSet& schemas, std::string& error) {
  Target target;
  target.versions = versions;
  for (const auto& component : schemas.components()) {
    if (!component.is_core()) target.plugins.push_back({&component, Presence::Unknown, component.newest(), {}});
  }
  // A project declares dozens of requirements and few of them are plugins: one hash lookup each.
  auto state_of = [&](std::string_view name) -> PluginState* {
    const auto* component = schemas.find(name);
    if (component == nullptr || component->is_core()) return nullptr;
    for (auto& state : target.plugins) {
      if (state.schema == component) return &state;
    }
    return nullptr;
  };

  if (request.python != nullptr) {
    target.knowledge = PluginKnowledge::Interpreter;
    target.interpreter = request.python->interpreter.string();
    target.psutil = request.python->psutil_version ? Presence::Installed : Presence::Absent;
    for (auto& state : target.plugins) state.presence = Presence::Absent;
    for (const auto& installed : request.python->plugins) {
      auto* state = state_of(installed.distribution);
      if (state == nullptr) {
        if (normalize_distribution_name(installed.distribution) != "pytest") {
          target.unmodelled_plugins.push_back(installed.distribution);
        }
        continue;
      }
      state->presence = Presence::Installed;
      const auto version = Version::parse(installed.version);
      state->version = version ? nearest_release(*state->schema, *version) : state->schema->newest();
      state->reason = "installed: " + installed.version;
    }
    return target;
  }

  if (request.stated_plugins) {
    target.knowledge = PluginKnowledge::Stated;
    for (auto& state : target.plugins) state.presence = Presence::Absent;
    for (const auto& [name, version] : *request.stated_plugins) {
      if (normalize_distribution_name(name) == "psutil") {  // not a plugin: what xdist counts CPUs with
        target.psutil = Presence::Installed;
        continue;
      }
      auto* state = state_of(name);
      if (state == nullptr) {
        target.unmodelled_plugins.push_back(name);
        continue;
      }
      state->presence = Presence::Installed;
      if (version.empty()) {
        state->reason = "stated; newest known release";
      } else {
        const auto modelled = stated_version(*state->schema, version);
        if (!modelled) {
          error = fmt::format("--plugins: '{}' is not a version of {}", version, name);
          return std::nullopt;
        }
        state->version = *modelled;
        state->reason = "stated: " + version;
      }
    }
    return target;
  }

  target.knowledge = PluginKnowledge::Inferred;
  auto assume = [&](const std::string& name, const std::string& specifiers, const std::string& because) {
    auto* state = state_of(name);
    if (state == nullptr || state->presence == Presence::Installed) return;
    state->presence = Presence::Installed;
    const auto pinned = specifiers.empty() ? std::nullopt : state->schema->newest_satisfying({specifiers});
    state->version = pinned.value_or(state->schema->newest());
    state->reason = because + (specifiers.empty() ? "" : " " + specifiers) + "; assumed";
  };
  for (const auto& item : request.required_plugins) {
    assume(requirement_name(item), requirement_specifiers(item), "required_plugins");
  }
  for (const auto& requirement : request.declared) {
    assume(requirement.name, requirement.specifiers, "declared in " + requirement.source);
    const bool extra = requirement.name == "pytest-xdist" &&
                       std::find(requirement.extras.begin(), requirement.extras.end(), "psutil") != requirement.extras.end();
    if (requirement.name == "psutil" || extra) target.psutil = Presence::Installed;
  }
  return target;
}

}  // namespace paralint
