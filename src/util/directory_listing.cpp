#include "paralint/util/directory_listing.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <utility>

namespace paralint {

namespace {

constexpr int kOpenFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW;
// Large enough that most directories are read in one call, small enough to keep per thread.
constexpr std::size_t kListingBufferBytes = std::size_t{64} << 10;

EntryKind kind_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return EntryKind::File;
  if (S_ISDIR(mode)) return EntryKind::Directory;
  if (S_ISLNK(mode)) return EntryKind::Symlink;
  return EntryKind::Other;
}

EntryKind kind_of_entry(int directory, const char* name, unsigned char type) {
  switch (type) {
    case DT_REG: return EntryKind::File;
    case DT_DIR: return EntryKind::Directory;
    case DT_LNK: return EntryKind::Symlink;
    case DT_UNKNOWN: {  // file systems that do not fill d_type: ask, without following links
      struct stat status {};
      if (::fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) != 0) return EntryKind::Other;
      return kind_of_mode(status.st_mode);
    }
    default: return EntryKind::Other;
  }
}

}  // namespace

std::optional<OpenDirectory> OpenDirectory::open(const std::string& path, std::error_code& error) {
  // The PATH itself may be a link to a directory: it is followed, as a user who names it means.
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (descriptor < 0) {
    error.assign(errno, std::generic_category());
    return std::nullopt;
  }
  error.clear();
  return OpenDirectory(descriptor);
}

std::optional<OpenDirectory> OpenDirectory::open_child(const std::string& name, std::error_code& error) const {
  const int descriptor = ::openat(descriptor_, name.c_str(), kOpenFlags);
  if (descriptor < 0) {
    error.assign(errno, std::generic_category());
    return std::nullopt;
  }
  error.clear();
  return OpenDirectory(descriptor);
}

std::vector<DirectoryEntry> OpenDirectory::entries(std::error_code& error) const {
  // Reused across calls: a walk lists one directory at a time per thread, and each listing is
  // copied out before the next.
  thread_local std::vector<char> buffer(kListingBufferBytes);
  std::vector<DirectoryEntry> listed;
  error.clear();
  while (true) {
    const auto filled = ::getdents64(descriptor_, buffer.data(), buffer.size());
    if (filled < 0) {
      if (errno == EINTR) continue;
      error.assign(errno, std::generic_category());
      return listed;
    }
    if (filled == 0) return listed;
    for (std::size_t offset = 0; offset < static_cast<std::size_t>(filled);) {
      // getdents64 lays the records out aligned for struct dirent64.
      const auto* record = reinterpret_cast<const dirent64*>(buffer.data() + offset);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
      offset += record->d_reclen;
      const char* name = static_cast<const char*>(record->d_name);
      if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
      listed.push_back({name, kind_of_entry(descriptor_, name, record->d_type)});
    }
  }
}

bool OpenDirectory::holds(const std::string& name) const {
  struct stat status {};
  return ::fstatat(descriptor_, name.c_str(), &status, 0) == 0;
}

OpenDirectory::OpenDirectory(OpenDirectory&& other) noexcept : descriptor_(std::exchange(other.descriptor_, -1)) {}

OpenDirectory& OpenDirectory::operator=(OpenDirectory&& other) noexcept {
  if (this != &other) {
    if (descriptor_ >= 0) ::close(descriptor_);
    descriptor_ = std::exchange(other.descriptor_, -1);
  }
  return *this;
}

OpenDirectory::~OpenDirectory() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

namespace {

// Bumped by note_directories_changed: a listing checked in the current generation is not
// checked again.
std::atomic<std::uint64_t> directory_generation{1};

}  // namespace

void note_directories_changed() { directory_generation.fetch_add(1); }

std::shared_ptr<const DirectoryNames> cached_listing(const std::filesystem::path& directory) {
  constexpr std::size_t kMostEntries = 4096;  // beyond, a few stats cost less than the listing
  constexpr auto kRacyWindow = std::chrono::seconds(2);
  struct Cached {
    dev_t device = 0;
    ino_t inode = 0;
    timespec modified{};
    std::shared_ptr<const DirectoryNames> names;
    std::uint64_t checked_in = 0;  // the generation whose stat last confirmed it
  };
  static std::mutex mutex;
  static std::map<std::string, Cached, std::less<>> cache;

  const auto generation = directory_generation.load();
  {
    // Every project of a `dump` shares its ancestors: one stat each per run, not per project.
    const std::lock_guard lock(mutex);
    if (const auto found = cache.find(directory.native()); found != cache.end() && found->second.checked_in == generation) {
      return found->second.names;
    }
  }
  struct stat status {};
  if (::stat(directory.c_str(), &status) != 0 || !S_ISDIR(status.st_mode)) return nullptr;
  const auto same = [&](const Cached& cached) {
    return cached.device == status.st_dev && cached.inode == status.st_ino &&
           cached.modified.tv_sec == status.st_mtim.tv_sec && cached.modified.tv_nsec == status.st_mtim.tv_nsec;
  };
  {
    const std::lock_guard lock(mutex);
    if (const auto found = cache.find(directory.native()); found != cache.end() && same(found->second)) {
      found->second.checked_in = generation;
      return found->second.names;
    }
  }
  const auto modified = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::seconds(status.st_mtim.tv_sec) +
                                                                      std::chrono::nanoseconds(status.st_mtim.tv_nsec)));
  if (std::chrono::system_clock::now() - modified < kRacyWindow) return nullptr;
  std::error_code error;
  const auto opened = OpenDirectory::open(directory.native(), error);
  if (!opened) return nullptr;
  auto entries = opened->entries(error);
  if (error || entries.size() > kMostEntries) return nullptr;
  auto names = std::make_shared<DirectoryNames>();
  names->kinds.reserve(entries.size());
  for (auto& entry : entries) names->kinds.emplace(std::move(entry.name), entry.kind);
  const std::lock_guard lock(mutex);
  cache.insert_or_assign(directory.native(), Cached{status.st_dev, status.st_ino, status.st_mtim, names, generation});
  return names;
}

}  // namespace paralint
