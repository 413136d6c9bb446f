#pragma once

// Writing a file the user named (a report with -o, a fixed config) without ever leaving it
// half written, and without changing what kind of thing is at that path.

#include <filesystem>
#include <memory>
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

// The same write in pieces, for output too large to hold (a report of thousands of paths):
// open, write as often as needed, then commit. Until commit succeeds a replaced file is
// untouched; a writer dropped without commit removes its temporary. A file written through
// or in place is written as the pieces come, as a shell's `>` would.
class AtomicFileWriter {
 public:
  AtomicFileWriter();
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  AtomicFileWriter(AtomicFileWriter&&) = delete;
  AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;

  bool open(const std::filesystem::path& path, std::string& error);
  // Failures are kept for commit to report.
  void write(std::string_view bytes);
  bool commit(std::string& error);

 private:
  struct Temporary;
  int fd_ = -1;
  int failure_ = 0;  // the first errno of a write
  std::filesystem::path target_;
  std::unique_ptr<Temporary> temporary_;  // null when writing through or in place
};

}  // namespace paralint
