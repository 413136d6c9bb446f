#include "paralint/rules/settings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "paralint/model/target.hpp"
#include "paralint/read/toml_reader.hpp"
#include "paralint/rules/rule_catalogue.hpp"
#include "paralint/schema/version.hpp"
#include "paralint/util/display_path.hpp"
#include "paralint/util/spelling.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 9> kSettingNames = {
    "select",         "extend-select",     "ignore",  "per-file-ignores", "fail-on",
    "pytest-version", "iniconfig-version", "plugins", "exclude"};

std::string toml_kind(const Value& value) {
  switch (value.kind) {
    case Value::Kind::String:
      return "a string";
    case Value::Kind::Integer:
      return "an integer";
    case Value::Kind::Float:
      return "a float";
    case Value::Kind::Boolean:
      return "a boolean";
    case Value::Kind::DateTime:
      return "a date or time";
    case Value::Kind::Array:
      return "an array";
    case Value::Kind::Table:
      return "a table";
  }
  return "a value";
}

std::string backticked(std::string_view text) { return "`" + std::string(text) + "`"; }

// A setting name as typed, compared without case and with `_` for `-`.
std::string folded(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c == '_' ? '-' : static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::string_view> closest_setting(std::string_view name) {
  const auto wanted = folded(name);
  const std::size_t limit = std::max<std::size_t>(1, wanted.size() / 4);
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (const auto known : kSettingNames) {
    const auto distance = edit_distance(wanted, known);
    if (distance < best_distance) {
      best = known;
      best_distance = distance;
    }
  }
  return best;
}

bool is_selector(std::string_view selector) {
  if (selector == "ALL") return true;
  const auto index = rule_index();
  return !selector.empty() && std::any_of(index.begin(), index.end(),
                                          [&](const RuleIndexEntry& rule) { return rule.code.starts_with(selector); });
}

// "did you mean" for a selector that selects nothing: its upper-case spelling, or a rule code
// one edit away.
std::optional<std::string> closest_selector(std::string_view selector) {
  const auto upper = ascii_upper(selector);
  if (upper != selector && is_selector(upper)) return upper;
  for (const auto& rule : rule_index()) {
    if (edit_distance(upper, rule.code) == 1) return std::string(rule.code);
  }
  return std::nullopt;
}

std::string selector_problem(std::string_view selector) {
  std::string text = backticked(selector) + " is not a rule code, a prefix of one or ALL";
  if (const auto suggestion = closest_selector(selector)) text += " (did you mean " + backticked(*suggestion) + "?)";
  return text;
}

// Reads one settings table into Settings, stopping at the first problem.
class SettingsReader {
 public:
  SettingsReader(const SourceText& source, const fs::path& base, Settings& settings)
      : source_(source), base_(base), settings_(settings) {}

  bool read(const Value& table, bool pyproject) {
    return std::all_of(table.entries.begin(), table.entries.end(),
                       [&](const TableEntry& entry) { return read_entry(entry, pyproject); });
  }

  std::string error;

 private:
  bool read_entry(const TableEntry& entry, bool pyproject) {
    const auto& key = entry.key;
    if (key == "select") return read_optional_selectors(entry);
    if (key == "extend-select") return read_selectors(entry, settings_.extend_select);
    if (key == "ignore") return read_selectors(entry, settings_.ignore);
    if (key == "per-file-ignores") return read_per_file_ignores(entry);
    if (key == "fail-on") return read_fail_on(entry);
    if (key == "pytest-version") return read_version(entry, known_versions().pytest, settings_.pytest_version);
    if (key == "iniconfig-version") return read_version(entry, known_versions().iniconfig, settings_.iniconfig_version);
    if (key == "plugins") return read_plugins(entry);
    if (key == "exclude") return read_exclude(entry);
    return unknown(entry, pyproject);
  }

  SettingSource at(Span span) const { return {source_.path(), source_.position(span.begin).line, {}}; }

  bool fail(Span span, const std::string& message) {
    error =
        display_path(source_.path(), base_) + ":" + std::to_string(source_.position(span.begin).line) + ": " + message;
    return false;
  }

  bool unknown(const TableEntry& entry, bool pyproject) {
    std::string message = "unknown setting " + backticked(entry.key);
    if (const auto suggestion = closest_setting(entry.key)) {
      message += " (did you mean " + backticked(*suggestion) + "?)";
    } else if (!pyproject && entry.key == "tool") {
      message +=
          ": " + source_.path().filename().string() + " holds the settings at its top level, without [tool.paralint]";
    }
    std::string known;
    for (const auto name : kSettingNames) known += (known.empty() ? "" : ", ") + std::string(name);
    return fail(entry.key_span, message + "; the settings are " + known);
  }

  std::optional<std::vector<std::string>> strings(const TableEntry& entry, std::string_view meaning) {
    const auto must = backticked(entry.key) + " must be an array of strings (" + std::string(meaning) + ")";
    if (!entry.value.is_array()) {
      fail(entry.value.span, must + ", not " + toml_kind(entry.value));
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& item : entry.value.items) {
      if (!item.is_string()) {
        fail(item.span, must + "; this item is " + toml_kind(item));
        return std::nullopt;
      }
      out.push_back(item.string);
    }
    return out;
  }

  std::optional<std::vector<std::string>> selectors(const TableEntry& entry) {
    auto list = strings(entry, "rule codes, prefixes or ALL");
    if (!list) return std::nullopt;
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (!is_selector((*list)[i])) {
        fail(entry.value.items[i].span, backticked(entry.key) + ": " + selector_problem((*list)[i]));
        return std::nullopt;
      }
    }
    return list;
  }

  bool read_optional_selectors(const TableEntry& entry) {
    auto list = selectors(entry);
    if (!list) return false;
    settings_.select = {std::move(*list), {at(entry.key_span)}};
    return true;
  }

  bool read_selectors(const TableEntry& entry, Setting<std::vector<std::string>>& setting) {
    auto list = selectors(entry);
    if (!list) return false;
    setting = {std::move(*list), {at(entry.key_span)}};
    return true;
  }

  bool read_per_file_ignores(const TableEntry& entry) {
    if (!entry.value.is_table()) {
      return fail(entry.value.span,
                  backticked(entry.key) + " must be a table of glob = [codes], not " + toml_kind(entry.value));
    }
    for (const auto& ignore : entry.value.entries) {
      std::string glob_error;
      auto glob = PathGlob::compile(ignore.key, settings_.directory, glob_error);
      if (!glob) return fail(ignore.key_span, "per-file-ignores: " + backticked(ignore.key) + ": " + glob_error);
      auto codes = selectors(ignore);
      if (!codes) return false;
      settings_.per_file_ignores.push_back({{std::move(*glob), std::move(*codes)}, at(ignore.key_span)});
    }
    return true;
  }

  bool read_fail_on(const TableEntry& entry) {
    const auto severity = entry.value.is_string() ? parse_severity(entry.value.string) : std::nullopt;
    if (!severity) return fail(entry.value.span, backticked(entry.key) + R"( must be "error", "warning" or "info")");
    settings_.fail_on = {*severity, {at(entry.key_span)}};
    return true;
  }

  bool read_version(const TableEntry& entry, const ComponentReleases& releases,
                    Setting<std::optional<std::string>>& setting) {
    if (!entry.value.is_string()) {
      return fail(entry.value.span, backticked(entry.key) + R"( must be a version string ("X.Y" or "X.Y.Z"), not )" +
                                        toml_kind(entry.value));
    }
    std::string version_error;
    if (!releases.resolve(entry.value.string, version_error)) {
      return fail(entry.value.span, backticked(entry.key) + ": " + version_error);
    }
    setting = {entry.value.string, {at(entry.key_span)}};
    return true;
  }

  bool read_plugins(const TableEntry& entry) {
    PluginList plugins;
    if (entry.value.is_table()) {
      for (const auto& plugin : entry.value.entries) {
        if (!plugin.value.is_string() || !Version::parse(plugin.value.string)) {
          return fail(plugin.value.span, "plugins." + plugin.key +
                                             R"( must be a version string ("X.Y" or "X.Y.Z"); to state a plugin )"
                                             R"(without its version, use the array form: plugins = [")" +
                                             plugin.key + R"("])");
        }
        plugins.emplace_back(plugin.key, plugin.value.string);
      }
    } else {
      auto items = strings(entry, "NAME or NAME=VERSION, as --plugins takes them; or a table NAME = \"VERSION\"");
      if (!items) return false;
      for (std::size_t i = 0; i < items->size(); ++i) {
        std::string item_error;
        const auto parsed =
            (*items)[i].find(',') == std::string::npos ? parse_plugin_list((*items)[i], item_error) : std::nullopt;
        if (!parsed || parsed->size() != 1) {
          return fail(entry.value.items[i].span,
                      "plugins: " + backticked((*items)[i]) + " is not NAME or NAME=VERSION (one plugin per item)");
        }
        plugins.push_back(parsed->front());
      }
    }
    settings_.plugins = {std::move(plugins), {at(entry.key_span)}};
    return true;
  }

  bool read_exclude(const TableEntry& entry) {
    auto patterns = strings(entry, "globs");
    if (!patterns) return false;
    std::vector<PathGlob> globs;
    for (std::size_t i = 0; i < patterns->size(); ++i) {
      std::string glob_error;
      auto glob = PathGlob::compile((*patterns)[i], settings_.directory, glob_error);
      if (!glob) return fail(entry.value.items[i].span, "exclude: " + backticked((*patterns)[i]) + ": " + glob_error);
      globs.push_back(std::move(*glob));
    }
    settings_.exclude = {std::move(globs), {at(entry.key_span)}};
    return true;
  }

  const SourceText& source_;
  const fs::path& base_;
  Settings& settings_;
};

