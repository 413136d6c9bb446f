#include "paralint/cli/cli_docs.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fmt/format.h>
#include <utility>

#include "paralint/read/source_text.hpp"
#include "paralint/util/spelling.hpp"

namespace paralint {

namespace {

// --- reading the CLI::App ------------------------------------------------------------

// The choices of an option are what --help prints after its type: CLI11 appends each
// validator's description, and CLI::IsMember's is the set, "TEXT:{text,concise,json}".
std::vector<std::string> choices_in_type_name(const std::string& type_name) {
  std::vector<std::string> choices;
  std::size_t colon = type_name.find(':');
  while (colon != std::string::npos) {
    const auto next = type_name.find(':', colon + 1);
    const auto segment = type_name.substr(colon + 1, next == std::string::npos ? next : next - colon - 1);
    if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
      std::size_t start = 1;
      while (start < segment.size()) {
        auto comma = segment.find(',', start);
        if (comma == std::string::npos) comma = segment.size() - 1;
        choices.push_back(segment.substr(start, comma - start));
        start = comma + 1;
      }
    }
    colon = next;
  }
  return choices;
}

CliOption describe_option(const CLI::Option& option, const CLI::App& owner) {
  CliOption described;
  for (const auto& name : option.get_snames()) described.names.push_back("-" + name);
  for (const auto& name : option.get_lnames()) described.names.push_back("--" + name);
  if (option.get_items_expected_max() != 0) {  // 0 for a flag
    const auto type_name = option.get_type_name();
    if (!option.get_option_text().empty()) {
      described.value_name = option.get_option_text();
    } else if (described.names.empty()) {
      described.value_name = option.get_name(true);
    } else {
      described.value_name = type_name.substr(0, type_name.find(':'));
      if (described.value_name.empty()) described.value_name = "VALUE";
    }
    described.choices = choices_in_type_name(type_name);
    described.repeatable = option.get_expected_max() >= CLI::detail::expected_max_vector_size;
  }
  described.description = option.get_description();
  described.default_value = option.get_default_str();
  described.environment_variable = option.get_envname();
  described.required = option.get_required();
  described.prints_help = &option == owner.get_help_ptr() || &option == owner.get_help_all_ptr();
  return described;
}

CliCommand describe_command(const CLI::App& app, std::string name) {
  CliCommand command;
  command.name = std::move(name);
  command.description = app.get_description();
  // An option or subcommand without a group is one --help hides.
  for (const auto* option : app.get_options([](const CLI::Option* each) { return !each->get_group().empty(); })) {
    auto described = describe_option(*option, app);
    (described.names.empty() ? command.positionals : command.options).push_back(std::move(described));
  }
  for (const auto* subcommand : app.get_subcommands([](const CLI::App* each) { return !each->get_group().empty(); })) {
    command.subcommands.push_back(describe_command(*subcommand, subcommand->get_name()));
  }
  return command;
}

// Every command with the words that select it ("check"; "config show"), root first.
void collect_commands(const CliCommand& command, const std::string& path,
                      std::vector<std::pair<std::string, const CliCommand*>>& out) {
  out.emplace_back(path, &command);
  for (const auto& subcommand : command.subcommands) {
    collect_commands(subcommand, path.empty() ? subcommand.name : path + " " + subcommand.name, out);
  }
}

std::vector<std::pair<std::string, const CliCommand*>> all_commands(const CliCommand& program) {
  std::vector<std::pair<std::string, const CliCommand*>> commands;
  collect_commands(program, "", commands);
  return commands;
}

bool has_option(const CliCommand& command, std::string_view name) {
  return std::any_of(command.options.begin(), command.options.end(), [&](const CliOption& option) {
    return std::find(option.names.begin(), option.names.end(), name) != option.names.end();
  });
}

// --- roff --------------------------------------------------------------------------------

// Text for a roff text line. Every '-' becomes \- because groff prints a plain '-' as a
// hyphen (U+2010 on a UTF-8 terminal), which breaks an option copied from the page; quotes
// and backslashes become their ASCII glyphs (so a line cannot start with the control
// character '\''); a '.' starting a line would make it a request; other non-ASCII characters
// are written as \[uXXXX] so that groff needs no preconv.
std::string roff_text(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (std::size_t offset = 0; offset < text.size();) {
    char32_t code_point = 0;
    const auto length = decode_utf8(text, offset, code_point);
    offset += length;
    if (line_start && code_point == '.') out += "\\&";
    line_start = code_point == '\n';
    switch (code_point) {
      case '\\': out += "\\e"; break;
      case '-': out += "\\-"; break;
      case '\'': out += "\\(aq"; break;
      case '`': out += "\\(ga"; break;
      case '"': out += "\\(dq"; break;
      default:
        if (code_point < 0x80) {
          out += static_cast<char>(code_point);
        } else {
          out += fmt::format("\\[u{:04X}]", static_cast<std::uint32_t>(code_point));
        }
    }
  }
  return out;
}

std::string bold(std::string_view text) { return "\\fB" + roff_text(text) + "\\fR"; }
std::string italic(std::string_view text) { return "\\fI" + roff_text(text) + "\\fR"; }

// The page's own sentences mark literal text (commands, options, values) with backquotes,
// which print in bold, as man-pages(7) asks.
std::string roff_prose(std::string_view text) {
  std::string out;
  bool literal = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto tick = text.find('`', start);
    if (tick == std::string_view::npos) tick = text.size();
    const auto piece = text.substr(start, tick - start);
    out += literal ? bold(piece) : roff_text(piece);
    literal = !literal;
    start = tick + 1;
  }
  return out;
}

