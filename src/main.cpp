// paralint: reads pytest configuration exactly as pytest does, and says what it found.

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "paralint/cli_docs.hpp"
#include "paralint/config_model.hpp"
#include "paralint/dump.hpp"
#include "paralint/environment.hpp"
#include "paralint/model_project.hpp"
#include "paralint/report.hpp"
#include "paralint/rule_docs.hpp"
#include "paralint/target.hpp"

namespace {

namespace fs = std::filesystem;
using namespace paralint;

constexpr int kExitUsage = 2;

struct ModelOptions {
  std::optional<std::string> pytest_version;
  std::optional<std::string> iniconfig_version;
  std::optional<std::string> python;
  std::optional<std::string> config_file;
  bool use_environment = false;
};

void add_model_options(CLI::App& command, ModelOptions& options) {
  command.add_option("--pytest-version", options.pytest_version, "pytest release to model: X.Y (newest patch) or X.Y.Z");
  command.add_option("--iniconfig-version", options.iniconfig_version, "iniconfig release to model: X.Y or X.Y.Z");
  command.add_option("--python", options.python,
                     "interpreter whose installed pytest, iniconfig and plugins are modelled");
  command.add_option("-c,--config-file", options.config_file, "use this config file, as pytest -c does");
  command.add_flag("--env", options.use_environment, "also read PYTEST_ADDOPTS, as pytest does");
}

int run_dump(const ModelOptions& options, const std::vector<std::string>& directories) {
  std::optional<PythonEnvironment> python;
  if (options.python) {
    std::string error;
    python = probe_python(*options.python, error);
    if (!python) {
      std::cerr << "paralint: --python: " << error << "\n";
      return kExitUsage;
    }
  }
  for (const auto& directory : directories) {
    std::error_code error;
    if (!fs::exists(directory, error)) {
      std::cerr << "paralint: " << directory << ": no such file or directory\n";
      return kExitUsage;
    }
  }
  DiscoveryOptions discovery;
  if (options.config_file) discovery.config_file = fs::path(*options.config_file);
  if (options.use_environment) {
    if (const char* addopts = std::getenv("PYTEST_ADDOPTS")) discovery.environment_addopts = addopts;  // NOLINT(concurrency-mt-unsafe): read once, single-threaded
  }
  VersionRequest request{options.pytest_version, options.iniconfig_version, python ? &*python : nullptr};

  std::string output;
  for (const auto& directory : directories) {
    std::string error;
    const auto project = model_project(directory, request, discovery, error);
    if (!project) {
      std::cerr << "paralint: " << error << "\n";
      return kExitUsage;
    }
    output += dump_row(directory, project->config, project->versions);
    output += '\n';
  }
  std::cout << output << std::flush;
  return 0;
}

struct CheckOptions {
  ModelOptions model;
  std::optional<std::string> plugins;
  std::vector<std::string> paths;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string fail_on = "warning";
  std::string format = "text";
  bool exit_zero = false;
  bool quiet = false;
  bool statistics = false;
};

bool color_wanted(int fd) {
  const char* no_color = std::getenv("NO_COLOR");  // NOLINT(concurrency-mt-unsafe): read once, single-threaded
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fd) != 0;
}

int run_check(const CheckOptions& options) {
  CheckRequest request;
  std::optional<PythonEnvironment> python;
  if (options.model.python) {
    std::string error;
    python = probe_python(*options.model.python, error);
    if (!python) {
      std::cerr << "paralint: --python: " << error << "\n";
      return kExitUsage;
    }
  }
  request.versions = {options.model.pytest_version, options.model.iniconfig_version, python ? &*python : nullptr};
  if (options.plugins) {
    std::string error;
    request.stated_plugins = parse_plugin_list(*options.plugins, error);
    if (!request.stated_plugins) {
      std::cerr << "paralint: --plugins: " << error << "\n";
      return kExitUsage;
    }
  }
  if (options.model.use_environment) {
    if (const char* addopts = std::getenv("PYTEST_ADDOPTS")) request.environment_addopts = addopts;  // NOLINT(concurrency-mt-unsafe): read once, single-threaded
  }
  request.selection = {options.select, options.ignore};
  const auto fail_on = parse_severity(options.fail_on);

  std::vector<CheckResult> results;
  for (const auto& path : options.paths.empty() ? std::vector<std::string>{"."} : options.paths) {
    std::string error;
    auto result = check_path(path, request, error);
    if (!result) {
      std::cerr << "paralint: " << error << "\n";
      return kExitUsage;
    }
    results.push_back(std::move(*result));
  }

  ReportOptions report;
  report.base = fs::current_path();
  const bool machine = options.format == "json";
  report.format = options.format == "concise" ? OutputFormat::Concise : options.format == "json" ? OutputFormat::Json : OutputFormat::Text;
  report.color = !machine && color_wanted(STDOUT_FILENO);
  std::cout << (machine ? render_json(results, report) : render_diagnostics(results, report)) << std::flush;
  if (!options.quiet) {
    const auto summary = render_summary(results, {options.statistics, color_wanted(machine ? STDERR_FILENO : STDOUT_FILENO)});
    (machine ? std::cerr : std::cout) << summary << std::flush;
  }

  bool failed = false;
  for (const auto& result : results) {
    for (const auto& diagnostic : result.diagnostics) failed = failed || diagnostic.severity >= *fail_on;
  }
  return failed && !options.exit_zero ? 1 : 0;
}

