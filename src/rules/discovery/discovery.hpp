#pragma once
// The discovery rules (D…): which file pytest reads, and what it never reads.

#include "paralint/rules/rule.hpp"

namespace paralint::rules {

void check_config_unreadable(const CheckContext& context, DiagnosticSink& sink);
void check_config_shadowed(const CheckContext& context, DiagnosticSink& sink);
void check_setup_cfg_pytest_section(const CheckContext& context, DiagnosticSink& sink);
void check_config_without_section(const CheckContext& context, DiagnosticSink& sink);
void check_section_never_read(const CheckContext& context, DiagnosticSink& sink);
void check_native_toml_mode(const CheckContext& context, DiagnosticSink& sink);
void check_no_config(const CheckContext& context, DiagnosticSink& sink);
void check_toml_too_deep(const CheckContext& context, DiagnosticSink& sink);

}  // namespace paralint::rules
