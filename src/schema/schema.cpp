#include "paralint/schema/schema.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "read/tomlpp.hpp"


namespace paralint {

namespace {

// The schema files ship inside the binary and are checked by the tests, so a malformed
// one is a build defect, not user input: fail loudly.
[[noreturn]] void defect(const std::string& file, const std::string& what) {
  throw std::logic_error(file + ": " + what);
}

std::string text_of(const toml::table& table, std::string_view key) {
  const auto* node = table.get(key);
  if (node == nullptr) return {};
  if (const auto* text = node->as_string()) return text->get();
  if (const auto* integer = node->as_integer()) return std::to_string(integer->get());
  return {};
}

std::vector<std::string> strings_of(const toml::table& table, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* array = table[key].as_array()) {
    for (const auto& item : *array) {
      if (const auto* text = item.as_string()) out.push_back(text->get());
    }
  }
  return out;
}

std::optional<Version> version_of(const toml::table& table, std::string_view key, const std::string& file) {
  const auto text = text_of(table, key);
  if (text.empty()) return std::nullopt;
  auto version = Version::parse(text);
  if (!version) defect(file, "bad version '" + text + "' in " + std::string(key));
  return version;
}

Availability availability_of(const toml::table& table, const std::string& file) {
  return {version_of(table, "since", file), version_of(table, "removed", file), version_of(table, "deprecated", file),
          text_of(table, "deprecation")};
}

bool on_invalid_of(const toml::table& table, const std::string& file) {
  const auto text = text_of(table, "on_invalid");
  if (text.empty() || text == "error") return true;
  if (text == "ignored") return false;
  defect(file, R"(on_invalid must be "error" or "ignored", not ')" + text + "'");
}

std::map<std::string, Version, std::less<>> choices_since_of(const toml::table& table, const std::string& file) {
  std::map<std::string, Version, std::less<>> out;
  if (const auto* since = table["choices_since"].as_table()) {
    for (const auto& [choice, version] : *since) {
      const auto* text = version.as_string();
      const auto parsed = text != nullptr ? Version::parse(text->get()) : std::nullopt;
      if (!parsed) defect(file, "bad choices_since");
      out.emplace(std::string(choice.str()), *parsed);
    }
  }
  return out;
}

std::vector<std::string> choices_at(const std::vector<std::string>& choices,
                                    const std::map<std::string, Version, std::less<>>& since, const Version& version) {
  std::vector<std::string> out;
  for (const auto& choice : choices) {
    const auto added = since.find(choice);
    if (added == since.end() || added->second <= version) out.push_back(choice);
  }
  return out;
}

Arity arity_of(const toml::table& table, const std::string& action) {
  if (action == "store_true" || action == "store_false" || action == "store_const" || action == "append_const" ||
      action == "count" || action == "help" || action == "version") {
    return Arity::None;
  }
  const auto* nargs = table.get("nargs");
  if (nargs == nullptr) return Arity::One;
  if (const auto* count = nargs->as_integer()) return count->get() == 0 ? Arity::None : Arity::One;
  const auto text = text_of(table, "nargs");
  if (text == "?") return Arity::Optional;
  if (text == "*") return Arity::ZeroOrMore;
  if (text == "+") return Arity::OneOrMore;
  return Arity::One;
}

ComponentSchema parse_component(const std::string& file, std::string_view text) {
  auto parsed = toml::parse(text, std::string_view(file));
  if (!parsed) defect(file, std::string(parsed.error().description()));
  const auto& root = parsed.table();
  const auto* header = root["component"].as_table();
  if (header == nullptr) defect(file, "no [component] table");
  ComponentSchema component;
  component.name = text_of(*header, "name");
  component.short_names = strings_of(*header, "short_names");
  component.entry_points = strings_of(*header, "entry_points");
  for (const auto& release : strings_of(*header, "releases")) {
    auto version = Version::parse(release);
    if (!version) defect(file, "bad release '" + release + "'");
    component.releases.push_back(*version);
  }
  std::sort(component.releases.begin(), component.releases.end());
  if (component.name.empty() || component.releases.empty()) defect(file, "component needs a name and releases");
  component.normalized_names.push_back(normalize_distribution_name(component.name));
  for (const auto* names : {&component.short_names, &component.entry_points}) {
    for (const auto& other : *names) component.normalized_names.push_back(normalize_distribution_name(other));
  }

  if (const auto* keys = root["ini"].as_array()) {
    for (const auto& node : *keys) {
      const auto& table = *node.as_table();
      IniKeySchema key{text_of(table, "name"), text_of(table, "type"), text_of(table, "default"),
                       text_of(table, "value"), strings_of(table, "choices"), choices_since_of(table, file),
                       on_invalid_of(table, file), {}, availability_of(table, file)};
      if (key.type.empty()) key.type = "string";
      if (const auto* aliases = table["aliases"].as_array()) {
        for (const auto& alias : *aliases) {
          const auto& alias_table = *alias.as_table();
          key.aliases.push_back({text_of(alias_table, "name"), version_of(alias_table, "since", file)});
        }
      }
      component.ini.push_back(std::move(key));
    }
  }
  if (const auto* options = root["option"].as_array()) {
    for (const auto& node : *options) {
      const auto& table = *node.as_table();
      OptionSchema option;
      option.names = strings_of(table, "names");
      option.dest = text_of(table, "dest");
      option.action = text_of(table, "action");
      if (option.action.empty()) option.action = "store";
      option.arity = arity_of(table, option.action);
      option.type = text_of(table, "type");
      option.choices = strings_of(table, "choices");
      option.choices_since = choices_since_of(table, file);
      option.default_repr = text_of(table, "default");
      option.availability = availability_of(table, file);
      if (option.names.empty()) defect(file, "option without names");
      component.options.push_back(std::move(option));
    }
  }
  if (const auto* markers = root["marker"].as_array()) {
    for (const auto& node : *markers) {
      const auto& table = *node.as_table();
      component.markers.push_back({text_of(table, "name"), text_of(table, "line"), availability_of(table, file)});
    }
  }
  if (const auto* plugins = root["builtin_plugin"].as_array()) {
    for (const auto& node : *plugins) {
      const auto& table = *node.as_table();
      component.builtin_plugins.push_back({text_of(table, "name"), availability_of(table, file)});
    }
  }
  return component;
}

}  // namespace

