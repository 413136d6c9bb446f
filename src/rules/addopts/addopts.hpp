#pragma once
// The addopts rules (A…): the arguments pytest prepends to every run, read as its argparse
// parser reads them (ParsedAddopts).

#include "paralint/rules/rule.hpp"

namespace paralint::rules {

void check_inline_comments(const CheckContext& context, DiagnosticSink& sink);        // A001
void check_option_providers(const CheckContext& context, DiagnosticSink& sink);       // A002, A003
void check_option_values(const CheckContext& context, DiagnosticSink& sink);          // A004
void check_unbalanced_quotes(const CheckContext& context, DiagnosticSink& sink);      // A005
void check_list_elements(const CheckContext& context, DiagnosticSink& sink);          // A006, A007
void check_repeated_options(const CheckContext& context, DiagnosticSink& sink);       // A008
void check_run_slowing_options(const CheckContext& context, DiagnosticSink& sink);    // A009
void check_command_line_options(const CheckContext& context, DiagnosticSink& sink);   // A010
void check_optional_value_at_end(const CheckContext& context, DiagnosticSink& sink);  // A011
void check_plugin_imports(const CheckContext& context, DiagnosticSink& sink);         // A012
void check_missing_paths(const CheckContext& context, DiagnosticSink& sink);          // A013
void check_keyword_expression(const CheckContext& context, DiagnosticSink& sink);     // A014

}  // namespace paralint::rules
