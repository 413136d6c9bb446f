#include "rules/keys/warning_filters.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <vector>

#include "paralint/python_text.hpp"
#include "rules/keys/key_facts.hpp"

namespace paralint::rules::keys {

namespace {

// The module Config.issue_config_time_warning attributes config warnings to (stacklevel 3
// lands in _pytest/config/__init__.py in 7.x through 9.x).
constexpr std::string_view kWarningModule = "_pytest.config";

// Category names that resolve to PytestConfigWarning or one of its bases
// (PytestConfigWarning → PytestWarning → UserWarning → Warning), as
// _resolve_warning_category imports them: no dot means a builtin.
bool names_config_warning_base(std::string_view category) {
  static constexpr std::array kNames = {
      "",  // empty: Warning
      "Warning",
      "UserWarning",
      "builtins.Warning",
      "builtins.UserWarning",
      "pytest.PytestWarning",
      "pytest.PytestConfigWarning",
      "_pytest.warning_types.PytestWarning",
      "_pytest.warning_types.PytestConfigWarning",
  };
  return std::find(kNames.begin(), kNames.end(), category) != kNames.end();
}

// warnings._getaction: a prefix of one of the actions; "" is "default", "all" is "always".
std::optional<std::string> python_action(std::string_view text) {
  if (text.empty()) return "default";
  if (text == "all") return "always";
  for (const std::string_view action : {"default", "always", "ignore", "module", "once", "error"}) {
    if (action.starts_with(text)) return std::string(action);
  }
  return std::nullopt;
}

// re.match(pattern, text): anchored at the start only. A pattern RE2 cannot compile
// (lookarounds, backreferences) is taken as not matching.
bool python_match(const std::string& pattern, std::string_view text, bool ignore_case) {
  RE2::Options options;
  options.set_case_sensitive(!ignore_case);
  options.set_log_errors(false);
  std::string translated = pattern;
  for (auto at = translated.find("\\Z"); at != std::string::npos; at = translated.find("\\Z", at)) translated[at + 1] = 'z';
  const RE2 regex("^(?:" + translated + ")", options);
  return regex.ok() && RE2::PartialMatch(text, regex);
}

std::vector<std::string_view> split_fields(std::string_view filter) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto colon = filter.find(':', start);
    fields.push_back(filter.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return fields;
}

// apply_warning_filters installs the ini lines, then the -W options (escaped), in order.
std::vector<std::pair<std::string, bool>> configured_filters(const CheckContext& context) {
  std::vector<std::pair<std::string, bool>> filters;
  if (const auto* entry = context.config.find("filterwarnings")) {
    for (auto& line : list_strings(*entry, true)) filters.emplace_back(std::move(line), false);
  }
  for (const auto* option : context.addopts.all_dest("pytest", "pythonwarnings")) {
    if (option->value) filters.emplace_back(*option->value, true);
  }
  return filters;
}

}  // namespace

std::optional<std::string> config_warning_action(std::string_view filter, bool escape, std::string_view message) {
  auto fields = split_fields(filter);
  if (fields.size() > 5) return std::nullopt;  // pytest refuses the filter (a UsageError of its own)
  fields.resize(5);
  for (auto& field : fields) field = python::strip(field);
  const auto action = python_action(fields[0]);
  if (!action || !names_config_warning_base(fields[2])) return std::nullopt;
  if (!fields[4].empty() && fields[4] != "0") return std::nullopt;  // a line number never matches
  if (!fields[1].empty()) {
    const std::string pattern = escape ? RE2::QuoteMeta(fields[1]) : std::string(fields[1]);
    if (!python_match(pattern, message, true)) return std::nullopt;
  }
  if (!fields[3].empty()) {
    if (escape ? fields[3] != kWarningModule : !python_match(std::string(fields[3]), kWarningModule, false)) {
      return std::nullopt;
    }
  }
  return action;
}

std::optional<std::string> category_that_may_not_import(const CheckContext& context) {
  for (const auto& [filter, escape] : configured_filters(context)) {
    auto fields = split_fields(filter);
    if (fields.size() < 3 || fields.size() > 5) continue;
    const auto category = python::strip(fields[2]);
    const auto dot = category.find('.');
    if (dot == std::string_view::npos) continue;
    const auto module = category.substr(0, dot);
    // Modules every pytest run has imported already.
    if (module == "pytest" || module == "_pytest" || module == "builtins" || module == "warnings") continue;
    return std::string(category);
  }
  return std::nullopt;
}

std::optional<WinningFilter> config_warning_filter(const CheckContext& context, std::string_view message) {
  // Each filter goes to the front of warnings.filters, so the last one installed that matches decides.
  const auto filters = configured_filters(context);
  for (auto it = filters.rbegin(); it != filters.rend(); ++it) {
    if (auto action = config_warning_action(it->first, it->second, message)) return WinningFilter{std::move(*action), it->first};
  }
  return std::nullopt;
}

}  // namespace paralint::rules::keys
