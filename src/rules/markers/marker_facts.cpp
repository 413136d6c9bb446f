// Facts the marker rules share: who registers a marker name, whether strict markers are in
// effect for the target pytest, and the edits their fixes make to the chosen config file.

#include <algorithm>

#include "paralint/read/python_text.hpp"
#include "paralint/util/spelling.hpp"
#include "rules/markers/markers.hpp"

namespace paralint::rules {

namespace {

const Version kStrictKeys{9, 0, 0};            // strict_markers / strict keys, --strict-markers as -o
const Version kOverridesFromAddopts{9, 1, 0};  // 9.0.x ignored -o and its flags in addopts (#14442)

// _pytest.config._strtobool, as getini applies it to a bool key's string.
std::optional<bool> python_bool(const Value& value) {
  if (value.kind == Value::Kind::Boolean) return value.boolean;
  if (!value.is_string()) return std::nullopt;
  return python::strtobool(value.string);
}

}  // namespace

MarkerRegistration marker_registration(const CheckContext& context, std::string_view name) {
  for (const auto& declaration : context.config.markers) {
    if (declaration.name == name) return {Registration::Registered, nullptr};
  }
  for (const auto& registered : context.project.markers) {
    if (registered.name == name) return {Registration::Registered, nullptr};
  }
  MarkerRegistration result;
  for (const auto* component : context.schemas.with_marker(name)) {
    const auto version = context.version_of(*component);
    const bool registers =
        std::any_of(component->markers.begin(), component->markers.end(),
                    [&](const MarkerSchema& marker) { return marker.name == name && marker.availability.in(version); });
    if (!registers) continue;
    switch (context.presence_of(*component)) {
      case Presence::Installed:
        return {Registration::Registered, nullptr};
      case Presence::Unknown:
        if (result.state != Registration::PluginUnknown) result = {Registration::PluginUnknown, component};
        break;
      case Presence::Absent:
        if (result.state == Registration::Unregistered) result = {Registration::PluginAbsent, component};
        break;
    }
  }
  return result;
}

const ComponentSchema* marker_owner(const CheckContext& context, std::string_view name) {
  for (const auto* component : context.schemas.with_marker(name)) {
    const auto version = context.version_of(*component);
    for (const auto& marker : component->markers) {
      if (marker.name == name && marker.availability.in(version)) return component;
    }
  }
  return nullptr;
}

StrictMarkers strict_markers(const CheckContext& context) {
  StrictMarkers out;
  const auto& pytest = context.target.pytest();
  const auto version = pytest.str();
  if (pytest < kStrictKeys) {
    // MarkGenerator: `config.option.strict_markers or config.option.strict`.
    for (const auto* dest : {"strict_markers", "strict"}) {
      if (const auto* option = context.addopts.find_dest("pytest", dest)) {
        out.enabled = true;
        out.how = option->flag + " in addopts";
        return out;
      }
    }
    for (const auto* key : {"strict_markers", "strict"}) {
      const auto* entry = context.config.find(key);
      if (entry == nullptr || python_bool(entry->value) != true) continue;
      out.ineffective = "`" + std::string(key) + "` is a config key only from pytest 9.0; pytest " + version +
                        " warns \"Unknown config option: " + key + "\" and ignores it";
      out.ineffective_span = entry->key_span;
      break;
    }
    return out;
  }
  // pytest >= 9: getini("strict_markers"), falling back to getini("strict") when unset.
  // --strict-markers / --strict set them like -o KEY=true; from the ini addopts that only
  // works from 9.1.0 on (9.0.x honours them from PYTEST_ADDOPTS and the command line).
  auto value_of = [&](std::string_view key) -> std::optional<std::pair<bool, std::string>> {
    std::optional<std::pair<bool, std::string>> value;
    if (const auto* entry = context.config.find(key)) {
      if (const auto parsed = python_bool(entry->value))
        value = {*parsed, std::string(key) + " = " + (*parsed ? "true" : "false")};
    }
    for (const auto& option : context.addopts.options) {
      if (option.component == nullptr || !option.component->is_core() || option.option == nullptr) continue;
      std::optional<bool> set;
      if (option.option->action == "OverrideIniAction" && option.option->dest == key) {
        set = true;
      } else if (option.option->dest == "override_ini" && option.value &&
                 option.value->starts_with(std::string(key) + "=")) {
        set = python_bool(Value::make_string(option.value->substr(key.size() + 1)));
      }
      if (!set) continue;
      const bool from_environment = context.addopts.tokens[option.first_token].from_environment;
      if (pytest >= kOverridesFromAddopts || from_environment) {
        value = {*set, option.flag + (option.value ? " " + *option.value : "") +
                           (from_environment ? " in PYTEST_ADDOPTS" : " in addopts")};
      } else if (!out.ineffective) {
        out.ineffective = option.flag + (option.value ? " " + *option.value : "") +
                          " in addopts is ignored by pytest " + version +
                          " (addopts could not set config keys in 9.0.x; fixed in 9.1.0)";
        out.ineffective_span = option.span;
      }
    }
    return value;
  };
  auto value = value_of("strict_markers");
  if (!value) value = value_of("strict");
  if (value) {
    out.enabled = value->first;
    out.disabled_on_purpose = !value->first;
    out.how = value->second;
  }
  return out;
}

std::string absence(const CheckContext& context, const ComponentSchema& plugin) {
  for (const auto& argument : context.addopts.plugin_arguments) {
    if (argument.disables && plugin.known_as(argument.name))
      return "is disabled by -p no:" + argument.name + " in addopts";
  }
  return "is not installed";
}

bool registrations_may_be_hidden(const CheckContext& context) {
  return !context.project.opaque_sources.empty() || !context.target.unmodelled_plugins.empty();
}

std::string opaque_note(const CheckContext& context) {
  std::vector<std::string> parts;
  const auto& opaque = context.project.opaque_sources;
  if (!opaque.empty()) {
    parts.push_back(opaque.front() +
                    (opaque.size() > 1 ? " (and " + std::to_string(opaque.size() - 1) + " more)" : ""));
  }
  const auto& unmodelled = context.target.unmodelled_plugins;
  if (!unmodelled.empty()) {
    std::string names;
    for (const auto& name : unmodelled) names += (names.empty() ? "" : ", ") + name;
    parts.push_back("installed plugins paralint has no schema for: " + names);
  }
  if (parts.empty()) return {};
  std::string out = "it may be registered by code paralint cannot read (";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? "; " : "") + parts[i];
  return out + ")";
}

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  for (const auto& candidate : candidates) {
    const auto edits = typo_distance(name, candidate);
    if (edits > 0 && edits < best_distance && 2 * edits < name.size()) {
      best = candidate;
      best_distance = edits;
    }
  }
  return best;
}

