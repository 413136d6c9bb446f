#pragma once
// What the coverage rules share: whether pytest-cov starts coverage, and which of the files
// coverage tries it reads (coverage.config.read_coverage_config).

#include <optional>
#include <string>
#include <vector>

#include "paralint/model/coverage_config.hpp"
#include "paralint/rules/check_context.hpp"
#include "paralint/schema/coverage_schema.hpp"

namespace paralint::rules {

// pytest-cov starts coverage: a --cov option in addopts from a pytest-cov not known to be
// absent. Its --cov-config names the rcfile.
struct CoverageStart {
  bool started = false;
  bool certain = true;  // false: pytest-cov's presence is unknown
  std::optional<std::string> rcfile;
  Span rcfile_span;  // the --cov-config option in the config file
};

CoverageStart coverage_start(const CheckContext& context);

// The files coverage reads, in its order: up to the first that sets something (the rcfile
// always counts), which is the one whose settings it uses. It stops at a file it cannot read.
struct CoverageReading {
  std::vector<CoverageFile> files;
  bool settled = false;  // the last file is the one coverage uses
};

CoverageReading read_by_coverage(const CheckContext& context, const CoverageStart& start, const CoverageSchema& schema);

}  // namespace paralint::rules
