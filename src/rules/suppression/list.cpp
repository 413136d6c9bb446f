#include "rules/suppression/suppression_rules.hpp"

namespace paralint {

const std::vector<SuppressionRuleFunction>& suppression_rule_functions() {
  static const std::vector<SuppressionRuleFunction> functions = {
      {{"S001"}, rules::check_unused_suppressions},
      {{"S002"}, rules::check_invalid_suppressions},
      {{"S003"}, rules::check_inline_suppressions_in_ini},
  };
  return functions;
}

}  // namespace paralint