Severity lowered(Severity severity) { return severity == Severity::Error ? Severity::Warning : Severity::Info; }

std::optional<Edit> remove_declaration(const CheckContext& context, const MarkerDeclaration& declaration) {
  const auto& source = context.config.source;
  if (!source) return std::nullopt;
  const auto text = source->slice(declaration.span);
  const auto line = source->position(declaration.span.begin).line;
  const auto line_span = source->line_span(line);
  const auto line_text = python::strip(source->slice(line_span));
  if (line_text == text ||
      (line_text.size() == text.size() + 1 && line_text.starts_with(text) && line_text.ends_with(','))) {
    return Edit{source, {line_span.begin, line_span.end + source->line_break(line).size()}, ""};
  }
  // An item of a one-line TOML array: the item and the comma that joins it to its neighbour.
  const auto bytes = source->bytes();
  auto after = declaration.span.end;
  while (after < bytes.size() && (bytes[after] == ' ' || bytes[after] == '\t')) ++after;
  if (after < bytes.size() && bytes[after] == ',') {
    ++after;
    while (after < bytes.size() && (bytes[after] == ' ' || bytes[after] == '\t')) ++after;
    return Edit{source, {declaration.span.begin, after}, ""};
  }
  auto before = declaration.span.begin;
  while (before > 0 && (bytes[before - 1] == ' ' || bytes[before - 1] == '\t')) --before;
  if (before > 0 && bytes[before - 1] == ',') return Edit{source, {before - 1, declaration.span.end}, ""};
  return std::nullopt;
}

}  // namespace paralint::rules
