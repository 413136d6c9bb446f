#pragma once
// The one place toml++ is included, with the settings paralint needs.

// Header-only: Debian also ships toml++ as a shared library, but built with the default
// nesting limit. The limit is raised so that toml++ never gives up before CPython's
// tomllib would; toml_reader.cpp refuses deeper documents first, as tomllib does.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#define TOML_MAX_NESTED_VALUES 2048
// toml++ 3.3.0's internal debug assertions are wrong for some invalid documents (the
// fuzzer found "[[[\n"): release builds report those as parse errors, so debug and
// sanitizer builds must too instead of aborting.
#define TOML_ASSERT(expr) static_cast<void>(0)

#include <toml++/toml.h>
