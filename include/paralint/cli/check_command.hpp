#pragma once
// `paralint check` and `paralint fix`: lint each PATH (or fix what it finds), report in the
// chosen formats, and exit 0 (nothing at or above --fail-on), 1, or 2 for a usage error or a
// path that could not be read.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/cli/command_line.hpp"

namespace paralint::cli {

struct CheckOptions {
  ModelOptions model;
  SettingsFlags settings;
  std::vector<std::string> paths;
  std::vector<std::string> exclude;
  std::string format = "text";
  std::optional<std::string> output_file;
  bool exit_zero = false;
  bool quiet = false;
  bool statistics = false;
  bool fix = false;           // --fix, or the `fix` command: write the fixed files
  bool unsafe_fixes = false;  // apply the fixes that change what runs, too
  bool diff = false;          // print what --fix would change, write nothing
  bool show_fixes = false;    // list every fix applied, with where and what it did
  std::optional<std::string> profile;  // --profile NAME: its rules added to the selection
  std::optional<std::string> bench_report;  // --bench-report FILE: what `paralint bench` measured (P003)
};

void add_check_options(CLI::App& command, CheckOptions& options);

// `version`: paralint's own, for the reports that name their tool (SARIF, JUnit).
int run_check(const CheckOptions& options, std::string_view version);

}  // namespace paralint::cli
