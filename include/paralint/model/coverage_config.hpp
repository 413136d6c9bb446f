#pragma once
// The config files coverage.py tries when pytest-cov starts it (coverage.config.
// config_files_to_try, read_coverage_config): the rcfile (`--cov-config`, default .coveragerc),
// then setup.cfg, tox.ini and pyproject.toml, in the directory pytest runs in. INI files are
// read with configparser's rules (RawConfigParser: `=` or `:`, option names lower-cased, no
// inline comments, indented continuation lines), pyproject.toml with tomllib's and only when a
// line starts `[tool.coverage.`, as coverage's TomlConfigParser decides.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "paralint/read/source_text.hpp"

namespace paralint {

struct CoverageOptionEntry {
  std::string name;  // as coverage asks for it: lower-cased in INI files
  Span span;         // the option name as written
  // The value as coverage's getlist reads it: lines, then commas, each stripped, empty ones
  // dropped (a TOML array: its strings).
  std::vector<std::string> list;
};

struct CoverageSection {
  std::string name;  // as written: "coverage:run", "run", "tool.coverage.run"
  Span span;
  std::vector<CoverageOptionEntry> options;

  [[nodiscard]] const CoverageOptionEntry* option(std::string_view option_name) const;
};

struct CoverageFile {
  std::string name;  // as coverage names it in its messages: ".coveragerc", "setup.cfg", …
  std::filesystem::path path;
  std::shared_ptr<const SourceText> source;
  bool ours = false;  // the rcfile: "[run]" counts as well as "[coverage:run]"
  bool toml = false;
  std::vector<CoverageSection> sections;
  // Why coverage cannot read it, in its words ("Couldn't read config file tox.ini: While
  // reading from 'tox.ini' [line  3]: …", first line), and where: coverage then stops with a
  // ConfigError. The rcfile named by --cov-config that does not exist has an error and no source.
  std::optional<std::string> error;
  Span error_span;

  // The section coverage reads for `section` ("run"): its prefixes in coverage's order.
  [[nodiscard]] const CoverageSection* find(std::string_view section) const;
};

// The files coverage would try, in its order, that exist and that it would read.
std::vector<CoverageFile> coverage_config_files(const std::filesystem::path& directory,
                                                const std::optional<std::string>& rcfile);

}  // namespace paralint
