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
#include <functional>
#include <iostream>
#include <memory>
#include <unistd.h>

#include "paralint/cli/cli_docs.hpp"
#include "paralint/cli/migrate_command.hpp"
#include "paralint/fix/fixer.hpp"
#include "paralint/fix/unified_diff.hpp"
#include "paralint/model/config_model.hpp"
#include "paralint/model/environment.hpp"
#include "paralint/model/model_project.hpp"
#include "paralint/model/target.hpp"
#include "paralint/report/dump.hpp"
#include "paralint/report/report.hpp"
#include "paralint/report/rule_docs.hpp"
#include "paralint/report/settings_report.hpp"
#include "paralint/rules/profile.hpp"
#include "paralint/rules/settings.hpp"
#include "paralint/scan/workspace.hpp"
#include "paralint/util/atomic_file.hpp"
#include "paralint/util/display_path.hpp"
#include "paralint/util/spelling.hpp"
#include "paralint/util/subprocess.hpp"
#include "paralint/util/terminal_text.hpp"

namespace {

namespace fs = std::filesystem;
using namespace paralint;

constexpr int kExitUsage = 2;

// The first error writing standard output: a report that did not reach its reader (a full
// disk, a closed descriptor) must not pass a CI gate, whatever it found.
int output_errno = 0;

// Writes to standard output directly, so that a failed write is seen with its reason.
void emit(std::string_view text) {
  while (!text.empty() && output_errno == 0) {
    const auto written = ::write(STDOUT_FILENO, text.data(), text.size());
    if (written < 0) {
      if (errno != EINTR) output_errno = errno;
      continue;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

// A report's pieces gathered into 64 KiB writes: it is written as it is made, in few calls.
class ChunkedOutput {
 public:
  explicit ChunkedOutput(std::function<void(std::string_view)> write) : write_(std::move(write)) {}
  void operator()(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= kChunkBytes) flush();
  }
  void flush() {
    if (!buffer_.empty()) write_(buffer_);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;
  std::function<void(std::string_view)> write_;
  std::string buffer_;
};

struct ModelOptions {
  std::optional<std::string> pytest_version;
  std::optional<std::string> iniconfig_version;
  std::optional<std::string> python;
  std::optional<std::string> config_file;
  unsigned python_timeout = default_timeout_seconds();
  bool use_environment = false;
};

// Which releases are modelled; add_model_options adds how the config is found.
void add_version_options(CLI::App& command, ModelOptions& options) {
  command.add_option("--pytest-version", options.pytest_version, "pytest release to model: X.Y (newest patch) or X.Y.Z");
  command.add_option("--iniconfig-version", options.iniconfig_version, "iniconfig release to model: X.Y or X.Y.Z");
  command.add_option("--python", options.python,
                     "interpreter whose installed pytest, iniconfig and plugins are modelled");
  command.add_option("--python-timeout", options.python_timeout,
                     "seconds the --python interpreter may take to answer (its process group is then killed)")
      ->check(CLI::Range(1U, 3600U))
      ->option_text("SECONDS");
}

void add_model_options(CLI::App& command, ModelOptions& options) {
  add_version_options(command, options);
  command.add_option("-c,--config-file", options.config_file, "use this config file, as pytest -c does");
  command.add_flag("--env", options.use_environment, "also read PYTEST_ADDOPTS, as pytest does");
}

// --python, asked once per run (with its timeout set first); false, having said why, when the
// interpreter cannot be used.
bool probe_requested_python(const ModelOptions& options, std::optional<PythonEnvironment>& python) {
  set_default_timeout_seconds(options.python_timeout);
  if (!options.python) return true;
  std::string error;
  python = probe_python(*options.python, error);
  if (!python) std::cerr << "paralint: --python: " << error << "\n";
  return python.has_value();
}

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
  emit(output);
  return 0;
}

// The flags that override paralint's settings files (src/rules/settings.cpp), for check and config.
struct SettingsFlags {
  SettingsOverrides overrides;
  bool isolated = false;
  std::optional<std::string> file;
};

void add_settings_options(CLI::App& command, SettingsFlags& flags) {
  auto& overrides = flags.overrides;
  // One value per occurrence (comma-separated inside it), so that a PATH after them is a path.
  command.add_option("--select", overrides.select, "rule codes or prefixes to enable, instead of the settings' select")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--extend-select", overrides.extend_select, "rule codes or prefixes to enable as well")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--ignore", overrides.ignore, "rule codes or prefixes to disable as well")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--fail-on", overrides.fail_on, "lowest severity that fails the run (exit 1; default warning)")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  command.add_option("--plugins", overrides.plugins,
                     "the installed plugins, e.g. pytest-xdist=3.6,pytest-timeout (instead of inferring them)");
  command.add_flag("--isolated", flags.isolated, "ignore settings files ([tool.paralint], paralint.toml)");
  command.add_option("--settings", flags.file, "use this settings file for every path (globs relative to here)")
      ->excludes("--isolated");
}

SettingsResolver settings_resolver(const SettingsFlags& flags, const ModelOptions& model) {
  SettingsResolver::Options options;
  options.isolated = flags.isolated;
  if (flags.file) options.file = fs::path(*flags.file);
  options.overrides = flags.overrides;
  options.overrides.pytest_version = model.pytest_version;
  options.overrides.iniconfig_version = model.iniconfig_version;
  options.base = fs::current_path();
  return SettingsResolver(std::move(options));
}

struct CheckOptions {
  ModelOptions model;
  SettingsFlags settings;
  std::vector<std::string> paths;
  std::vector<std::string> exclude;
  std::string format = "text";
  std::optional<std::string> output_file;
  bool exit_zero = false;
  bool quiet = false;
  bool statistics = false;
  bool fix = false;           // --fix, or the `fix` command: write the fixed files
  bool unsafe_fixes = false;  // apply the fixes that change what runs, too
  bool diff = false;          // print what --fix would change, write nothing
  bool show_fixes = false;    // list every fix applied, with where and what it did
  std::optional<std::string> profile;  // --profile NAME: its rules added to the selection
};

bool color_wanted(int fd) {
  const char* no_color = std::getenv("NO_COLOR");  // NOLINT(concurrency-mt-unsafe): read once, single-threaded
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fd) != 0;
}

