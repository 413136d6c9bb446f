#include "paralint/util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

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

// The temporary file of the write in progress, for the signal handler: a fixed buffer,
// because a handler may only call async-signal-safe functions (unlink, raise), not allocate.
std::array<char, 4096> pending_temporary{};
constexpr std::array kCleanupSignals{SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_pending_temporary(int signal_number) {
  if (pending_temporary[0] != '\0') ::unlink(pending_temporary.data());
  (void)std::signal(signal_number, SIG_DFL);  // then die of the signal, as the user asked
  (void)std::raise(signal_number);
}

// Installs the cleanup handlers for the lifetime of one write, restoring the previous ones.
class TemporaryGuard {
 public:
  explicit TemporaryGuard(const std::vector<char>& temporary) {
    if (temporary.size() <= pending_temporary.size()) std::memcpy(pending_temporary.data(), temporary.data(), temporary.size());
    struct sigaction action {};
    action.sa_handler = remove_pending_temporary;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < kCleanupSignals.size(); ++i) ::sigaction(kCleanupSignals[i], &action, &previous_[i]);
  }
  ~TemporaryGuard() {
    for (std::size_t i = 0; i < kCleanupSignals.size(); ++i) ::sigaction(kCleanupSignals[i], &previous_[i], nullptr);
    pending_temporary[0] = '\0';
  }
  TemporaryGuard(const TemporaryGuard&) = delete;
  TemporaryGuard& operator=(const TemporaryGuard&) = delete;
  TemporaryGuard(TemporaryGuard&&) = delete;
  TemporaryGuard& operator=(TemporaryGuard&&) = delete;

 private:
  std::array<struct sigaction, kCleanupSignals.size()> previous_{};
};

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

bool write_through(const fs::path& path, std::string_view contents, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    error = errno_text();
    return false;
  }
  bool ok = write_all(fd, contents);
  if (!ok) error = errno_text();
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno_text();
  }
  return ok;
}

void sync_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // the rename is durable once the directory is; a failure here loses nothing written
  ::close(fd);
}

}  // namespace

bool write_file_atomically(const fs::path& path, std::string_view contents, std::string& error) {
  const auto target = final_target(path);
  struct stat existing {};
  const bool exists = ::stat(target.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) {
    error = std::strerror(EISDIR);  // NOLINT(concurrency-mt-unsafe): single-threaded
    return false;
  }
  if (exists && !S_ISREG(existing.st_mode)) return write_through(target, contents, error);
  if (exists && existing.st_nlink > 1) return write_through(target, contents, error);

  const auto directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const auto pattern = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> temporary(pattern.begin(), pattern.end());
  temporary.push_back('\0');
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    error = errno_text();
    return false;
  }
  const TemporaryGuard guard(temporary);
  if (exists && (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid()) &&
      ::fchown(fd, existing.st_uid, existing.st_gid) != 0) {
    // Replacing it would hand another user's file to this one: write it in place instead.
    ::close(fd);
    ::unlink(temporary.data());
    return write_through(target, contents, error);
  }
  // After fchown, which clears set-user-ID and set-group-ID bits.
  bool ok = ::fchmod(fd, exists ? existing.st_mode & 07777 : creation_mode()) == 0;
  ok = ok && write_all(fd, contents) && ::fsync(fd) == 0;
  if (!ok) error = errno_text();
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno_text();
  }
  if (ok && std::rename(temporary.data(), target.c_str()) != 0) {
    ok = false;
    error = errno_text();
  }
  if (!ok) {
    ::unlink(temporary.data());
    return false;
  }
  sync_directory(directory);
  return true;
}

}  // namespace paralint
