#pragma once
// `paralint migrate`: moves the settings pytest reads from pytest.ini, .pytest.ini, tox.ini
// or setup.cfg into TOML, so that pytest reads the same settings from there:
// - `pyproject`: [tool.pytest.ini_options] of pyproject.toml, each value the string pytest
//   read from the INI file, which pytest then converts by the key's type exactly as before;
// - `native` / `pytest-toml`: pytest 9's typed form, [tool.pytest] of pyproject.toml or the
//   [pytest] table of a new pytest.toml, each value converted as pytest converts the INI
//   string (a list for args/linelist/paths keys, a bool, an int, a float), by the key's type
//   in the modelled releases: pytest 9 converts nothing in native TOML and raises TypeError on
//   a value of the wrong type.
// The old section's text goes along as a comment block, so that nothing the author wrote is lost.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/model/config_model.hpp"
#include "paralint/schema/schema.hpp"

namespace paralint {

enum class MigrationTarget { Pyproject, Native, PytestToml };

// "pyproject", "native", "pytest-toml"
std::optional<MigrationTarget> parse_migration_target(std::string_view name);

struct MigrationOptions {
  MigrationTarget to = MigrationTarget::Pyproject;
  bool remove_old = false;  // delete pytest.ini / .pytest.ini, or cut the section from tox.ini / setup.cfg
};

// What the native targets need: the modelled pytest, and each key's schema as the modelled
// releases register it (nullptr: no known component registers the key).
struct KeyTyping {
  Version pytest;
  std::function<const IniKeySchema*(std::string_view key)> schema_of;
};

struct MigrationPlan {
  std::filesystem::path from;  // the config file read now
  std::string from_section;
  std::filesystem::path to;    // pyproject.toml or pytest.toml
  std::string to_table;        // tool.pytest.ini_options, tool.pytest or pytest
  std::size_t settings = 0;
  // New bytes of each file written (created or edited), and each file deleted.
  std::map<std::filesystem::path, std::string> writes;
  std::map<std::filesystem::path, std::string> originals;  // bytes before, "" for a new file
  std::vector<std::filesystem::path> removals;
  // Keys written as strings because no component paralint knows registers them.
  std::vector<std::string> untyped_keys;
};

// nullopt with `error` (a sentence) when there is nothing to move or the target cannot take
// it: the config is TOML already, pytest cannot read it, the target file already holds
// pytest settings or is not TOML that pytest can read, the modelled pytest does not read the
// native form, or a value has no native equivalent (a bool pytest cannot parse).
std::optional<MigrationPlan> plan_migration(const EffectiveConfig& config, const MigrationOptions& options,
                                            const KeyTyping& typing, std::string& error);

// A TOML string holding `text` exactly: a basic string, or a multi-line one when it holds
// line breaks (the line break after the opening quotes is not part of the value).
std::string toml_string(std::string_view text, std::string_view line_break);

// The native TOML value that pytest 9 reads as it reads `text` from an INI file for a key of
// addini type `type` (string, bool, args, linelist, paths, pathlist, int, float); nullopt
// with `why` when there is none (a truth value pytest does not know, an unclosed quote).
std::optional<std::string> native_toml_value(std::string_view text, std::string_view type,
                                             std::string_view line_break, std::string& why);

}  // namespace paralint
