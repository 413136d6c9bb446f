#include "paralint/util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace paralint {

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

}  // namespace

bool write_file_atomically(const std::filesystem::path& path, std::string_view contents, std::string& error) {
  const auto directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const auto pattern = (directory / ("." + path.filename().string() + ".XXXXXX")).string();
  std::vector<char> temporary(pattern.begin(), pattern.end());
  temporary.push_back('\0');
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    error = errno_text();
    return false;
  }
  bool ok = ::fchmod(fd, creation_mode()) == 0 && write_all(fd, contents);
  if (!ok) error = errno_text();
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno_text();
  }
  if (ok && std::rename(temporary.data(), path.c_str()) != 0) {
    ok = false;
    error = errno_text();
  }
  if (!ok) ::unlink(temporary.data());
  return ok;
}

}  // namespace paralint
