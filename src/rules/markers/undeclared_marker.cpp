// M007 undeclared-marker-used: a mark applied in test code that nothing registers. pytest
// (MarkGenerator.__getattr__) fails collection under strict markers, raises for
// parametrize misspellings and `_` names whatever the settings, and otherwise warns
// PytestUnknownMarkWarning, which `filterwarnings = error` also turns into a collection error.

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>

#include "paralint/read/python_text.hpp"
#include "rules/markers/markers.hpp"

namespace paralint::rules {

namespace {

constexpr std::string_view kParametrizeMisspellings[] = {"parameterize", "parametrise", "parameterise"};

// Categories a filter names that PytestUnknownMarkWarning is an instance of (it derives from
// PytestWarning, UserWarning, Warning); pytest resolves them by import path.
constexpr std::string_view kWarningClasses[] = {"Warning",
                                                "UserWarning",
                                                "builtins.Warning",
                                                "builtins.UserWarning",
                                                "pytest.PytestWarning",
                                                "pytest.PytestUnknownMarkWarning",
                                                "_pytest.warning_types.PytestWarning",
                                                "_pytest.warning_types.PytestUnknownMarkWarning"};

struct FilterVerdict {
  std::string action;  // "error", "ignore", or "" when the default (a warning) applies
  std::string filter;  // the filter that decides, as written
};

// warnings._getaction: an action may be abbreviated ("e" is "error").
std::string full_action(std::string_view action) {
  for (const char* name : {"default", "always", "ignore", "module", "once", "error"}) {
    if (!action.empty() && std::string_view(name).starts_with(action)) return name;
  }
  return {};
}

// Whether `filter` ("action:message:category:module:lineno") applies to the unknown-mark
// warning for `name`. A module pattern is not resolved: such a filter is taken not to apply.
std::optional<std::string> filter_action(std::string_view filter, std::string_view name) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (fields.size() < 4) {
    const auto colon = filter.find(':', start);
    if (colon == std::string_view::npos) break;
    fields.emplace_back(python::strip(filter.substr(start, colon - start)));
    start = colon + 1;
  }
  fields.emplace_back(python::strip(filter.substr(start)));
  fields.resize(5);
  const auto action = full_action(fields[0]);
  if (action.empty()) return std::nullopt;
  if (!fields[2].empty() &&
      std::find(std::begin(kWarningClasses), std::end(kWarningClasses), fields[2]) == std::end(kWarningClasses)) {
    return std::nullopt;
  }
  if (!fields[3].empty() || (!fields[4].empty() && fields[4] != "0")) return std::nullopt;
  if (!fields[1].empty()) {
    // The message field is a regex matched (case-insensitively) at the start of the text.
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    const RE2 message("^(?:" + fields[1] + ")", options);
    const auto text = "Unknown pytest.mark." + std::string(name) + " - is this a typo?";
    if (!message.ok() || !RE2::PartialMatch(text, message)) return std::nullopt;
  }
  return action;
}

// What the warning filters do with PytestUnknownMarkWarning during collection: the ini
// `filterwarnings` lines, then -W from addopts, the last matching filter winning.
FilterVerdict unknown_mark_filter(const CheckContext& context, std::string_view name) {
  std::vector<std::string> filters;
  if (const auto* entry = context.config.find("filterwarnings")) {
    if (entry->value.is_array()) {
      for (const auto& item : entry->value.items) {
        if (item.is_string()) filters.push_back(item.string);
      }
    } else {
      std::size_t start = 0;
      const auto& text = entry->value.string;
      while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        const auto line = python::strip(std::string_view(text).substr(start, end - start));
        if (!line.empty()) filters.emplace_back(line);
        start = end + 1;
      }
    }
  }
  for (const auto* option : context.addopts.all_dest("pytest", "pythonwarnings")) {
    if (option->value) filters.push_back(*option->value);
  }
  FilterVerdict verdict;
  for (const auto& filter : filters) {
    if (auto action = filter_action(filter, name))
      verdict = {*action == "error" || *action == "ignore" ? *action : "", filter};
  }
  return verdict;
}

struct Use {
  const SourceMention* first = nullptr;
  std::size_t count = 0;
};

}  // namespace

