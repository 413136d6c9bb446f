#pragma once
// Which pytest and iniconfig paralint models, and why: explicit flags, then what a
// Python interpreter has installed, then what the project pins, then the newest known.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "paralint/schema/version.hpp"

namespace paralint {

struct InstalledPlugin {
  std::string distribution;  // e.g. "pytest-xdist"
  std::string version;
  std::vector<std::string> entry_points;  // pytest11 entry point names, e.g. "xdist"
};

struct PythonEnvironment {
  std::filesystem::path interpreter;
  std::optional<std::string> pytest_version;
  std::optional<std::string> iniconfig_version;
  std::optional<std::string> psutil_version;  // pytest-xdist counts CPUs with it when importable
  std::vector<InstalledPlugin> plugins;
};

// Runs the interpreter once and reads its distributions; nullopt with `error` set when it
// cannot be run.
std::optional<PythonEnvironment> probe_python(const std::filesystem::path& interpreter, std::string& error);

struct VersionRequest {
  std::optional<std::string> pytest;     // --pytest-version
  std::optional<std::string> iniconfig;  // --iniconfig-version
  const PythonEnvironment* python = nullptr;
};

struct ModelledVersions {
  Version pytest;
  Version iniconfig;
  std::string pytest_reason;
  std::string iniconfig_reason;
};

// `project_dir` is where pins are looked for (the rootdir pytest would use).
// `minversion` is the config's minversion, when it has one. nullopt with `error` set when
// a requested version is unknown.
std::optional<ModelledVersions> choose_versions(const VersionRequest& request, const std::filesystem::path& project_dir,
                                                const std::optional<std::string>& minversion, std::string& error);

// A requirement the project declares: `name` normalised as PEP 503 does.
struct Requirement {
  std::string name;
  std::string specifiers;  // e.g. ">=3.2,<4"; empty when unpinned
  std::string source;      // the file it came from, e.g. "pyproject.toml"
  std::vector<std::string> extras = {};  // normalised, e.g. {"psutil"} for pytest-xdist[psutil]
};

// Every requirement in pyproject dependencies, optional dependencies and dependency
// groups, requirements*.txt/.in and requirements/, and tox.ini deps.
const std::vector<Requirement>& project_requirements(const std::filesystem::path& project_dir);
// The files among those that exist but cannot be read, each with why (what they declare is
// unknown): "requirements.txt: is a FIFO, not a file; paralint does not read it".
const std::vector<std::string>& unread_requirement_files(const std::filesystem::path& project_dir);
// Empties this thread's cache behind the two above: what they returned is then dangling.
void forget_requirements_read();

// `pytest` requirement specifiers the project declares: pyproject dependencies,
// optional dependencies and dependency groups, requirements*.txt, tox.ini deps.
std::vector<std::string> pytest_pins(const std::filesystem::path& project_dir, std::vector<std::string>& sources);

}  // namespace paralint
