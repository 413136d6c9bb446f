#include "rules/discovery/discovery.hpp"
#include "rules/families.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& discovery_rules() {
  static const std::vector<RuleFunction> functions = {
      {{"D001"}, check_config_unreadable},
      {{"D002"}, check_config_shadowed},
      {{"D003"}, check_setup_cfg_pytest_section},
      {{"D004"}, check_config_without_section},
      {{"D005"}, check_section_never_read},
      {{"D006"}, check_native_toml_mode},
      {{"D007"}, check_no_config},
      {{"D008"}, check_toml_too_deep},
  };
  return functions;
}

}  // namespace paralint::rules
