// A011 optional-value-option-last: pytest puts the command line after addopts, so an
// option with an optional argument (nargs "?"/"*", such as pytest-cov's --cov) that ends
// addopts takes the first path typed on the command line as its argument.

#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

void check_optional_value_at_end(const CheckContext& context, DiagnosticSink& sink) {
  const auto& parsed = context.addopts;
  if (parsed.tokens.empty() || parsed.tokens.back().from_environment) return;
  const auto last = parsed.tokens.size() - 1;
  for (const auto& option : parsed.options) {
    if (option.option == nullptr || option.owner != OptionOwner::Active || !option.exists_in_version) continue;
    const auto arity = option.option->arity;
    if (option.last_token != last || option.value || (arity != Arity::Optional && arity != Arity::ZeroOrMore)) continue;
    const bool many = arity == Arity::ZeroOrMore;
    auto& diagnostic = sink.report(
        "A011", addopts::location_of(context, parsed.tokens[last], option.span),
        "`" + option.flag + "` ends addopts and takes " + (many ? "any number of arguments" : "an optional argument") +
            ": pytest appends the command line to addopts, so `pytest tests/` becomes `" + option.flag +
            " tests/`, where `tests/` is " + (many ? "one of its arguments" : "its argument") +
            " and not a test path, and pytest collects what a bare `pytest` collects");
    diagnostic.help =
        "give it its argument in the same word (`" + option.flag + "=…`), or move it before another option in addopts";
  }
}

}  // namespace paralint::rules
