#pragma once

// How paralint names a file to the user: relative to a base directory (where paralint runs)
// when the file is under it, as ruff and pytest show paths, else as given.

#include <filesystem>
#include <string>
#include <system_error>

namespace paralint {

std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);

// Why a path that stat() did not find cannot be used, in the OS's words: "Permission
// denied" or "Too many levels of symbolic links" when stat failed so, else "No such file or
// directory" (std::filesystem reports a missing path without an error).
std::string why_unusable(const std::error_code& status_error);

}  // namespace paralint
