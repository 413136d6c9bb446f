#pragma once
// What a key in a section pytest never reads was probably meant to be: an ini key of pytest
// or a plugin, a command-line option that would have to go in addopts, or nothing pytest or
// a known plugin has. Facts come from the schemas; only the guess at intent for a few
// invented names is paralint's own (see kIntentHints).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/check_context.hpp"
#include "rules/discovery/config_sections.hpp"

namespace paralint::rules {

// Where the settings should go instead, e.g. "[pytest]" or "[tool:pytest] of setup.cfg".
struct Destination {
  std::string section;
  bool ini = true;  // an INI file: values are written `key = value`
};

// One sentence for the info diagnostic on `setting`.
std::string intended_setting(const CheckContext& context, const Setting& setting, const Destination& destination);

// A setting written where pytest reads it, doing what the key in the unread section meant:
// arguments to append to addopts, or an ini key to set. Only where nothing is in doubt: the
// setting exists in the modelled release, its owner is installed, the value is one it takes,
// and the config does not set it already.
struct Translation {
  std::vector<std::string> arguments;  // e.g. {"-n", "auto"}
  std::string key;                     // e.g. "timeout"
  std::string value;
};
std::optional<Translation> translation_of(const CheckContext& context, const Setting& setting);

// The key as people mean it when matching names: lower case, `-` as `_`.
std::string normalized_key(std::string_view key);

// How `value` is written after `flag` on a command line: "-n auto", "--dist=loadscope".
std::string command_line(std::string_view flag, bool takes_value, std::string_view value);

}  // namespace paralint::rules
