#include "paralint/rules/check.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "paralint/model/model_project.hpp"
#include "paralint/read/shlex.hpp"
#include "paralint/rules/check_context.hpp"
#include "paralint/rules/rule.hpp"
#include "paralint/rules/rule_catalogue.hpp"
#include "paralint/rules/suppression.hpp"
#include "paralint/scan/workspace.hpp"
#include "paralint/util/display_path.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

bool is_toml_name(const fs::path& path) { return path.extension() == ".toml"; }

// Config-named files in the directories pytest walked (from the start directory up to the
// file it stopped at) that the modelled release does not look for but another one does.
std::vector<fs::path> files_other_releases_read(const EffectiveConfig& config) {
  const auto& known = known_versions();
  const auto every_name = config_file_names(Behaviour::of(known.pytest.newest(), known.iniconfig.newest()));
  const auto names = config_file_names(config.behaviour);
  fs::path last_directory = config.start_dir.root_path();
  for (const auto& candidate : config.candidates) {
    if (candidate.status == CandidateStatus::Chosen || candidate.status == CandidateStatus::Broken) {
      last_directory = candidate.path.parent_path();
      break;
    }
  }
  std::vector<fs::path> files;
  for (fs::path directory = config.start_dir;; directory = directory.parent_path()) {
    for (const auto name : every_name) {
      std::error_code error;
      const auto path = directory / name;
      if (std::find(names.begin(), names.end(), name) == names.end() && fs::is_regular_file(path, error)) {
        files.push_back(path);
      }
    }
    if (directory == last_directory || directory == directory.parent_path()) break;
  }
  return files;
}

std::optional<ConfigDocument> read_document(const EffectiveConfig& config, const fs::path& path,
                                            CandidateStatus status) {
  ConfigDocument document;
  document.status = status;
  if (config.source && config.source->path() == path) {
    document.source = config.source;
  } else {
    std::string unreadable;
    document.source = read_source_once(path, unreadable);
    if (!document.source) return std::nullopt;
  }
  if (is_toml_name(path)) {
    document.toml = &read_toml_once(*document.source);
  } else {
    document.ini =
        read_ini(*document.source, {config.behaviour.iniconfig_splitlines, config.behaviour.iniconfig_strip_bom});
  }
  return document;
}

std::vector<ConfigDocument> read_documents(const EffectiveConfig& config) {
  std::vector<ConfigDocument> documents;
  for (const auto& candidate : config.candidates) {
    if (candidate.status == CandidateStatus::NotARegularFile) continue;
    if (auto document = read_document(config, candidate.path, candidate.status)) {
      documents.push_back(std::move(*document));
    }
  }
  for (const auto& path : files_other_releases_read(config)) {
    if (auto document = read_document(config, path, CandidateStatus::NotPytestConfig)) {
      documents.push_back(std::move(*document));
    }
  }
  return documents;
}

std::vector<std::string> required_plugin_items(const EffectiveConfig& config) {
  std::vector<std::string> items;
  const auto* entry = config.find("required_plugins");
  if (entry == nullptr) return items;
  if (entry->value.is_string()) {
    for (auto& token : shlex_split(entry->value.string).tokens) items.push_back(std::move(token.text));
  } else {
    for (const auto& item : entry->value.items) {
      if (item.is_string()) items.push_back(item.string);
    }
  }
  return items;
}

// Longest matching prefix wins; on a tie --ignore wins.
std::size_t longest_prefix(const std::vector<std::string>& prefixes, std::string_view code) {
  std::size_t best = 0;
  for (const auto& prefix : prefixes) {
    if (prefix == "ALL" && best == 0) best = 1;
    if (!prefix.empty() && code.starts_with(prefix)) best = std::max(best, prefix.size() + 1);
  }
  return best;
}

}  // namespace

bool RuleSelection::selected(std::string_view code) const {
  const auto chosen = longest_prefix(select, code);
  const auto ignored = longest_prefix(ignore, code);
  constexpr std::size_t kAllOnly = 1;  // what longest_prefix gives ALL
  if (chosen == kAllOnly && in_opt_in_family(code)) return false;
  return chosen > 0 && chosen > ignored;
}

