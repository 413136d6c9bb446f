#include "rules/addopts/addopts.hpp"
#include "rules/families.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& addopts_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"A001"}, check_inline_comments},           // inline-comment-in-addopts
      {{"A002", "A003"}, check_option_providers},  // unknown-option, option-of-missing-plugin
      {{"A004"}, check_option_values},             // invalid-option-value
      {{"A005"}, check_unbalanced_quotes},         // unbalanced-quote-in-addopts
      {{"A006", "A007"}, check_list_elements},     // list-element-with-spaces, non-string-addopts-item
      {{"A008"}, check_repeated_options},          // duplicate-or-conflicting-option
      {{"A009"}, check_run_slowing_options},       // run-slowing-option
      {{"A010"}, check_command_line_options},      // command-line-only-option
      {{"A011"}, check_optional_value_at_end},     // optional-value-option-last
      {{"A012"}, check_plugin_imports},            // plugin-not-importable
      {{"A013"}, check_missing_paths},             // addopts-path-not-found
      {{"A014"}, check_keyword_expression},        // invalid-keyword-expression
  };
  return functions;
}

}  // namespace paralint::rules
