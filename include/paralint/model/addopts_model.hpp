#pragma once
// `addopts` as pytest's argparse parser sees it: which tokens are options of which
// component, which are their values, which are positional paths, and which no parser
// knows. Options of plugins that are absent or of unknown presence are still recognised
// (with their arity) so that one missing plugin does not garble the rest of the line.
//
// The walk follows Python 3.11's argparse (ArgumentParser(allow_abbrev=False), as pytest
// builds it): exact option strings, "--opt=value", single-dash clusters ("-vvs", "-nauto",
// even "-v=x" which is -v -x), negative numbers and strings with a space as positionals,
// "--" ending the options, and one `file_or_dir` positional (nargs="*") that takes the first
// run of positionals only; later runs are left over and pytest appends them itself unless
// one starts with "-" (then: "unrecognized arguments").

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "paralint/model/config_model.hpp"
#include "paralint/model/target.hpp"
#include "paralint/schema/schema.hpp"

namespace paralint {

struct ArgToken {
  std::string text;  // the argv string (str() of a non-string TOML item)
  bool is_string = true;
  bool from_environment = false;
  Span span;  // in the config file (meaningless for PYTEST_ADDOPTS tokens)
};

// Who provides an option the parser met.
enum class OptionOwner {
  Active,   // core, an installed plugin, or a plugin of unknown presence (see `presence`)
  Absent,   // a known plugin that is not installed, or one disabled with -p no:NAME
  Project,  // registered by the project's own conftest/plugin code
};

struct ParsedOption {
  const ComponentSchema* component = nullptr;  // null for project options
  const OptionSchema* option = nullptr;        // null for project options
  OptionOwner owner = OptionOwner::Active;
  Presence presence = Presence::Installed;  // of the component (core: installed)
  bool exists_in_version = true;            // false: the component has it, but not at the modelled release
  std::string flag;                         // the option string argparse matched: "--dist", "-n"
  std::optional<std::string> value;         // the argument (several, for nargs "*"/"+", joined by " ")
  std::vector<std::string> values;          // each argument as argparse passes it to the type function
  bool attached = false;                    // the value came in the same token ("--dist=load", "-n4")
  bool clustered = false;                   // a later flag of a cluster such as the "s" of "-vs"
  std::size_t first_token = 0;
  std::size_t last_token = 0;  // inclusive
  Span span;                   // the flag through its value
  Span value_span;             // the value alone (inside the token when attached)
};

// The bytes of [offset, offset + length) of an option's value in the file when the value is
// written verbatim (bare, or inside one pair of quotes); the whole value's span otherwise.
Span value_subspan(const ParsedOption& option, std::size_t offset, std::size_t length = std::string::npos);

struct UnknownOption {
  std::string flag;  // before any "="
  std::size_t token = 0;
  Span span;
};

// An ArgumentError argparse raises for the shape of the arguments (not their values): a
// missing argument, or an explicit argument an option does not take.
struct ArityError {
  std::size_t option_index = 0;  // into ParsedAddopts::options
  std::string message;           // argparse's: "argument --dist: expected one argument"
};

struct PluginArgument {  // -p NAME / -p no:NAME, as pytest's own pre-scan of argv reads them
  std::string name;
  bool disables = false;
  std::size_t token = 0;
  Span span;
};

// Whether the -p arguments leave a plugin blocked, as a lookup: pytest applies them in
// order, so the last one naming the plugin decides.
class PluginBlocks {
 public:
  PluginBlocks() = default;
  explicit PluginBlocks(const std::vector<PluginArgument>& plugins);
  // `plugin_name` is an entry-point or module name: "-p no:NAME" blocks NAME and, unless NAME
  // starts with "pytest_", pytest_NAME too; a later "-p NAME" unblocks them again.
  [[nodiscard]] bool blocked(std::string_view plugin_name) const;

 private:
  struct Last {
    std::size_t index;
    bool disables;
  };
  std::map<std::string, Last, std::less<>> last_;
};

struct ParsedAddopts {
  std::vector<ArgToken> tokens;
  std::vector<ParsedOption> options;
  std::vector<std::size_t> positionals;  // token indexes that end up in file_or_dir
  // Positionals argparse leaves over because file_or_dir already took an earlier run (a
  // subset of `positionals`). pytest appends them to file_or_dir, unless one of them starts
  // with "-": then it stops with "unrecognized arguments".
  std::vector<std::size_t> extras;
  std::vector<UnknownOption> unknown;
  std::vector<ArityError> arity_errors;
  std::vector<PluginArgument> plugin_arguments;
  PluginBlocks plugin_blocks;  // of plugin_arguments

  [[nodiscard]] const ParsedOption* find_dest(std::string_view component, std::string_view dest) const;
  [[nodiscard]] std::vector<const ParsedOption*> all_dest(std::string_view component, std::string_view dest) const;
  // Whether the -p arguments leave the plugin registered as `plugin_name` blocked.
  [[nodiscard]] bool disables(std::string_view plugin_name) const { return plugin_blocks.blocked(plugin_name); }
};

struct ProjectOption {
  std::string name;  // "--my-flag"
  bool takes_value = true;
};

// Whether `-p [no:]NAME` (NAME given as `named`) is about the plugin registered as
// `plugin_name`: NAME itself or pytest_NAME.
bool plugin_block_matches(std::string_view named, std::string_view plugin_name);

ParsedAddopts parse_addopts(const EffectiveConfig& config, const SchemaSet& schemas, const Target& target,
                            const std::vector<ProjectOption>& project_options);

}  // namespace paralint