// "--format text|concise|json", "-c, --config-file TEXT", "--select TEXT ...", "PATH ..."
std::string roff_option_label(const CliOption& option) {
  std::string label;
  for (const auto& name : option.names) label += (label.empty() ? "" : ", ") + bold(name);
  if (option.takes_value()) {
    std::string value;
    if (option.choices.empty()) {
      value = italic(option.value_name);
    } else {
      for (const auto& choice : option.choices) value += (value.empty() ? "" : "|") + bold(choice);
    }
    label += (label.empty() ? "" : " ") + value;
    if (option.repeatable) label += " ...";
  }
  return label;
}

std::string roff_synopsis_line(const std::string& path, const CliCommand& command) {
  std::string line = bold(path);
  const bool has_options = std::any_of(command.options.begin(), command.options.end(),
                                       [](const CliOption& option) { return !option.prints_help; });
  if (has_options) line += " [" + italic("options") + "]";
  if (!command.subcommands.empty()) line += " " + italic("command");
  for (const auto& positional : command.positionals) {
    const auto argument = roff_option_label(positional);
    line += " " + (positional.required ? argument : "[" + argument + "]");
  }
  return line + "\n";
}

std::string roff_option_entry(const CliOption& option) {
  std::string entry = ".TP\n" + roff_option_label(option) + "\n" + roff_text(option.description);
  if (!option.default_value.empty()) entry += " (default: " + bold(option.default_value) + ")";
  if (!option.environment_variable.empty()) entry += " (also read from " + bold(option.environment_variable) + ")";
  return entry + "\n";
}

// What a man page says around the commands: the words are the README's, and main.cpp's
// exit codes and environment reads are what they describe.
constexpr std::string_view kManDescription =
    "`paralint` reads the configuration files pytest reads (`pytest.toml`, `.pytest.toml`, `pytest.ini`, "
    "`.pytest.ini`, `pyproject.toml`, `tox.ini`, `setup.cfg`) exactly as a given pytest release reads them, "
    "and says what would go wrong: files pytest refuses, keys and options it does not know, options of "
    "plugins that are not installed, pytest-xdist settings that do not do what they say, markers nothing "
    "enforces. Each diagnostic names a rule; `paralint rule` CODE explains it.";

struct ExitStatus {
  std::string_view code;
  std::string_view meaning;
};

constexpr ExitStatus kExitStatuses[] = {
    {"0", "success; for `check`, nothing at or above the `--fail-on` severity was found, or `--exit-zero` was given"},
    {"1", "`check` found a problem at or above the `--fail-on` severity (default `warning`)"},
    {"2", "a usage error, a path that cannot be read, or an internal error"},
};

std::string roff_environment(const CliCommand& program) {
  std::string out = ".SH ENVIRONMENT\n";
  out += ".TP\n" + bold("NO_COLOR") + "\n" +
         roff_prose("when set and not empty, the output is never coloured; otherwise colour is used only "
                    "when the output is a terminal") +
         "\n";
  std::string readers;
  for (const auto& [path, command] : all_commands(program)) {
    if (!path.empty() && has_option(*command, "--env")) readers += (readers.empty() ? "" : ", ") + bold(path);
  }
  if (!readers.empty()) {
    out += ".TP\n" + bold("PYTEST_ADDOPTS") + "\n" +
           roff_prose("the extra arguments pytest adds to its command line; read only when `--env` is given, by ") +
           readers + "\n";
  }
  for (const auto& [path, command] : all_commands(program)) {
    for (const auto& option : command->options) {
      if (option.environment_variable.empty()) continue;
      out += ".TP\n" + bold(option.environment_variable) + "\n" + roff_prose("the value of ") +
             bold((path.empty() ? "" : path + " ") + option.names.back()) + roff_prose(" when it is not given") +
             "\n";
    }
  }
  return out;
}

