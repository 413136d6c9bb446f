#pragma once
// The gate-hygiene rules (G…): settings that make a CI run trustworthy, graded on the
// config pytest actually reads, for the pytest release being modelled.

#include "paralint/rules/rule.hpp"
#include "rules/config_edits.hpp"

namespace paralint::rules {

// G001 minversion-missing, G002 strict-config-missing, G003 testpaths-missing,
// G004 xfail-strict-missing: one function, they share the section they point at.
void check_gate_settings(const CheckContext& context, DiagnosticSink& sink);
// G005 required-plugins-incomplete.
void check_required_plugins(const CheckContext& context, DiagnosticSink& sink);

}  // namespace paralint::rules
