#pragma once
// Replacing a file all at once, so that a reader (a CI step uploading the report, an editor)
// never sees it half written and an interrupted run leaves the old file in place.

#include <filesystem>
#include <string>
#include <string_view>

namespace paralint {

// Writes `contents` to a temporary file beside `path` and renames it over `path`. The new
// file gets the permissions a newly created file gets (0666 less the umask). On failure
// nothing is left behind and `error` says why, as strerror words ("Permission denied").
bool write_file_atomically(const std::filesystem::path& path, std::string_view contents, std::string& error);

}  // namespace paralint
