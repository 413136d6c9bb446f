// S001 unused-suppression: a suppression that silenced nothing. Like ruff's RUF100, it judges
// only what this run could have seen: a code whose rule did not run on the file (not
// selected, or in per-file-ignores) is not called unused, so that a narrower run
// (`--select A` in a hook) does not flag every other suppression. S codes are never judged:
// whether they silence something is only known after this rule reported.

#include "rules/suppression/suppression_rules.hpp"

namespace paralint::rules {

namespace {

// Where the suppression looked, to follow "reports nothing".
std::string where(const Suppression& suppression) {
  if (suppression.scope == SuppressionScope::File) return " in this file";
  if (suppression.first_line == suppression.last_line) return " on line " + std::to_string(suppression.first_line);
  return " on lines " + std::to_string(suppression.first_line) + "–" + std::to_string(suppression.last_line);
}

}  // namespace

void check_unused_suppressions(const SuppressionReview& review, DiagnosticSink& sink) {
  for (const auto& suppression : review.suppressions) {
    if (!suppression.active()) continue;
    const auto& file = suppression.source->path();
    if (suppression.codes.empty()) {
      if (suppression.used) continue;
      auto& diagnostic = sink.report(
          "S001", Location::in(suppression.source, suppression.comment),
          suppression::comment_text(suppression) + " silences nothing: no rule reports" + where(suppression));
      diagnostic.fix = suppression::without_codes(
          suppression, [](const SuppressedCode&) { return true; }, "remove the suppression");
      continue;
    }
    auto unused = [&](const SuppressedCode& listed) {
      return listed.known && !listed.used && !listed.code.starts_with("S") && review.request.runs(listed.code, file);
    };
    std::vector<std::string> silent;
    std::vector<std::string> repeated;
    for (const auto& listed : suppression.codes) {
      if (listed.duplicate && listed.known) {
        repeated.push_back(listed.code);
      } else if (unused(listed)) {
        silent.push_back(listed.code);
      }
    }
    if (silent.empty() && repeated.empty()) continue;
    std::string message = suppression::comment_text(suppression);
    const bool nothing_below = suppression.scope == SuppressionScope::Entry && suppression.first_line == 0;
    if (!silent.empty()) {
      message += " silences nothing: " +
                 (nothing_below ? "no line follows it"
                                : suppression::code_list(silent) + (silent.size() == 1 ? " reports" : " report") +
                                      " nothing" + where(suppression));
    }
    if (!repeated.empty()) {
      message += std::string(silent.empty() ? "" : ";") + " lists " + suppression::code_list(repeated) + " twice";
    }
    auto& diagnostic = sink.report("S001", Location::in(suppression.source, suppression.comment), message);
    diagnostic.help = "paralint judges only the rules that ran on this file (selected, not in per-file-ignores)";
    diagnostic.fix = suppression::without_codes(
        suppression, [&](const SuppressedCode& listed) { return (listed.duplicate && listed.known) || unused(listed); },
        "remove what silences nothing");
  }
}

}  // namespace paralint::rules