bool is_pyproject(const fs::path& file) { return file.filename() == "pyproject.toml"; }

// [tool.paralint] of a parsed pyproject.toml, or null.
const Value* paralint_table(const Value& root) {
  const auto* tool = root.find("tool");
  return tool != nullptr && tool->is_table() ? tool->find("paralint") : nullptr;
}

SettingSource flag(std::string name) { return {{}, 0, std::move(name)}; }

bool check_selectors(const std::vector<std::string>& list, std::string_view flag_name, std::string& error) {
  for (const auto& selector : list) {
    if (!is_selector(selector)) {
      error = std::string(flag_name) + ": " + selector_problem(selector);
      return false;
    }
  }
  return true;
}

}  // namespace

bool Settings::excludes(const fs::path& path) const {
  return std::any_of(exclude.value.begin(), exclude.value.end(), [&](const PathGlob& glob) { return glob.matches(path); });
}

RuleSelection Settings::selection() const {
  RuleSelection selection;
  selection.select = select.value.value_or(std::vector<std::string>{"ALL"});
  selection.select.insert(selection.select.end(), extend_select.value.begin(), extend_select.value.end());
  selection.ignore = ignore.value;
  return selection;
}

CheckRequest Settings::check_request(const PythonEnvironment* python) const {
  CheckRequest request;
  request.versions = {pytest_version.value, iniconfig_version.value, python};
  request.stated_plugins = plugins.value;
  request.selection = selection();
  for (const auto& entry : per_file_ignores) request.per_file_ignores.push_back(entry.ignore);
  return request;
}

