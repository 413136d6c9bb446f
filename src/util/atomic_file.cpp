#include "paralint/util/atomic_file.hpp"

#include "paralint/util/directory_listing.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "paralint/util/interrupt_cleanup.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }  // NOLINT(concurrency-mt-unsafe): single-threaded

mode_t creation_mode() {
  const mode_t mask = ::umask(0);  // the only way to read the umask is to set it
  ::umask(mask);
  return 0666 & ~mask;
}

bool write_all(int fd, std::string_view contents) {
  while (!contents.empty()) {
    const auto written = ::write(fd, contents.data(), contents.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    contents.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// The temporary file of the write in progress, for the interrupt cleanup: a fixed buffer,
// because a signal handler may not allocate.
std::array<char, 4096> pending_temporary{};

void remove_pending_temporary() noexcept {
  if (pending_temporary[0] != '\0') ::unlink(pending_temporary.data());
}

// Where a chain of symbolic links ends (the path itself when it is not a link), even when
// the last target does not exist yet: `> link` creates the target, so -o does too.
fs::path final_target(const fs::path& path) {
  fs::path current = path;
  for (int hops = 0; hops < 40; ++hops) {  // Linux's own limit (ELOOP) on link chains
    std::error_code error;
    if (!fs::is_symlink(fs::symlink_status(current, error))) return current;
    const auto target = fs::read_symlink(current, error);
    if (error) return current;
    current = target.is_absolute() ? target : current.parent_path() / target;
  }
  return current;  // a loop: opening it reports ELOOP
}

// Opened for writing in place, truncated, as a shell's `>` opens it.
int open_through(const fs::path& path) { return ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY); }

void sync_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // the rename is durable once the directory is; a failure here loses nothing written
  ::close(fd);
}

}  // namespace

// The temporary file a replacing write goes to, removed on interrupt or when not committed.
struct AtomicFileWriter::Temporary {
  std::vector<char> name;  // NUL-terminated, for mkstemp and the interrupt cleanup
  bool renamed = false;
  std::optional<InterruptCleanup> cleanup;

  // Once mkstemp made it: from now on an interrupt removes it.
  void watch() {
    if (name.size() <= pending_temporary.size()) std::memcpy(pending_temporary.data(), name.data(), name.size());
    cleanup.emplace(remove_pending_temporary);
  }
  ~Temporary() {
    if (!renamed) ::unlink(name.data());
    cleanup.reset();
    pending_temporary[0] = '\0';
  }
  Temporary() = default;
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;
  Temporary(Temporary&&) = delete;
  Temporary& operator=(Temporary&&) = delete;
};

AtomicFileWriter::AtomicFileWriter() = default;

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
}

bool AtomicFileWriter::open(const fs::path& path, std::string& error) {
  target_ = final_target(path);
  struct stat existing {};
  const bool exists = ::stat(target_.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) {
    error = std::strerror(EISDIR);  // NOLINT(concurrency-mt-unsafe): single-threaded
    return false;
  }
  const auto write_in_place = [&] {
    fd_ = open_through(target_);
    if (fd_ < 0) error = errno_text();
    return fd_ >= 0;
  };
  if (exists && (!S_ISREG(existing.st_mode) || existing.st_nlink > 1)) return write_in_place();

  const auto directory = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  const auto pattern = (directory / ("." + target_.filename().string() + ".XXXXXX")).string();
  auto temporary = std::make_unique<Temporary>();
  temporary->name.assign(pattern.begin(), pattern.end());
  temporary->name.push_back('\0');
  fd_ = ::mkstemp(temporary->name.data());
  if (fd_ < 0) {
    error = errno_text();
    temporary->renamed = true;  // nothing was created
    return false;
  }
  temporary->watch();
  if (exists && (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid()) &&
      ::fchown(fd_, existing.st_uid, existing.st_gid) != 0) {
    // Replacing it would hand another user's file to this one: write it in place instead.
    ::close(fd_);
    fd_ = -1;
    temporary.reset();
    return write_in_place();
  }
  // After fchown, which clears set-user-ID and set-group-ID bits.
  if (::fchmod(fd_, exists ? existing.st_mode & 07777 : creation_mode()) != 0) {
    error = errno_text();
    return false;
  }
  temporary_ = std::move(temporary);
  return true;
}

void AtomicFileWriter::write(std::string_view bytes) {
  if (failure_ == 0 && !write_all(fd_, bytes)) failure_ = errno;
}

bool AtomicFileWriter::commit(std::string& error) {
  if (failure_ == 0 && temporary_ && ::fsync(fd_) != 0) failure_ = errno;
  if (::close(fd_) != 0 && failure_ == 0) failure_ = errno;
  fd_ = -1;
  if (failure_ == 0 && temporary_ && std::rename(temporary_->name.data(), target_.c_str()) != 0) failure_ = errno;
  if (failure_ != 0) {
    error = std::strerror(failure_);  // NOLINT(concurrency-mt-unsafe): single-threaded
    return false;
  }
  if (temporary_) {
    temporary_->renamed = true;
    sync_directory(target_.has_parent_path() ? target_.parent_path() : fs::path("."));
    note_directories_changed();  // a new file, or a new inode for the old name
  }
  return true;
}

bool write_file_atomically(const fs::path& path, std::string_view contents, std::string& error) {
  AtomicFileWriter writer;
  if (!writer.open(path, error)) return false;
  writer.write(contents);
  return writer.commit(error);
}

}  // namespace paralint
