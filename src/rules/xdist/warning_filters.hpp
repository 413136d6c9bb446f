#pragma once
// What the warning filters of a config do to one warning that a plugin issues while pytest
// configures (Config.issue_config_time_warning): the ini `filterwarnings` lines are applied
// first and `-W` options after them, each in front of the last, so the last matching
// entry decides; with none, the warning is shown.

#include <string>
#include <string_view>
#include <vector>

namespace paralint::rules {

enum class WarningOutcome {
  Shown,
  Error,  // raised: pytest aborts with INTERNALERROR (exit 3)
  Ignored,
  Unknown,  // an entry paralint cannot evaluate (a regex RE2 does not take, a line number)
};

struct ConfigTimeWarning {
  std::string_view category;  // a builtin: "DeprecationWarning"
  std::string_view message;
  std::string_view module;  // where warnings.warn attributes it: "xdist.plugin"
};

// Malformed entries (pytest refuses them with a UsageError before any warning) give Unknown.
WarningOutcome config_time_warning_outcome(const std::vector<std::string>& ini_filters,
                                           const std::vector<std::string>& command_line_filters,
                                           const ConfigTimeWarning& warning);

}  // namespace paralint::rules
