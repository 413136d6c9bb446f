#pragma once
// The environment a check is about: which pytest, and which plugins are installed at which
// versions. Known from an interpreter (--python), stated (--plugins), or inferred from
// what the project declares; an inferred set says so, and a plugin nobody mentioned is
// "unknown", never guessed absent.

#include <optional>
#include <string>
#include <vector>

#include "paralint/model/environment.hpp"
#include "paralint/schema/schema.hpp"

namespace paralint {

enum class Presence { Installed, Absent, Unknown };

// Which of several components that register a name pytest meets first, as paralint believes:
// installed before unknown before absent, and one whose modelled release has the name before
// one whose release does not. Lower is first.
int owner_rank(Presence presence, bool exists_in_version);

struct PluginState {
  const ComponentSchema* schema = nullptr;
  Presence presence = Presence::Unknown;
  Version version;     // the modelled release when installed or unknown
  std::string reason;  // why paralint believes it
};

enum class PluginKnowledge {
  Interpreter,  // --python: installed distributions are facts, everything else is absent
  Stated,       // --plugins: the user's list is the whole set
  Inferred,     // required_plugins and declared dependencies: others are unknown
};

struct Target {
  ModelledVersions versions;
  PluginKnowledge knowledge = PluginKnowledge::Inferred;
  std::vector<PluginState> plugins;  // one per plugin schema, in schema order
  // Installed pytest plugins paralint has no schema for: their options and keys exist
  // but are not known here.
  std::vector<std::string> unmodelled_plugins;
  std::optional<std::string> interpreter;  // --python, for questions only it can answer
  // Whether psutil is importable: pytest-xdist's `-n auto` counts physical cores with it,
  // logical CPUs without it. Known from --python, stated in --plugins, or declared
  // (psutil, or pytest-xdist[psutil]); otherwise unknown.
  Presence psutil = Presence::Unknown;

  [[nodiscard]] const Version& pytest() const { return versions.pytest; }
  [[nodiscard]] const PluginState* plugin(std::string_view name) const;
  // The state of the plugin `component` describes (rules ask per schema, for every key).
  [[nodiscard]] const PluginState* plugin_of(const ComponentSchema& component) const;
  [[nodiscard]] Presence presence(std::string_view name) const;
  // The schema of ini key `key` (or an alias) as the modelled releases register it: the
  // core's, else the plugin's that is installed, then unknown, then absent, one that has the
  // key in its modelled release first. nullptr when no known component registers it.
  [[nodiscard]] const IniKeySchema* ini_key(const SchemaSet& schemas, std::string_view key) const;
  // One line per assumption, for the summary ("pytest 9.1.1: newest known release …").
  [[nodiscard]] std::vector<std::string> describe() const;
};

// "pytest-xdist=3.6,pytest-timeout" → (name, version-or-empty) pairs; nullopt with `error`
// on a malformed list.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_plugin_list(std::string_view list,
                                                                                 std::string& error);

struct TargetRequest {
  const PythonEnvironment* python = nullptr;
  std::optional<std::vector<std::pair<std::string, std::string>>> stated_plugins;
  std::vector<std::string> required_plugins;  // the config's required_plugins items
  std::vector<Requirement> declared;          // the project's declared dependencies
};

// nullopt with `error` when a stated plugin version is not a version.
std::optional<Target> resolve_target(const ModelledVersions& versions, const TargetRequest& request,
                                     const SchemaSet& schemas, std::string& error);

}  // namespace paralint
