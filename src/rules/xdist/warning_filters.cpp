#include "rules/xdist/warning_filters.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "paralint/python_text.hpp"

namespace paralint::rules {

namespace {

enum class Match { Yes, No, Unknown };

struct Filter {
  std::string action;
  std::string message;
  std::string category;
  std::string module;
  std::string lineno;
  bool literal = false;  // -W: message and module are escaped (parse_warning_filter(escape=True))
};

std::optional<Filter> parse_filter(std::string_view text, bool literal) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto colon = text.find(':', start);
    parts.emplace_back(
        python::strip(text.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start)));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() > 5) return std::nullopt;
  parts.resize(5);
  return Filter{parts[0], parts[1], parts[2], parts[3], parts[4], literal};
}

// warnings._getaction: a prefix of an action name picks the first one it starts.
std::optional<std::string> action_name(const std::string& action) {
  if (action.empty()) return "default";
  if (action == "all") return "always";
  for (const std::string_view name : {"default", "always", "ignore", "module", "once", "error"}) {
    if (name.starts_with(action)) return std::string(name);
  }
  return std::nullopt;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Python's pattern.match(text): anchored at the start, not at the end.
Match regex_prefix(const std::string& pattern, std::string_view text, bool case_sensitive) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(case_sensitive);
  const RE2 compiled("\\A(?:" + pattern + ")", options);
  if (!compiled.ok()) return Match::Unknown;
  return RE2::PartialMatch(text, compiled) ? Match::Yes : Match::No;
}

Match message_matches(const Filter& filter, std::string_view message) {
  if (filter.message.empty()) return Match::Yes;
  if (!filter.literal) return regex_prefix(filter.message, message, false);
  if (filter.message.size() > message.size()) return Match::No;
  const bool same = std::equal(filter.message.begin(), filter.message.end(), message.begin(),
                               [](char left, char right) { return ascii_lower(left) == ascii_lower(right); });
  return same ? Match::Yes : Match::No;
}

Match module_matches(const Filter& filter, std::string_view module) {
  if (filter.module.empty()) return Match::Yes;
  if (filter.literal) return filter.module == module ? Match::Yes : Match::No;  // re.escape(module) + "\Z"
  return regex_prefix(filter.module, module, true);
}

// issubclass(category, filter category) for a builtin category: only the class itself and
// Warning are its Warning ancestors, and no other class can be one.
bool category_matches(const Filter& filter, std::string_view category) {
  std::string_view name = filter.category;
  if (name.starts_with("builtins.")) name.remove_prefix(9);
  return name.empty() || name == "Warning" || name == category;
}

}  // namespace

WarningOutcome config_time_warning_outcome(const std::vector<std::string>& ini_filters,
                                           const std::vector<std::string>& command_line_filters,
                                           const ConfigTimeWarning& warning) {
  std::vector<Filter> filters;  // in the order they are applied
  for (const auto& text : ini_filters) {
    auto filter = parse_filter(text, false);
    if (!filter) return WarningOutcome::Unknown;
    filters.push_back(std::move(*filter));
  }
  for (const auto& text : command_line_filters) {
    auto filter = parse_filter(text, true);
    if (!filter) return WarningOutcome::Unknown;
    filters.push_back(std::move(*filter));
  }
  std::reverse(filters.begin(), filters.end());  // the last one applied is consulted first
  for (const auto& filter : filters) {
    const auto action = action_name(filter.action);
    if (!action) return WarningOutcome::Unknown;
    if (!category_matches(filter, warning.category)) continue;
    const auto message = message_matches(filter, warning.message);
    const auto module = module_matches(filter, warning.module);
    if (message == Match::No || module == Match::No) continue;
    if (message == Match::Unknown || module == Match::Unknown || !filter.lineno.empty()) return WarningOutcome::Unknown;
    if (*action == "error") return WarningOutcome::Error;
    if (*action == "ignore") return WarningOutcome::Ignored;
    return WarningOutcome::Shown;
  }
  return WarningOutcome::Shown;
}

}  // namespace paralint::rules
