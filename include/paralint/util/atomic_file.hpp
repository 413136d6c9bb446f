#pragma once

// Writing a file the user named (a report with -o, a fixed config) without ever leaving it
// half written, and without changing what kind of thing is at that path.

#include <filesystem>
#include <string>
#include <string_view>

namespace paralint {

// Writes `contents` where `path` leads:
// - a regular file (or a new one) is replaced all at once: the bytes go to a temporary file
//   beside it, are synced, and the temporary is renamed over it, so a reader never sees it
//   half written and an interrupted run (SIGINT, SIGTERM, SIGHUP) leaves the old file and
//   no temporary. An existing file keeps its mode and owner; when the owner cannot be kept
//   (another user's file, writable to this one) or the file has other hard links, it is
//   rewritten in place instead, as a shell's `>` would;
// - a symbolic link is followed: its target is written, the link stays;
// - a FIFO, a character device (/dev/null, a terminal) or a socket is written through, as
//   the user asked, never replaced by a regular file.
// On failure `error` says why, in strerror words ("Permission denied").
bool write_file_atomically(const std::filesystem::path& path, std::string_view contents, std::string& error);

}  // namespace paralint
