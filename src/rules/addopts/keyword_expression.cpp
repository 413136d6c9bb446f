// A014 invalid-keyword-expression: pytest compiles `-k EXPR` (left-stripped) with the same
// grammar as `-m` (_pytest/mark/expression.py) when it deselects the collected tests; an
// expression that does not parse is a UsageError (exit 4) and no test runs. From 8.3 the
// grammar accepts `name(key=value)`, but KeywordMatcher refuses call arguments as soon as
// it evaluates the expression against a test.

#include <algorithm>

#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"
#include "rules/markers/mark_expression.hpp"

namespace paralint::rules {

namespace {

using addopts::location_of;

// Python's str.lstrip() for the ASCII whitespace an addopts value can hold.
std::size_t leading_whitespace(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\n\r\f\v");
  return first == std::string_view::npos ? text.size() : first;
}

}  // namespace

void check_keyword_expression(const CheckContext& context, DiagnosticSink& sink) {
  const auto* option = context.addopts.find_dest("pytest", "keyword");
  if (option == nullptr || !option->value) return;
  const std::string_view value = *option->value;
  const auto skipped = leading_whitespace(value);
  const auto text = value.substr(skipped);
  if (text.empty()) return;  // pytest: `if not keywordexpr: return`
  const auto& pytest = context.target.pytest();
  const auto expression = MarkExpression::parse(text, pytest);
  const auto& token = context.addopts.tokens[option->last_token];
  if (const auto& error = expression.error(); error && error->too_deep) {
    auto& diagnostic =
        sink.report("A014", location_of(context, token, value_subspan(*option, skipped + error->offset, 1)),
                    "pytest " + pytest.str() + " stops with INTERNALERROR (exit 3): " +
                        mark_expression_too_deep(error->message, "-k"));
    diagnostic.help = "write the expression flatter: `a or b or c` needs no parentheses";
    return;
  }
  if (const auto& error = expression.error()) {
    auto& diagnostic = sink.report("A014", location_of(context, token, value_subspan(*option, skipped + error->offset)),
                                   "pytest " + pytest.str() + " stops after collecting, before running any test (exit 4): " +
                                       mark_expression_usage_error(text, *error, "-k"));
    diagnostic.help =
        "-k takes substrings of test names joined by and, or, not and parentheses; characters other than letters, "
        "digits, _ : + - . [ ] \\ / end a name";
    return;
  }
  const auto& names = expression.names();
  const auto call = std::find_if(names.begin(), names.end(), [](const MarkExpressionName& name) { return name.with_arguments; });
  if (call == names.end()) return;
  auto& diagnostic = sink.report("A014", location_of(context, token, value_subspan(*option, skipped + call->offset)),
                                 "pytest " + pytest.str() + " parses `" + call->name +
                                     "(…)` but stops on the first collected test (exit 4): `Keyword expressions do not "
                                     "support call parameters.`");
  diagnostic.help = "keyword arguments (`name(key=value)`) work in -m expressions only";
}

}  // namespace paralint::rules
