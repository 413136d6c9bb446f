#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace paralint {

// What a directory entry is, from the listing itself (d_type), never by following a link.
enum class EntryKind { File, Directory, Symlink, Other };

struct DirectoryEntry {
  std::string name;
  EntryKind kind;
};

// An open directory. Its entries come from getdents64 into one reused buffer, and its
// subdirectories are opened relative to its descriptor: a walk costs four system calls a
// directory (open, two reads, close), resolves no path twice, and is not bounded by PATH_MAX.
class OpenDirectory {
 public:
  // nullopt with the OS's error when `path` cannot be opened as a directory.
  static std::optional<OpenDirectory> open(const std::string& path, std::error_code& error);
  // A subdirectory, never through a symbolic link.
  [[nodiscard]] std::optional<OpenDirectory> open_child(const std::string& name, std::error_code& error) const;
  // Every entry but "." and "..", in the order the file system gives them.
  [[nodiscard]] std::vector<DirectoryEntry> entries(std::error_code& error) const;
  // Whether `name` exists here, following a symbolic link as stat does.
  [[nodiscard]] bool holds(const std::string& name) const;

  OpenDirectory(OpenDirectory&& other) noexcept;
  OpenDirectory& operator=(OpenDirectory&& other) noexcept;
  OpenDirectory(const OpenDirectory&) = delete;
  OpenDirectory& operator=(const OpenDirectory&) = delete;
  ~OpenDirectory();

 private:
  explicit OpenDirectory(int descriptor) : descriptor_(descriptor) {}
  int descriptor_ = -1;
};

// A directory's names and what each is, from one listing (links not followed).
struct DirectoryNames {
  std::unordered_map<std::string, EntryKind> kinds;
};

// The listing of `directory`, made once per process and made again when the directory changes
// (its inode or modification time differ): discovery asks the same seven file names of every
// ancestor of every project it reads. nullptr when the directory cannot be listed, holds more
// than a few thousand entries, or changed in the last two seconds, since a change within the
// file system's timestamp granularity would not show (git's "racy" case): then the caller asks
// the file system name by name. Once confirmed, a listing is not checked again until
// note_directories_changed: within one run, only paralint itself changes the directories it
// reads (a change by someone else during a run races with the run whatever it checks).
std::shared_ptr<const DirectoryNames> cached_listing(const std::filesystem::path& directory);

// paralint created, replaced or removed a file: every cached listing is checked again (by its
// inode and modification time) the next time it is asked for.
void note_directories_changed();

}  // namespace paralint
