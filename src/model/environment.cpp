#include "paralint/model/environment.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "paralint/read/ini_reader.hpp"
#include "paralint/read/toml_reader.hpp"
#include "paralint/schema/schema.hpp"
#include "paralint/util/subprocess.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

// Asks the interpreter for its distributions without importing pytest (which would
// load every plugin and take ~200 ms). Not isolated (-I): PYTHONPATH and the user's site
// packages are what pytest started by that interpreter sees too; only the working
// directory, which `-c` puts first on sys.path, is taken off, so that a project's own
// json.py or *.dist-info cannot answer for the interpreter.
constexpr const char* kProbeScript = R"PY(
import sys
sys.path = [entry for entry in sys.path if entry not in ("", ".")]
import json, importlib.metadata as md
def version(name):
    try:
        return md.version(name)
    except Exception:
        return None
plugins = {}
for ep in md.entry_points(group="pytest11"):
    dist = ep.dist.name if ep.dist else ep.value.split(".")[0]
    entry = plugins.setdefault(dist, {"distribution": dist, "version": ep.dist.version if ep.dist else "", "entry_points": []})
    entry["entry_points"].append(ep.name)
print(json.dumps({"pytest": version("pytest"), "iniconfig": version("iniconfig"), "psutil": version("psutil"),
                  "plugins": list(plugins.values())}))
)PY";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_name_start(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_name_char(char c) { return is_name_start(c) || c == '.' || c == '_' || c == '-'; }

// The normalised name and specifiers of a PEP 508 requirement line, or nullopt: a name,
// optional [extras], optional "(", then the specifiers up to a marker (;), a comment (#)
// or ")". Scanned by hand: a project declares hundreds of these.
std::optional<Requirement> parse_requirement(std::string_view requirement) {
  std::size_t at = 0;
  auto skip_spaces = [&] {
    while (at < requirement.size() && is_space(requirement[at])) ++at;
  };
  skip_spaces();
  const auto name_begin = at;
  if (at >= requirement.size() || !is_name_start(requirement[at])) return std::nullopt;
  while (at < requirement.size() && is_name_char(requirement[at])) ++at;
  const auto name = requirement.substr(name_begin, at - name_begin);
  skip_spaces();
  std::vector<std::string> extras;
  if (at < requirement.size() && requirement[at] == '[') {
    if (const auto close = requirement.find(']', at); close != std::string_view::npos) {
      std::size_t begin = at + 1;
      while (begin < close) {
        const auto comma = std::min(requirement.find(',', begin), close);
        auto extra = requirement.substr(begin, comma - begin);
        while (!extra.empty() && is_space(extra.front())) extra.remove_prefix(1);
        while (!extra.empty() && is_space(extra.back())) extra.remove_suffix(1);
        if (!extra.empty()) extras.push_back(normalize_distribution_name(extra));
        begin = comma + 1;
      }
      at = close + 1;
    }
  }
  skip_spaces();
  if (at < requirement.size() && requirement[at] == '(') ++at;
  const auto end = std::min(requirement.find_first_of(";#)", at), requirement.size());
  std::string specifiers(requirement.substr(at, end - at));
  // pip's per-requirement options (--hash=...) and a line-continuation backslash follow the
  // specifiers in requirements files.
  const auto options = specifiers.find_first_of("\\-", specifiers.find_first_of(" \t"));
  if (options != std::string::npos && specifiers.find_first_of(" \t") != std::string::npos) specifiers.resize(options);
  while (!specifiers.empty() && (specifiers.back() == ' ' || specifiers.back() == '\t')) specifiers.pop_back();
  return Requirement{normalize_distribution_name(name), specifiers, {}, std::move(extras)};
}

void collect_strings(const Value& value, std::vector<std::string>& out) {
  if (value.is_string()) out.push_back(value.string);
  for (const auto& item : value.items) collect_strings(item, out);
  for (const auto& entry : value.entries) collect_strings(entry.value, out);
}

}  // namespace