bool Availability::in(const Version& version) const {
  return (!since || *since <= version) && (!removed || version < *removed);
}

bool Availability::deprecated_in(const Version& version) const { return deprecated && *deprecated <= version && in(version); }

std::vector<std::string> OptionSchema::choices_in(const Version& version) const {
  return choices_at(choices, choices_since, version);
}

std::vector<std::string> IniKeySchema::choices_in(const Version& version) const {
  return choices_at(choices, choices_since, version);
}

std::string OptionSchema::display_names() const {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : "/") + name;
  return out;
}

namespace {

// Of the entries `matches` accepts, the one available at `release`, else the last listed
// (entries of one name are listed oldest first).
template <typename Entry, typename Matches>
const Entry* pick(const std::vector<Entry>& entries, Matches matches, const std::optional<Version>& release) {
  const Entry* found = nullptr;
  for (const auto& entry : entries) {
    if (!matches(entry)) continue;
    if (release && entry.availability.in(*release)) return &entry;
    found = &entry;
  }
  return found;
}

}  // namespace

const IniKeySchema* ComponentSchema::find_ini(std::string_view key, std::optional<Version> release) const {
  return pick(ini,
              [&](const IniKeySchema& entry) {
                return entry.name == key || std::any_of(entry.aliases.begin(), entry.aliases.end(),
                                                        [&](const IniAlias& alias) { return alias.name == key; });
              },
              release);
}

const OptionSchema* ComponentSchema::find_option(std::string_view flag, std::optional<Version> release) const {
  return pick(options,
              [&](const OptionSchema& option) {
                return std::find(option.names.begin(), option.names.end(), flag) != option.names.end();
              },
              release);
}

std::optional<Version> ComponentSchema::newest_satisfying(const std::vector<std::string>& specifiers) const {
  return paralint::newest_satisfying(releases, specifiers);
}

namespace {

// normalize_distribution_name(raw) == normalized, without building the string: target
// resolution asks this for every declared requirement against every plugin.
bool normalizes_to(std::string_view raw, std::string_view normalized) {
  std::size_t at = 0;
  bool after_separator = false;
  for (const char c : raw) {
    const bool separator = c == '-' || c == '_' || c == '.';
    if (separator && after_separator) continue;
    after_separator = separator;
    const char wanted = separator ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (at >= normalized.size() || normalized[at] != wanted) return false;
    ++at;
  }
  return at == normalized.size();
}

}  // namespace

bool ComponentSchema::known_as(std::string_view candidate) const {
  return std::any_of(normalized_names.begin(), normalized_names.end(),
                     [&](const std::string& name) { return normalizes_to(candidate, name); });
}

SchemaSet SchemaSet::parse(const std::vector<std::pair<std::string, std::string>>& files) {
  SchemaSet set;
  for (const auto& [name, text] : files) set.components_.push_back(parse_component(name, text));
  std::stable_partition(set.components_.begin(), set.components_.end(),
                        [](const ComponentSchema& component) { return component.is_core(); });
  if (set.components_.empty() || !set.components_.front().is_core()) defect("schemas/", "no pytest.toml");
  set.build_indexes();
  return set;
}

void SchemaSet::build_indexes() {
  for (const auto& component : components_) {
    auto add = [&](NameIndex& index, const std::string& name) {
      auto& owners = index[name];
      if (owners.empty() || owners.back() != &component) owners.push_back(&component);
    };
    for (const auto& key : component.ini) {
      add(ini_keys_, key.name);
      for (const auto& alias : key.aliases) add(ini_keys_, alias.name);
    }
    for (const auto& marker : component.markers) add(markers_, marker.name);
    for (const auto& name : component.normalized_names) add(normalized_names_, name);
  }
}

const std::vector<const ComponentSchema*>& SchemaSet::owners_in(const NameIndex& index, std::string_view name) {
  static const std::vector<const ComponentSchema*> none;
  const auto found = index.find(name);
  return found == index.end() ? none : found->second;
}

const std::vector<const ComponentSchema*>& SchemaSet::with_ini_key(std::string_view key) const {
  return owners_in(ini_keys_, key);
}

const std::vector<const ComponentSchema*>& SchemaSet::with_marker(std::string_view name) const {
  return owners_in(markers_, name);
}

const ComponentSchema* SchemaSet::find(std::string_view name) const {
  const auto& owners = owners_in(normalized_names_, normalize_distribution_name(name));
  return owners.empty() ? nullptr : owners.front();
}

std::string normalize_distribution_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace paralint
