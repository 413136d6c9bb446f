#pragma once
// The options coverage.py reads from a config file, per release (schemas/coverage/coverage.toml,
// written by tools/extract_coverage_schema.py from each release's CONFIG_FILE_OPTIONS).
// pytest-cov starts coverage while pytest loads its config: these decide what coverage then
// warns about.

#include <string>
#include <string_view>
#include <vector>

#include "paralint/schema/schema.hpp"

namespace paralint {

struct CoverageOptionSchema {
  std::string section;  // "run", "report", "html", …
  std::string name;
  std::string type;  // how coverage reads it: boolean, int, float, list, linelist, file, string
  Availability availability;
};

class CoverageSchema {
 public:
  // Parsed on first use: only a project whose pytest run starts coverage needs it.
  static const CoverageSchema& embedded();
  static CoverageSchema parse(std::string_view text);

  [[nodiscard]] const std::vector<Version>& releases() const { return releases_; }
  [[nodiscard]] const std::vector<CoverageOptionSchema>& options() const { return options_; }
  // The sections coverage looks for unrecognized options in ([paths] and plugins' sections
  // are read differently), in the order coverage lists them.
  [[nodiscard]] std::vector<std::string> sections() const;

  enum class Knows { EveryRelease, SomeReleases, NoRelease };
  // Whether the listed releases read `section`/`name` (`name` as configparser lowercases it).
  [[nodiscard]] Knows knows(std::string_view section, std::string_view name) const;
  // The options of `section` some release reads, for did-you-mean.
  [[nodiscard]] std::vector<std::string> names_in(std::string_view section) const;
  // [run] concurrency: the values coverage accepts, and those of which it takes one at most.
  [[nodiscard]] const std::vector<std::string>& concurrency_choices() const { return concurrency_choices_; }
  [[nodiscard]] const std::vector<std::string>& concurrency_exclusive() const { return concurrency_exclusive_; }

 private:
  std::vector<Version> releases_;
  std::vector<CoverageOptionSchema> options_;
  std::vector<std::string> concurrency_choices_;
  std::vector<std::string> concurrency_exclusive_;
};

}  // namespace paralint
