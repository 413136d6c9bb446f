#include "paralint/report/settings_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "paralint/read/toml_text.hpp"
#include "paralint/util/display_path.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

std::string toml_list(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const auto& item : items) quoted.push_back(toml_string(item));
  return fmt::format("[{}]", fmt::join(quoted, ", "));
}

std::vector<std::string> plugin_items(const PluginList& plugins) {
  std::vector<std::string> items;
  items.reserve(plugins.size());
  for (const auto& [name, version] : plugins) {
    auto item = name;
    if (!version.empty()) item.append("=").append(version);
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<std::string> patterns(const std::vector<PathGlob>& globs) {
  std::vector<std::string> out;
  out.reserve(globs.size());
  for (const auto& glob : globs) out.push_back(glob.pattern());
  return out;
}

std::string describe(const SettingSource& source, const fs::path& base) {
  if (source.file.empty()) return source.flag;
  return display_path(source.file, base) + ":" + std::to_string(source.line);
}

std::string describe(const std::vector<SettingSource>& sources, const fs::path& base) {
  if (sources.empty()) return "default";
  std::vector<std::string> parts;
  parts.reserve(sources.size());
  for (const auto& source : sources) parts.push_back(describe(source, base));
  return fmt::format("{}", fmt::join(parts, ", "));
}

nlohmann::ordered_json sources_json(const std::vector<SettingSource>& sources, const fs::path& base) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& source : sources) {
    if (source.file.empty()) {
      out.push_back({{"flag", source.flag}});
    } else {
      out.push_back({{"file", display_path(source.file, base)}, {"line", source.line}});
    }
  }
  return out;
}

// One `key = value  # source` line per setting; an unset one as a comment saying what
// paralint does instead.
struct Line {
  std::string text;
  std::string note;
};

std::vector<Line> setting_lines(const Settings& settings, const fs::path& base) {
  std::vector<Line> lines;
  auto add = [&](std::string text, const std::vector<SettingSource>& sources) {
    lines.push_back({std::move(text), describe(sources, base)});
  };
  add("select = " + toml_list(settings.select.value.value_or(std::vector<std::string>{"ALL"})),
      settings.select.sources);
  add("extend-select = " + toml_list(settings.extend_select.value), settings.extend_select.sources);
  add("ignore = " + toml_list(settings.ignore.value), settings.ignore.sources);
  add("fail-on = " + toml_string(severity_name(settings.fail_on.value)), settings.fail_on.sources);
  if (settings.pytest_version.value) {
    add("pytest-version = " + toml_string(*settings.pytest_version.value), settings.pytest_version.sources);
  } else {
    lines.push_back({"# pytest-version: not set", "from --python, the project's pins, or the newest known release"});
  }
  if (settings.iniconfig_version.value) {
    add("iniconfig-version = " + toml_string(*settings.iniconfig_version.value), settings.iniconfig_version.sources);
  } else {
    lines.push_back({"# iniconfig-version: not set", "from --python, or the newest known release"});
  }
  if (settings.plugins.value) {
    add("plugins = " + toml_list(plugin_items(*settings.plugins.value)), settings.plugins.sources);
  } else {
    lines.push_back({"# plugins: not set", "from --python, or inferred from required_plugins and dependencies"});
  }
  add("exclude = " + toml_list(patterns(settings.exclude.value)), settings.exclude.sources);
  return lines;
}

}  // namespace

std::string render_settings_text(const Settings& settings, const fs::path& path, const fs::path& base) {
  std::string out = "# settings for " + path.generic_string() + ": ";
  out += settings.file ? display_path(*settings.file, base) : "no settings file (defaults)";
  out += "\n";
  auto lines = setting_lines(settings, base);
  std::vector<Line> per_file;
  per_file.reserve(settings.per_file_ignores.size());
  for (const auto& entry : settings.per_file_ignores) {
    per_file.push_back({toml_string(entry.ignore.files.pattern()) + " = " + toml_list(entry.ignore.codes),
                        describe(entry.source, base)});
  }
  std::size_t width = 0;
  for (const auto* group : {&lines, &per_file}) {
    for (const auto& line : *group) width = std::max(width, line.text.size());
  }
  auto print = [&](const std::vector<Line>& group) {
    for (const auto& line : group) out += fmt::format("{:<{}}  # {}\n", line.text, width, line.note);
  };
  print(lines);
  out += "\n[per-file-ignores]";
  out += per_file.empty() ? "  # default: none\n"
                          : "  # globs relative to " + display_path(settings.directory, base) + "\n";
  print(per_file);
  return out;
}

std::string render_settings_json(const Settings& settings, const fs::path& path, const fs::path& base) {
  auto setting = [&](nlohmann::ordered_json value, const std::vector<SettingSource>& sources) {
    return nlohmann::ordered_json{{"value", std::move(value)}, {"sources", sources_json(sources, base)}};
  };
  auto optional_string = [](const std::optional<std::string>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
  };
  auto per_file = nlohmann::ordered_json::array();
  for (const auto& entry : settings.per_file_ignores) {
    per_file.push_back({{"glob", entry.ignore.files.pattern()},
                        {"codes", entry.ignore.codes},
                        {"sources", sources_json({entry.source}, base)}});
  }
  nlohmann::ordered_json values = {
      {"select", setting(settings.select.value.value_or(std::vector<std::string>{"ALL"}), settings.select.sources)},
      {"extend-select", setting(settings.extend_select.value, settings.extend_select.sources)},
      {"ignore", setting(settings.ignore.value, settings.ignore.sources)},
      {"per-file-ignores", per_file},
      {"fail-on", setting(std::string(severity_name(settings.fail_on.value)), settings.fail_on.sources)},
      {"pytest-version", setting(optional_string(settings.pytest_version.value), settings.pytest_version.sources)},
      {"iniconfig-version",
       setting(optional_string(settings.iniconfig_version.value), settings.iniconfig_version.sources)},
      {"plugins", setting(settings.plugins.value ? nlohmann::ordered_json(plugin_items(*settings.plugins.value))
                                                 : nlohmann::ordered_json(nullptr),
                          settings.plugins.sources)},
      {"exclude", setting(patterns(settings.exclude.value), settings.exclude.sources)},
  };
  const nlohmann::ordered_json document = {
      {"path", path.generic_string()},
      {"settings_file",
       settings.file ? nlohmann::ordered_json(display_path(*settings.file, base)) : nlohmann::ordered_json(nullptr)},
      {"directory", display_path(settings.directory, base)},
      {"settings", values}};
  return document.dump(2) + "\n";
}

}  // namespace paralint
