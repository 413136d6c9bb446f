#include "rules/families.hpp"

namespace paralint {

const std::vector<RuleFunction>& all_rule_functions() {
  static const std::vector<RuleFunction> functions = [] {
    std::vector<RuleFunction> out;
    for (const auto* family : {&rules::discovery_rules(), &rules::key_rules(), &rules::filterwarnings_rules(),
                               &rules::addopts_rules(), &rules::xdist_rules(), &rules::marker_rules(), &rules::gate_rules(),
                               &rules::parallel_rules(), &rules::coverage_rules()}) {
      out.insert(out.end(), family->begin(), family->end());
    }
    return out;
  }();
  return functions;
}

}  // namespace paralint
