#pragma once

// How paralint names a file to the user: relative to a base directory (where paralint runs)
// when the file is under it, as ruff and pytest show paths, else as given.

#include <filesystem>
#include <string>

namespace paralint {

std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);

}  // namespace paralint
