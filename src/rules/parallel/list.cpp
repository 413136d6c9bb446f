#include "rules/families.hpp"
#include "rules/parallel/parallel.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& parallel_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"P001"}, check_workers_not_started},
      {{"P002"}, check_dist_mode_unset},
      {{"P003"}, check_measured_profile_differs},
  };
  return functions;
}

}  // namespace paralint::rules
