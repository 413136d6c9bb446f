// G005 required-plugins-incomplete: pytest checks `required_plugins` before it reads
// anything else, and stops with "Missing required plugins" when one is not installed.
// Without it, a missing plugin shows up later and worse: its options in addopts are
// "unrecognized arguments", and its keys only warn ("Unknown config option") while the
// setting they carry (a timeout, a reruns count) silently does nothing.

#include <algorithm>
#include <set>

#include "paralint/read/shlex.hpp"
#include "rules/gate/gate.hpp"

namespace paralint::rules {

namespace {

struct Use {
  const ComponentSchema* plugin = nullptr;
  std::string what;  // "`--timeout` in addopts", "the `timeout` key"
};

// The requirement names (before any version specifier) required_plugins lists.
std::vector<std::string> required_names(const ConfigEntry& entry) {
  std::vector<std::string> texts;
  if (entry.value.is_string()) {
    for (auto& token : shlex_split(entry.value.string).tokens) texts.push_back(std::move(token.text));
  } else {
    for (const auto& item : entry.value.items) {
      if (item.is_string()) texts.push_back(item.string);
    }
  }
  std::vector<std::string> names;
  for (const auto& text : texts) {
    const auto end = text.find_first_of("<>=!~;[ (");
    names.push_back(text.substr(0, end));
  }
  return names;
}

std::vector<Use> plugin_uses(const CheckContext& context) {
  std::vector<Use> uses;
  auto add = [&](const ComponentSchema* plugin, std::string what) {
    if (plugin == nullptr || plugin->is_core()) return;
    // A plugin the config turns off with -p no:NAME is not relied on.
    for (const auto& entry_point : plugin->entry_points) {
      if (context.addopts.disables(entry_point)) return;
    }
    const bool seen = std::any_of(uses.begin(), uses.end(), [&](const Use& use) { return use.plugin == plugin; });
    if (!seen) uses.push_back({plugin, std::move(what)});
  };
  for (const auto& option : context.addopts.options) {
    if (option.owner == OptionOwner::Project || option.component == nullptr) continue;
    if (context.addopts.tokens.at(option.first_token).from_environment) continue;
    add(option.component, "`" + option.flag + "` in addopts");
  }
  for (const auto& entry : context.config.ini) {
    const auto owners = context.owners_of_key(entry.key);
    const bool core_or_project = std::any_of(owners.begin(), owners.end(), [](const KeyOwner& owner) {
      return owner.component == nullptr || owner.component->is_core();
    });
    if (owners.empty() || core_or_project) continue;
    add(owners.front().component, "the `" + entry.key + "` key");
  }
  return uses;
}

// Adds `names` to required_plugins, or writes the key after the section header.
std::optional<Fix> add_requirements(const CheckContext& context, const ConfigEntry* entry,
                                    const std::vector<std::string>& names) {
  const auto& source = context.config.source;
  if (!source) return std::nullopt;
  Fix fix;
  fix.applicability = Applicability::Safe;
  std::string joined_ini;
  std::string joined_toml;
  for (const auto& name : names) {
    joined_ini += (joined_ini.empty() ? "" : " ") + name;
    joined_toml += (joined_toml.empty() ? "\"" : ", \"") + name + "\"";
  }
  fix.message = "add " + joined_ini + " to required_plugins";
  if (entry == nullptr) {
    const auto header = section_header(context);
    if (!header) return std::nullopt;
    const auto line = source->line_span(source->position(header->begin).line);
    if (!source->slice(line).starts_with("[")) return std::nullopt;  // the table is not opened by a header line
    fix.edits.push_back({source,
                         {line.end, line.end},
                         "\nrequired_plugins = " + (is_toml_config(context) ? "[" + joined_toml + "]" : joined_ini)});
    return fix;
  }
  const auto& value = entry->value;
  if (value.is_array()) {
    if (value.items.empty()) {
      fix.edits.push_back({source, {value.span.begin + 1, value.span.begin + 1}, joined_toml});
    } else {
      const auto end = value.items.back().span.end;
      fix.edits.push_back({source, {end, end}, ", " + joined_toml});
    }
    return fix;
  }
  if (!value.is_string()) return std::nullopt;
  if (!entry->pieces.empty()) {
    const auto end = source_offset(entry->pieces, value.string.size());
    fix.edits.push_back({source, {end, end}, (value.string.empty() ? "" : " ") + joined_ini});
    return fix;
  }
  // A one-line TOML string: insert before its closing quote.
  const auto raw = source->slice(value.span);
  if (raw.size() < 2 || raw.find('\n') != std::string_view::npos || raw.starts_with(R"(""")") ||
      raw.starts_with("'''")) {
    return std::nullopt;
  }
  fix.edits.push_back(
      {source, {value.span.end - 1, value.span.end - 1}, (value.string.empty() ? "" : " ") + joined_ini});
  return fix;
}

}  // namespace

void check_required_plugins(const CheckContext& context, DiagnosticSink& sink) {
  if (!context.config.configfile || !context.config.section || context.config.parse_error) return;
  const auto* entry = context.config.find("required_plugins");
  const auto required = entry != nullptr ? required_names(*entry) : std::vector<std::string>{};
  std::vector<Use> missing;
  for (auto& use : plugin_uses(context)) {
    const bool listed = std::any_of(required.begin(), required.end(),
                                    [&](const std::string& name) { return use.plugin->known_as(name); });
    if (!listed) missing.push_back(std::move(use));
  }
  if (missing.empty()) return;
  std::vector<std::string> names;  // the ones the fix adds: not those known to be absent
  std::string described;
  for (const auto& use : missing) {
    // Listing an absent plugin only trades one refusal for another; A003 offers to take out
    // its options instead.
    if (context.presence_of(*use.plugin) != Presence::Absent) names.push_back(use.plugin->name);
    described += (described.empty() ? "" : ", ") + use.plugin->name + " (" + use.what + ")";
  }
  const auto location =
      entry != nullptr ? context.at(entry->key_span) : context.at(section_header(context).value_or(Span{}));
  auto& diagnostic = sink.report(
      "G005", location,
      (entry != nullptr ? "required_plugins does not list " : "no required_plugins, though the config uses ") +
          described +
          ": without it, a missing plugin makes its options unrecognized arguments and its keys mere warnings");
  if (entry == nullptr) diagnostic.severity = Severity::Info;
  diagnostic.help =
      "list every plugin the config relies on, so that pytest stops with \"Missing required plugins\" when one is "
      "not installed";
  if (!names.empty()) diagnostic.fix = add_requirements(context, entry, names);
}

}  // namespace paralint::rules
