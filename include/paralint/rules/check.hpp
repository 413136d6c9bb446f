#pragma once
// `paralint check`: builds the CheckContext for a path (a directory as pytest started
// there sees it, or one config file), runs the selected rules and returns diagnostics.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "paralint/model/config_model.hpp"
#include "paralint/model/environment.hpp"
#include "paralint/model/model_project.hpp"
#include "paralint/model/target.hpp"
#include "paralint/rules/diagnostic.hpp"
#include "paralint/rules/measured_profile.hpp"
#include "paralint/scan/path_glob.hpp"

namespace paralint {

// --select/--ignore: codes or prefixes (or ALL); the most specific matching entry decides, as
// in ruff.
struct RuleSelection {
  std::vector<std::string> select{"ALL"};
  std::vector<std::string> ignore;

  [[nodiscard]] bool selected(std::string_view code) const;
};

// A per-file-ignores entry: codes or prefixes not reported in the files the glob matches.
struct FileIgnore {
  PathGlob files;
  std::vector<std::string> codes;

  [[nodiscard]] bool ignores(std::string_view code, const std::filesystem::path& file) const;
};

struct CheckRequest {
  VersionRequest versions;
  std::optional<std::vector<std::pair<std::string, std::string>>> stated_plugins;  // --plugins
  std::optional<std::string> environment_addopts;                                  // PYTEST_ADDOPTS
  std::optional<std::filesystem::path> config_file;  // -c FILE, absolute: read instead of what discovery finds
  RuleSelection selection;
  std::vector<FileIgnore> per_file_ignores;
  std::optional<MeasuredProfile> measured;  // --bench-report

  // Whether `code` runs on `file`: selected, and not ignored there.
  [[nodiscard]] bool runs(std::string_view code, const std::filesystem::path& file) const;
};

struct CheckResult {
  std::filesystem::path path;  // as given
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> assumptions;  // what was modelled and why, for the summary
  Severity fail_on = Severity::Warning;  // the lowest severity that fails the run for this path
};

// The environment a check of `project` models: the request's interpreter or stated plugins,
// the config's required_plugins and the project's declared dependencies. nullopt with
// `error` when a stated plugin version is not a version.
std::optional<Target> project_target(const ModelledProject& project, const CheckRequest& request, std::string& error);

// nullopt with `error` for input paralint cannot use at all (a missing path, a bad
// --plugins version); problems of the config itself are diagnostics.
std::optional<CheckResult> check_path(const std::filesystem::path& path, const CheckRequest& request,
                                      std::string& error);

// Each file's diagnostics come from one reading, so that a file several readings see is
// reported once: the reading of a file named on the command line (`-c FILE`), else the
// reading of pytest started in the file's own directory (the diagnostics of "no config"
// point at that directory itself), else, for a file no target holds (a config above the
// PATHs that pytest walked up to, PYTEST_ADDOPTS), the first reading in order that reports
// it. Results are filtered as they arrive, in target order, so none needs to be held.
class FileOwnership {
 public:
  explicit FileOwnership(const std::vector<std::filesystem::path>& targets);
  // Drops the diagnostics another reading reports from `result`, the reading of target `index`.
  void keep_own(std::size_t index, CheckResult& result);

 private:
  std::optional<std::size_t> held_by(const std::filesystem::path& file);

  std::map<std::filesystem::path, std::size_t> target_at_;
  // The target holding each file, worked out once per file, not once per diagnostic.
  std::map<std::filesystem::path, std::optional<std::size_t>> holder_;
  std::map<std::filesystem::path, std::size_t> first_reporter_;
};

}  // namespace paralint
