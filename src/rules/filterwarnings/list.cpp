#include "rules/families.hpp"
#include "rules/filterwarnings/filterwarnings.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& filterwarnings_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"F001", "F002"}, check_filter_entries},
      {{"F003"}, check_shadowed_filters},
      {{"F004"}, check_startup_warnings},
  };
  return functions;
}

}  // namespace paralint::rules
