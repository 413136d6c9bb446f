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
// absent. Its --cov-config names the rcfile; --cov=VALUE and --cov-branch set what the
// coverage config would.
struct CoverageStart {
  bool started = false;
  bool certain = true;  // false: pytest-cov's presence is unknown
  std::optional<std::string> rcfile;
  Span rcfile_span;           // the --cov-config option in the config file
  bool source_given = false;  // --cov=VALUE
  bool branch = false;        // --cov-branch
};

CoverageStart coverage_start(const CheckContext& context);

// The files coverage reads, in its order: up to the first that sets something (the rcfile
// always counts), which is the one whose settings it uses. It stops at a file it cannot read.
struct CoverageReading {
  std::vector<CoverageFile> files;
  bool settled = false;  // the last file is the one coverage uses
};

CoverageReading read_by_coverage(const CheckContext& context, const CoverageStart& start, const CoverageSchema& schema);

// What the coverage rules look at, found and read once for all of them.
struct CoverageCheck {
  const CheckContext& context;
  CoverageStart start;
  const CoverageSchema& schema;
  CoverageReading reading;

  // The file whose settings coverage uses; null when none sets anything or coverage stops at
  // one it cannot read.
  [[nodiscard]] const CoverageFile* used() const;
  // The [run] section of that file, or null.
  [[nodiscard]] const CoverageSection* run() const;
};

}  // namespace paralint::rules
