#pragma once
// paralint's own settings: a `.paralint.toml` or `paralint.toml` (keys at top level) or the
// `[tool.paralint]` table of a pyproject.toml. Each checked path uses the nearest settings file
// at or above its directory, alone: files further up are not merged in (as ruff does without
// `extend`). Command-line flags override what the file says.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "paralint/rules/check.hpp"
#include "paralint/rules/diagnostic.hpp"
#include "paralint/scan/path_glob.hpp"

namespace paralint {

// Where a value came from: a line of a settings file, or a command-line flag.
struct SettingSource {
  std::filesystem::path file;  // empty for the command line
  std::size_t line = 0;
  std::string flag;  // e.g. "--select"
};

template <typename T>
struct Setting {
  T value{};
  std::vector<SettingSource> sources;  // empty: the default
};

struct PerFileIgnore {
  FileIgnore ignore;
  SettingSource source;
};

using PluginList = std::vector<std::pair<std::string, std::string>>;  // name, version or ""

struct Settings {
  std::optional<std::filesystem::path> file;  // the settings file in effect, if any
  std::filesystem::path directory;            // what per-file-ignores and exclude globs are relative to

  Setting<std::optional<std::vector<std::string>>> select;  // unset: every rule
  Setting<std::vector<std::string>> extend_select;
  Setting<std::vector<std::string>> ignore;
  std::vector<PerFileIgnore> per_file_ignores;
  Setting<Severity> fail_on{Severity::Warning, {}};
  Setting<std::optional<std::string>> pytest_version;
  Setting<std::optional<std::string>> iniconfig_version;
  Setting<std::optional<PluginList>> plugins;
  // Paths `check DIR` skips when it looks for config files below DIR.
  Setting<std::vector<PathGlob>> exclude;

  [[nodiscard]] RuleSelection selection() const;
  // Whether an `exclude` glob matches the path (or a directory it is in).
  [[nodiscard]] bool excludes(const std::filesystem::path& path) const;
  // The request `check` makes for a path these settings apply to.
  [[nodiscard]] CheckRequest check_request(const PythonEnvironment* python) const;
};

// The command-line flags that override settings. --select replaces `select` and
// `extend-select`; --extend-select and --ignore add to what the file says; the others replace.
struct SettingsOverrides {
  std::optional<std::vector<std::string>> select;
  std::optional<std::vector<std::string>> extend_select;
  std::optional<std::vector<std::string>> ignore;
  std::optional<std::string> fail_on;
  std::optional<std::string> pytest_version;
  std::optional<std::string> iniconfig_version;
  std::optional<std::string> plugins;  // as --plugins takes them: NAME[=VERSION],...
};

// The settings file for paths in `directory`: the nearest one at or above it. In one directory
// .paralint.toml comes first, then paralint.toml, then a pyproject.toml with a [tool.paralint]
// table (ruff's order for .ruff.toml, ruff.toml and pyproject.toml). A pyproject.toml that is
// not valid TOML is passed over: it may be pytest's config, and the check reports it there.
std::optional<std::filesystem::path> find_settings_file(const std::filesystem::path& directory);

// Reads and checks a settings file; nullopt with `error` ("paralint.toml:3: unknown setting
// `selct` (did you mean `select`?)") when it is not valid. `base` is what file names in
// messages are shown relative to; globs are relative to `glob_directory`, by default the
// file's own directory.
std::optional<Settings> load_settings(const std::filesystem::path& file, const std::filesystem::path& base,
                                      std::string& error,
                                      const std::optional<std::filesystem::path>& glob_directory = std::nullopt);

bool apply_overrides(Settings& settings, const SettingsOverrides& overrides, std::string& error);

// The settings of each checked path, each settings file read once.
class SettingsResolver {
 public:
  struct Options {
    bool isolated = false;                      // --isolated: no settings file at all
    std::optional<std::filesystem::path> file;  // --settings FILE: this one for every path
    SettingsOverrides overrides;
    std::filesystem::path base;  // for file names in messages
  };
  explicit SettingsResolver(Options options) : options_(std::move(options)) {}

  // For a checked directory, or a config file (its directory's settings). nullopt with `error`
  // for a settings file that is not valid or a bad flag value.
  const Settings* resolve(const std::filesystem::path& path, std::string& error);

 private:
  Options options_;
  std::map<std::filesystem::path, Settings> by_file_;  // key "" for no settings file
};

}  // namespace paralint