void check_undeclared_markers(const CheckContext& context, DiagnosticSink& sink) {
  // The first use of each name in each file; later ones only add to the count.
  std::vector<std::pair<std::string, Use>> uses;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (const auto& use : context.project.marker_uses) {
    const auto key = std::pair{use.file.string(), use.name};
    const auto [it, inserted] = index.emplace(key, uses.size());
    if (inserted) uses.push_back({use.name, {&use, 0}});
    ++uses[it->second].second.count;
  }
  const auto strict = strict_markers(context);
  const bool hidden = registrations_may_be_hidden(context);
  const auto& pytest = context.target.pytest();
  std::vector<std::string> declared;
  for (const auto& declaration : context.config.markers) declared.push_back(declaration.name);
  for (const auto& registered : context.project.markers) declared.push_back(registered.name);

  std::map<std::string, MarkerRegistration, std::less<>> registrations;
  std::map<std::string, FilterVerdict, std::less<>> filters;
  for (const auto& [name, use] : uses) {
    const auto& mention = *use.first;
    const auto location = Location::in(mention.source, mention.span);
    const auto shown = python::repr(name);
    const auto more = use.count > 1 ? " (" + std::to_string(use.count) + " uses in this file)" : std::string();
    if (name.starts_with('_')) {
      auto& diagnostic = sink.report("M007", location,
                                     fmt::format(R"(pytest.mark.{} raises AttributeError("Marker name must NOT start )"
                                                 R"(with underscore") when the module is imported: collection fails )"
                                                 "(exit 2){}",
                                                 name, more));
      diagnostic.severity = Severity::Error;
      diagnostic.help = "rename the marker without the leading underscore";
      continue;
    }
    // Asked once a name: a suite uses the same few marks in thousands of modules.
    auto known = registrations.find(name);
    if (known == registrations.end()) known = registrations.emplace(name, marker_registration(context, name)).first;
    const auto& registration = known->second;
    if (registration.state == Registration::Registered) continue;

    const bool misspelled = std::find(std::begin(kParametrizeMisspellings), std::end(kParametrizeMisspellings), name) !=
                            std::end(kParametrizeMisspellings);
    if (misspelled) {
      // 7.x/8.x check strictness first, 9.x the misspelling first; both fail collection.
      const bool strict_first = strict.enabled && pytest < Version{9, 0, 0};
      auto& diagnostic = sink.report("M007", location,
                                     fmt::format("pytest {} fails collection here (exit 2): {}{}", pytest.str(),
                                                 strict_first ? fmt::format("{} not found in `markers` configuration option", shown)
                                                              : fmt::format("Unknown {} mark, did you mean 'parametrize'?", shown),
                                                 more));
      diagnostic.severity = Severity::Error;
      if (mention.source && mention.source->slice(mention.span) == name) {
        diagnostic.fix =
            Fix{Applicability::Safe, "spell it parametrize", {Edit{mention.source, mention.span, "parametrize"}}};
      }
      continue;
    }

    std::string message;
    Severity severity = Severity::Warning;
    if (registration.state == Registration::PluginUnknown) {
      message = shown + " is " + registration.plugin->name + "'s marker, and paralint does not know whether " +
                registration.plugin->name + " is installed; without it, ";
      severity = Severity::Info;
    } else if (registration.state == Registration::PluginAbsent) {
      message = shown + " is " + registration.plugin->name + "'s marker, and " + registration.plugin->name + " " +
                absence(context, *registration.plugin) + ", so the mark does nothing; ";
    } else {
      message = "no `markers` line or plugin registers " + shown + "; ";
    }
    auto verdict = filters.find(name);
    if (verdict == filters.end()) verdict = filters.emplace(name, unknown_mark_filter(context, name)).first;
    const auto& filter = verdict->second;
    if (strict.enabled) {
      message += "with strict markers (" + strict.how + ") pytest " + pytest.str() +
                 " fails collection (exit 2): " + shown + " not found in `markers` configuration option";
      if (severity != Severity::Info) severity = Severity::Error;
    } else if (filter.action == "error") {
      message += "PytestUnknownMarkWarning is turned into an error by the warning filter `" + filter.filter +
                 "`, so collection fails (exit 2)";
      if (severity != Severity::Info) severity = Severity::Error;
    } else if (filter.action == "ignore") {
      message += "pytest would warn (PytestUnknownMarkWarning), but the filter `" + filter.filter +
                 "` hides it, and the test runs with a mark nothing registers";
    } else {
      message += "pytest warns \"Unknown pytest.mark." + name +
                 " - is this a typo?\" (PytestUnknownMarkWarning) and runs the test with a mark nothing registers";
    }
    message += more;
    if (hidden && registration.state == Registration::Unregistered) {
      message += "; " + opaque_note(context);
      severity = lowered(severity);
    }
    auto& diagnostic = sink.report("M007", location, message);
    diagnostic.severity = severity;
    if (const auto suggestion = closest_name(name, declared)) {
      diagnostic.help = "did you mean " + python::repr(*suggestion) + "? (declared in `markers`)";
    } else if (registration.state == Registration::Unregistered) {
      diagnostic.help = "declare it in `markers` (`" + name + ": what it marks`), or remove the mark";
    } else {
      diagnostic.help = "install " + registration.plugin->name + " and list it in required_plugins";
    }
  }
}

}  // namespace paralint::rules