std::optional<PythonEnvironment> probe_python(const fs::path& interpreter, std::string& error) {
  ProcessRequest request;
  request.argv = {interpreter.string(), "-c", kProbeScript};
  const auto output = run_and_capture(request, error);
  if (!output) {
    error = "cannot ask " + interpreter.string() + " for its packages: " + error;
    return std::nullopt;
  }
  const auto json = nlohmann::json::parse(*output, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    error = interpreter.string() + " did not answer the package query";
    return std::nullopt;
  }
  PythonEnvironment environment;
  environment.interpreter = interpreter;
  if (json["pytest"].is_string()) environment.pytest_version = json["pytest"].get<std::string>();
  if (json["iniconfig"].is_string()) environment.iniconfig_version = json["iniconfig"].get<std::string>();
  if (json["psutil"].is_string()) environment.psutil_version = json["psutil"].get<std::string>();
  for (const auto& plugin : json["plugins"]) {
    environment.plugins.push_back({plugin.value("distribution", ""), plugin.value("version", ""),
                                   plugin.value("entry_points", std::vector<std::string>{})});
  }
  return environment;
}

namespace {

struct DeclaredRequirements {
  std::vector<Requirement> found;
  std::vector<std::string> unread;
};

DeclaredRequirements read_requirements(const fs::path& project_dir) {
  DeclaredRequirements declared;
  auto& found = declared.found;
  auto consider = [&](std::string_view line, const fs::path& file) {
    if (auto requirement = parse_requirement(line)) {
      requirement->source = file.filename().string();
      found.push_back(std::move(*requirement));
    }
  };
  std::string unread;
  // A file that cannot be read pins nothing, and is named in the summary.
  auto note_unread = [&](const fs::path& file) {
    std::error_code missing;
    if (!unread.empty() && fs::exists(fs::symlink_status(file, missing))) {
      declared.unread.push_back(file.lexically_relative(project_dir).string() + ": " + unread);
    }
    unread.clear();
  };
  const auto pyproject = project_dir / "pyproject.toml";
  if (const auto source = read_source_once(pyproject, unread)) {
    const auto& document = read_toml_once(*source);
    if (!document.error) {
      std::vector<std::string> requirements;
      if (const auto* project = document.root.find("project")) {
        if (const auto* dependencies = project->find("dependencies")) collect_strings(*dependencies, requirements);
        if (const auto* optional = project->find("optional-dependencies")) collect_strings(*optional, requirements);
      }
      if (const auto* groups = document.root.find("dependency-groups")) collect_strings(*groups, requirements);
      for (const auto& requirement : requirements) consider(requirement, pyproject);
    }
  }
  note_unread(pyproject);
  std::error_code error;
  std::vector<fs::path> requirement_files;
  for (const auto& directory : {project_dir, project_dir / "requirements"}) {
    for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
      const auto name = it->path().filename().string();
      const bool is_requirements = directory == project_dir ? name.starts_with("requirements") : true;
      if (is_requirements && (name.ends_with(".txt") || name.ends_with(".in"))) requirement_files.push_back(it->path());
    }
    error.clear();
  }
  std::sort(requirement_files.begin(), requirement_files.end());
  for (const auto& file : requirement_files) {
    if (auto text = read_file(file, unread)) {
      std::stringstream stream(*text);
      for (std::string line; std::getline(stream, line);) consider(line, file);
    }
    note_unread(file);
  }
  const auto tox = project_dir / "tox.ini";
  if (const auto source = read_source_once(tox, unread)) {
    const auto document = read_ini(*source, {});
    for (const auto& section : document.sections) {
      if (!section.name.starts_with("testenv")) continue;
      if (const auto* deps = section.find("deps")) {
        std::stringstream stream(deps->value);
        for (std::string line; std::getline(stream, line);) consider(line, tox);
      }
    }
  }
  note_unread(tox);
  return declared;
}

// Version choice and plugin inference both ask; the files are read once per thread (as
// read_source_once's cache).
std::map<fs::path, DeclaredRequirements>& requirements_read() {
  thread_local std::map<fs::path, DeclaredRequirements> by_project;
  return by_project;
}

