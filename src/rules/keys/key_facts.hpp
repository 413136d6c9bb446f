#pragma once
// What the key rules share: which component registers a key in the target, what pytest
// does with a key nobody registers (warn, or stop under strict config or an "error"
// warning filter), and Python's readings of strings (float, int) that pytest and plugins
// apply to ini values (pytest's _strtobool is python::strtobool).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/check_context.hpp"
#include "paralint/rules/diagnostic.hpp"

namespace paralint::rules::keys {

// The registration pytest uses for `key` in the target: the core, a plugin that is
// installed or of unknown presence, at the modelled release. nullopt when none registers
// it there (or only the project's code does, which has no schema).
struct RegisteredKey {
  const ComponentSchema* component = nullptr;
  const IniKeySchema* schema = nullptr;
  Presence presence = Presence::Installed;
};
std::optional<RegisteredKey> registered_key(const CheckContext& context, std::string_view key);

// What pytest does with a key it does not know, in the target: it warns
// "Unknown config option: KEY", or stops when strict config (the gate rules' reading) or a
// warning filter (the filterwarnings rules' evaluation) says so.
struct UnknownKeyOutcome {
  bool fatal = false;
  std::string text;  // "pytest 7.2.1 warns …" / "pytest 7.2.1 stops with … because …"
};
UnknownKeyOutcome unknown_key_outcome(const CheckContext& context, std::string_view key);

// "pytest 7.2.1", "pytest-asyncio 0.20.3".
std::string component_label(const CheckContext& context, const ComponentSchema& component);
// Why paralint takes a plugin to be absent: "not installed in /usr/bin/python3", …
std::string absence_reason(const CheckContext& context, const ComponentSchema& component);

// One step less sure: error → warning → info.
Severity lowered(Severity severity);
// Lowers `diagnostic` when code paralint cannot read may register names (a plugin outside
// the rootdir, an installed plugin without a schema) and says so.
void allow_for_unseen_code(const CheckContext& context, Diagnostic& diagnostic);

// A linelist value given as one string, as Config.getini splits it: lines, stripped,
// empty ones dropped.
std::vector<std::string> linelist_lines(std::string_view text);

// The value as written in [tool.pytest.ini_options], before pytest's str() of scalars; null
// for entries read from other places (INI files keep no types, native tables keep theirs).
const Value* written_value(const CheckContext& context, const ConfigEntry& entry);

}  // namespace paralint::rules::keys
