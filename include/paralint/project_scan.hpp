#pragma once
// What the project registers itself and what its tests use, found statically with re2
// (nothing is imported): options and ini keys its conftest.py files and local plugins add
// with addoption/addini, markers they add with addinivalue_line("markers", …), and the
// marks test modules apply (@pytest.mark.NAME).

#include <filesystem>
#include <string>
#include <vector>

#include "paralint/config_model.hpp"

namespace paralint {

struct SourceMention {
  std::string name;
  std::filesystem::path file;
  std::size_t line = 0;  // 1-based
  std::size_t column = 0;  // 1-based, in code points
};

struct RegisteredOption {
  SourceMention where;  // name is the flag, e.g. "--run-slow"
  bool takes_value = true;
};

struct ProjectScan {
  std::vector<RegisteredOption> options;
  std::vector<SourceMention> ini_keys;
  std::vector<SourceMention> markers;       // names registered by code
  std::vector<SourceMention> marker_uses;   // @pytest.mark.NAME / pytest.mark.NAME(...) in tests
  std::vector<std::filesystem::path> scanned_files;
  // Code paralint cannot see through: plugins named in pytest_plugins or -p that are not
  // files under the rootdir, or addoption/addini calls whose name is not a literal. When
  // set, a name nobody registers may still come from there.
  std::vector<std::string> opaque_sources;
};

// Scans the conftest.py files under `config.rootdir` (skipping hidden, virtualenv and build
// folders) and the local plugin modules they or addopts name, and the test modules under
// testpaths (or the rootdir) for marker uses.
ProjectScan scan_project(const EffectiveConfig& config);

}  // namespace paralint
