// paralint: reads pytest configuration exactly as pytest does, and says what it found.

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "paralint/cli/bench_command.hpp"
#include "paralint/cli/check_command.hpp"
#include "paralint/cli/cli_docs.hpp"
#include "paralint/cli/command_line.hpp"
#include "paralint/cli/migrate_command.hpp"
#include "paralint/model/config_model.hpp"
#include "paralint/model/environment.hpp"
#include "paralint/model/model_project.hpp"
#include "paralint/model/target.hpp"
#include "paralint/report/dump.hpp"
#include "paralint/report/rule_docs.hpp"
#include "paralint/report/settings_report.hpp"
#include "paralint/rules/settings.hpp"
#include "paralint/util/display_path.hpp"
#include "paralint/util/parallel.hpp"
#include "paralint/util/spelling.hpp"
#include "paralint/util/subprocess.hpp"
#include "paralint/util/terminal_text.hpp"

namespace {

namespace fs = std::filesystem;
using namespace paralint;
using namespace paralint::cli;

int run_dump(const ModelOptions& options, const std::vector<std::string>& directories) {
  std::optional<PythonEnvironment> python;
  if (!probe_requested_python(options, python)) return kExitUsage;
  for (const auto& directory : directories) {
    std::error_code error;
    const auto status = fs::status(directory, error);
    if (!fs::exists(status)) {
      std::cerr << "paralint: " << directory << ": " << why_unusable(error) << "\n";
      return kExitUsage;
    }
    if (!fs::is_directory(status)) {
      std::cerr << "paralint: " << directory
                << ": not a directory (dump reads what pytest started in a directory reads; name a config file with -c)\n";
      return kExitUsage;
    }
  }
  DiscoveryOptions discovery;
  discovery.read_shadowed = false;  // a dump row lists no candidates
  discovery.build_pytest_tables_only = true;
  if (options.config_file) discovery.config_file = fs::path(*options.config_file);
  if (options.use_environment) {
    if (const char* addopts = std::getenv("PYTEST_ADDOPTS")) discovery.environment_addopts = addopts;  // NOLINT(concurrency-mt-unsafe): read once, single-threaded
  }
  VersionRequest request{options.pytest_version, options.iniconfig_version, python ? &*python : nullptr};

  // Directories are independent: modelled on all cores, printed in the order given.
  constexpr std::size_t kMostThreads = 8;
  std::vector<std::optional<std::string>> rows(directories.size());
  std::vector<std::string> errors(directories.size());
  for_each_index_in_parallel(directories.size(), kMostThreads, [&](std::size_t index) {
    if (const auto project = model_project(directories[index], request, discovery, errors[index])) {
      rows[index] = dump_row(directories[index], project->config, project->versions);
    }
    forget_projects_read();
  });
  std::string output;
  for (std::size_t index = 0; index < directories.size(); ++index) {
    if (!rows[index]) {
      std::cerr << "paralint: " << errors[index] << "\n";
      return kExitUsage;
    }
    output += *rows[index];
    output += '\n';
  }
  emit(output);
  return 0;
}

int run_config(const ModelOptions& model, const SettingsFlags& flags, const std::string& path, const std::string& format) {
  std::error_code status_error;
  if (!fs::exists(fs::status(path, status_error))) {
    std::cerr << "paralint: " << path << ": " << why_unusable(status_error) << "\n";
    return kExitUsage;
  }
  auto resolver = settings_resolver(flags, model);
  std::string error;
  const auto* settings = resolver.resolve(path, error);
  if (settings == nullptr) {
    std::cerr << "paralint: " << error << "\n";
    return kExitUsage;
  }
  const auto base = fs::current_path();
  emit(format == "json" ? render_settings_json(*settings, path, base) : render_settings_text(*settings, path, base));
  return 0;
}

int run_rule(const std::string& code, const std::string& format) {
  const auto* doc = find_rule_doc(code);
  if (doc == nullptr) {
    std::cerr << "paralint: no rule " << code << " (see `paralint rules`)\n";
    return kExitUsage;
  }
  emit(format == "markdown" ? render_rule_markdown(*doc) : render_rule_text(*doc));
  return 0;
}

// What CLI11 would misread: `--format= .` takes `.` as the format, `--select ,` or
// `--select ''` selects nothing and would take the next PATH or mean ALL, and an unknown
// command is reported as a missing one. Returns the usage error, or "" when there is none.
std::string misread_arguments(const std::vector<std::string>& arguments, const std::vector<std::string>& commands) {
  if (!arguments.empty() && !arguments.front().starts_with('-') &&
      std::find(commands.begin(), commands.end(), arguments.front()) == commands.end()) {
    const auto& typed = arguments.front();
    std::string message = "unknown command `" + typed + "`";
    for (const auto& command : commands) {
      if (typo_distance(typed, command) <= 2) return fmt::format("{}; did you mean `{}`?", message, command);
    }
    return fmt::format("{} (`paralint check` lints; the commands are {})", message, fmt::join(commands, ", "));
  }
  static constexpr std::array kListOptions{"--select", "--extend-select", "--ignore", "--exclude", "--plugins"};
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const auto& argument = arguments[i];
    if (argument == "--") break;
    if (argument.starts_with("--") && argument.ends_with('=')) return argument + " has no value after `=`";
    for (const std::string_view option : kListOptions) {
      std::optional<std::string> value;
      if (argument == option && i + 1 < arguments.size()) value = arguments[i + 1];
      if (argument.starts_with(std::string(option) + "=")) value = argument.substr(option.size() + 1);
      if (value && value->find_first_not_of(", ") == std::string::npos) {
        return std::string(option) + " `" + *value + "` names nothing (give a comma-separated list)";
      }
    }
  }
  return "";
}

