#include "paralint/read/source_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <system_error>

namespace paralint {

namespace {

// What is at a path that is not a regular file, in the words a user needs: reading a FIFO
// blocks until something writes to it, and a device such as /dev/zero never ends.
std::string not_a_file(mode_t mode) {
  if (S_ISFIFO(mode)) return "is a named pipe (FIFO), not a file: reading it blocks until another process writes to it";
  if (S_ISCHR(mode)) return "is a character device, not a file";
  if (S_ISBLK(mode)) return "is a block device, not a file";
  if (S_ISSOCK(mode)) return "is a socket, not a file";
  return "is not a regular file";
}

}  // namespace

namespace {

std::string errno_words(int code) { return "[Errno " + std::to_string(code) + "] " + std::generic_category().message(code); }

std::string too_large_words() {
  return "is larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB, which paralint does not read";
}

// The file at `path`, opened for reading if read_file would read it: a descriptor, its size
// in `size`; else -1 with `error` saying why (and `too_large` set when it is over `limit`).
int open_readable(const std::filesystem::path& path, off_t& size, std::string& error,
                  std::size_t limit = kMaxFileBytes, bool* too_large = nullptr) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    error = errno_words(errno);
    return -1;
  }
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    error = errno_words(errno);
  } else if (S_ISDIR(status.st_mode)) {
    error = errno_words(EISDIR);  // what Python's open() says, and so what pytest prints
  } else if (!S_ISREG(status.st_mode)) {
    error = not_a_file(status.st_mode) + "; paralint does not read it";
  } else if (static_cast<std::uintmax_t>(status.st_size) > limit) {
    error = too_large_words();
    if (too_large != nullptr) *too_large = true;
  } else {
    size = status.st_size;
    return fd;
  }
  ::close(fd);
  return -1;
}

}  // namespace

std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error) {
  bool too_large = false;
  std::string contents;
  const auto size = read_file_into(path, kMaxFileBytes, contents, too_large, error);
  if (!size) return std::nullopt;
  contents.resize(*size);
  return contents;
}

