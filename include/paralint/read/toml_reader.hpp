#pragma once
// Reads TOML into paralint's Value tree as pytest reads it: Path.read_text() (invalid UTF-8
// fails with Python's UnicodeDecodeError message; universal newlines) then CPython's tomllib
// (pytest's parser on Python >= 3.11; tomli, the same code, before): the same values, keys in
// the order tomllib creates them, and every refusal with tomllib's message at its line and
// column, including nesting deeper than tomllib's recursion allows. Its own limit: keys
// nested deeper than kKeyNestingLimit.

#include <optional>
#include <span>
#include <string>

#include "paralint/read/source_text.hpp"
#include "paralint/read/value.hpp"

namespace paralint {

struct TomlError {
  std::size_t line = 0;    // 1-based; 0 when the error has no position
  std::size_t column = 0;  // 1-based, in code points
  std::string message;     // without the position
  // The document nests keys deeper than paralint reads (kKeyNestingLimit); tomllib would go on.
  bool beyond_reader_limit = false;
};

struct TomlDocument {
  Value root;  // a Table
  std::optional<TomlError> error;
  // The deepest recursion tomllib's parser reaches in this document, in Python frames (2 per
  // array level, 3 per inline-table level). Reading fails past kTomllibFrameBudget; a real
  // pytest run starts tomllib with more frames below it, so it fails a little earlier.
  std::size_t nesting_frames = 0;
  std::size_t deepest_nesting_at = 0;  // offset of the bracket that opens the deepest level
};

// The deepest tables and values paralint reads. Table headers, dotted keys, inline tables and
// arrays nest without recursion in tomllib, so pytest has no limit there, only time and memory
// that grow with the square of the depth (measured with Python 3.11: 5,000 dotted levels take
// 160 MB, 20,000 take 2.3 GB and 3 s, 50,000 take 15 GB and a minute). paralint's Value
// tree recurses once per level, so the reader refuses deeper documents rather than
// overflow the stack.
inline constexpr std::size_t kKeyNestingLimit = 1000;

// The frames tomllib's nesting may cost when pytest's own config loading calls it directly
// (calibrated with the oracle: Debian's pytest 7.2.1 on Python 3.11, recursion limit 1000).
inline constexpr std::size_t kTomllibFrameBudget = 988;

// `only_paths` ("tool.pytest", dotted, keys without dots): build only the values at these key
// paths and the tables on the way to them; the document is still read and refused whole, as
// tomllib reads it. None: build everything.
TomlDocument read_toml(const SourceText& source, std::span<const std::string_view> only_paths = {});

// read_toml, once per file content in a thread: discovery, version pins, plugin inference
// and the rules all read the same pyproject.toml. Spans are offsets into the bytes, so a
// document serves any SourceText with the same bytes. The reference stays valid while the
// thread lives, until the same path is read again with other bytes on it, or with other
// `only_paths` than a document built in part was built with.
const TomlDocument& read_toml_once(const SourceText& source, std::span<const std::string_view> only_paths = {});
// Empties this thread's read_toml_once cache: every reference it gave is then dangling.
void forget_toml_read();

}  // namespace paralint