std::optional<fs::path> find_settings_file(const fs::path& directory) {
  for (auto dir = fs::absolute(directory).lexically_normal();; dir = dir.parent_path()) {
    for (const auto* name : {".paralint.toml", "paralint.toml", "pyproject.toml"}) {
      const auto path = dir / name;
      std::error_code status_error;
      if (!fs::is_regular_file(path, status_error)) continue;
      if (!is_pyproject(path)) return path;
      std::string unreadable;
      const auto source = read_source_once(path, unreadable);
      if (!source) continue;
      const auto& document = read_toml_once(*source);
      if (!document.error && paralint_table(document.root) != nullptr) return path;
    }
    if (dir == dir.parent_path()) return std::nullopt;
  }
}

std::optional<Settings> load_settings(const fs::path& file, const fs::path& base, std::string& error,
                                      const std::optional<fs::path>& glob_directory) {
  std::string read_error;
  const auto source = read_source_once(fs::absolute(file).lexically_normal(), read_error);
  if (!source) {
    error = display_path(file, base) + ": " + read_error;
    return std::nullopt;
  }
  const auto& document = read_toml_once(*source);
  if (document.error) {
    error = display_path(file, base) + ":" + std::to_string(document.error->line) + ":" +
            std::to_string(document.error->column) + ": not valid TOML: " + document.error->message;
    return std::nullopt;
  }
  const bool pyproject = is_pyproject(file);
  const Value* table = pyproject ? paralint_table(document.root) : &document.root;
  if (table == nullptr) {
    error = display_path(file, base) + ": has no [tool.paralint] table";
    return std::nullopt;
  }
  if (!table->is_table()) {
    error = display_path(file, base) + ": tool.paralint must be a table, not " + toml_kind(*table);
    return std::nullopt;
  }
  Settings settings;
  settings.file = source->path();
  settings.directory = glob_directory.value_or(source->path().parent_path());
  SettingsReader reader(*source, base, settings);
  if (!reader.read(*table, pyproject)) {
    error = reader.error;
    return std::nullopt;
  }
  return settings;
}