bool FileIgnore::ignores(std::string_view code, const fs::path& file) const {
  return longest_prefix(codes, code) > 0 && files.matches(file);
}

bool CheckRequest::runs(std::string_view code, const fs::path& file) const {
  return selection.selected(code) && std::none_of(per_file_ignores.begin(), per_file_ignores.end(),
                                                  [&](const FileIgnore& ignore) { return ignore.ignores(code, file); });
}

std::optional<Target> project_target(const ModelledProject& project, const CheckRequest& request, std::string& error) {
  TargetRequest target_request;
  target_request.python = request.versions.python;
  target_request.stated_plugins = request.stated_plugins;
  target_request.required_plugins = required_plugin_items(project.config);
  target_request.declared = project_requirements(project.config.rootdir);
  return resolve_target(project.versions, target_request, SchemaSet::embedded(), error);
}

std::optional<CheckResult> check_path(const fs::path& path, const CheckRequest& request, std::string& error) {
  std::error_code status_error;
  const auto status = fs::status(path, status_error);
  if (!fs::exists(status)) {
    error = path.string() + ": " + why_unusable(status_error);
    return std::nullopt;
  }
  const bool is_file = !fs::is_directory(status);
  // Normal, so that `./pytest.ini` and `sub/../pytest.ini` are the file discovery finds.
  const auto absolute = fs::absolute(path).lexically_normal();
  const fs::path directory = is_file ? absolute.parent_path() : path;
  // The file pytest is told to read: a file PATH is linted as `pytest -c PATH` reads it.
  const auto explicit_config = is_file ? std::optional(absolute) : request.config_file;

  DiscoveryOptions discovery;
  discovery.environment_addopts = request.environment_addopts;
  auto project = model_project(directory, request.versions, discovery, error);
  if (!project) return std::nullopt;
  // A file named on the command line is linted itself, as `pytest -c FILE` reads it, and
  // the directory's own reading says whether it is shadowed.
  std::optional<EffectiveConfig> directory_view;
  if (explicit_config && project->config.configfile != *explicit_config) {
    directory_view = std::move(project->config);
    discovery.config_file = *explicit_config;
    project->config = discover(directory, Behaviour::of(project->versions.pytest, project->versions.iniconfig), discovery);
  }
  const auto& config = project->config;

  const auto& schemas = SchemaSet::embedded();
  auto target = project_target(*project, request, error);
  if (!target) return std::nullopt;

  const auto scan = scan_project(config);
  std::vector<ProjectOption> project_options;
  for (const auto& option : scan.options) project_options.push_back({option.where.name, option.takes_value});
  const auto addopts = parse_addopts(config, schemas, *target, project_options);
  auto documents = read_documents(config);
  if (directory_view) {
    // The shadowing files come from the directory's reading.
    for (auto& document : read_documents(*directory_view)) {
      const bool known = std::any_of(documents.begin(), documents.end(), [&](const ConfigDocument& other) {
        return other.source->path() == document.source->path();
      });
      if (!known) documents.push_back(std::move(document));
    }
  }

  const CheckContext context{
      config, *target, schemas, scan, addopts, documents, directory_view ? &*directory_view : nullptr,
      &project_requirements(config.rootdir), request.measured ? &*request.measured : nullptr};
  DiagnosticSink sink;
  for (const auto& function : all_rule_functions()) {
    const bool wanted = std::any_of(function.codes.begin(), function.codes.end(),
                                    [&](std::string_view code) { return request.selection.selected(code); });
    if (wanted) function.check(context, sink);
  }

  CheckResult result;
  result.path = path;
  result.assumptions = target->describe();
  // What paralint could not read is assumed away too: say so, with the OS's or its own words.
  for (const auto& unread : unread_requirement_files(config.rootdir)) result.assumptions.push_back("not read: " + unread);
  for (const auto& unread : scan.unread_files) result.assumptions.push_back("not read: " + unread);
  for (auto& diagnostic : sink.diagnostics()) {
    if (request.runs(diagnostic.code, diagnostic.location.file)) result.diagnostics.push_back(std::move(diagnostic));
  }
  apply_suppression_comments(documents, request, result.diagnostics);
  // Views, not copies: a sort compares each diagnostic many times.
  auto key = [](const Diagnostic& diagnostic) {
    return std::tuple(std::string_view(diagnostic.location.file.native()), diagnostic.location.span.begin,
                      std::string_view(diagnostic.code), diagnostic.location.span.end,
                      std::string_view(diagnostic.message));
  };
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [&](const Diagnostic& left, const Diagnostic& right) { return key(left) < key(right); });
  result.diagnostics.erase(std::unique(result.diagnostics.begin(), result.diagnostics.end(),
                                       [&](const Diagnostic& left, const Diagnostic& right) { return key(left) == key(right); }),
                           result.diagnostics.end());
  return result;
}

