#include "rules/keys/key_facts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "paralint/read/python_text.hpp"
#include "rules/filterwarnings/warning_filters.hpp"
#include "rules/gate/strictness.hpp"

namespace paralint::rules::keys {

std::optional<RegisteredKey> registered_key(const CheckContext& context, std::string_view key) {
  for (const auto& owner : context.owners_of_key(key)) {
    if (owner.component == nullptr || !owner.exists_in_version || owner.presence == Presence::Absent) continue;
    return RegisteredKey{owner.component, owner.key, owner.presence};
  }
  return std::nullopt;
}

UnknownKeyOutcome unknown_key_outcome(const CheckContext& context, std::string_view key) {
  const auto& version = context.target.pytest();
  const auto pytest = "pytest " + version.str();
  if (const auto strict = strict_config(context); strict.on) {
    return {true, fmt::format("{} stops with \"ERROR: Unknown config option: {}\" (exit 4) because of {}", pytest, key,
                              strict.source)};
  }
  if (context.addopts.disables("warnings")) {
    return {false, fmt::format("{} ignores the setting without a word (-p no:warnings drops config warnings)", pytest)};
  }
  // Config.issue_config_time_warning applies the configured filters to it.
  const auto filters = read_filters(context);
  const StartupWarning warning{{"pytest.PytestConfigWarning", "pytest.PytestWarning", "UserWarning", "Warning"},
                               fmt::format("Unknown config option: {}\n", key),
                               "_pytest.config"};
  const auto decision = decide(filters, warning, version);
  if (decision.action == "error") {
    return {decision.certain,
            fmt::format("{} stops with INTERNALERROR (exit 3){}: the warning filter \"{}\" turns "
                        "\"PytestConfigWarning: Unknown config option: {}\" into an exception",
                        pytest, decision.certain ? "" : " unless an earlier filter paralint cannot evaluate catches it",
                        decision.filter->text, key)};
  }
  if (decision.action == "ignore") {
    return {false, fmt::format("{} ignores the setting without a word (the warning filter \"{}\" hides "
                               "\"Unknown config option: {}\")",
                               pytest, decision.filter->text, key)};
  }
  auto text =
      fmt::format("{} warns \"PytestConfigWarning: Unknown config option: {}\" and ignores the setting", pytest, key);
  // From 9.0 a filter whose category does not import issues "Failed to import filter module"
  // inside the same warning capture, and that warning is the one pytest reports.
  if (version >= Version{9, 0, 0}) {
    for (const auto* list : {&filters.config, &filters.command_line}) {
      for (const auto& filter : *list) {
        if (filter.category().find('.') == std::string::npos ||
            resolve_category_statically(filter.category(), version).kind == StaticCategory::Kind::Resolves) {
          continue;
        }
        return {false,
                text + fmt::format(" (when the filter category {} cannot be imported, pytest reports \"Failed to "
                                   "import filter module\" in place of this warning)",
                                   filter.category())};
      }
    }
  }
  return {false, std::move(text)};
}

std::string component_label(const CheckContext& context, const ComponentSchema& component) {
  return component.name + " " + context.version_of(component).str();
}

std::string absence_reason(const CheckContext& context, const ComponentSchema& component) {
  for (const auto& plugin : context.addopts.plugin_arguments) {
    if (plugin.disables && component.known_as(plugin.name)) return "disabled by `-p no:" + plugin.name + "` in addopts";
  }
  switch (context.target.knowledge) {
    case PluginKnowledge::Interpreter:
      return "not installed in " + context.target.interpreter.value_or("the interpreter");
    case PluginKnowledge::Stated:
      return "not among the plugins given with --plugins";
    case PluginKnowledge::Inferred:
      break;
  }
  return "not declared by the project, so paralint cannot tell whether it is installed";
}

Severity lowered(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return Severity::Warning;
    case Severity::Warning:
    case Severity::Info:
      return Severity::Info;
  }
  return severity;
}

void allow_for_unseen_code(const CheckContext& context, Diagnostic& diagnostic) {
  std::vector<std::string> unseen = context.project.opaque_sources;
  for (const auto& plugin : context.target.unmodelled_plugins) unseen.push_back("installed plugin " + plugin + " (no schema)");
  if (unseen.empty()) return;
  diagnostic.severity = lowered(diagnostic.severity);
  diagnostic.message += fmt::format(" (unless code paralint cannot read registers it: {})", fmt::join(unseen, "; "));
}

std::vector<std::string> linelist_lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto end = std::min(text.find('\n', begin), text.size());
    const auto line = python::strip(text.substr(begin, end - begin));
    if (!line.empty()) out.emplace_back(line);
    begin = end + 1;
  }
  return out;
}

const Value* written_value(const CheckContext& context, const ConfigEntry& entry) {
  if (entry.mode != ValueMode::Ini) return nullptr;
  const auto* document = context.chosen_document();
  if (document == nullptr || !document->toml) return nullptr;
  const auto* tool = document->toml->root.find("tool");
  const auto* pytest = tool != nullptr ? tool->find("pytest") : nullptr;
  const auto* ini_options = pytest != nullptr ? pytest->find("ini_options") : nullptr;
  return ini_options != nullptr ? ini_options->find(entry.key) : nullptr;
}


}  // namespace paralint::rules::keys
