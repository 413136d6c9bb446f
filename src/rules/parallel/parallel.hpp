#pragma once
// The parallel profile's rules (P…): what a config that runs its tests in parallel under
// pytest-xdist holds. Opt-in (rules/families.toml): `--profile parallel` or `--select P`.

#include "paralint/rules/rule.hpp"

namespace paralint::rules {

void check_workers_not_started(const CheckContext& context, DiagnosticSink& sink);  // P001
void check_dist_mode_unset(const CheckContext& context, DiagnosticSink& sink);      // P002
void check_measured_profile_differs(const CheckContext& context, DiagnosticSink& sink);  // P003

}  // namespace paralint::rules
