#pragma once
// A config value as pytest holds it after reading a file: a string (INI files and
// [tool.pytest.ini_options] scalars), or any TOML value (lists in ini_options, and every
// value of pytest 9's native tables). Each value keeps the span it was read from.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "paralint/read/source_text.hpp"

namespace paralint {

struct DateTimeParts {
  std::optional<int> year, month, day;           // absent for a local time
  std::optional<int> hour, minute, second;       // absent for a local date
  int microsecond = 0;                           // TOML fractions truncated as tomllib does
  std::optional<int> offset_minutes;             // absent for local date-times
};

struct TableEntry;

struct Value {
  enum class Kind { String, Integer, Float, Boolean, DateTime, Array, Table };

  // Declared here, defined below TableEntry: a Value holds a vector of TableEntry, which
  // holds a Value, so the members can only be generated once both types are complete.
  Value();
  ~Value();
  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;

  Kind kind = Kind::String;
  std::string string;
  std::int64_t integer = 0;
  std::string big_integer;  // decimal digits of an integer beyond 64 bits (tomllib has no limit)
  double floating = 0.0;
  bool boolean = false;
  DateTimeParts datetime;
  std::vector<Value> items;                            // Array
  std::vector<TableEntry> entries;                     // Table, in document order
  Span span;

  static Value make_string(std::string text, Span span = {}) {
    Value value;
    value.string = std::move(text);
    value.span = span;
    return value;
  }

  [[nodiscard]] bool is_string() const { return kind == Kind::String; }
  [[nodiscard]] bool is_array() const { return kind == Kind::Array; }
  [[nodiscard]] bool is_table() const { return kind == Kind::Table; }
  // The value of the first entry named `key`. A large table is searched through an index
  // built on first use (rules look up every key of a table: linear searches made a
  // 100,000-key table take minutes).
  [[nodiscard]] const Value* find(std::string_view key) const;

 private:
  struct KeyIndex;
  mutable std::shared_ptr<const KeyIndex> key_index_;  // for `entries` as they were when built
};

struct TableEntry {
  std::string key;
  Value value;
  Span key_span;
};

inline Value::Value() = default;
inline Value::~Value() = default;
inline Value::Value(const Value& other) = default;
inline Value::Value(Value&& other) noexcept = default;
inline Value& Value::operator=(const Value& other) = default;
inline Value& Value::operator=(Value&& other) noexcept = default;

// Python's type(v).__name__ for the value tomllib would return.
std::string python_type_name(const Value& value);
// bool(v) of the value tomllib would return: empty, zero and false values are falsy.
bool python_truthy(const Value& value);
// str(v) and repr(v) of the value tomllib would return.
std::string python_str(const Value& value);
std::string python_repr(const Value& value);

}  // namespace paralint