// Writes each fixed file, atomically; false, having said why, when one cannot be written.
bool write_fixed_files(const Fixer& fixer) {
  bool written = true;
  for (const auto& [path, file] : fixer.files()) {
    std::string error;
    if (!write_file_atomically(path, file.fixed, error)) {
      std::cerr << "paralint: " << printable(path.string()) << ": cannot write the fixes: " << error << "\n";
      written = false;
    }
  }
  return written;
}

// --diff: each file's diff on stdout, a count on stderr; exit 1 when something would change.
int report_diff(const Fixer& fixer, const fs::path& base, bool quiet) {
  std::string diffs;
  for (const auto& [path, file] : fixer.files()) diffs += unified_diff(file.original, file.fixed, display_path(path, base));
  emit(diffs);
  if (!quiet) {
    const auto files = fixer.files().size();
    std::cerr << (files == 0 ? std::string("No fixes to apply.")
                             : fmt::format("Would fix {} problem{} in {} file{}.", fixer.applied(),
                                           fixer.applied() == 1 ? "" : "s", files, files == 1 ? "" : "s"))
              << "\n";
  }
  return fixer.files().empty() ? 0 : 1;
}

int run_check(const CheckOptions& options) {
  std::optional<PythonEnvironment> python;
  if (!probe_requested_python(options.model, python)) return kExitUsage;
  std::optional<std::string> environment_addopts;
  if (options.model.use_environment) {
    if (const char* addopts = std::getenv("PYTEST_ADDOPTS")) environment_addopts = addopts;  // NOLINT(concurrency-mt-unsafe): read once, single-threaded
  }

  auto settings_flags = options.settings;
  if (options.profile) {
    // What the profile turns on comes on top of the selection in force, as --extend-select.
    const auto& wanted = find_profile(*options.profile)->select;
    auto& extend = settings_flags.overrides.extend_select;
    if (!extend) extend.emplace();
    extend->insert(extend->end(), wanted.begin(), wanted.end());
  }
  auto resolver = settings_resolver(settings_flags, options.model);
  const auto paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  std::string error;
  std::optional<fs::path> config_file;
  if (options.model.config_file) {
    // As pytest -c FILE: that file, for every PATH; one that cannot be opened is a usage error.
    config_file = fs::absolute(*options.model.config_file).lexically_normal();
    std::error_code status_error;
    const auto status = fs::status(*config_file, status_error);
    if (!fs::exists(status)) {
      std::cerr << "paralint: -c " << *options.model.config_file << ": "
                << why_unusable(status_error) << "\n";
      return kExitUsage;
    }
  }
  std::vector<UnreadPath> unread;
  auto targets = expand_check_paths(paths, options.exclude, unread, error);
  if (!targets) {
    std::cerr << "paralint: " << error << "\n";
    return kExitUsage;
  }
  // Every target to check is known before any is checked: which reading reports a file
  // depends on all of them, and knowing it up front lets each result be reported and dropped.
  std::vector<std::pair<fs::path, const Settings*>> checked;
  for (const auto& target : *targets) {
    const auto* settings = resolver.resolve(target, error);
    if (settings == nullptr) {
      std::cerr << "paralint: " << error << "\n";
      return kExitUsage;
    }
    // The settings' exclude globs skip what the walk found, never a PATH given by name.
    const bool given = std::find(paths.begin(), paths.end(), target.string()) != paths.end();
    if (given || !settings->excludes(target)) checked.emplace_back(target, settings);
  }
  std::vector<fs::path> checked_paths;
  checked_paths.reserve(checked.size());
  for (const auto& entry : checked) checked_paths.push_back(entry.first);
  FileOwnership ownership(checked_paths);

  ReportOptions report;
  report.base = fs::current_path();
  report.format = *parse_output_format(options.format);
  report.tool_version = PARALINT_VERSION;
  AtomicFileWriter output_file;
  ChunkedOutput to_file([&output_file](std::string_view text) { output_file.write(text); });
  std::unique_ptr<ReportWriter> file_report;
  if (options.output_file) {
    if (!output_file.open(*options.output_file, error)) {
      std::cerr << "paralint: --output-file " << *options.output_file << ": cannot write: " << error << "\n";
      return kExitUsage;
    }
    file_report = make_report_writer(report, [&to_file](std::string_view text) { to_file(text); });
    report.format = OutputFormat::Text;  // the file has the chosen format, the terminal the text
  }
  const bool machine = is_machine_format(report.format);
  report.color = !machine && color_wanted(STDOUT_FILENO);
  ChunkedOutput to_stdout(emit);
  // --diff prints diffs only: what is left after fixing is for the run that fixes.
  const auto terminal_report =
      options.diff ? nullptr : make_report_writer(report, [&to_stdout](std::string_view text) { to_stdout(text); });
  std::optional<Fixer> fixer;
  if (options.fix || options.diff) fixer.emplace(FixPolicy{options.unsafe_fixes});

  Summary summary;
  for (std::size_t index = 0; index < checked.size(); ++index) {
    const auto& [target, settings] = checked[index];
    auto request = settings->check_request(python ? &*python : nullptr);
    request.environment_addopts = environment_addopts;
    request.config_file = config_file;
    auto result = fixer ? fixer->fix(target, request, [&](CheckResult& seen) { ownership.keep_own(index, seen); }, error)
                        : check_path(target, request, error);
    if (!result) {
      std::cerr << "paralint: " << error << "\n";
      return kExitUsage;
    }
    result->fail_on = settings->fail_on.value;
    ownership.keep_own(index, *result);
    if (file_report) file_report->add(*result);
    if (terminal_report) terminal_report->add(*result);
    summary.add(*result);
  }
  if (fixer) {
    for (const auto& path : fixer->unsettled()) {
      std::cerr << "paralint: " << printable(path.string()) << ": the fixes still changed the file after "
                << kMaxFixPasses << " passes; what is left is reported\n";
    }
    if (options.show_fixes || (options.profile && !options.quiet)) {
      // A profile changes what the config does: each change is said, with the rule that made it.
      for (const auto& applied : fixer->applied_fixes()) {
        std::cerr << printable(display_path(applied.file, report.base)) << ":" << applied.line << ": " << applied.code
                  << " " << applied.message << "\n";
      }
    }
    if (options.diff) return report_diff(*fixer, report.base, options.quiet);
    if (!write_fixed_files(*fixer)) return kExitUsage;
    summary.set_fixed(fixer->applied(), fixer->files().size());
  }
  if (file_report) {
    file_report->finish();
    to_file.flush();
    if (!output_file.commit(error)) {
      std::cerr << "paralint: --output-file " << *options.output_file << ": cannot write: " << error << "\n";
      return kExitUsage;
    }
  }
  if (terminal_report) terminal_report->finish();
  to_stdout.flush();
  if (!options.quiet) {
    const auto shown = summary.render({options.statistics, color_wanted(machine ? STDERR_FILENO : STDOUT_FILENO)});
    if (machine) {
      std::cerr << shown << std::flush;
    } else {
      emit(shown);
    }
  }

  // Last, so that it is not lost above the report: what the walk could not look into.
  bool directory_unread = false;
  for (const auto& entry : unread) {
    const bool is_directory = entry.kind == UnreadPath::Kind::Directory;
    directory_unread = directory_unread || is_directory;
    std::cerr << "paralint: " << printable(entry.path.string()) << ": " << entry.reason
              << (is_directory ? ": not checked, nor anything below it\n" : ": its patterns were not applied\n");
  }
  // What was not looked into makes the run incomplete; an ignore file left out only widens it.
  if (directory_unread) return kExitUsage;
  return summary.failed() && !options.exit_zero ? 1 : 0;
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

void add_check_options(CLI::App& command, CheckOptions& options) {
  add_model_options(command, options.model);
  add_settings_options(command, options.settings);
  command
      .add_option("--exclude", options.exclude,
                  "skip paths below a directory PATH that match these gitignore-style globs (relative to it)")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--format", options.format, "output format")->check(CLI::IsMember(output_format_names()));
  command
      .add_option("-o,--output-file", options.output_file,
                  "write the report in --format to FILE (replaced whole); the terminal still gets the text")
      ->option_text("FILE");
  command.add_flag("--exit-zero", options.exit_zero, "exit 0 even when problems are found");
  command.add_flag("-q,--quiet", options.quiet, "print diagnostics only, no summary");
  command.add_flag("--statistics", options.statistics, "count the diagnostics of each rule");
  command.add_flag("--unsafe-fixes", options.unsafe_fixes,
                   "with --fix or --diff, apply the fixes that change what pytest runs too (see `paralint rule CODE`)");
  command.add_flag("--diff", options.diff,
                   "print what the fixes would change as a unified diff and write nothing; exit 1 when there is a change");
  command.add_flag("--show-fixes", options.show_fixes,
                   "with --fix or --diff, list each fix applied on stderr: where, which rule, what it did");
  command
      .add_option("--profile", options.profile,
                  "add a profile's rules to the selection; with --fix or `fix`, bring the config to it (rules/profiles/)")
      ->check(CLI::IsMember(profile_names()))
      ->option_text("NAME");
  command.add_option("PATH", options.paths,
                     "directories (as pytest started there sees them, and each directory below holding a config file) "
                     "or config files");
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
  if (check->parsed()) return run_check(check_options);
  if (fix->parsed()) return run_check(fix_options);
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
  int status = kExitUsage;
  try {
    status = run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "paralint: internal error: " << error.what() << "\n";
  }
  std::cout.flush();  // CLI11's --help and --version
  if (output_errno == 0 && (!std::cout || std::fflush(stdout) != 0)) output_errno = errno != 0 ? errno : EIO;
  if (output_errno != 0) {
    std::cerr << "paralint: cannot write the output: " << std::strerror(output_errno) << "\n";  // NOLINT(concurrency-mt-unsafe): single-threaded
    status = kExitUsage;
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