int run_rule(const std::string& code, const std::string& format) {
  const auto* doc = find_rule_doc(code);
  if (doc == nullptr) {
    std::cerr << "paralint: no rule " << code << " (see `paralint rules`)\n";
    return kExitUsage;
  }
  std::cout << (format == "markdown" ? render_rule_markdown(*doc) : render_rule_text(*doc));
  return 0;
}

int run(int argc, char** argv) {
  CLI::App app{"paralint: reads pytest configuration exactly as pytest does, checks it, and fixes it."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("paralint ") + PARALINT_VERSION);

  ModelOptions dump_options;
  std::vector<std::string> dump_directories;
  auto* dump = app.add_subcommand("dump", "print what pytest reads from each DIR, as JSON Lines");
  add_model_options(*dump, dump_options);
  dump->add_option("DIR", dump_directories, "directories to read, as pytest started there would")->required();

  CheckOptions check_options;
  auto* check = app.add_subcommand("check", "lint the pytest configuration pytest would read from each PATH");
  add_model_options(*check, check_options.model);
  check->add_option("--plugins", check_options.plugins,
                    "the installed plugins, e.g. pytest-xdist=3.6,pytest-timeout (instead of inferring them)");
  // One value per occurrence (comma-separated inside it), so that a PATH after them is a path.
  check->add_option("--select", check_options.select, "rule codes or prefixes to enable (default: all)")
      ->delimiter(',')
      ->allow_extra_args(false);
  check->add_option("--ignore", check_options.ignore, "rule codes or prefixes to disable")
      ->delimiter(',')
      ->allow_extra_args(false);
  check->add_option("--fail-on", check_options.fail_on, "lowest severity that fails the run (exit 1)")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  check->add_option("--format", check_options.format, "output format")->check(CLI::IsMember({"text", "concise", "json"}));
  check->add_flag("--exit-zero", check_options.exit_zero, "exit 0 even when problems are found");
  check->add_flag("-q,--quiet", check_options.quiet, "print diagnostics only, no summary");
  check->add_flag("--statistics", check_options.statistics, "count the diagnostics of each rule");
  check->add_option("PATH", check_options.paths, "directories (as pytest started there sees them) or config files");

  std::string rules_format = "text";
  auto* rules = app.add_subcommand("rules", "list every rule");
  rules->add_option("--format", rules_format, "output format")->check(CLI::IsMember({"text", "json", "markdown"}));

  std::string rule_code;
  std::string rule_format = "text";
  auto* rule = app.add_subcommand("rule", "explain one rule");
  rule->add_option("CODE", rule_code, "rule code, e.g. A001")->required();
  rule->add_option("--format", rule_format, "output format")->check(CLI::IsMember({"text", "markdown"}));

  std::string completion_shell;
  auto* completion = app.add_subcommand("completion", "print the completion script for bash or zsh");
  completion->add_option("SHELL", completion_shell, "the shell")->required()->check(CLI::IsMember({"bash", "zsh"}));
  auto* manual = app.add_subcommand("man", "print the manual page paralint(1) as roff");

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
  if (check->parsed()) return run_check(check_options);
  if (rules->parsed()) {
    std::cout << (rules_format == "json"       ? render_rule_list_json()
                  : rules_format == "markdown" ? render_rule_index_markdown()
                                               : render_rule_list());
    return 0;
  }
  if (rule->parsed()) return run_rule(rule_code, rule_format);
  if (completion->parsed() || manual->parsed()) {
    const auto cli = describe_cli(app, "paralint");
    std::cout << (manual->parsed()              ? render_man_page(cli, PARALINT_VERSION)
                  : completion_shell == "zsh" ? render_zsh_completion(cli)
                                              : render_bash_completion(cli));
    return 0;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "paralint: internal error: " << error.what() << "\n";
    return kExitUsage;
  }
}
