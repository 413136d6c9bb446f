#pragma once
// `paralint bench`'s reports: a table for a person, JSON for CI, an SVG plot of speed-up
// against workers for each distribution mode (one self-contained file, no network).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "paralint/bench/bench_analysis.hpp"

namespace paralint {

struct BenchReport {
  std::filesystem::path project;
  std::filesystem::path python;
  std::string pytest_version;
  std::optional<std::string> xdist_version;
  unsigned cpus = 1;
  unsigned runs_per_profile = 1;
  std::string stopped;  // "": every run done; else "budget" or "interrupted"
  // The config pytest reads ("pytest.ini", "pyproject.toml"; empty: none) and its format, for
  // the settings to write: "ini" (pytest.ini, tox.ini, setup.cfg), "ini_options" or "native".
  std::string config_file;
  std::string config_format;
  std::string kept_addopts;                  // the config's addopts given to every run (-o addopts=...)
  std::vector<std::string> dropped_addopts;  // its pytest-xdist options, left to each profile
  std::vector<ProfileMeasurements> profiles;
  BenchAnalysis analysis;
};

// The addopts setting that applies the recommendation, as written in the config's format.
std::string recommended_setting(const BenchReport& report);

std::string bench_table(const BenchReport& report);
std::string bench_json(const BenchReport& report);
std::string bench_svg(const BenchReport& report);

}  // namespace paralint
