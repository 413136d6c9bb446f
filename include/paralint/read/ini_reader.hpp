#pragma once
// Reads .ini/.cfg files exactly as iniconfig does for pytest: whole-line comments only
// (inline "# ..." stays in the value), "=" or ":" separators, indented continuation
// lines joined with "\n", duplicate sections and keys as errors, and the same error
// text and line numbers. inih was measured against this and matches nowhere that
// matters (see README, "Why not inih"), so this reader is written by hand.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/read/source_text.hpp"

namespace paralint {

// The iniconfig behaviours that differ between its releases.
struct IniDialect {
  // iniconfig >= 2.0 reads the whole file and uses str.splitlines(), so \v, \f,
  // \x1c-\x1e, \x85, U+2028 and U+2029 also end a line; 1.x iterates the file object,
  // where only \n, \r\n and \r do.
  bool splitlines_breaks = true;
  // Whether a leading UTF-8 byte order mark is skipped instead of being text.
  bool strip_bom = false;
};

// Maps a stretch of a joined value back to the bytes it came from.
struct ValuePiece {
  std::size_t value_offset = 0;  // where this piece starts in the joined value
  Span source;                   // the bytes of the piece in the file
};

struct IniEntry {
  std::string key;
  Span key_span;
  std::string value;  // continuation lines joined with "\n", as iniconfig joins them
  std::vector<ValuePiece> pieces;
  std::size_t line = 0;  // iniconfig's 1-based line number of the key
  Span span;             // from the key to the end of its last continuation line
};

struct IniSection {
  std::string name;
  Span header_span;
  std::size_t line = 0;
  std::vector<IniEntry> entries;

  [[nodiscard]] const IniEntry* find(std::string_view key) const;
};

struct IniError {
  std::size_t line = 0;  // 1-based, iniconfig's numbering
  std::string message;   // iniconfig's text, e.g. "duplicate name 'addopts'"
};

struct IniDocument {
  std::vector<IniSection> sections;
  std::optional<IniError> error;

  [[nodiscard]] const IniSection* find(std::string_view name) const;
};

IniDocument read_ini(const SourceText& source, const IniDialect& dialect);

// Maps an offset in a joined value (or a token inside it) back to a file offset.
std::size_t source_offset(const std::vector<ValuePiece>& pieces, std::size_t value_offset);

// Python's UnicodeDecodeError text for the first invalid byte, or nullopt when the text
// is valid UTF-8.
std::optional<std::string> utf8_decode_error(std::string_view bytes, std::size_t& bad_offset);

}  // namespace paralint
