#pragma once
// The rule interface. A rule reads the CheckContext (never raw text) and reports through a
// DiagnosticSink, which fills in the rule's name and default severity from rules/CODE.toml.

#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/check_context.hpp"
#include "paralint/rules/diagnostic.hpp"

namespace paralint {

class DiagnosticSink {
 public:
  // Returns the new diagnostic so that a rule can lower its severity, add help or a fix.
  Diagnostic& report(std::string_view code, Location location, std::string message);
  [[nodiscard]] std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

using RuleCheck = void (*)(const CheckContext&, DiagnosticSink&);

// One check function may report several codes (a small group of related rules); `codes`
// lists them so that a run that selects none of them skips the function.
struct RuleFunction {
  std::vector<std::string_view> codes;
  RuleCheck check = nullptr;
};

// Every rule function, family by family (src/rules/*/list.cpp).
const std::vector<RuleFunction>& all_rule_functions();

}  // namespace paralint
