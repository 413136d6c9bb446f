#include "rules/families.hpp"
#include "rules/xdist/xdist.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& xdist_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"X001", "X002"}, check_no_workers},
      {{"X003"}, check_debugger_with_workers},
      {{"X004", "X005"}, check_core_options_with_workers},
      {{"X006"}, check_worksteal_hang},
      {{"X007"}, check_deprecated_feature},
      {{"X008"}, check_single_worker},
      {{"X009"}, check_max_worker_restart},
      {{"X010"}, check_plugins_under_workers},
      {{"X011"}, check_parallel_profile_missing},
  };
  return functions;
}

}  // namespace paralint::rules
