#include "rules/families.hpp"
#include "rules/markers/markers.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& marker_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"M001", "M002", "M003"}, check_marker_declarations},
      {{"M004"}, check_parallel_markers},
      {{"M005"}, check_strict_markers_missing},
      {{"M006"}, check_marker_expression},
      {{"M007"}, check_undeclared_markers},
      {{"M008"}, check_xdist_group_dist},
  };
  return functions;
}

}  // namespace paralint::rules