// The command this run executes: the first argument that is not an option, unless it is one
// that describes every command (man, completion); "" when every command's options are needed.
std::string invoked_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    if (argument.starts_with('-')) continue;
    return argument == "man" || argument == "completion" ? "" : std::string(argument);
  }
  return "";
}

int run(int argc, char** argv) {
  // CLI11 answers --version by throwing, and a static binary's first exception sorts the
  // unwind tables of the whole program (26 million instructions, 2 ms): `paralint --version`
  // alone, what scripts ask first, is answered before.
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::cout << "paralint " << PARALINT_VERSION << '\n';
    return 0;
  }
  CLI::App app{"paralint: reads pytest configuration exactly as pytest does, checks it, and fixes it."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("paralint ") + PARALINT_VERSION);
  // Only the command being run gets its options: building every command's was a fifth of a
  // pre-commit run. `man`, `completion` and help without a command describe them all.
  const auto invoked = invoked_command(argc, argv);
  const auto builds = [&](std::string_view name) { return invoked.empty() || invoked == name; };

  ModelOptions dump_options;
  std::vector<std::string> dump_directories;
  auto* dump = app.add_subcommand("dump", "print what pytest reads from each DIR, as JSON Lines");
  if (builds("dump")) {
    add_model_options(*dump, dump_options);
    dump->add_option("DIR", dump_directories, "directories to read, as pytest started there would")->required();
  }

  CheckOptions check_options;
  auto* check = app.add_subcommand("check", "lint the pytest configuration pytest would read from each PATH");
  if (builds("check")) {
    add_check_options(*check, check_options);
    check->add_flag("--fix", check_options.fix, "apply the safe fixes and write the fixed files; report what is left");
  }
  CheckOptions fix_options;
  fix_options.fix = true;
  auto* fix = app.add_subcommand("fix", "apply the fixes `check` offers (as `check --fix`) and report what is left");
  if (builds("fix")) add_check_options(*fix, fix_options);

  ModelOptions config_model;
  SettingsFlags config_flags;
  std::string config_path = ".";
  std::string config_format = "text";
  auto* config = app.add_subcommand("config", "show the settings `check` uses for PATH and where each comes from");
  if (builds("config")) {
    config->add_option("--pytest-version", config_model.pytest_version, "pytest release to model: X.Y or X.Y.Z");
    config->add_option("--iniconfig-version", config_model.iniconfig_version, "iniconfig release to model: X.Y or X.Y.Z");
    add_settings_options(*config, config_flags);
    config->add_option("--format", config_format, "output format")->check(CLI::IsMember({"text", "json"}));
    config->add_option("PATH", config_path, "a directory or config file, as `check` takes it (default .)");
  }

  ModelOptions migrate_model;
  MigrationOptions migrate_options;
  std::string migrate_directory = ".";
  std::string migrate_target = "pyproject";
  bool migrate_diff = false;
  auto* migrate = app.add_subcommand(
      "migrate", "move the settings pytest reads from pytest.ini, tox.ini or setup.cfg into pyproject.toml or pytest.toml");
  std::optional<std::string> migrate_plugins;
  if (builds("migrate")) {
    add_version_options(*migrate, migrate_model);
    migrate->add_option("--plugins", migrate_plugins,
                        "the installed plugins, e.g. pytest-xdist=3.6,pytest-timeout: their keys' types are what the "
                        "native targets write (default: inferred, as `check` does)");
    migrate->add_option("--to", migrate_target,
                        "where the settings go: pyproject ([tool.pytest.ini_options] of pyproject.toml, strings), "
                        "native ([tool.pytest] of pyproject.toml, pytest 9's typed values) or pytest-toml (a new "
                        "pytest.toml, typed)")
        ->check(CLI::IsMember({"pyproject", "native", "pytest-toml"}));
    migrate->add_flag("--remove-old", migrate_options.remove_old,
                      "delete pytest.ini / .pytest.ini, or cut the section out of tox.ini / setup.cfg (its text is kept "
                      "as a comment in pyproject.toml)");
    migrate->add_flag("--diff", migrate_diff, "print what would change as a unified diff and write nothing");
    migrate->add_option("DIR", migrate_directory, "the directory whose config pytest reads (default .)");
  }

  BenchOptions bench_options;
  auto* bench = app.add_subcommand(
      "bench", "run the suite serially and under pytest-xdist's profiles, and report the speed-up each really gives");
  if (builds("bench")) add_bench_options(*bench, bench_options);

  std::string rules_format = "text";
  auto* rules = app.add_subcommand("rules", "list every rule");
  if (builds("rules")) {
    rules->add_option("--format", rules_format, "output format")->check(CLI::IsMember({"text", "json", "markdown"}));
  }

  std::string rule_code;
  std::string rule_format = "text";
  auto* rule = app.add_subcommand("rule", "explain one rule");
  if (builds("rule")) {
    rule->add_option("CODE", rule_code, "rule code, e.g. A001")->required();
    rule->add_option("--format", rule_format, "output format")->check(CLI::IsMember({"text", "markdown"}));
  }

  std::string completion_shell;
  auto* completion = app.add_subcommand("completion", "print the completion script for bash or zsh");
  completion->add_option("SHELL", completion_shell, "the shell")->required()->check(CLI::IsMember({"bash", "zsh"}));
  auto* manual = app.add_subcommand("man", "print the manual page paralint(1) as roff");

  std::vector<std::string> commands;
  for (const auto* command : app.get_subcommands({})) commands.push_back(command->get_name());
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  if (const auto problem = misread_arguments(arguments, commands); !problem.empty()) {
    std::cerr << "paralint: " << problem << "\nRun with --help for more information.\n";
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& parse_error) {
    app.exit(parse_error);
    return kExitUsage;
  }
  if (dump->parsed()) return run_dump(dump_options, dump_directories);
  if (check->parsed()) return run_check(check_options, PARALINT_VERSION);
  if (fix->parsed()) return run_check(fix_options, PARALINT_VERSION);
  if (config->parsed()) return run_config(config_model, config_flags, config_path, config_format);
  if (migrate->parsed()) {
    std::optional<PythonEnvironment> python;
    if (!probe_requested_python(migrate_model, python)) return kExitUsage;
    CheckRequest request;
    request.versions = {migrate_model.pytest_version, migrate_model.iniconfig_version, python ? &*python : nullptr};
    if (migrate_plugins) {
      std::string error;
      request.stated_plugins = parse_plugin_list(*migrate_plugins, error);
      if (!request.stated_plugins) {
        std::cerr << "paralint: --plugins: " << error << "\n";
        return kExitUsage;
      }
    }
    migrate_options.to = *parse_migration_target(migrate_target);
    return run_migration(migrate_directory, request, migrate_options, migrate_diff);
  }
  if (bench->parsed()) return run_bench(bench_options);
  if (rules->parsed()) {
    emit(rules_format == "json"       ? render_rule_list_json()
         : rules_format == "markdown" ? render_rule_index_markdown()
                                      : render_rule_list());
    return 0;
  }
  if (rule->parsed()) return run_rule(rule_code, rule_format);
  if (completion->parsed() || manual->parsed()) {
    const auto cli = describe_cli(app, "paralint");
    emit(manual->parsed()              ? render_man_page(cli, PARALINT_VERSION)
         : completion_shell == "zsh" ? render_zsh_completion(cli)
                                     : render_bash_completion(cli));
    return 0;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  int status = paralint::cli::kExitUsage;
  try {
    status = run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "paralint: internal error: " << error.what() << "\n";
  }
  std::cout.flush();  // CLI11's --help and --version
  auto& output_error = paralint::cli::output_errno();
  if (output_error == 0 && (!std::cout || std::fflush(stdout) != 0)) output_error = errno != 0 ? errno : EIO;
  if (output_error != 0) {
    std::cerr << "paralint: cannot write the output: " << std::strerror(output_error) << "\n";  // NOLINT(concurrency-mt-unsafe): single-threaded
    status = paralint::cli::kExitUsage;
  }
#ifndef __SANITIZE_ADDRESS__
  // What a run builds for itself (schemas, parsed files, compiled patterns) dies with the
  // process; destroying it piece by piece is 3% of a pre-commit run, so skip it, as
  // compilers do. Sanitizer builds exit normally so that LeakSanitizer still looks.
  std::cout.flush();
  std::cerr.flush();
  std::_Exit(status);
#endif
  return status;
}
