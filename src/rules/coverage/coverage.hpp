#pragma once
// The coverage rules (C…): the coverage.py config that pytest-cov makes coverage read while
// pytest starts (`--cov` in addopts).

#include <optional>
#include <string>
#include <vector>

#include "paralint/model/python_questions.hpp"
#include "paralint/rules/rule.hpp"
#include "rules/coverage/coverage_facts.hpp"

namespace paralint::rules {

// C001–C006, one function: coverage's files are found and read once for all of them, and the
// target interpreter is asked once about the plugins and the concurrency library.
void check_coverage_config(const CheckContext& context, DiagnosticSink& sink);

// C001 coverage-unknown-option.
void report_unknown_options(const CoverageCheck& check, DiagnosticSink& sink);
// C003 coverage-config-unreadable.
void report_unreadable_config(const CoverageCheck& check, DiagnosticSink& sink);
// C004 coverage-setting-overridden.
void report_overridden_settings(const CoverageCheck& check, DiagnosticSink& sink);
// C006 coverage-test-contexts-under-xdist.
void report_test_contexts(const CoverageCheck& check, DiagnosticSink& sink);
// C005 coverage-invalid-concurrency, what needs no interpreter; returns the light-thread
// library whose import the interpreter must confirm, if any.
std::optional<std::string> report_concurrency_values(const CoverageCheck& check, DiagnosticSink& sink);
// C005 for a library the interpreter cannot import.
void report_concurrency_import(const CoverageCheck& check, const std::string& library, const PluginAnswer& answer,
                               DiagnosticSink& sink);
// C002 coverage-plugin-not-importable: `answers` in the order of [run] plugins.
void report_plugin_imports(const CoverageCheck& check, const std::vector<PluginAnswer>& answers, DiagnosticSink& sink);

}  // namespace paralint::rules
