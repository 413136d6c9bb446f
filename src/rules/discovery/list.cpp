#include "rules/discovery/discovery.hpp"
#include "rules/families.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& discovery_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"D001"}, check_config_unreadable},
  };
  return functions;
}

}  // namespace paralint::rules
