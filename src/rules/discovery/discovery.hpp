#pragma once
// The discovery rules (D…): which file pytest reads, and what it never reads.

#include "paralint/rule.hpp"

namespace paralint::rules {

void check_config_unreadable(const CheckContext& context, DiagnosticSink& sink);

}  // namespace paralint::rules
