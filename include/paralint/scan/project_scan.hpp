#pragma once
// What the project registers itself and what its tests use, found statically with re2
// (nothing is imported): options and ini keys its conftest.py files and local plugins add
// with addoption/addini, markers they add with addinivalue_line("markers", …), the marker
// names their hooks read (get_closest_marker("serial")), and the marks test modules apply
// (@pytest.mark.NAME).

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/model/config_model.hpp"
#include "paralint/read/source_text.hpp"

namespace paralint {

struct SourceMention {
  std::string name;
  std::filesystem::path file;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, in code points
  // The file's bytes and the name's bytes in them, so that a diagnostic can point there.
  std::shared_ptr<const SourceText> source;
  Span span;
};

struct RegisteredOption {
  SourceMention where;  // name is the flag, e.g. "--run-slow"
  bool takes_value = true;
};

struct ProjectScan {
  std::vector<RegisteredOption> options;
  std::vector<SourceMention> ini_keys;
  std::vector<SourceMention> markers;      // names registered by code
  std::vector<SourceMention> marker_uses;  // @pytest.mark.NAME / pytest.mark.NAME(...) in tests
  // Marker names project code looks up (get_closest_marker("x"), iter_markers(name="x"),
  // "x" in item.keywords, mark.name == "x"): a marker the project itself acts on.
  std::vector<SourceMention> marker_reads;
  // Names in `-m` expressions of the project's task and CI files (tox.ini commands, noxfile.py,
  // Makefile, .github/workflows/*.yml, …): runs that select or deselect tests by marker.
  std::vector<SourceMention> marker_selections;
  // Every Python file read, as its path's native string: a scan reads thousands, and a
  // std::filesystem::path splits its components on construction.
  std::vector<std::string> scanned_files;
  // Code paralint cannot see through: plugins named in pytest_plugins or -p that are not
  // files under the rootdir, addoption/addini/addinivalue_line calls whose name is not a
  // literal, and a scan stopped by its budget. When set, a name nobody registers may still
  // come from there. Each entry says where and what ("conftest.py:3: pytest_plugins 'x'").
  std::vector<std::string> opaque_sources;
  // Files the scan found and could not read (a FIFO or a device where a test module should
  // be, no permission), each with why: what they register or use is unknown.
  std::vector<std::string> unread_files;
};

// Limits that keep the scan cheap enough for a pre-commit hook on a large tree.
struct ScanBudget {
  std::size_t max_directory_entries = 200'000;                // entries looked at while walking
  std::size_t max_files = 20'000;                             // Python files read
  std::size_t max_file_bytes = std::size_t{2} * 1024 * 1024;  // a larger file is generated, not written: skipped
  std::size_t max_total_bytes = std::size_t{256} * 1024 * 1024;
};

struct ScanOptions {
  ScanBudget budget;
  // Whether a plugin named by `-p NAME` or pytest_plugins is one whose registrations
  // paralint already knows (a schema); otherwise an unresolved name is opaque.
  std::function<bool(std::string_view)> is_known_plugin;
};

// Scans the conftest.py files under `config.rootdir` (skipping hidden, virtualenv and build
// folders) and the local plugin modules they or addopts name, the test modules under
// testpaths (or the rootdir) for marker uses, and the task and CI files at the rootdir for
// `-m` expressions. Known plugins are the embedded schemas'.
ProjectScan scan_project(const EffectiveConfig& config);
ProjectScan scan_project(const EffectiveConfig& config, const ScanOptions& options);

}  // namespace paralint
