#pragma once
// `paralint check`: builds the CheckContext for a path (a directory as pytest started
// there sees it, or one config file), runs the selected rules and returns diagnostics.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "paralint/config_model.hpp"
#include "paralint/diagnostic.hpp"
#include "paralint/environment.hpp"

namespace paralint {

// --select/--ignore: codes or prefixes; the most specific matching entry decides, as in ruff.
struct RuleSelection {
  std::vector<std::string> select;  // empty: every rule
  std::vector<std::string> ignore;

  [[nodiscard]] bool selected(std::string_view code) const;
};

struct CheckRequest {
  VersionRequest versions;
  std::optional<std::vector<std::pair<std::string, std::string>>> stated_plugins;  // --plugins
  std::optional<std::string> environment_addopts;                                   // PYTEST_ADDOPTS
  RuleSelection selection;
};

struct CheckResult {
  std::filesystem::path path;  // as given
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> assumptions;  // what was modelled and why, for the summary
};

// nullopt with `error` for input paralint cannot use at all (a missing path, a bad
// --plugins version); problems of the config itself are diagnostics.
std::optional<CheckResult> check_path(const std::filesystem::path& path, const CheckRequest& request, std::string& error);

}  // namespace paralint
