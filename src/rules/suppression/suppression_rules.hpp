#pragma once
// The suppression rules (S): judged after every other rule ran and the suppression comments
// were applied (src/rules/suppression.cpp).

#include <functional>
#include <string>

#include "paralint/rules/suppression.hpp"

namespace paralint::rules {

void check_unused_suppressions(const SuppressionReview& review, DiagnosticSink& sink);         // S001
void check_invalid_suppressions(const SuppressionReview& review, DiagnosticSink& sink);        // S002
void check_inline_suppressions_in_ini(const SuppressionReview& review, DiagnosticSink& sink);  // S003

namespace suppression {

// The comment as written, for messages: `# paralint: ignore[A001]`.
std::string comment_text(const Suppression& suppression);

// The comment without the codes `drop` picks: the list rewritten, or the whole comment (its
// line too when it stands alone) when no code is left.
Fix without_codes(const Suppression& suppression, const std::function<bool(const SuppressedCode&)>& drop,
                  std::string message);

// "A001", "A001 and K003", "A001, K003 and M004".
std::string code_list(const std::vector<std::string>& codes);

}  // namespace suppression

}  // namespace paralint::rules
