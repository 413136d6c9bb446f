#include "paralint/cli/cli_docs.hpp"

#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <sstream>
#include <string>
#include <vector>

using paralint::CliCommand;
using paralint::CliOption;
using paralint::describe_cli;

namespace {

// A small CLI shaped like paralint's: a version flag, commands with flags, options with and
// without choices, a repeatable option, positionals, and what --help hides.
struct Toy {
  CLI::App app{"toy: lints things."};
  bool quiet = false;
  std::string format;
  std::string config;
  std::vector<std::string> select;
  std::vector<std::string> paths;
  std::string code;
  std::string secret;

  Toy() {
    app.set_version_flag("--version", "toy 1.0");
    auto* check = app.add_subcommand("check", "lint each PATH");
    check->add_flag("-q,--quiet", quiet, "print diagnostics only");
    check->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
    check->add_option("-c,--config-file", config, "use this file")->envname("TOY_CONFIG");
    check->add_option("--select", select, "codes to enable")->delimiter(',')->allow_extra_args(false);
    check->add_option("--secret", secret, "hidden")->group("");
    check->add_option("PATH", paths, "paths to lint");
    auto* rule = app.add_subcommand("rule", "explain one rule");
    rule->add_option("CODE", code, "rule code")->required();
    app.add_subcommand("plumbing", "hidden")->group("");
  }
};

const CliOption& option_named(const CliCommand& command, const std::string& name) {
  for (const auto& option : command.options) {
    for (const auto& each : option.names) {
      if (each == name) return option;
    }
  }
  FAIL("no option " << name);
  throw std::logic_error("unreachable");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("cli_docs: describe_cli reads what --help shows, and only that") {
  const Toy toy;
  const auto cli = describe_cli(toy.app, "toy");
  CHECK(cli.name == "toy");
  REQUIRE(cli.subcommands.size() == 2);  // `plumbing` has no group: hidden
  const auto& check = cli.subcommands[0];
  CHECK(check.name == "check");
  CHECK(check.description == "lint each PATH");

  const auto& quiet = option_named(check, "--quiet");
  CHECK(quiet.names == std::vector<std::string>{"-q", "--quiet"});
  CHECK_FALSE(quiet.takes_value());

  const auto& format = option_named(check, "--format");
  CHECK(format.value_name == "TEXT");
  CHECK(format.choices == std::vector<std::string>{"text", "json"});
  CHECK_FALSE(format.repeatable);

  CHECK(option_named(check, "--select").repeatable);
  CHECK(option_named(check, "--config-file").environment_variable == "TOY_CONFIG");
  CHECK(option_named(check, "--help").prints_help);
  for (const auto& option : check.options) CHECK(option.names.back() != "--secret");

  REQUIRE(check.positionals.size() == 1);
  CHECK(check.positionals[0].value_name == "PATH");
  CHECK(check.positionals[0].repeatable);
  CHECK_FALSE(check.positionals[0].required);
  CHECK(cli.subcommands[1].positionals.at(0).required);
}

TEST_CASE("cli_docs: the man page lists every command and option, roff-escaped") {
  const Toy toy;
  const auto page = render_man_page(describe_cli(toy.app, "toy"), "1.0");
  CHECK(page.find(".TH TOY 1 \"\" \"toy 1.0\" \"User Commands\"\n") != std::string::npos);
  CHECK(page.find(".SH NAME\ntoy \\- lints things\n") != std::string::npos);
  CHECK(page.find("\\fBtoy check\\fR [\\fIoptions\\fR] [\\fIPATH\\fR ...]\n") != std::string::npos);
  CHECK(page.find("\\fBtoy rule\\fR \\fICODE\\fR\n") != std::string::npos);  // required: no brackets
  CHECK(page.find(".SS toy check\n") != std::string::npos);
  CHECK(page.find("\\fB\\-q\\fR, \\fB\\-\\-quiet\\fR\n") != std::string::npos);
  CHECK(page.find("\\fB\\-\\-format\\fR \\fBtext\\fR|\\fBjson\\fR\n") != std::string::npos);
  CHECK(page.find("\\fB\\-\\-select\\fR \\fITEXT\\fR ...\n") != std::string::npos);
  CHECK(page.find(".TP\n\\fBTOY_CONFIG\\fR\n") != std::string::npos);  // an option's variable is in ENVIRONMENT
  CHECK(page.find("secret") == std::string::npos);
  CHECK(page.find("plumbing") == std::string::npos);
  CHECK(page.find(".SH \"EXIT STATUS\"") != std::string::npos);

  // Every line is text or one of the requests the page uses: nothing user-written can
  // start a request.
  for (const auto& line : lines_of(page)) {
    if (line.empty() || line[0] != '.') continue;
    const auto request = line.substr(0, line.find(' '));
    CHECK_MESSAGE((request == ".\\\"" || request == ".TH" || request == ".SH" || request == ".SS" ||
                   request == ".TP" || request == ".PP" || request == ".nf" || request == ".fi" || request == ".ad" ||
                   request == ".nh"),
                  line);
  }
}

TEST_CASE("cli_docs: descriptions are escaped for roff") {
  CLI::App app{"toy: lints things."};
  std::string value;
  app.add_option("--odd", value, ".starts with a dot, has a \\ backslash, it's `quoted` \"twice\"\n'second line — dash");
  const auto page = render_man_page(describe_cli(app, "toy"), "1.0");
  CHECK(page.find("\\&.starts with a dot, has a \\e backslash, it\\(aqs \\(gaquoted\\(ga \\(dqtwice\\(dq\n"
                  "\\(aqsecond line \\[u2014] dash\n") != std::string::npos);
}

TEST_CASE("cli_docs: the bash completion knows each command's options, choices and positionals") {
  const Toy toy;
  const auto script = render_bash_completion(describe_cli(toy.app, "toy"));
  CHECK(script.find("complete -F _toy toy\n") != std::string::npos);
  // walking the words: a command name enters it, a value option swallows its value
  CHECK(script.find("'check') command=_toy_check; positionals=0; continue ;;") != std::string::npos);
  CHECK(script.find("'--format'|'-c'|'--config-file'|'--select') [[ ${COMP_WORDS[i + 1]} == = ]] || ((i++)); "
                    "continue ;;") != std::string::npos);
  // completing: choices, files, option names, positionals
  CHECK(script.find("'--format') _toy_reply 'text' 'json'; return ;;") != std::string::npos);
  CHECK(script.find("'-c'|'--config-file') _toy_files; return ;;") != std::string::npos);
  CHECK(script.find("_toy_reply '-h' '--help' '-q' '--quiet' '--format' '-c' '--config-file' '--select'; return; fi")
        != std::string::npos);
  CHECK(script.find("        *) _toy_files ;;") != std::string::npos);  // PATH...: any number
  CHECK(script.find("if ((positionals == 0)); then _toy_reply 'check' 'rule'; ((${#COMPREPLY[@]})) && return; fi")
        != std::string::npos);
  CHECK(script.find("secret") == std::string::npos);
  CHECK(script.find("plumbing") == std::string::npos);
}

TEST_CASE("cli_docs: the zsh completion describes each option for _arguments") {
  const Toy toy;
  const auto script = render_zsh_completion(describe_cli(toy.app, "toy"));
  CHECK(script.rfind("#compdef toy\n", 0) == 0);
  CHECK(script.find("'(- *)'{-h,--help}'[Print this help message and exit]'") != std::string::npos);
  CHECK(script.find("'(-q --quiet)'{-q,--quiet}'[print diagnostics only]'") != std::string::npos);
  CHECK(script.find("'--format=[output format]:TEXT:(text json)'") != std::string::npos);
  CHECK(script.find("'(-c --config-file)'{-c+,--config-file=}'[use this file]:TEXT:_files'") != std::string::npos);
  CHECK(script.find("'*--select=[codes to enable]:TEXT:_files'") != std::string::npos);
  CHECK(script.find("'*:PATH:_files'") != std::string::npos);
  CHECK(script.find("':CODE:_files'") != std::string::npos);
  CHECK(script.find("'check:lint each PATH'") != std::string::npos);
  CHECK(script.find("'rule') _toy_rule ;;") != std::string::npos);
}

TEST_CASE("cli_docs: nested subcommands are documented and completed by their full path") {
  CLI::App app{"toy: lints things."};
  std::string format;
  auto* config = app.add_subcommand("config", "work with settings");
  config->add_subcommand("show", "print the settings")->add_option("--format", format, "output format");
  const auto cli = describe_cli(app, "toy");

  const auto page = render_man_page(cli, "1.0");
  CHECK(page.find("\\fBtoy config show\\fR [\\fIoptions\\fR]\n") != std::string::npos);
  CHECK(page.find("\\fBtoy config\\fR [") == std::string::npos);  // not a command of its own
  CHECK(page.find(".SS toy config show\nprint the settings\n") != std::string::npos);

  const auto bash = render_bash_completion(cli);
  CHECK(bash.find("'config') command=_toy_config; positionals=0; continue ;;") != std::string::npos);
  CHECK(bash.find("'show') command=_toy_config_show; positionals=0; continue ;;") != std::string::npos);
  CHECK(bash.find("if ((positionals == 0)); then _toy_reply 'show';") != std::string::npos);

  const auto zsh = render_zsh_completion(cli);
  CHECK(zsh.find("'config') _toy_config ;;") != std::string::npos);
  CHECK(zsh.find("_toy_config() {\n") != std::string::npos);
  CHECK(zsh.find("'show') _toy_config_show ;;") != std::string::npos);
  CHECK(zsh.find("_toy_config_show() {\n  _arguments -S \\\n") != std::string::npos);
}
