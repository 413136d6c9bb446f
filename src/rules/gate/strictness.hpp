#pragma once
// Which strictness settings are in force for the modelled pytest, and where they come
// from. pytest < 9 has the --strict-config flag and the xfail_strict key; pytest 9 adds
// the strict_config, strict_markers, strict_xfail (alias xfail_strict) and strict keys,
// and its --strict-config/--strict flags set those keys, except from addopts in 9.0.x,
// where they were silently ignored (pytest #14442, fixed in 9.1.0).

#include <optional>
#include <string>

#include "paralint/rules/check_context.hpp"

namespace paralint::rules {

// The first release with the strict_* keys.
inline const Version kStrictKeys{9, 0, 0};

struct StrictnessSetting {
  bool on = false;
  std::string source;  // "`--strict-config` in addopts", "`strict = true`", "" when unset
  std::optional<Span> span;
};

// The value pytest reads for a bool key: _strtobool of the INI/ini_options text, a TOML
// boolean in native mode. nullopt when absent or not a boolean pytest accepts.
std::optional<bool> bool_key(const CheckContext& context, std::string_view key, const ConfigEntry** found = nullptr);

// Unknown keys are errors, not warnings.
StrictnessSetting strict_config(const CheckContext& context);
// xfail tests that pass fail the run.
StrictnessSetting strict_xfail(const CheckContext& context);
// A strictness flag in addopts that pytest 9.0.x ignores there, if any.
const ParsedOption* ignored_strictness_flag(const CheckContext& context, std::string_view dest);

}  // namespace paralint::rules
