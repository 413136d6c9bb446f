#include "rules/coverage/coverage.hpp"
#include "rules/families.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& coverage_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"C001", "C002", "C003", "C004", "C005", "C006"}, check_coverage_config},
  };
  return functions;
}

}  // namespace paralint::rules
