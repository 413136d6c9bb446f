#pragma once
// The coverage rules (C…): the coverage.py config that pytest-cov makes coverage read while
// pytest starts (`--cov` in addopts).

#include "paralint/rules/rule.hpp"

namespace paralint::rules {

// C001 coverage-unknown-option.
void check_coverage_unknown_options(const CheckContext& context, DiagnosticSink& sink);
// C003 coverage-config-unreadable.
void check_coverage_config_readable(const CheckContext& context, DiagnosticSink& sink);
// C005 coverage-invalid-concurrency (the import part asks the --python interpreter).
void check_coverage_concurrency(const CheckContext& context, DiagnosticSink& sink);
// C004 coverage-setting-overridden.
void check_coverage_overridden_settings(const CheckContext& context, DiagnosticSink& sink);
// C002 coverage-plugin-not-importable (asks the --python interpreter).
void check_coverage_plugin_imports(const CheckContext& context, DiagnosticSink& sink);

}  // namespace paralint::rules
