// M006 invalid-marker-expression: the `-m` expression in addopts, parsed as the target
// pytest parses it. A syntax error stops pytest before it runs anything (UsageError, exit 4);
// a name that nothing registers and no test uses is always false, and no release up to 9.1
// says so (`-m typo` deselects every test, exit 5).

#include <algorithm>
#include <limits>
#include <map>

#include "paralint/read/python_text.hpp"
#include "rules/markers/mark_expression.hpp"
#include "rules/markers/markers.hpp"

namespace paralint::rules {

namespace {

// More names than this and "selects nothing" is not worked out (2^N assignments).
constexpr std::size_t kMaxEnumeratedNames = 12;
constexpr auto kUnassigned = std::numeric_limits<std::size_t>::max();

Location location_in_value(const CheckContext& context, const ParsedOption& option, std::size_t offset,
                           std::size_t length) {
  if (context.addopts.tokens[option.last_token].from_environment) return {"PYTEST_ADDOPTS", nullptr, {}};
  return context.at(value_subspan(option, offset, length));
}

bool used_in_tests(const CheckContext& context, std::string_view name) {
  return std::any_of(context.project.marker_uses.begin(), context.project.marker_uses.end(),
                     [&](const SourceMention& use) { return use.name == name; });
}

// Whether no test can match: every assignment of the known names leaves the expression false.
bool selects_nothing(const MarkExpression& expression, const std::vector<bool>& known) {
  std::map<std::string, std::size_t> variables;
  std::vector<std::size_t> variable_of(expression.names().size(), kUnassigned);
  for (std::size_t i = 0; i < expression.names().size(); ++i) {
    if (!known[i]) continue;
    const auto& name = expression.names()[i];
    // `db(url="x")` may hold where plain `db` does not: its own variable.
    const auto key = name.name + (name.with_arguments ? "(…)#" + std::to_string(i) : "");
    variable_of[i] = variables.emplace(key, variables.size()).first->second;
  }
  if (variables.size() > kMaxEnumeratedNames) return false;
  for (std::size_t bits = 0; bits < (std::size_t{1} << variables.size()); ++bits) {
    const bool selected = expression.evaluate([&](std::size_t index) {
      return variable_of[index] != kUnassigned && ((bits >> variable_of[index]) & 1U) != 0;
    });
    if (selected) return false;
  }
  return true;
}

}  // namespace

void check_marker_expression(const CheckContext& context, DiagnosticSink& sink) {
  const auto* option = context.addopts.find_dest("pytest", "markexpr");
  if (option == nullptr || !option->value || option->value->empty()) return;  // pytest: `if not matchexpr: return`
  const auto& text = *option->value;
  const auto& pytest = context.target.pytest();
  const auto expression = MarkExpression::parse(text, pytest);
  if (const auto& error = expression.error(); error && error->too_deep) {
    auto& diagnostic = sink.report("M006", location_in_value(context, *option, error->offset, 1),
                                   "pytest " + pytest.str() + " stops with INTERNALERROR (exit 3): " +
                                       mark_expression_too_deep(error->message, "-m"));
    diagnostic.help = "write the expression flatter: `a or b or c` needs no parentheses";
    return;
  }
  if (const auto& error = expression.error()) {
    auto& diagnostic =
        sink.report("M006", location_in_value(context, *option, error->offset, text.size() - error->offset),
                    "pytest " + pytest.str() +
                        " stops before running any test (exit 4): " + mark_expression_usage_error(text, *error));
    const bool keyword_form =
        pytest < Version{8, 3, 0} && error->message == "expected end of input; got left parenthesis";
    diagnostic.help = keyword_form ? "keyword arguments in -m (`name(key=value)`) need pytest 8.3.0 or newer"
                                   : "-m takes marker names joined by and, or, not and parentheses";
    return;
  }
  std::vector<bool> known(expression.names().size(), true);
  const bool hidden = registrations_may_be_hidden(context);
  std::vector<std::size_t> unknown;
  for (std::size_t i = 0; i < expression.names().size(); ++i) {
    const auto& name = expression.names()[i].name;
    const auto registration = marker_registration(context, name);
    if (registration.state == Registration::Registered || registration.state == Registration::PluginUnknown ||
        used_in_tests(context, name)) {
      continue;
    }
    known[i] = false;
    unknown.push_back(i);
  }
  if (unknown.empty()) return;
  const bool nothing = selects_nothing(expression, known);
  std::map<std::string, bool> reported;
  for (const auto index : unknown) {
    const auto& name = expression.names()[index];
    if (!reported.emplace(name.name, true).second) continue;
    // `not typo` only filters out tests that nothing marks: it deselects nothing.
    const bool only_negated = std::all_of(unknown.begin(), unknown.end(), [&](std::size_t other) {
      return expression.names()[other].name != name.name || expression.names()[other].negated;
    });
    const auto registration = marker_registration(context, name.name);
    std::string why = "no marker named " + python::repr(name.name) + " is declared, registered or used by any test";
    if (registration.state == Registration::PluginAbsent) {
      why = python::repr(name.name) + " is " + registration.plugin->name + "'s marker and " +
            registration.plugin->name + " " + absence(context, *registration.plugin);
    }
    std::string message = why + ", so it is false for every test";
    if (nothing) {
      message += ": `-m " + text + "` deselects every test and pytest exits 5 (\"no tests ran\")";
    } else if (only_negated) {
      message += ": `not " + name.name + "` in `-m " + text + "` filters nothing out";
    } else {
      message += ": that part of `-m " + text + "` never matches";
    }
    message += "; pytest " + pytest.str() + " does not check -m names";
    if (hidden) message += " (" + opaque_note(context) + ")";
    auto& diagnostic = sink.report("M006", location_in_value(context, *option, name.offset, name.name.size()), message);
    const auto severity = only_negated && !nothing ? Severity::Info : Severity::Warning;
    diagnostic.severity = hidden ? lowered(severity) : severity;
    diagnostic.help = "declare the marker in `markers` and apply it to the tests, or fix the name";
  }
}

}  // namespace paralint::rules
