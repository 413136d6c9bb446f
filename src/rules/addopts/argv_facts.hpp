#pragma once
// What the addopts rules share: where a token is, what argparse prints for an argument it
// cannot convert, and the hedges a verdict needs when paralint cannot see every plugin.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/check_context.hpp"

namespace paralint::rules::addopts {

// Where bytes of an addopts token are: in the config file, or in PYTEST_ADDOPTS.
Location location_of(const CheckContext& context, const ArgToken& token, Span span);

// What pytest appends to an argparse error raised by its first pass over argv, which
// knows only pytest's own options: " (via addopts config)" or " (via PYTEST_ADDOPTS)".
// Empty for options of plugins and conftest files, which later passes reject unmarked.
std::string first_pass_hint(const ParsedOption& option, const ArgToken& token);

// "-n/--numprocesses", or the flag itself for an option only the project registers.
std::string option_names(const ParsedOption& option);

// argparse's complaint about one argument of `option` at `release`, worded as pytest
// prints it after "argument NAMES: " ("invalid int value: 'x'", "invalid choice: …"), or
// nullopt when argparse takes it. Only the types whose acceptance is reproduced exactly
// are judged (int, float, str, lower, parse_numprocesses); other validators pass.
std::optional<std::string> argument_error(const OptionSchema& option, const Version& release,
                                          std::string_view argument);

// Python's int(text) / float(text) for a str: whether it converts (ASCII digits only).

// A TOML list element of addopts that holds several shell words and starts with "-"
// ("-n auto"): argparse gets it as one string. A006 reports those; the rules about the
// option inside stay quiet so that one mistake gets one diagnostic.
bool is_multiword_element(const CheckContext& context, std::size_t token_index);

// Where an option no known component has may still come from when pytest runs: an
// installed plugin paralint has no schema for, plugin code it cannot read, or a plugin it
// was not told about ("…, … or …"). Empty when paralint sees everything.
std::string unseen_sources(const CheckContext& context);

// A stretch of a config value, in offsets of the value string.
struct ValueRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The inline comments of an INI value as its author meant them: from a "#" or ";" that
// starts a shell word outside quotes to the end of its line. iniconfig drops only whole
// comment lines and shlex knows no comments, so pytest reads these words as arguments.
std::vector<ValueRange> inline_comments(std::string_view value);

// The modelled release of an option's component (pytest's own for core options).
Version release_of(const CheckContext& context, const ParsedOption& option);

// "3.0.2" → "pytest-xdist 3.0.2"; the name a user installs.
std::string component_release(const ComponentSchema& component, const Version& version);

}  // namespace paralint::rules::addopts
