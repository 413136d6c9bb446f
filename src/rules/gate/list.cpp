#include "rules/families.hpp"
#include "rules/gate/gate.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& gate_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"G001", "G002", "G003", "G004"}, check_gate_settings},
      {{"G005"}, check_required_plugins},
  };
  return functions;
}

}  // namespace paralint::rules
