#pragma once
// The key rules (K…): ini keys pytest does not know in the target, values of the wrong type
// or outside what the reader accepts, minversion and required_plugins. The family lives in
// its own namespace so that its helpers never meet another family's names at link time.

#include "paralint/rules/rule.hpp"

namespace paralint::rules::keys {

// K001, K002, K004, K005: why a key is unknown to pytest in the target.
void check_unknown_keys(const CheckContext& context, DiagnosticSink& sink);
// K003: values whose TOML type the key's reader does not take.
void check_value_types(const CheckContext& context, DiagnosticSink& sink);
// K006: values the reader only rejects when something reads them.
void check_lazy_values(const CheckContext& context, DiagnosticSink& sink);
// K007: minversion above the target pytest, or not a version.
void check_minversion(const CheckContext& context, DiagnosticSink& sink);
// K008: required_plugins items pytest will report missing.
void check_missing_required_plugins(const CheckContext& context, DiagnosticSink& sink);

}  // namespace paralint::rules::keys
