#pragma once
// Python's own text rules, reproduced where pytest's behaviour depends on them:
// str.isspace / str.strip (iniconfig strips keys, values and lines with them),
// repr() of str and float (pytest and iniconfig put repr() into error messages and
// str() of TOML floats into [tool.pytest.ini_options] values), and which strings int() and
// float() accept (argparse's type=int/float and pytest's ini conversions call them).

#include <optional>
#include <string>
#include <string_view>

namespace paralint::python {

// str.isspace() for one code point.
bool is_space(char32_t code_point);

// Byte offsets of the text that str.strip() / lstrip() / rstrip() would keep.
std::string_view strip(std::string_view text);
std::string_view lstrip(std::string_view text);
std::string_view rstrip(std::string_view text);

// repr(s) for a str, with Python's choice of quotes and escapes.
std::string repr(std::string_view text);

// repr(x) == str(x) for a float: shortest round-trip digits, Python's switch to
// exponent notation, "inf", "nan".
std::string float_repr(double value);

// int(s) / float(s) for a str succeed: sign, digits with single underscores between them,
// a fraction and an exponent (float), inf/infinity/nan (float), surrounding whitespace.
bool int_accepts(std::string_view text);
bool float_accepts(std::string_view text);

// pytest's _strtobool, as getini applies it to a bool key's string (it does not strip):
// y yes t true on 1 / n no f false off 0, in any case; nullopt where it raises ValueError.
std::optional<bool> strtobool(std::string_view text);

}  // namespace paralint::python
