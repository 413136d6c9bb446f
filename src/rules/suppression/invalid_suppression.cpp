// S002 invalid-suppression: a `paralint:` comment that silences nothing because paralint cannot
// read it (a directive it does not know, a missing or unclosed code list) or because a code in
// it names no rule (a typo, a family prefix, a code of another tool).

#include <algorithm>

#include "paralint/rules/rule_catalogue.hpp"
#include "paralint/util/spelling.hpp"
#include "rules/suppression/suppression_rules.hpp"

namespace paralint::rules {

namespace {

// What the code was probably meant to be, for the help line; empty when nothing is close.
std::string hint(std::string_view code) {
  const auto written = "`" + std::string(code) + "`";
  const auto& families = rule_families();
  const bool family = std::any_of(families.begin(), families.end(),
                                  [&](const RuleFamily& known) { return known.prefix == ascii_upper(code); });
  if (family) {
    return written +
           " is a family: a suppression names whole codes (per-file-ignores in paralint's settings "
           "turns a family off for a file)";
  }
  if (find_rule(ascii_upper(code)) != nullptr) return written + ": codes are upper case, `" + ascii_upper(code) + "`";
  for (const auto& rule : rule_index()) {
    if (edit_distance(ascii_upper(code), rule.code) == 1) return written + ": did you mean `" + std::string(rule.code) + "`?";
  }
  return {};
}

}  // namespace

void check_invalid_suppressions(const SuppressionReview& review, DiagnosticSink& sink) {
  for (const auto& suppression : review.suppressions) {
    if (!suppression.honoured) continue;
    const auto location = Location::in(suppression.source, suppression.comment);
    if (!suppression.problem.empty()) {
      sink.report(
          "S002", location,
          suppression::comment_text(suppression) + " is not a suppression paralint can read: " + suppression.problem);
      continue;
    }
    std::vector<std::string> unknown;
    std::vector<std::string> hints;
    for (const auto& listed : suppression.codes) {
      if (listed.known || std::find(unknown.begin(), unknown.end(), listed.code) != unknown.end()) continue;
      unknown.push_back(listed.code);
      if (auto text = hint(listed.code); !text.empty()) hints.push_back(std::move(text));
    }
    if (unknown.empty()) continue;
    auto& diagnostic = sink.report("S002", location,
                                   suppression::comment_text(suppression) + ": " + suppression::code_list(unknown) +
                                       (unknown.size() == 1 ? " names no paralint rule, so it silences nothing"
                                                            : " name no paralint rule, so they silence nothing"));
    std::string help;
    for (const auto& text : hints) help += (help.empty() ? "" : "; ") + text;
    diagnostic.help = help.empty() ? "`paralint rules` lists every code" : help;
    diagnostic.fix = suppression::without_codes(
        suppression, [](const SuppressedCode& listed) { return !listed.known; }, "remove the codes that name no rule");
  }
}

}  // namespace paralint::rules
