#include "rules/families.hpp"
#include "rules/keys/keys.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& key_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"K001", "K002", "K004", "K005"}, keys::check_unknown_keys},
      {{"K003"}, keys::check_value_types},
      {{"K006"}, keys::check_lazy_values},
      {{"K007"}, keys::check_minversion},
      {{"K008"}, keys::check_missing_required_plugins},
  };
  return functions;
}

}  // namespace paralint::rules
