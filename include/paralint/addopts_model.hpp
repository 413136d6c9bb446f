#pragma once
// `addopts` as pytest's argparse parser sees it: which tokens are options of which
// component, which are their values, which are positional paths, and which no parser
// knows. Options of plugins that are absent or of unknown presence are still recognised
// (with their arity) so that one missing plugin does not garble the rest of the line.

#include <optional>
#include <string>
#include <vector>

#include "paralint/config_model.hpp"
#include "paralint/schema.hpp"
#include "paralint/target.hpp"

namespace paralint {

struct ArgToken {
  std::string text;    // the argv string (str() of a non-string TOML item)
  bool is_string = true;
  bool from_environment = false;
  Span span;           // in the config file (meaningless for PYTEST_ADDOPTS tokens)
};

// Who provides an option the parser met.
enum class OptionOwner {
  Active,    // core, an installed plugin, or a plugin of unknown presence (see `presence`)
  Absent,    // a known plugin that is not installed, or one disabled with -p no:NAME
  Project,   // registered by the project's own conftest/plugin code
};

struct ParsedOption {
  const ComponentSchema* component = nullptr;  // null for project options
  const OptionSchema* option = nullptr;        // null for project options
  OptionOwner owner = OptionOwner::Active;
  Presence presence = Presence::Installed;     // of the component (core: installed)
  bool exists_in_version = true;  // false: the component has it, but not at the modelled release
  std::string flag;               // as written, without "=value": "--dist", "-n"
  std::optional<std::string> value;
  std::size_t first_token = 0;
  std::size_t last_token = 0;  // inclusive
  Span span;                   // the flag through its value
  Span value_span;             // the value alone (inside the token when attached)
};

struct UnknownOption {
  std::string flag;  // before any "="
  std::size_t token = 0;
  Span span;
};

struct ArityError {
  std::size_t option_index = 0;  // into ParsedAddopts::options
  std::string message;           // argparse's: "argument --dist: expected one argument"
};

struct PluginArgument {  // -p NAME / -p no:NAME
  std::string name;
  bool disables = false;
  std::size_t token = 0;
  Span span;
};

struct ParsedAddopts {
  std::vector<ArgToken> tokens;
  std::vector<ParsedOption> options;
  std::vector<std::size_t> positionals;  // token indexes argparse gives to file_or_dir
  std::vector<UnknownOption> unknown;
  std::vector<ArityError> arity_errors;
  std::vector<PluginArgument> plugin_arguments;

  [[nodiscard]] const ParsedOption* find_dest(std::string_view component, std::string_view dest) const;
  [[nodiscard]] std::vector<const ParsedOption*> all_dest(std::string_view component, std::string_view dest) const;
  [[nodiscard]] bool disables(std::string_view plugin_name) const;  // -p no:NAME for any of its names
};

struct ProjectOption {
  std::string name;  // "--my-flag"
  bool takes_value = true;
};

ParsedAddopts parse_addopts(const EffectiveConfig& config, const SchemaSet& schemas, const Target& target,
                            const std::vector<ProjectOption>& project_options);

}  // namespace paralint