Diagnostic& DiagnosticSink::report(std::string_view code, Location location, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = code;
  if (const auto* rule = find_rule(code)) {
    diagnostic.name = rule->name;
    diagnostic.severity = rule->severity;
  } else {
    throw std::logic_error("rule " + std::string(code) + " has no rules/" + std::string(code) + ".toml");
  }
  diagnostic.location = std::move(location);
  diagnostic.message = std::move(message);
  diagnostics_.push_back(std::move(diagnostic));
  return diagnostics_.back();
}

std::vector<KeyOwner> CheckContext::owners_of_key(std::string_view key) const {
  std::vector<KeyOwner> owners;
  for (const auto* component : schemas.with_ini_key(key)) {
    // The entry for the modelled release: a key whose type changed has one entry per shape.
    const auto version = version_of(*component);
    const auto* schema = component->find_ini(key, version);
    if (schema == nullptr) continue;
    owners.push_back({component, schema, presence_of(*component), schema->availability.in(version)});
  }
  for (const auto& registered : project.ini_keys) {
    if (registered.name == key) owners.push_back({nullptr, nullptr, Presence::Installed, true});
  }
  auto rank = [](const KeyOwner& owner) { return owner_rank(owner.presence, owner.exists_in_version); };
  std::stable_sort(owners.begin(), owners.end(), [&](const KeyOwner& left, const KeyOwner& right) { return rank(left) < rank(right); });
  return owners;
}

Version CheckContext::version_of(const ComponentSchema& component) const {
  if (component.is_core()) return target.pytest();
  const auto* state = target.plugin_of(component);
  return state != nullptr ? state->version : component.newest();
}

// A plugin's options, keys and markers are registered by its first entry point (xdist's
// `xdist`, not `xdist.looponfail`): blocking that one is what takes the plugin away;
// blocking another leaves what the first registers (verified: `-p no:xdist.looponfail -n 2`
// still distributes).
Presence CheckContext::presence_of(const ComponentSchema& component) const {
  if (component.is_core()) return Presence::Installed;
  if (!component.entry_points.empty() && addopts.disables(component.entry_points.front())) return Presence::Absent;
  const auto* state = target.plugin_of(component);
  return state != nullptr ? state->presence : Presence::Unknown;
}

const ConfigDocument* CheckContext::chosen_document() const {
  for (const auto& document : documents) {
    if (document.status == CandidateStatus::Chosen) return &document;
  }
  return nullptr;
}

FileOwnership::FileOwnership(const std::vector<fs::path>& targets) {
  for (std::size_t index = 0; index < targets.size(); ++index) target_at_.emplace(comparable_path(targets[index]), index);
}

std::optional<std::size_t> FileOwnership::held_by(const fs::path& file) {
  const auto [slot, fresh] = holder_.try_emplace(file);
  // Readings spell files absolute and normal; anything else (PYTEST_ADDOPTS) is not a file.
  if (fresh && file.is_absolute()) {
    const auto normal = comparable_path(file);
    if (const auto held = target_at_.find(normal); held != target_at_.end()) {
      slot->second = held->second;
    } else if (const auto directory = target_at_.find(normal.parent_path()); directory != target_at_.end()) {
      slot->second = directory->second;
    }
  }
  return slot->second;
}

void FileOwnership::keep_own(std::size_t index, CheckResult& result) {
  std::erase_if(result.diagnostics, [&](const Diagnostic& diagnostic) {
    const auto& file = diagnostic.location.file;
    const auto owner = held_by(file);
    return (owner ? *owner : first_reporter_.emplace(file, index).first->second) != index;
  });
}

}  // namespace paralint
