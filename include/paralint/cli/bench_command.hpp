#pragma once
// `paralint bench`: runs the project's suite under serial and pytest-xdist profiles, with the
// real interpreter, and reports what each gave (src/bench/).

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace paralint::cli {

struct BenchOptions {
  std::string directory = ".";
  std::optional<std::string> python;
  unsigned runs = 3;
  std::vector<unsigned> workers;
  std::vector<std::string> dist_modes;
  std::optional<double> budget_seconds;
  double timeout_seconds = 600;
  std::string format = "table";
  std::optional<std::string> output;
  std::optional<std::string> svg;
  bool no_progress = false;
  std::vector<std::string> pytest_arguments;  // after `--`
};

void add_bench_options(CLI::App& command, BenchOptions& options);

// The process exit code: 0 measured; 1 when a test fails only in parallel or the serial run
// measured nothing; 2 for a usage error, a folder that is not one, an interpreter without
// pytest, or a report that cannot be written; 128 + the signal when interrupted (after the
// report of what was measured).
int run_bench(const BenchOptions& options);

}  // namespace paralint::cli
