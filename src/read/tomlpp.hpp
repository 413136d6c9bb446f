#pragma once
// The one place toml++ is included, with the settings paralint needs. toml++ reads paralint's
// own data (schemas/, rules/, profiles), which the build embeds and tests; a user's TOML is
// read by toml_reader.cpp, which follows CPython's tomllib rule for rule, as pytest does.

// Header-only: Debian also ships toml++ as a shared library, which a static paralint would
// then need beside it.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0

#include <toml++/toml.h>
