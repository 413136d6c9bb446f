// paralint: reads pytest configuration exactly as pytest does, and says what it found.

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "paralint/config_model.hpp"
#include "paralint/dump.hpp"
#include "paralint/environment.hpp"

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
    // The versions can depend on the project (its pins and minversion), so a first look
    // with the newest behaviour finds the project root before the real reading.
    std::optional<EffectiveConfig> first_look;
    std::optional<std::string> minversion;
    fs::path project_dir = directory;
    if (!options.pytest_version && !(python && python->pytest_version)) {
      const auto& known = known_versions();
      first_look = discover(directory, Behaviour::of(known.pytest.newest(), known.iniconfig.newest()), discovery);
      project_dir = first_look->rootdir;
      if (const auto* entry = first_look->find("minversion"); entry && entry->value.is_string()) minversion = entry->value.string;
    }
    std::string error;
    const auto versions = choose_versions(request, project_dir, minversion, error);
    if (!versions) {
      std::cerr << "paralint: " << error << "\n";
      return kExitUsage;
    }
    // Most projects pin nothing, and the first look already read them as modelled.
    const bool first_look_modelled = first_look && first_look->behaviour.pytest == versions->pytest &&
                                     first_look->behaviour.iniconfig == versions->iniconfig;
    const auto config = first_look_modelled ? std::move(*first_look)
                                            : discover(directory, Behaviour::of(versions->pytest, versions->iniconfig), discovery);
    output += dump_row(directory, config, *versions);
    output += '\n';
  }
  std::cout << output << std::flush;
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
