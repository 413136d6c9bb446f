#include "rules/families.hpp"
#include "rules/keys/keys.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& key_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"K001", "K002", "K004", "K005"}, check_unknown_keys},
      {{"K003"}, check_value_types},
      {{"K006"}, check_lazy_values},
      {{"K007"}, check_minversion},
      {{"K008"}, check_required_plugins},
  };
  return functions;
}

}  // namespace paralint::rules
