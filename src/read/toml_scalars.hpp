#pragma once
// The literals of TOML values that tomllib reads with regular expressions (RE_DATETIME,
// RE_LOCALTIME, RE_NUMBER in CPython's Lib/tomllib/_re.py) and then hands to Python's
// datetime, int(s, 0) and float(): matched from one offset, with the same greediness, so a
// value ends where tomllib's does and the rest of the line is judged as tomllib judges it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "paralint/read/value.hpp"

namespace paralint::toml_scalars {

struct DateTimeMatch {
  std::size_t end = 0;
  DateTimeParts parts;
  // The pattern matched but Python's date() refuses the day (year 0, 31 April, 29 February
  // of a common year): tomllib says "Invalid date or datetime".
  bool valid = true;
};

// RE_DATETIME: a date, then optionally [Tt ] and a time, then optionally Z or ±hh:mm.
std::optional<DateTimeMatch> match_datetime(std::string_view text, std::size_t at);
// RE_LOCALTIME: hh:mm:ss and an optional fraction (only its first six digits count).
std::optional<DateTimeMatch> match_local_time(std::string_view text, std::size_t at);

struct NumberMatch {
  std::size_t end = 0;
  bool is_float = false;
  std::int64_t integer = 0;
  std::string big_integer;  // decimal digits when int() goes beyond 64 bits
  double floating = 0.0;
};

// RE_NUMBER (0x/0o/0b integers, decimal integers, floats with a fraction or exponent) and
// the value int(s, 0) or float(s) gives it; nullopt where the pattern does not match.
std::optional<NumberMatch> match_number(std::string_view text, std::size_t at);

}  // namespace paralint::toml_scalars