namespace {

// Reads the open `fd` into `buffer` (grown as needed, up to `limit` + 1 bytes) and closes it;
// the number of bytes, or nullopt with `error`. `short_read_ends`: a read that returns less
// than asked is the end of the file, as it is for a regular file on Linux, which saves the
// read that would return 0.
std::optional<std::size_t> read_and_close(int fd, std::size_t limit, std::string& buffer, bool& too_large,
                                          std::string& error, bool short_read_ends) {
  std::size_t filled = 0;
  while (true) {
    if (filled == buffer.size()) {
      if (filled > limit) break;
      buffer.resize(std::min(std::max<std::size_t>(buffer.size() * 2, 4096), limit + 1));
    }
    const auto wanted = buffer.size() - filled;
    const auto count = ::read(fd, buffer.data() + filled, wanted);
    if (count < 0) {
      if (errno == EINTR) continue;
      error = errno_words(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (count == 0) break;
    filled += static_cast<std::size_t>(count);
    if (short_read_ends && static_cast<std::size_t>(count) < wanted) break;
  }
  ::close(fd);
  if (filled > limit) {
    error = too_large_words();
    too_large = true;
    return std::nullopt;
  }
  return filled;
}

}  // namespace

std::optional<std::size_t> read_file_into(const std::filesystem::path& path, std::size_t limit, std::string& buffer,
                                          bool& too_large, std::string& error) {
  limit = std::min(limit, kMaxFileBytes);
  off_t size = 0;
  const int fd = open_readable(path, size, error, limit, &too_large);
  if (fd < 0) return std::nullopt;
  // Sized by fstat, one byte more to see the end in one read; longer when the file grew
  // since (a file being written, /proc files that report 0), up to the limit. A buffer
  // already large enough is neither allocated nor cleared. A regular file (open_readable
  // opens no other) with a size ends at its first short read: no read returning 0.
  const auto wanted = size > 0 ? static_cast<std::size_t>(size) + 1 : 4096;
  if (buffer.size() < wanted) buffer.resize(wanted);
  return read_and_close(fd, limit, buffer, too_large, error, size > 0);
}

std::optional<std::size_t> read_listed_file_into(const std::string& path, std::size_t limit, std::string& buffer,
                                                 bool& too_large, std::string& error) {
  limit = std::min(limit, kMaxFileBytes);
  // O_NONBLOCK: should the entry have become a FIFO since it was listed, never wait for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    error = errno_words(errno);
    return std::nullopt;
  }
  constexpr std::size_t kFirstBuffer = std::size_t{64} * 1024;  // a test module or more in one read
  if (buffer.size() < std::min(kFirstBuffer, limit + 1)) buffer.resize(std::min(kFirstBuffer, limit + 1));
  return read_and_close(fd, limit, buffer, too_large, error, true);
}

std::string describe_unreadable(const std::filesystem::path& path) {
  off_t size = 0;
  std::string error;
  const int fd = open_readable(path, size, error);
  if (fd >= 0) ::close(fd);
  return error;
}

namespace {

std::map<std::string, std::shared_ptr<const SourceText>, std::less<>>& overlays() {
  static std::map<std::string, std::shared_ptr<const SourceText>, std::less<>> by_path;
  return by_path;
}

}  // namespace

void overlay_source(const std::filesystem::path& path, std::string bytes) {
  overlays().insert_or_assign(path.native(), std::make_shared<const SourceText>(path, std::move(bytes)));
}

namespace {

struct CachedSource {
  std::shared_ptr<const SourceText> source;
  off_t size = 0;
  timespec modified{};
};

// Per thread: `dump` models its directories on all cores, each thread its own projects.
std::map<std::string, CachedSource, std::less<>>& sources_read() {
  thread_local std::map<std::string, CachedSource, std::less<>> by_path;
  return by_path;
}

}  // namespace

void forget_sources_read() { sources_read().clear(); }

std::shared_ptr<const SourceText> read_source_once(const std::filesystem::path& path, std::string& error) {
  if (const auto overlay = overlays().find(path.native()); overlay != overlays().end()) return overlay->second;
  auto& cache = sources_read();
  struct stat status {};
  const bool known = ::stat(path.c_str(), &status) == 0;
  if (known) {
    const auto found = cache.find(path.native());
    if (found != cache.end() && found->second.size == status.st_size &&
        found->second.modified.tv_sec == status.st_mtim.tv_sec && found->second.modified.tv_nsec == status.st_mtim.tv_nsec) {
      return found->second.source;
    }
  }
  auto bytes = read_file(path, error);
  if (!bytes) return nullptr;
  auto source = std::make_shared<const SourceText>(path, std::move(*bytes));
  if (known) cache.insert_or_assign(path.native(), CachedSource{source, status.st_size, status.st_mtim});
  return source;
}

namespace {

// Whether every byte of `text` is ASCII, eight bytes at a time.
bool all_ascii(std::string_view text) {
  std::size_t i = 0;
  std::uint64_t high = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    high |= word;
  }
  for (; i < text.size(); ++i) high |= static_cast<unsigned char>(text[i]);
  return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace

SourceText::SourceText(std::filesystem::path path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {}

const SourceText::LineIndex& SourceText::lines() const {
  std::call_once(lines_built_, [this] {
    const std::string_view text = bytes_;
    auto& starts = lines_.starts;
    auto& ascii_lines = lines_.ascii;
    starts.push_back(0);
    // A file without a carriage return (most of them) is split at each '\n' found by memchr.
    const bool carriage_returns = text.find('\r') != std::string_view::npos;
    // Most files are ASCII throughout: one pass says so, and no line needs its own flag.
    const bool ascii = all_ascii(text);
    std::size_t start = 0;
    while (true) {
      const auto end = carriage_returns ? text.find_first_of("\r\n", start) : text.find('\n', start);
      if (end == std::string_view::npos) break;
      const bool crlf = text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n';
      if (!ascii) ascii_lines.push_back(all_ascii(text.substr(start, end - start)));
      start = end + (crlf ? 2 : 1);
      starts.push_back(start);
    }
    if (!ascii) ascii_lines.push_back(all_ascii(text.substr(start)));
  });
  return lines_;
}

bool SourceText::ascii_line(std::size_t line_index) const {
  const auto& ascii = lines().ascii;
  return ascii.empty() || ascii[line_index];
}

std::string_view SourceText::slice(Span span) const {
  const auto begin = std::min(span.begin, bytes_.size());
  const auto end = std::clamp(span.end, begin, bytes_.size());
  return std::string_view(bytes_).substr(begin, end - begin);
}

Position SourceText::position(std::size_t offset) const {
  offset = std::min(offset, bytes_.size());
  const auto& starts = lines().starts;
  const auto next = std::upper_bound(starts.begin(), starts.end(), offset);
  const auto line_index = static_cast<std::size_t>(next - starts.begin()) - 1;
  const auto line_start = starts[line_index];
  if (ascii_line(line_index)) return {line_index + 1, offset - line_start + 1};
  return {line_index + 1, count_code_points(std::string_view(bytes_).substr(line_start, offset - line_start)) + 1};
}

std::size_t SourceText::offset(Position position) const {
  if (position.line == 0 || position.line > line_count()) return bytes_.size();
  const auto line = line_span(position.line);
  if (ascii_line(position.line - 1)) return std::min(line.begin + std::max<std::size_t>(position.column, 1) - 1, line.end);
  std::size_t offset = line.begin;
  for (std::size_t column = 1; column < position.column && offset < line.end; ++column) {
    char32_t ignored = 0;
    offset += decode_utf8(bytes_, offset, ignored);
  }
  return std::min(offset, line.end);
}

std::string_view SourceText::line_break(std::size_t line) const {
  const auto end = line_span(line).end;
  const auto& starts = lines().starts;
  const auto next = line < starts.size() ? starts[line] : bytes_.size();
  return std::string_view(bytes_).substr(end, next - end);
}

std::string_view SourceText::line_break_for_new(std::size_t line) const {
  if (const auto own = line_break(line); !own.empty()) return own;
  if (const auto first = line_break(1); !first.empty()) return first;
  return "\n";
}

Span SourceText::line_span(std::size_t line) const {
  const auto& starts = lines().starts;
  if (line == 0 || line > starts.size()) return {bytes_.size(), bytes_.size()};
  const auto begin = starts[line - 1];
  auto end = line < starts.size() ? starts[line] : bytes_.size();
  while (end > begin && (bytes_[end - 1] == '\n' || bytes_[end - 1] == '\r')) --end;
  return {begin, end};
}

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Length of the valid UTF-8 sequence at `offset`, or 0 when it is invalid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t valid_sequence_length(std::string_view text, std::size_t offset, char32_t& code_point) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  if (lead < 0x80U) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t minimum = 0;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
    code_point = lead & 0x1FU;
    minimum = 0x80;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    code_point = lead & 0x0FU;
    minimum = 0x800;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    code_point = lead & 0x07U;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (offset + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[offset + i]);
    if (!is_continuation(byte)) return 0;
    code_point = (code_point << 6U) | (byte & 0x3FU);
  }
  if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::size_t decode_utf8(std::string_view text, std::size_t offset, char32_t& code_point) {
  const auto length = valid_sequence_length(text, offset, code_point);
  if (length == 0) {
    code_point = 0xFFFD;
    return 1;
  }
  return length;
}

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0U | (code_point >> 6U));
    out += static_cast<char>(0x80U | (code_point & 0x3FU));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0U | (code_point >> 12U));
    out += static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (code_point & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (code_point >> 18U));
    out += static_cast<char>(0x80U | ((code_point >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (code_point & 0x3FU));
  }
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    // Config files are nearly all ASCII: eight bytes at a time while no high bit is set.
    constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
    for (std::uint64_t word = 0; offset + sizeof word <= text.size(); offset += sizeof word) {
      std::memcpy(&word, text.data() + offset, sizeof word);
      if ((word & kHighBits) != 0) break;
    }
    if (offset >= text.size()) break;
    if (static_cast<unsigned char>(text[offset]) < 0x80U) {
      ++offset;
      continue;
    }
    char32_t ignored = 0;
    const auto length = valid_sequence_length(text, offset, ignored);
    if (length == 0) return offset;
    offset += length;
  }
  return std::string_view::npos;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char byte : text) {
    if (!is_continuation(static_cast<unsigned char>(byte))) ++count;
  }
  return count;
}

}  // namespace paralint
