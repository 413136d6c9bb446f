#pragma once
// The xdist rules (X…): pytest-xdist and worker settings.

#include "paralint/rules/rule.hpp"

namespace paralint::rules {

void check_no_workers(const CheckContext& context, DiagnosticSink& sink);                 // X001, X002
void check_debugger_with_workers(const CheckContext& context, DiagnosticSink& sink);      // X003
void check_core_options_with_workers(const CheckContext& context, DiagnosticSink& sink);  // X004, X005
void check_worksteal_hang(const CheckContext& context, DiagnosticSink& sink);             // X006
void check_deprecated_feature(const CheckContext& context, DiagnosticSink& sink);         // X007
void check_single_worker(const CheckContext& context, DiagnosticSink& sink);              // X008
void check_max_worker_restart(const CheckContext& context, DiagnosticSink& sink);         // X009
void check_plugins_under_workers(const CheckContext& context, DiagnosticSink& sink);      // X010
void check_parallel_profile_missing(const CheckContext& context, DiagnosticSink& sink);   // X011

}  // namespace paralint::rules