std::string strip_program_prefix(std::string description, const std::string& program) {
  if (description.rfind(program + ": ", 0) == 0) description.erase(0, program.size() + 2);
  if (!description.empty() && description.back() == '.') description.pop_back();
  return description;
}

// --- shell completions ---------------------------------------------------------------------

// A word quoted for bash and zsh alike.
std::string shell_quote(std::string_view word) {
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string shell_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + shell_quote(word);
  return out;
}

std::string function_name(const std::string& program, const std::string& path) {
  std::string name = "_" + program + (path.empty() ? "" : "_" + path);
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

std::vector<std::string> option_names(const CliCommand& command, bool with_value) {
  std::vector<std::string> names;
  for (const auto& option : command.options) {
    if (with_value && !option.takes_value()) continue;
    names.insert(names.end(), option.names.begin(), option.names.end());
  }
  return names;
}

std::vector<std::string> subcommand_names(const CliCommand& command) {
  std::vector<std::string> names;
  for (const auto& subcommand : command.subcommands) names.push_back(subcommand.name);
  return names;
}

std::string case_pattern(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : "|") + shell_quote(word);
  return out;
}

// What completes a value: its choices, or file names.
std::string bash_value_reply(const CliOption& option, const std::string& program) {
  return option.choices.empty() ? "_" + program + "_files" : "_" + program + "_reply " + shell_words(option.choices);
}

std::string bash_command_completion(const std::string& program, const std::string& path, const CliCommand& command) {
  std::string out = "    " + function_name(program, path) + ")\n";
  std::string value_cases;
  for (const auto& option : command.options) {
    if (option.takes_value()) {
      value_cases += "        " + case_pattern(option.names) + ") " + bash_value_reply(option, program) + "; return ;;\n";
    }
  }
  if (!value_cases.empty()) out += "      case $option in\n" + value_cases + "      esac\n";
  out += "      if [[ $cur == -* ]]; then _" + program + "_reply " + shell_words(option_names(command, false)) +
         "; return; fi\n";
  if (!command.subcommands.empty()) {
    // a positional argument is completed only where no subcommand name fits
    out += "      if ((positionals == 0)); then _" + program + "_reply " + shell_words(subcommand_names(command)) +
           "; ((${#COMPREPLY[@]})) && return; fi\n";
  }
  if (!command.positionals.empty()) {
    out += "      case $positionals in\n";
    for (std::size_t index = 0; index < command.positionals.size(); ++index) {
      const auto& positional = command.positionals[index];
      const bool last = index + 1 == command.positionals.size();
      const auto pattern = last && positional.repeatable ? "*" : std::to_string(index);
      out += "        " + pattern + ") " + bash_value_reply(positional, program) + " ;;\n";
    }
    out += "      esac\n";
  }
  return out + "      ;;\n";
}

// How the words before the cursor move through the command tree: a subcommand's name
// enters it, an option that takes a value swallows the next word, anything else not an
// option is a positional argument.
std::string bash_word_walk(const std::string& program, const std::string& path, const CliCommand& command) {
  std::string out = "      " + function_name(program, path) + ")\n";
  if (!command.subcommands.empty()) {
    out += "        case $word in\n";
    for (const auto& subcommand : command.subcommands) {
      const auto subpath = path.empty() ? subcommand.name : path + " " + subcommand.name;
      out += "          " + shell_quote(subcommand.name) + ") command=" + function_name(program, subpath) +
             "; positionals=0; continue ;;\n";
    }
    out += "        esac\n";
  }
  const auto value_options = option_names(command, true);
  if (!value_options.empty()) {
    out += "        case $word in\n          " + case_pattern(value_options) +
           ") [[ ${COMP_WORDS[i + 1]} == = ]] || ((i++)); continue ;;\n        esac\n";
  }
  return out + "        ;;\n";
}

// A backslash before each of `special` (and before a backslash), as _arguments reads it.
std::string zsh_escape(std::string_view text, std::string_view special) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || special.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// The action of a value: (choice ...) or file names.
std::string zsh_action(const CliOption& option) {
  if (option.choices.empty()) return "_files";
  std::string action = "(";
  for (const auto& choice : option.choices) {
    if (action.size() > 1) action += ' ';
    for (const char c : choice) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') action += '\\';
      action += c;
    }
  }
  return action + ")";
}

