#pragma once
// `paralint migrate --to pyproject`: moves the settings pytest reads from pytest.ini,
// .pytest.ini, tox.ini or setup.cfg into [tool.pytest.ini_options] of pyproject.toml beside
// it. Each value is written as the string pytest read from the INI file, which pytest then
// converts by the key's type exactly as before, so the settings in effect stay the same. The
// old section's text goes along as a comment block, so that nothing the author wrote is lost.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "paralint/model/config_model.hpp"

namespace paralint {

struct MigrationOptions {
  bool remove_old = false;  // delete pytest.ini / .pytest.ini, or cut the section from tox.ini / setup.cfg
};

struct MigrationPlan {
  std::filesystem::path from;  // the config file read now
  std::string from_section;
  std::filesystem::path to;    // pyproject.toml
  std::size_t settings = 0;
  // New bytes of each file written (created or edited), and each file deleted.
  std::map<std::filesystem::path, std::string> writes;
  std::map<std::filesystem::path, std::string> originals;  // bytes before, "" for a new file
  std::vector<std::filesystem::path> removals;
};

// nullopt with `error` (a sentence) when there is nothing to move or the target cannot take
// it: the config is TOML already, pytest cannot read it, or pyproject.toml already holds
// pytest settings or is not TOML that pytest can read.
std::optional<MigrationPlan> plan_migration(const EffectiveConfig& config, const MigrationOptions& options,
                                            std::string& error);

// A TOML string holding `text` exactly: a basic string, or a multi-line one when it holds
// line breaks (the line break after the opening quotes is not part of the value).
std::string toml_string(std::string_view text, std::string_view line_break);

}  // namespace paralint
