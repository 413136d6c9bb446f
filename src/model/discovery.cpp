#include "paralint/model/config_model.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <system_error>

#include "paralint/read/python_text.hpp"
#include "paralint/read/shlex.hpp"
#include "paralint/read/toml_reader.hpp"
#include "paralint/util/directory_listing.hpp"

namespace paralint {

const ConfigEntry* EffectiveConfig::find(std::string_view key) const {
  if (indexed_entries_ != ini.size()) {
    index_.clear();
    for (std::size_t i = 0; i < ini.size(); ++i) index_.emplace(ini[i].key, i);  // the first of a name wins
    indexed_entries_ = ini.size();
  }
  const auto found = index_.find(key);
  return found == index_.end() ? nullptr : &ini[found->second];
}

std::vector<std::string_view> config_file_names(const Behaviour& behaviour) {
  std::vector<std::string_view> names;
  if (behaviour.native_toml) names = {"pytest.toml", ".pytest.toml"};
  names.emplace_back("pytest.ini");
  if (behaviour.dot_pytest_ini) names.emplace_back(".pytest.ini");
  names.insert(names.end(), {"pyproject.toml", "tox.ini", "setup.cfg"});
  return names;
}

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSetupCfgPytestSection =
    "[pytest] section in setup.cfg files is no longer supported, change to [tool:pytest] instead.";

// What load_config_dict_from_file makes of one file.
struct LoadedFile {
  bool qualifies = false;  // pytest would take it as the config file
  std::optional<std::string> section;
  ValueMode mode = ValueMode::Ini;
  std::vector<ConfigEntry> entries;
  std::optional<ConfigError> error;
  std::shared_ptr<const SourceText> source;
};

// What pytest's Path.is_file() (links followed; a dangling link or a directory is not a
// file) and a lexists() see at `name` in `directory`, from the directory's listing when there
// is one: discovery asks the same names of every ancestor of every project.
struct NameCheck {
  bool is_file = false;
  bool exists = false;  // anything by that name, even a dangling link
};

NameCheck check_name(const DirectoryNames* listing, const fs::path& directory, std::string_view name) {
  if (listing != nullptr) {
    const auto found = listing->kinds.find(std::string(name));
    if (found == listing->kinds.end()) return {};
    if (found->second != EntryKind::Symlink) return {found->second == EntryKind::File, true};
  }
  std::error_code error;
  const auto path = directory / name;
  if (fs::is_regular_file(path, error)) return {true, true};
  return {false, fs::exists(fs::symlink_status(path, error))};
}

std::vector<ConfigEntry> ini_entries(const IniSection& section) {
  std::vector<ConfigEntry> entries;
  for (const auto& entry : section.entries) {
    entries.push_back({entry.key, entry.key_span, Value::make_string(entry.value, {entry.pieces.empty() ? entry.key_span.end : entry.pieces.front().source.begin, entry.span.end}),
                       ValueMode::Ini, entry.pieces});
  }
  return entries;
}

void load_ini(const fs::path& path, LoadedFile& loaded, const Behaviour& behaviour) {
  const auto document = read_ini(*loaded.source, {behaviour.iniconfig_splitlines, behaviour.iniconfig_strip_bom});
  if (document.error) {
    loaded.error = ConfigError{path, document.error->line, 0, document.error->message};
    return;
  }
  const auto name = path.filename().string();
  if (path.extension() == ".ini") {
    if (const auto* section = document.find("pytest")) {
      loaded.qualifies = true;
      loaded.section = "pytest";
      loaded.entries = ini_entries(*section);
    } else if (name == "pytest.ini" || (name == ".pytest.ini" && behaviour.dot_pytest_ini_always)) {
      loaded.qualifies = true;  // "pytest.ini files are always the source of configuration, even if empty"
    }
    return;
  }
  if (const auto* section = document.find("tool:pytest")) {
    loaded.qualifies = true;
    loaded.section = "tool:pytest";
    loaded.entries = ini_entries(*section);
  } else if (const auto* wrong = document.find("pytest")) {
    loaded.error = ConfigError{path, wrong->line, 0, std::string(kSetupCfgPytestSection)};
  }
}

// The AttributeError pytest's loader raises when a TOML value it expects to be a table
// holds something else, located at that value.
ConfigError attribute_error(const LoadedFile& loaded, const Value& value, std::string_view attribute) {
  return {loaded.source->path(), loaded.source->position(value.span.begin).line, 0,
          "'" + python_type_name(value) + "' object has no attribute '" + std::string(attribute) + "'"};
}

// The entries of a pytest table. Ini mode applies make_scalar(): [tool.pytest.ini_options]
// keeps lists and turns every other value into str(v); native mode keeps TOML types.
// `skipped_key` is left out (a native [tool.pytest] table's ini_options subtable).
std::vector<ConfigEntry> table_entries(const Value& table, ValueMode mode, std::string_view skipped_key = {}) {
  std::vector<ConfigEntry> entries;
  for (const auto& entry : table.entries) {
    if (!skipped_key.empty() && entry.key == skipped_key) continue;
    const auto& value = entry.value;
    const bool make_scalar = mode == ValueMode::Ini && !value.is_array();
    entries.push_back({entry.key, entry.key_span, make_scalar ? Value::make_string(python_str(value), value.span) : value, mode, {}});
  }
  return entries;
}

// Python's `mapping.get(key, {})` on a value that may not be a dict.
const Value* get_table_member(const Value& container, std::string_view key, LoadedFile& loaded, const Value& empty) {
  if (!container.is_table()) {
    loaded.error = attribute_error(loaded, container, "get");
    return nullptr;
  }
  const auto* member = container.find(key);
  return member != nullptr ? member : &empty;
}

// What load_toml reads of a document: the rest is built only for whoever reads it.
constexpr std::array<std::string_view, 2> kPytestTables{"tool.pytest", "pytest"};

void load_toml(const fs::path& path, LoadedFile& loaded, const Behaviour& behaviour, const DiscoveryOptions& options) {
  const auto& document =
      read_toml_once(*loaded.source, options.build_pytest_tables_only ? std::span<const std::string_view>(kPytestTables)
                                                                       : std::span<const std::string_view>());
  if (document.error) {
    loaded.error = ConfigError{path, document.error->line, document.error->column, document.error->message, "",
                               document.error->beyond_reader_limit};
    return;
  }
  Value empty;
  empty.kind = Value::Kind::Table;
  const auto& root = document.root;
  const auto name = path.filename().string();

  // The pytest table (or an empty/falsy value, which pytest treats as no table) in `mode`.
  auto adopt_table = [&](const Value& table, ValueMode mode, std::string_view section, std::string_view skipped_key) {
    if (!table.is_table()) {
      loaded.error = attribute_error(loaded, table, "items");
      return;
    }
    loaded.qualifies = true;
    loaded.section = std::string(section);
    loaded.mode = mode;
    loaded.entries = table_entries(table, mode, skipped_key);
  };

  if (behaviour.native_toml && (name == "pytest.toml" || name == ".pytest.toml")) {
    loaded.qualifies = true;  // "pytest.toml files are always the source of configuration, even if empty"
    const auto* pytest_table = root.find("pytest");
    if (pytest_table == nullptr) return;
    if (pytest_table->is_table()) loaded.section = "pytest";
    if (python_truthy(*pytest_table)) adopt_table(*pytest_table, ValueMode::Toml, "pytest", {});
    return;
  }

  const auto* tool = get_table_member(root, "tool", loaded, empty);
  if (tool == nullptr) return;
  const auto* tool_pytest = get_table_member(*tool, "pytest", loaded, empty);
  if (tool_pytest == nullptr) return;

  if (!behaviour.native_toml) {
    const auto* ini_options = get_table_member(*tool_pytest, "ini_options", loaded, empty);
    if (ini_options != nullptr && ini_options != &empty) {
      adopt_table(*ini_options, ValueMode::Ini, "tool.pytest.ini_options", {});
    }
    return;
  }

  if (!tool_pytest->is_table()) {
    loaded.error = attribute_error(loaded, *tool_pytest, "items");
    return;
  }
  const auto* ini_options = tool_pytest->find("ini_options");
  const bool has_native_keys = std::any_of(tool_pytest->entries.begin(), tool_pytest->entries.end(),
                                           [](const auto& entry) { return entry.key != "ini_options"; });
  if (has_native_keys && ini_options != nullptr && python_truthy(*ini_options)) {
    loaded.error = ConfigError{
        path, loaded.source->position(ini_options->span.begin).line, 0,
        "Cannot use both [tool.pytest] (native TOML types) and [tool.pytest.ini_options] (string-based INI format) "
        "simultaneously. Please use [tool.pytest] with native TOML types (recommended) or "
        "[tool.pytest.ini_options] for backwards compatibility."};
  } else if (has_native_keys) {
    adopt_table(*tool_pytest, ValueMode::Toml, "tool.pytest", "ini_options");
  } else if (ini_options != nullptr) {
    adopt_table(*ini_options, ValueMode::Ini, "tool.pytest.ini_options", {});
  }
}

LoadedFile load_config_file(const fs::path& path, const Behaviour& behaviour, const DiscoveryOptions& options) {
  LoadedFile loaded;
  std::string error;
  loaded.source = read_source_once(path, error);
  if (!loaded.source) {
    loaded.error = ConfigError{path, 0, 0, error};
    return loaded;
  }
  const auto extension = path.extension();
  if (extension == ".ini" || extension == ".cfg") {
    load_ini(path, loaded, behaviour);
  } else if (extension == ".toml") {
    load_toml(path, loaded, behaviour, options);
  }
  return loaded;
}

// --- addopts and markers, as Config.getini derives them --------------------------------

std::string native_type_error(const ConfigEntry& entry, std::string_view type) {
  const auto& value = entry.value;
  if (!value.is_array()) {
    return "config option '" + entry.key + "' expects a list for type '" + std::string(type) + "', got " +
           python_type_name(value) + ": " + python_repr(value);
  }
  for (std::size_t i = 0; i < value.items.size(); ++i) {
    if (!value.items[i].is_string()) {
      return "config option '" + entry.key + "' expects a list of strings, but item at index " + std::to_string(i) +
             " is " + python_type_name(value.items[i]) + ": " + python_repr(value.items[i]);
    }
  }
  return {};
}

void derive_addopts(EffectiveConfig& config) {
  const auto* entry = config.find("addopts");
  if (entry == nullptr) return;
  const auto& value = entry->value;
  if (entry->mode == ValueMode::Toml) {
    if (auto error = native_type_error(*entry, "args"); !error.empty()) {
      config.parse_error = ConfigError{*config.configfile, config.source->position(value.span.begin).line, 0, error, "addopts"};
      return;
    }
  }
  auto beyond_limit = [&](std::size_t arguments) {
    if (arguments <= kMaxAddoptsArguments) return false;
    config.parse_error = ConfigError{*config.configfile, config.source->position(value.span.begin).line, 0,
                                     "addopts holds " + std::to_string(arguments) + " arguments, more than the " +
                                         std::to_string(kMaxAddoptsArguments) + " paralint reads (pytest reads on)",
                                     "addopts", true};
    return true;
  };
  if (value.is_array()) {
    if (beyond_limit(value.items.size())) return;
    for (const auto& item : value.items) config.addopts.push_back({item, item.span, false});
    return;
  }
  // A string: shlex.split. INI values map token offsets back through their joined lines;
  // a TOML string maps them directly when its text is written without escapes.
  const auto split = shlex_split(value.string);
  auto to_file = [&](std::size_t offset) -> std::size_t {
    if (!entry->pieces.empty()) return source_offset(entry->pieces, offset);
    const auto raw = config.source->slice(value.span);
    const auto at = raw.find(value.string);
    if (at != std::string_view::npos && value.string.find('\\') == std::string::npos) return value.span.begin + at + offset;
    return value.span.begin;
  };
  if (split.error) {
    config.parse_error = ConfigError{*config.configfile, config.source->position(to_file(split.error_offset)).line, 0,
                                     *split.error + " in addopts", "addopts"};
    return;
  }
  if (beyond_limit(split.tokens.size())) return;
  for (const auto& token : split.tokens) {
    config.addopts.push_back({Value::make_string(token.text), {to_file(token.begin), to_file(token.end)}, false});
  }
}

void derive_markers(EffectiveConfig& config) {
  const auto* entry = config.find("markers");
  if (entry == nullptr) return;
  const auto& value = entry->value;
  std::vector<std::pair<std::string, Span>> lines;
  if (entry->mode == ValueMode::Toml && !native_type_error(*entry, "linelist").empty()) return;
  if (value.is_array()) {
    for (const auto& item : value.items) {
      // pytest calls str.split on each line; a non-string makes marker registration fail.
      if (!item.is_string()) return;
      lines.emplace_back(item.string, item.span);
    }
  } else {
    for (auto& line : linelist_lines(*entry)) lines.emplace_back(std::move(line.text), line.span);
  }
  for (auto& [line, span] : lines) {
    const auto colon = line.find(':');
    const auto before_colon = std::string_view(line).substr(0, colon);
    const auto name = python::strip(before_colon.substr(0, before_colon.find('(')));
    const auto description = colon == std::string::npos ? std::string() : std::string(python::strip(std::string_view(line).substr(colon + 1)));
    config.markers.push_back({line, std::string(name), description, span});
  }
}

void derive_environment_addopts(EffectiveConfig& config, const std::string& environment) {
  const auto split = shlex_split(environment);
  if (split.error) {
    if (!config.parse_error) config.parse_error = ConfigError{"PYTEST_ADDOPTS", 0, 0, *split.error};
    return;
  }
  for (const auto& token : split.tokens) config.addopts.push_back({Value::make_string(token.text), {}, true});
}

void adopt(EffectiveConfig& config, const fs::path& path, LoadedFile&& loaded) {
  config.configfile = path;
  config.section = loaded.section;
  config.mode = loaded.mode;
  config.ini = std::move(loaded.entries);
  config.source = std::move(loaded.source);
}

fs::path absolute_path(const fs::path& path) {
  std::error_code error;
  auto absolute = fs::absolute(path, error);
  return (error ? path : absolute).lexically_normal();
}

// `directory` and its parents up to the root (or to the first part of a relative path),
// given to `visit` until it returns true. Cut from the native spelling, and each path built
// only when visited: fs::path splits the whole path into components for each parent_path()
// and each construction, and most walks stop at the first directory.
template <typename Visit>
void walk_self_and_parents(const fs::path& directory, Visit visit) {
  const auto without_trailing_slashes = [](std::string_view text) {
    while (text.size() > 1 && text.back() == '/') text.remove_suffix(1);
    return text;
  };
  auto current = without_trailing_slashes(directory.native());
  while (true) {
    if (visit(fs::path(current))) return;
    const auto slash = current.rfind('/');
    if (slash == std::string_view::npos || current == "/") return;
    current = without_trailing_slashes(current.substr(0, slash == 0 ? 1 : slash));
  }
}

fs::path rootdir_without_config(const fs::path& start) {
  fs::path rootdir = start;
  walk_self_and_parents(start, [&](const fs::path& directory) {
    if (!check_name(cached_listing(directory).get(), directory, "setup.py").is_file) return false;
    rootdir = directory;
    return true;
  });
  return rootdir;
}

}  // namespace