bool apply_overrides(Settings& settings, const SettingsOverrides& overrides, std::string& error) {
  if (overrides.select) {
    if (!check_selectors(*overrides.select, "--select", error)) return false;
    settings.select = {*overrides.select, {flag("--select")}};
    settings.extend_select = {{}, {flag("--select")}};
  }
  if (overrides.extend_select) {
    if (!check_selectors(*overrides.extend_select, "--extend-select", error)) return false;
    auto& list = settings.extend_select.value;
    list.insert(list.end(), overrides.extend_select->begin(), overrides.extend_select->end());
    settings.extend_select.sources.push_back(flag("--extend-select"));
  }
  if (overrides.ignore) {
    if (!check_selectors(*overrides.ignore, "--ignore", error)) return false;
    auto& list = settings.ignore.value;
    list.insert(list.end(), overrides.ignore->begin(), overrides.ignore->end());
    settings.ignore.sources.push_back(flag("--ignore"));
  }
  if (overrides.fail_on) {
    const auto severity = parse_severity(*overrides.fail_on);
    if (!severity) {
      error = "--fail-on: " + backticked(*overrides.fail_on) + " is not error, warning or info";
      return false;
    }
    settings.fail_on = {*severity, {flag("--fail-on")}};
  }
  if (overrides.pytest_version) settings.pytest_version = {overrides.pytest_version, {flag("--pytest-version")}};
  if (overrides.iniconfig_version) {
    settings.iniconfig_version = {overrides.iniconfig_version, {flag("--iniconfig-version")}};
  }
  if (overrides.plugins) {
    std::string plugin_error;
    auto plugins = parse_plugin_list(*overrides.plugins, plugin_error);
    if (!plugins) {
      error = "--plugins: " + plugin_error;
      return false;
    }
    settings.plugins = {std::move(plugins), {flag("--plugins")}};
  }
  return true;
}

const Settings* SettingsResolver::resolve(const fs::path& path, std::string& error) {
  std::optional<fs::path> file;
  if (options_.file) {
    file = fs::absolute(*options_.file).lexically_normal();
  } else if (!options_.isolated) {
    std::error_code status_error;
    const auto absolute = fs::absolute(path).lexically_normal();
    file = find_settings_file(fs::is_directory(absolute, status_error) ? absolute : absolute.parent_path());
  }
  const auto key = file.value_or(fs::path{});
  if (const auto found = by_file_.find(key); found != by_file_.end()) return &found->second;

  Settings settings;
  settings.directory = fs::current_path();
  if (file) {
    // As ruff reads an explicit --config, its globs are relative to where paralint runs.
    auto loaded = load_settings(*file, options_.base, error,
                                options_.file ? std::optional<fs::path>(fs::current_path()) : std::nullopt);
    if (!loaded) return nullptr;
    settings = std::move(*loaded);
  }
  if (!apply_overrides(settings, options_.overrides, error)) return nullptr;
  return &by_file_.emplace(key, std::move(settings)).first->second;
}

}  // namespace paralint
