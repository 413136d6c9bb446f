#include "rules/addopts/addopts.hpp"
#include "rules/families.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& addopts_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"A001"}, check_inline_comments},
      {{"A002", "A003"}, check_option_providers},
      {{"A004"}, check_option_values},
      {{"A005"}, check_unbalanced_quotes},
      {{"A006", "A007"}, check_list_elements},
      {{"A008"}, check_repeated_options},
      {{"A009"}, check_run_slowing_options},
      {{"A010"}, check_command_line_options},
      {{"A011"}, check_optional_value_at_end},
  };
  return functions;
}

}  // namespace paralint::rules
