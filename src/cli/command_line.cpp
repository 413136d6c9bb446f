#include "paralint/cli/command_line.hpp"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>

#include "paralint/util/subprocess.hpp"

namespace paralint::cli {

int& output_errno() {
  static int first_error = 0;
  return first_error;
}

void emit(std::string_view text) {
  while (!text.empty() && output_errno() == 0) {
    const auto written = ::write(STDOUT_FILENO, text.data(), text.size());
    if (written < 0) {
      if (errno != EINTR) output_errno() = errno;
      continue;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

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

bool probe_requested_python(const ModelOptions& options, std::optional<PythonEnvironment>& python) {
  set_default_timeout_seconds(options.python_timeout);
  if (!options.python) return true;
  std::string error;
  python = probe_python(*options.python, error);
  if (!python) std::cerr << "paralint: --python: " << error << "\n";
  return python.has_value();
}

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
  if (flags.file) options.file = std::filesystem::path(*flags.file);
  options.overrides = flags.overrides;
  options.overrides.pytest_version = model.pytest_version;
  options.overrides.iniconfig_version = model.iniconfig_version;
  options.base = std::filesystem::current_path();
  return SettingsResolver(std::move(options));
}

}  // namespace paralint::cli
