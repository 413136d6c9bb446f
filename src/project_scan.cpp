#include "paralint/project_scan.hpp"

namespace paralint {

ProjectScan scan_project(const EffectiveConfig& /*config*/) { return {}; }

}  // namespace paralint
