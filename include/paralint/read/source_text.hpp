#pragma once
// The bytes of one config file and the mapping from byte offsets to line/column.
// Every value paralint reads keeps a Span into these bytes, so that diagnostics can
// point at it and fixes can replace exactly it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paralint {

// Half-open byte range [begin, end) in a SourceText.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  [[nodiscard]] std::size_t size() const { return end - begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// 1-based line, 1-based column counted in Unicode code points (as editors, SARIF and
// ruff count them).
struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
  friend bool operator==(const Position&, const Position&) = default;
};

class SourceText {
 public:
  SourceText(std::filesystem::path path, std::string bytes);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string_view bytes() const { return bytes_; }
  [[nodiscard]] std::string_view slice(Span span) const;

  // Lines are split on \n, \r\n and \r, as an editor shows them.
  [[nodiscard]] Position position(std::size_t offset) const;
  [[nodiscard]] std::size_t offset(Position position) const;
  [[nodiscard]] std::size_t line_count() const { return lines().starts.size(); }
  [[nodiscard]] Span line_span(std::size_t line) const;  // without its line break
  // The bytes that end `line`: "\r\n", "\n" or "\r"; "" for a last line without one. A fix
  // that writes a line takes its break from here, so that a CRLF file stays CRLF.
  [[nodiscard]] std::string_view line_break(std::size_t line) const;
  // The break a new line written after `line` gets: that line's own, else the file's first,
  // else "\n".
  [[nodiscard]] std::string_view line_break_for_new(std::size_t line) const;

 private:
  struct LineIndex {
    std::vector<std::size_t> starts;
    // Per line: only ASCII bytes, so columns are byte counts. Diagnostics ask the position of
    // many offsets, and decoding from the line start for each made long lines quadratic.
    // Empty when the whole text is ASCII.
    std::vector<bool> ascii;
  };

  // Built on first use: most files paralint reads are never asked for a position (every file
  // `dump` reads, the test modules the scan finds nothing in).
  [[nodiscard]] const LineIndex& lines() const;
  [[nodiscard]] bool ascii_line(std::size_t line_index) const;

  std::filesystem::path path_;
  std::string bytes_;
  mutable std::once_flag lines_built_;
  mutable LineIndex lines_;
};

// The most paralint reads of one file: far above any real config or test module (the
// largest of the corpus is 0.1 MiB), and low enough that a hostile file cannot exhaust memory.
inline constexpr std::size_t kMaxFileBytes = std::size_t{64} << 20;

// Reads a whole regular file, or sets `error` to why not: in Python's OSError words
// ("[Errno 13] Permission denied") where pytest would fail the same way, else saying that
// the path is a FIFO, device or socket (never opened for a blocking read) or larger than
// kMaxFileBytes.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);
// read_file into `buffer`, reused from call to call, with a lower limit: a file larger than
// `limit` is not read, and sets `too_large` as well as `error`. The file's bytes are the
// buffer's first N, N returned; once the buffer is large enough, a read allocates and clears
// nothing. One open, one fstat and the reads: no separate stat.
std::optional<std::size_t> read_file_into(const std::filesystem::path& path, std::size_t limit, std::string& buffer,
                                          bool& too_large, std::string& error);
// read_file_into for a file a directory listing just gave as a regular file: no fstat (a
// directory or a device then fails its read with Python's words), and one read for a file
// smaller than the buffer. Two system calls fewer a file when a scan reads thousands.
// `path` is the native string the listing spelled (no std::filesystem::path to build).
std::optional<std::size_t> read_listed_file_into(const std::string& path, std::size_t limit, std::string& buffer,
                                                 bool& too_large, std::string& error);

// Why read_file would not read `path`, in its words, without reading it ("" when it would).
std::string describe_unreadable(const std::filesystem::path& path);

// The file as a SourceText, read once per thread for each spelling of its path: discovery,
// settings, requirements and the rules all look at the same few files. A file whose size or
// modification time changed since is read again. nullptr with `error` as read_file sets it.
std::shared_ptr<const SourceText> read_source_once(const std::filesystem::path& path, std::string& error);
// Empties this thread's read_source_once cache (SourceTexts still held stay valid): a run
// over many projects keeps one project's files at a time, not all of them.
void forget_sources_read();

// From now on read_source_once returns `bytes` for `path` (spelt as it will be asked for),
// not what the file holds: the fixer re-checks the files it fixed before, or instead of
// (`--diff`), writing them. Process-wide, like the cache it stands in front of.
void overlay_source(const std::filesystem::path& path, std::string bytes);

// --- UTF-8 helpers -----------------------------------------------------------------

// Decodes the code point at `offset`; returns its length in bytes (1 for invalid bytes,
// which decode as U+FFFD).
std::size_t decode_utf8(std::string_view text, std::size_t offset, char32_t& code_point);
void append_utf8(std::string& out, char32_t code_point);

// Offset of the first byte that is not valid UTF-8 (as Python's strict decoder sees it),
// or npos when the whole text is valid.
std::size_t find_invalid_utf8(std::string_view text);

std::size_t count_code_points(std::string_view text);

}  // namespace paralint
