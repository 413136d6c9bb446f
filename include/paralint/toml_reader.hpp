#pragma once
// Reads TOML with toml++ into paralint's Value tree, refusing what CPython's tomllib
// (the parser pytest uses on Python >= 3.11) refuses before toml++ would accept it:
// a byte order mark, invalid UTF-8, and nesting deeper than tomllib's recursion allows.

#include <optional>
#include <string>

#include "paralint/source_text.hpp"
#include "paralint/value.hpp"

namespace paralint {

struct TomlError {
  std::size_t line = 0;    // 1-based; 0 when the error has no position
  std::size_t column = 0;  // 1-based, in code points
  std::string message;     // without the position
};

struct TomlDocument {
  Value root;  // a Table
  std::optional<TomlError> error;
};

TomlDocument read_toml(const SourceText& source);

// read_toml, once per file content in a process: discovery, version pins, plugin inference
// and the rules all read the same pyproject.toml. Spans are offsets into the bytes, so a
// document serves any SourceText with the same bytes.
const TomlDocument& read_toml_once(const SourceText& source);

}  // namespace paralint
