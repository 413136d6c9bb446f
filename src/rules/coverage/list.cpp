#include "rules/coverage/coverage.hpp"
#include "rules/families.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& coverage_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"C001"}, check_coverage_unknown_options},
      {{"C002"}, check_coverage_plugin_imports},
      {{"C003"}, check_coverage_config_readable},
      {{"C004"}, check_coverage_overridden_settings},
      {{"C005"}, check_coverage_concurrency},
  };
  return functions;
}

}  // namespace paralint::rules