const DeclaredRequirements& declared_requirements(const fs::path& project_dir) {
  auto& cache = requirements_read();
  auto found = cache.find(project_dir);
  if (found == cache.end()) found = cache.emplace(project_dir, read_requirements(project_dir)).first;
  return found->second;
}

}  // namespace

void forget_requirements_read() { requirements_read().clear(); }

const std::vector<Requirement>& project_requirements(const fs::path& project_dir) {
  return declared_requirements(project_dir).found;
}

const std::vector<std::string>& unread_requirement_files(const fs::path& project_dir) {
  return declared_requirements(project_dir).unread;
}

std::vector<std::string> pytest_pins(const fs::path& project_dir, std::vector<std::string>& sources) {
  std::vector<std::string> pins;
  for (const auto& requirement : project_requirements(project_dir)) {
    if (requirement.name != "pytest" || requirement.specifiers.find_first_not_of(" \t") == std::string::npos) continue;
    pins.push_back(requirement.specifiers);
    sources.push_back(requirement.source + ": pytest" + requirement.specifiers);
  }
  return pins;
}

std::optional<ModelledVersions> choose_versions(const VersionRequest& request, const fs::path& project_dir,
                                                const std::optional<std::string>& minversion, std::string& error) {
  const auto& known = known_versions();
  ModelledVersions chosen;

  auto from_flag_or_python = [&](const ComponentReleases& releases, const std::optional<std::string>& flag,
                                 const std::optional<std::string>& installed, std::string_view name, Version& out,
                                 std::string& reason) -> std::optional<bool> {
    if (flag) {
      auto version = releases.resolve(*flag, error);
      if (!version) {
        error = "--" + std::string(name) + "-version: " + error;
        return std::nullopt;
      }
      out = *version;
      reason = "--" + std::string(name) + "-version " + *flag;
      return true;
    }
    if (request.python != nullptr && installed) {
      auto version = releases.resolve(*installed, error);
      if (!version) {
        error = std::string(name) + " " + *installed + " in " + request.python->interpreter.string() + ": " + error;
        return std::nullopt;
      }
      out = *version;
      reason = "installed in " + request.python->interpreter.string();
      return true;
    }
    return false;
  };

  const auto pytest_found = from_flag_or_python(known.pytest, request.pytest,
                                                request.python ? request.python->pytest_version : std::nullopt,
                                                "pytest", chosen.pytest, chosen.pytest_reason);
  if (!pytest_found) return std::nullopt;
  if (!*pytest_found) {
    std::vector<std::string> sources;
    auto pins = pytest_pins(project_dir, sources);
    if (minversion && Version::parse(*minversion)) {
      pins.push_back(">=" + *minversion);
      sources.push_back("minversion = " + *minversion);
    }
    const auto pinned = pins.empty() ? std::nullopt : newest_satisfying(known.pytest.releases, pins);
    if (pinned) {
      chosen.pytest = *pinned;
      chosen.pytest_reason = "newest known release allowed by the project (";
      for (std::size_t i = 0; i < sources.size(); ++i) chosen.pytest_reason += (i ? "; " : "") + sources[i];
      chosen.pytest_reason += ")";
    } else {
      chosen.pytest = known.pytest.newest();
      chosen.pytest_reason = pins.empty() ? "newest known release (the project pins no pytest version)"
                                          : "newest known release (no known release satisfies the project's pins)";
    }
  }
  const auto iniconfig_found = from_flag_or_python(known.iniconfig, request.iniconfig,
                                                   request.python ? request.python->iniconfig_version : std::nullopt,
                                                   "iniconfig", chosen.iniconfig, chosen.iniconfig_reason);
  if (!iniconfig_found) return std::nullopt;
  if (!*iniconfig_found) {
    chosen.iniconfig = known.iniconfig.newest();
    chosen.iniconfig_reason = "newest known release (pip installs the newest iniconfig beside any pytest)";
  }
  return chosen;
}

}  // namespace paralint