EffectiveConfig discover(const fs::path& start, const Behaviour& behaviour, const DiscoveryOptions& options) {
  EffectiveConfig config;
  config.behaviour = behaviour;
  config.start_dir = absolute_path(start);
  std::error_code error;
  if (!fs::is_directory(config.start_dir, error)) config.start_dir = config.start_dir.parent_path();

  if (options.config_file) {
    const auto path = absolute_path(*options.config_file);
    auto loaded = load_config_file(path, behaviour, options);
    config.rootdir = path.parent_path();
    if (loaded.error) {
      config.parse_error = loaded.error;
      config.candidates.push_back({path, CandidateStatus::Broken, std::nullopt, loaded.error});
    } else {
      config.candidates.push_back({path, CandidateStatus::Chosen, loaded.section, std::nullopt});
      // `-c FILE` takes the file even when it holds no pytest section: the config is then empty.
      if (!loaded.qualifies) loaded.entries.clear();
      adopt(config, path, std::move(loaded));
    }
  } else {
    const auto names = config_file_names(behaviour);
    std::optional<fs::path> first_pyproject;
    bool done = false;
    walk_self_and_parents(config.start_dir, [&](const fs::path& directory) {
      const auto listing = cached_listing(directory);
      for (std::size_t index = 0; index < names.size() && !done; ++index) {
        const auto name = check_name(listing.get(), directory, names[index]);
        if (!name.exists) continue;  // most names of most directories: no path built for them
        const auto path = directory / names[index];
        if (!name.is_file) {
          config.candidates.push_back({path, CandidateStatus::NotARegularFile, std::nullopt, std::nullopt});
          continue;
        }
        if (names[index] == "pyproject.toml" && !first_pyproject) first_pyproject = path;
        auto loaded = load_config_file(path, behaviour, options);
        if (loaded.error) {
          config.parse_error = loaded.error;
          config.candidates.push_back({path, CandidateStatus::Broken, std::nullopt, loaded.error});
          done = true;
          break;
        }
        if (!loaded.qualifies) {
          config.candidates.push_back({path, CandidateStatus::NotPytestConfig, std::nullopt, std::nullopt});
          continue;
        }
        config.candidates.push_back({path, CandidateStatus::Chosen, loaded.section, std::nullopt});
        config.rootdir = directory;
        adopt(config, path, std::move(loaded));
        done = true;
        // The later candidates in the same directory: shadowed when they hold pytest
        // config. pytest >= 9 parses them itself, so their errors are its errors.
        const bool read_shadowed = options.read_shadowed || behaviour.parse_shadowed_candidates;
        for (std::size_t later = index + 1; later < names.size() && read_shadowed; ++later) {
          const auto other = directory / names[later];
          if (!check_name(listing.get(), directory, names[later]).is_file) continue;
          auto shadowed = load_config_file(other, behaviour, options);
          if (shadowed.error) {
            config.candidates.push_back({other, CandidateStatus::Broken, std::nullopt, shadowed.error});
            if (behaviour.parse_shadowed_candidates && !config.parse_error) config.parse_error = shadowed.error;
          } else {
            config.candidates.push_back({other, shadowed.qualifies ? CandidateStatus::Shadowed : CandidateStatus::NotPytestConfig,
                                         shadowed.section, std::nullopt});
          }
        }
      }
      return done;
    });
    if (!done && behaviour.bare_pyproject_fallback && first_pyproject) {
      config.configfile = first_pyproject;
      config.rootdir = first_pyproject->parent_path();
      for (auto& candidate : config.candidates) {
        if (candidate.path == *first_pyproject) candidate.status = CandidateStatus::Chosen;
      }
      std::string read_error;
      config.source = read_source_once(*first_pyproject, read_error);
    } else if (!done || !config.configfile) {
      config.rootdir = rootdir_without_config(config.start_dir);
    }
  }

  if (config.parse_error) {
    // A file pytest could not read aborts discovery: pytest never gets a config.
    config.configfile.reset();
    config.section.reset();
    config.ini.clear();
    config.source.reset();
    return config;
  }
  if (config.configfile && config.source) {
    derive_addopts(config);
    derive_markers(config);
  }
  if (options.environment_addopts) derive_environment_addopts(config, *options.environment_addopts);
  return config;
}

std::vector<ValueLine> linelist_lines(const ConfigEntry& entry) {
  std::vector<ValueLine> lines;
  const auto& text = entry.value.string;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    auto end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const auto raw = std::string_view(text).substr(begin, end - begin);
    const auto line = python::strip(raw);
    if (!line.empty()) {
      const auto offset = begin + static_cast<std::size_t>(line.data() - raw.data());
      ValueLine value_line{std::string(line), entry.value.span, !entry.pieces.empty()};
      if (value_line.own_bytes) {
        value_line.span = {source_offset(entry.pieces, offset), source_offset(entry.pieces, offset + line.size())};
      }
      lines.push_back(std::move(value_line));
    }
    begin = end + 1;
  }
  return lines;
}

}  // namespace paralint
