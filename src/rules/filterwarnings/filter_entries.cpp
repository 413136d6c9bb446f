// F001 invalid-filterwarnings-entry: a warning filter pytest cannot parse stops it at
// start-up ("while parsing the following warning configuration"), before any test runs.
// F002 unimportable-warning-category: a category pytest cannot resolve stops it the same
// way; from pytest 9.0 a category whose module cannot be imported only warns and the
// filter is skipped, unless an `error` filter turns that warning into an exception.

#include <map>
#include <set>

#include "paralint/model/python_questions.hpp"
#include "paralint/read/python_text.hpp"
#include "rules/filterwarnings/filterwarnings.hpp"
#include "rules/filterwarnings/python_regex.hpp"
#include "rules/filterwarnings/warning_filters.hpp"

namespace paralint::rules {

namespace {

// pytest 8.4 turned an invalid regex into a usage error; before, re.error escaped as a crash.
const Version kRegexUsageError{8, 4, 0};
// pytest 9.0 resolves a dotted category with importlib.import_module and only warns when
// the import fails (pytest #13732).
const Version kImportFailureWarns{9, 0, 0};
// pytest 8.4 puts the `pythonpath` entries on sys.path before it first applies the filters.
const Version kPythonpathFirst{8, 4, 0};

std::string stops(const Version& pytest) { return "pytest " + pytest.str() + " stops at start-up"; }

std::string describe(const WarningFilter& filter) {
  return filter.origin == FilterOrigin::Config ? "this filterwarnings entry" : "this -W filter";
}

struct Answers {
  std::optional<InterpreterAnswers> answers;
  std::string unavailable;  // why the interpreter could not answer
  std::map<std::string, std::size_t> category_index;
  std::map<std::string, std::size_t> pattern_index;
};

Answers ask(const CheckContext& context, const std::vector<const WarningFilter*>& filters) {
  Answers result;
  if (!context.target.interpreter) return result;
  InterpreterQuestions questions;
  for (const auto* filter : filters) {
    if (filter->too_many_fields()) continue;
    if (!filter->category().empty() &&
        result.category_index.emplace(filter->category(), questions.categories.size()).second) {
      questions.categories.push_back(filter->category());
    }
    if (filter->origin != FilterOrigin::Config) continue;
    for (const auto field : {kMessage, kModule}) {
      const auto& pattern = filter->fields.at(field);
      if (!pattern.empty() && result.pattern_index.emplace(pattern, questions.patterns.size()).second) {
        questions.patterns.push_back(pattern);
      }
    }
  }
  if (questions.categories.empty() && questions.patterns.empty()) return result;
  const auto& pytest = context.target.pytest();
  questions.start_dir = context.config.start_dir;
  if (pytest >= kPythonpathFirst) questions.pythonpath = pythonpath_entries(context.config);
  questions.import_module = pytest >= kImportFailureWarns;
  result.answers = ask_interpreter(*context.target.interpreter, questions, result.unavailable);
  return result;
}

void report_syntax(const CheckContext& context, DiagnosticSink& sink, const WarningFilter& filter,
                   const Answers& answers) {
  const auto& pytest = context.target.pytest();
  if (filter.too_many_fields()) {
    auto& diagnostic =
        sink.report("F001", context.at(filter.span),
                    stops(pytest) + ": " + describe(filter) + " has " + std::to_string(filter.field_count) +
                        " fields separated by ':', at most 5 are allowed (action:message:category:module:line)");
    diagnostic.help =
        "a ':' inside the message text ends the message field; match it with '.' in the regular expression";
    if (filter.origin == FilterOrigin::CommandLine)
      diagnostic.help = "a ':' inside the message text ends the message field";
    return;
  }
  const auto& action = filter.fields[kAction];
  if (!resolve_action(action)) {
    auto& diagnostic = sink.report("F001", context.at(filter.field_span(kAction)),
                                   stops(pytest) + ": invalid action: " + python::repr(action));
    diagnostic.help =
        "the action is one of default, always, ignore, module, once, error (or a prefix of one), in lower case";
  }
  bool unknown = false;
  if (const auto error = lineno_error(filter.fields[kLineno], unknown)) {
    auto& diagnostic =
        sink.report("F001", context.at(filter.field_span(kLineno)),
                    stops(pytest) + ": invalid lineno " + python::repr(filter.fields[kLineno]) + ": " + *error);
    diagnostic.help = "the last field is a line number (0 or more), or empty";
  }
  if (filter.origin != FilterOrigin::Config) return;  // -W text is escaped, never a regular expression
  for (const auto field : {kMessage, kModule}) {
    const auto& pattern = filter.fields.at(field);
    if (pattern.empty()) continue;
    std::optional<std::string> error;
    if (answers.answers) {
      const auto& answer = answers.answers->patterns.at(answers.pattern_index.at(pattern));
      if (!answer.valid) error = answer.error;
    } else {
      const auto verdict = check_python_regex(pattern);
      if (verdict.kind == RegexVerdict::Kind::Invalid) error = verdict.message;
    }
    if (!error) continue;
    const std::string what = field == kMessage ? "message" : "module";
    auto& diagnostic =
        pytest >= kRegexUsageError
            ? sink.report("F001", context.at(filter.field_span(field)),
                          stops(pytest) + ": the " + what + " field is not a valid regular expression: Invalid regex " +
                              python::repr(pattern) + ": " + *error)
            : sink.report("F001", context.at(filter.field_span(field)),
                          "pytest " + pytest.str() + " crashes at start-up: the " + what +
                              " field is not a valid regular expression (re.error: " + *error + ")");
    diagnostic.help = "filterwarnings " + what +
                      " fields are regular expressions (only -W escapes them); escape special characters with '\\'";
  }
}

// Whether pytest >= 9 stops on the PytestConfigWarning it issues for an unimportable module.
FilterDecision import_warning_decision(const FilterList& filters, const WarningFilter& filter,
                                       const std::string& module, const Version& pytest) {
  StartupWarning warning;
  warning.categories = {"pytest.PytestConfigWarning", "pytest.PytestWarning", "UserWarning", "Warning"};
  warning.message = "Failed to import filter module '" + module + "': " + filter.text;
  warning.module = "_pytest.config";
  return decide(filters, warning, pytest);
}

std::string top_module(const std::string& category) { return category.substr(0, category.find('.')); }

void report_category(const CheckContext& context, DiagnosticSink& sink, const FilterList& filters,
                     const WarningFilter& filter, const Answers& answers, std::set<std::string>& unchecked_modules) {
  const auto& pytest = context.target.pytest();
  const auto& category = filter.category();
  const auto location = context.at(filter.field_span(kCategory));
  if (!answers.answers) {
    const auto verdict = resolve_category_statically(category, pytest);
    if (verdict.kind == StaticCategory::Kind::Fails) {
      auto& diagnostic =
          sink.report("F002", location,
                      stops(pytest) + ": it cannot resolve the warning category `" + category + "`: " + verdict.reason);
      if (category.find('#') != std::string::npos) {
        diagnostic.help =
            "iniconfig keeps an inline comment as part of the value: put the comment on a line of its own";
      } else if (category.find(' ') != std::string::npos) {
        diagnostic.help =
            "a ':' inside the message text ends the message field, so the rest became the category; match it with '.'";
      } else {
        diagnostic.help = "name a warning class pytest " + pytest.str() + " can import, or remove the filter";
      }
    } else if (verdict.kind == StaticCategory::Kind::Unknown && unchecked_modules.insert(top_module(category)).second) {
      const auto why = context.target.interpreter ? "the interpreter could not be asked (" + answers.unavailable + ")"
                                                  : std::string("no interpreter was given (--python)");
      auto& diagnostic = sink.report("F002", location,
                                     "whether pytest can import `" + top_module(category) +
                                         "` for the warning category `" + category + "` is not checked: " + why);
      diagnostic.severity = Severity::Info;
      diagnostic.help = "pytest " + pytest.str() +
                        " stops at start-up when it cannot import a category's module; run with "
                        "--python pointing at the test environment's interpreter to check it";
    }
    return;
  }
  const auto& answer = answers.answers->categories.at(answers.category_index.at(category));
  if (answer.resolved) return;
  const auto python = *context.target.interpreter;
  if (answer.resolved_from_start_dir) {
    auto& diagnostic =
        sink.report("F002", location,
                    "the warning category `" + category +
                        "` resolves only when the start directory is on sys.path: `python -m pytest` run there "
                        "finds it, the `pytest` command stops at start-up (" +
                        answer.error + ")");
    diagnostic.severity = Severity::Warning;
    diagnostic.help =
        pytest >= kPythonpathFirst
            ? "install the project into the environment (pip install -e .) or list its directory in `pythonpath`"
            : "install the project into the environment (pip install -e .); pytest " + pytest.str() +
                  " applies filterwarnings before `pythonpath` and conftest.py take effect";
    return;
  }
  if (pytest >= kImportFailureWarns && answer.import_error) {
    const auto decision = import_warning_decision(filters, filter, answer.missing_module, pytest);
    const std::string warns = "pytest " + pytest.str() + " cannot import `" + answer.missing_module +
                              "` for the warning category `" + category + "` (" + answer.error +
                              "): it issues PytestConfigWarning: Failed to import filter module '" +
                              answer.missing_module + "'";
    if (decision.action == "error") {
      auto& diagnostic = sink.report(
          "F002", location,
          warns + ", which the `" + decision.filter->text + "` filter turns into an exception: pytest stops");
      if (!decision.certain) diagnostic.severity = Severity::Warning;
      diagnostic.help =
          "install the package that provides `" + category + "` in the test environment, or remove the filter";
    } else {
      auto& diagnostic = sink.report("F002", location, warns + " and skips the filter");
      diagnostic.severity = Severity::Warning;
      diagnostic.help =
          "install the package that provides `" + category + "` in the test environment, or remove the filter";
    }
    return;
  }
  auto& diagnostic = sink.report("F002", location,
                                 "pytest " + pytest.str() + " (" + python +
                                     ") stops at start-up: it cannot resolve the warning category `" + category +
                                     "`: " + answer.error);
  diagnostic.help = answer.import_error ? "install the package that provides `" + category +
                                              "` in the test environment, or remove the filter"
                                        : "name a warning class that exists, or remove the filter";
}

}  // namespace

void check_filter_entries(const CheckContext& context, DiagnosticSink& sink) {
  const auto filters = read_filters(context);
  std::vector<const WarningFilter*> located;
  for (const auto* list : {&filters.config, &filters.command_line}) {
    for (const auto& filter : *list) {
      if (filter.located) located.push_back(&filter);
    }
  }
  if (located.empty()) return;
  const auto answers = ask(context, located);
  std::set<std::string> unchecked_modules;
  for (const auto* filter : located) {
    report_syntax(context, sink, *filter, answers);
    if (!filter->too_many_fields() && !filter->category().empty()) {
      report_category(context, sink, filters, *filter, answers, unchecked_modules);
    }
  }
}

}  // namespace paralint::rules
