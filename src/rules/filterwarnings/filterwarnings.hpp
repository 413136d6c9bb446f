#pragma once
// The filterwarnings rules (F…): warning filters pytest cannot parse, categories it cannot
// import, filters that never take effect, and start-up warnings a filter makes fatal.

#include "paralint/rules/rule.hpp"

namespace paralint::rules {

// F001 invalid-filterwarnings-entry and F002 unimportable-warning-category: one function,
// so that the target interpreter is asked once about every category and pattern.
void check_filter_entries(const CheckContext& context, DiagnosticSink& sink);
// F003 ignore-before-catch-all-error.
void check_shadowed_filters(const CheckContext& context, DiagnosticSink& sink);
// F004 startup-warning-made-fatal.
void check_startup_warnings(const CheckContext& context, DiagnosticSink& sink);

}  // namespace paralint::rules
