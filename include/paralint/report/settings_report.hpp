#pragma once
// `paralint config`: the settings `check` uses for a path and where each value came from (a
// line of a settings file, a command-line flag, or the default), as TOML text that can be
// pasted into a settings file, or as JSON.

#include <filesystem>
#include <string>

#include "paralint/rules/settings.hpp"

namespace paralint {

// File names relative to `base` when inside it.
std::string render_settings_text(const Settings& settings, const std::filesystem::path& path,
                                 const std::filesystem::path& base);
std::string render_settings_json(const Settings& settings, const std::filesystem::path& path,
                                 const std::filesystem::path& base);

}  // namespace paralint