// One _arguments spec per option: "(-q --quiet)"{-q,--quiet}"[...]"; a long option's value
// may follow '=' or come as the next word ("--format=" ), a short one's may be attached
// ("-c+"), as CLI11 parses them.
std::string zsh_option_spec(const CliOption& option) {
  std::string exclusions;
  if (option.prints_help) {
    exclusions = "(- *)";
  } else if (option.names.size() > 1 && !option.repeatable) {
    exclusions = "(";
    for (const auto& name : option.names) exclusions += (exclusions.size() > 1 ? " " : "") + name;
    exclusions += ")";
  }
  std::vector<std::string> names;
  for (const auto& name : option.names) {
    const bool is_long = name.rfind("--", 0) == 0;
    names.push_back(name + (option.takes_value() ? (is_long ? "=" : "+") : ""));
  }
  const auto described = "[" + zsh_escape(option.description, "[]") + "]" +
                         (option.takes_value() ? ":" + zsh_escape(option.value_name, ":") + ":" + zsh_action(option)
                                               : std::string());
  const std::string prefix = option.repeatable ? "*" : "";
  std::string spec;
  if (names.size() == 1) {
    spec = shell_quote(exclusions + prefix + names.front() + described);
  } else {
    spec = shell_quote(exclusions + prefix);
    spec += "{";
    for (std::size_t index = 0; index < names.size(); ++index) spec += (index ? "," : "") + names[index];
    spec += "}" + shell_quote(described);
  }
  return spec;
}

std::string zsh_command_function(const std::string& program, const std::string& path, const CliCommand& command) {
  const auto name = function_name(program, path);
  std::string out = name + "() {\n";
  std::vector<std::string> specs;
  for (const auto& option : command.options) specs.push_back(zsh_option_spec(option));
  // With subcommands, the first positional word names one of them, and _arguments takes one
  // spec per position: a command with both completes only its subcommands.
  const auto positionals = command.subcommands.empty() ? command.positionals.size() : 0;
  for (std::size_t index = 0; index < positionals; ++index) {
    const auto& positional = command.positionals[index];
    const bool rest = index + 1 == command.positionals.size() && positional.repeatable;
    const std::string colons = rest ? "*:" : positional.required ? ":" : "::";
    specs.push_back(shell_quote(colons + zsh_escape(positional.value_name, ":") + ":" + zsh_action(positional)));
  }
  if (!command.subcommands.empty()) {
    out += "  local curcontext=$curcontext state state_descr line\n  typeset -A opt_args\n";
    specs.push_back(shell_quote(": :->command"));
    specs.push_back(shell_quote("*:: :->argument"));
  }
  out += "  _arguments -S" + std::string(command.subcommands.empty() ? "" : " -C");
  for (const auto& spec : specs) out += " \\\n    " + spec;
  out += "\n";
  if (!command.subcommands.empty()) {
    out += "  case $state in\n    command)\n      local -a commands=(\n";
    for (const auto& subcommand : command.subcommands) {
      std::string entry;
      for (const char c : subcommand.name) entry += c == ':' ? std::string("\\:") : std::string(1, c);
      out += "        " + shell_quote(entry + ":" + subcommand.description) + "\n";
    }
    out += "      )\n      _describe -t commands " + shell_quote(program + (path.empty() ? "" : " " + path) + " command") +
           " commands ;;\n    argument)\n      curcontext=${curcontext%:*:*}:" + program + "-$words[1]:\n" +
           "      case $words[1] in\n";
    for (const auto& subcommand : command.subcommands) {
      const auto subpath = path.empty() ? subcommand.name : path + " " + subcommand.name;
      out += "        " + shell_quote(subcommand.name) + ") " + function_name(program, subpath) + " ;;\n";
    }
    out += "      esac ;;\n  esac\n";
  }
  return out + "}\n\n";
}

}  // namespace

CliCommand describe_cli(const CLI::App& app, std::string program) { return describe_command(app, std::move(program)); }

