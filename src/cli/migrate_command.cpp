#include "paralint/cli/migrate_command.hpp"

#include <filesystem>
#include <iostream>

#include "paralint/cli/command_line.hpp"
#include "paralint/fix/unified_diff.hpp"
#include "paralint/model/model_project.hpp"
#include "paralint/rules/check.hpp"
#include "paralint/util/atomic_file.hpp"
#include "paralint/util/directory_listing.hpp"
#include "paralint/util/display_path.hpp"
#include "paralint/util/terminal_text.hpp"

namespace paralint {

namespace {

namespace fs = std::filesystem;

std::string shown(const fs::path& path) { return printable(display_path(path, fs::current_path())); }

}  // namespace

int run_migration(const std::string& directory, const CheckRequest& request, const MigrationOptions& options,
                  bool diff_only) {
  std::error_code status_error;
  if (!fs::is_directory(fs::status(directory, status_error))) {
    std::cerr << "paralint: " << directory << ": "
              << (status_error ? why_unusable(status_error) : std::string("not a directory")) << "\n";
    return cli::kExitUsage;
  }
  std::string error;
  const auto project = model_project(directory, request.versions, {}, error);
  if (!project) {
    std::cerr << "paralint: " << error << "\n";
    return cli::kExitUsage;
  }
  const auto target = project_target(*project, request, error);
  if (!target) {
    std::cerr << "paralint: " << error << "\n";
    return cli::kExitUsage;
  }
  const KeyTyping typing{target->pytest(), [&](std::string_view key) {
                           return target->ini_key(SchemaSet::embedded(), key);
                         }};
  const auto plan = plan_migration(project->config, options, typing, error);
  if (!plan) {
    std::cerr << "paralint: migrate " << printable(directory) << ": " << error << "\n";
    return cli::kExitUsage;
  }
  if (diff_only) {
    std::string diffs;
    for (const auto& [path, bytes] : plan->writes) {
      const auto& before = plan->originals.at(path);
      diffs += unified_diff(before, bytes, display_path(path, fs::current_path()));
    }
    std::cout << diffs;
    for (const auto& path : plan->removals) std::cout << "would delete " << shown(path) << "\n";
    return 1;
  }
  for (const auto& [path, bytes] : plan->writes) {
    if (!write_file_atomically(path, bytes, error)) {
      std::cerr << "paralint: " << shown(path) << ": cannot write: " << error << "\n";
      return cli::kExitUsage;
    }
  }
  for (const auto& path : plan->removals) {
    std::error_code remove_error;
    if (!fs::remove(path, remove_error)) {
      std::cerr << "paralint: " << shown(path) << ": cannot delete: " << remove_error.message() << "\n";
      return cli::kExitUsage;
    }
    note_directories_changed();
  }
  std::cerr << "Moved " << plan->settings << " setting" << (plan->settings == 1 ? "" : "s") << " from "
            << shown(plan->from) << " [" << plan->from_section << "] to " << shown(plan->to) << " ["
            << plan->to_table << "]" << (plan->removals.empty() && !options.remove_old ? "" : "; the old ones are gone")
            << ".\n";
  if (options.to != MigrationTarget::Pyproject) {
    std::cerr << "Each value is typed as pytest " << target->pytest().str()
              << " and the modelled plugins register its key; pytest before 9.0 does not read "
              << (options.to == MigrationTarget::PytestToml ? "pytest.toml" : "[tool.pytest]") << ".\n";
  }
  for (const auto& key : plan->untyped_keys) {
    std::cerr << "note: no plugin paralint knows registers `" << key
              << "`: it stays a string; a plugin that registers it with another type raises TypeError on it.\n";
  }
  // What pytest reads now, found as it finds it (a file whose size or time changed is read afresh).
  const auto after = model_project(directory, request.versions, {}, error);
  if (!after || !after->config.configfile) return cli::kExitUsage;
  const auto reads = *after->config.configfile;
  std::cerr << "pytest " << after->versions.pytest.str() << " now reads " << shown(reads);
  if (reads != plan->to) {
    std::cerr << ", not " << shown(plan->to) << ": it comes first; pass --remove-old to take its settings out";
  }
  std::cerr << ".\n";
  return 0;
}

}  // namespace paralint
