#pragma once
// The manual page and the bash and zsh completions, generated from the command-line
// definition itself (the CLI::App whose --help the user sees), so that an option added to
// the CLI is documented and completed without anyone listing it twice.

#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace paralint {

// An option or positional argument as --help shows it.
struct CliOption {
  std::vector<std::string> names;    // "-c", "--config-file"; empty for a positional
  std::string value_name;            // "TEXT", or the positional's name; empty for a flag
  std::vector<std::string> choices;  // the only values accepted, when the CLI restricts them
  std::string description;
  std::string default_value;         // as --help prints it; empty when it prints none
  std::string environment_variable;  // read when the option is not given
  bool repeatable = false;  // given several times, or, for a positional, takes several values
  bool required = false;
  bool prints_help = false;  // -h/--help, which every command has

  bool takes_value() const { return !value_name.empty(); }
};

struct CliCommand {
  std::string name;  // the program's name for the root
  std::string description;
  std::vector<CliOption> options;
  std::vector<CliOption> positionals;
  std::vector<CliCommand> subcommands;
};

// What `app` accepts, leaving out what its --help hides (options and subcommands without a
// group). `program` names the root: CLI11 names it after argv[0], which may be a path.
CliCommand describe_cli(const CLI::App& app, std::string program);

// paralint(1) in roff (man(7) macros), for man-db and groff.
std::string render_man_page(const CliCommand& program, std::string_view version);

// Scripts that complete subcommands, options, the values of options with choices, and file
// names wherever a free value or a positional is expected. The bash one needs only bash
// (no bash-completion helpers); the zsh one is a #compdef file that can also be sourced.
std::string render_bash_completion(const CliCommand& program);
std::string render_zsh_completion(const CliCommand& program);

}  // namespace paralint
