#pragma once
// Whether the run's warning filters (`filterwarnings` lines, then `-W` options in addopts,
// as pytest's apply_warning_filters installs them) turn a PytestConfigWarning into an
// exception. pytest issues config-time warnings (e.g. "Unknown config option: KEY") through
// Config.issue_config_time_warning, which applies exactly these filters; an "error" action
// makes the run stop with INTERNALERROR (exit 3).

#include <optional>
#include <string>
#include <string_view>

#include "paralint/check_context.hpp"

namespace paralint::rules::keys {

// The filter that decides what happens to a PytestConfigWarning with `message` raised from
// the _pytest.config module, and its action ("error", "ignore", …); nullopt when no
// configured filter matches (the warning is shown).
struct WinningFilter {
  std::string action;
  std::string filter;
};
std::optional<WinningFilter> config_warning_filter(const CheckContext& context, std::string_view message);

// The first filter category (`ignore::sqlalchemy.exc.SAWarning`) whose module may not import
// in the target. From pytest 9.0 such a filter issues "Failed to import filter module" inside
// every config-time warning's capture, and that warning is the one pytest reports instead.
std::optional<std::string> category_that_may_not_import(const CheckContext& context);

// Python's warnings filter test for one filter line ("action:message:category:module:lineno"),
// pytest-parsed with `escape` (true for -W, false for the ini key): the action when the filter
// applies to a PytestConfigWarning with `message` from module _pytest.config, else nullopt.
std::optional<std::string> config_warning_action(std::string_view filter, bool escape, std::string_view message);

}  // namespace paralint::rules::keys