std::string render_man_page(const CliCommand& program, std::string_view version) {
  const auto& name = program.name;
  const auto upper = ascii_upper(name);
  std::string page = ".\\\" " + name + "(1), generated by `" + name +
                     " man` from the command-line definition that --help prints; do not edit.\n";
  page += fmt::format(R"(.TH {} 1 "" "{} {}" "User Commands")"
                      "\n",
                      roff_text(upper), roff_text(name), roff_text(version));
  // Left-aligned and unhyphenated: options and file names must survive a copy from the page.
  page += ".ad l\n.nh\n";
  page += ".SH NAME\n" + roff_text(name) + " \\- " + roff_text(strip_program_prefix(program.description, name)) + "\n";

  const auto commands = all_commands(program);
  page += ".SH SYNOPSIS\n.nf\n";
  for (const auto& [path, command] : commands) {
    if (path.empty() || command->subcommands.empty()) {
      page += roff_synopsis_line(path.empty() ? name : fmt::format("{} {}", name, path), *command);
    }
  }
  page += ".fi\n";
  page += ".SH DESCRIPTION\n" + roff_prose(kManDescription) + "\n";

  page += ".SH OPTIONS\n";
  for (const auto& option : program.options) page += roff_option_entry(option);
  page += ".PP\n" + roff_prose("Every command also takes `-h`, `--help`.") + "\n";

  page += ".SH COMMANDS\n";
  for (const auto& [path, command] : commands) {
    if (path.empty()) continue;
    page += ".SS " + roff_text(fmt::format("{} {}", name, path)) + "\n" + roff_text(command->description) + "\n";
    for (const auto& option : command->options) {
      if (!option.prints_help) page += roff_option_entry(option);
    }
    for (const auto& positional : command->positionals) page += roff_option_entry(positional);
  }

  page += ".SH \"EXIT STATUS\"\n";
  for (const auto& status : kExitStatuses) page += ".TP\n" + bold(status.code) + "\n" + roff_prose(status.meaning) + "\n";
  page += roff_environment(program);
  page += ".SH \"SEE ALSO\"\n" + roff_prose("`pytest`(1). `" + name + " rules` lists the rules and `" +
                                            name + " rule` CODE explains one; the same pages are installed as "
                                                   "Markdown under share/doc/" + name + "/rules/.") +
          "\n";
  return page;
}

std::string render_bash_completion(const CliCommand& program) {
  const auto& name = program.name;
  const auto commands = all_commands(program);
  std::string script = "# bash completion for " + name + ", generated by `" + name +
                       " completion bash` from the command-line definition that --help prints.\n\n";
  script += "# The words that start with $cur, after $prefix (set by the caller).\n";
  script += "_" + name + "_reply() {\n  local word\n  COMPREPLY=()\n  for word in \"$@\"; do\n" +
            "    [[ $word == \"$cur\"* ]] && COMPREPLY+=(\"$prefix$word\")\n  done\n}\n\n";
  script += "_" + name + "_files() {\n  local file\n  COMPREPLY=()\n" +
            "  compopt -o filenames 2>/dev/null\n  while IFS= read -r file; do COMPREPLY+=(\"$prefix$file\"); done" +
            " < <(compgen -f -- \"$cur\")\n}\n\n";
  script += "_" + name + "() {\n";
  script += "  local cur=${COMP_WORDS[COMP_CWORD]} prev= prefix= option= command=" + function_name(name, "") +
            " positionals=0 word i\n";
  script += "  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n";
  script += "  for ((i = 1; i < COMP_CWORD; i++)); do\n    word=${COMP_WORDS[i]}\n";
  script += "    # bash splits --option=value at '=' (it is in COMP_WORDBREAKS): skip '=' and the value\n";
  script += "    if [[ $word == = ]]; then ((i++)); continue; fi\n    case $command in\n";
  for (const auto& [path, command] : commands) script += bash_word_walk(name, path, *command);
  script += "    esac\n    [[ $word == -* ]] || ((positionals++))\n  done\n";
  script += "  # the option whose value is being completed, if any\n";
  script += "  if [[ $cur == = && $prev == -* ]]; then option=$prev; cur=\n";
  script += "  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then option=${COMP_WORDS[COMP_CWORD - 2]}\n";
  script += "  elif [[ $cur == --*=* ]]; then option=${cur%%=*}; prefix=$option=; cur=${cur#*=}\n";
  script += "  elif [[ $prev == -* ]]; then option=$prev\n  fi\n";
  script += "  case $command in\n";
  for (const auto& [path, command] : commands) script += bash_command_completion(name, path, *command);
  script += "  esac\n}\n\ncomplete -F _" + name + " " + name + "\n";
  return script;
}

std::string render_zsh_completion(const CliCommand& program) {
  const auto& name = program.name;
  std::string script = "#compdef " + name + "\n# zsh completion for " + name + ", generated by `" + name +
                       " completion zsh` from the command-line definition that --help prints.\n\n";
  for (const auto& [path, command] : all_commands(program)) script += zsh_command_function(name, path, *command);
  // Autoloaded from $fpath, the file is the body of the function it defines, which it then
  // calls; sourced, it registers that function.
  script += "if [[ $funcstack[1] == " + function_name(name, "") + " ]]; then\n  " + function_name(name, "") +
            " \"$@\"\nelse\n  compdef " + function_name(name, "") + " " + name + "\nfi\n";
  return script;
}

}  // namespace paralint
