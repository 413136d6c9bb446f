#include "rules/families.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& filterwarnings_rules() {
  static const std::vector<RuleFunction> functions = {};
  return functions;
}

}  // namespace paralint::rules
