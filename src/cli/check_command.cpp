#include "paralint/cli/check_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "paralint/fix/fixer.hpp"
#include "paralint/fix/unified_diff.hpp"
#include "paralint/report/report.hpp"
#include "paralint/rules/measured_profile.hpp"
#include "paralint/rules/profile.hpp"
#include "paralint/scan/workspace.hpp"
#include "paralint/util/atomic_file.hpp"
#include "paralint/util/display_path.hpp"
#include "paralint/util/terminal_text.hpp"

namespace paralint::cli {

namespace {

namespace fs = std::filesystem;

bool color_wanted(int fd) {
  const char* no_color = std::getenv("NO_COLOR");  // NOLINT(concurrency-mt-unsafe): read once, single-threaded
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fd) != 0;
}

// Writes each fixed file, atomically; false, having said why, when one cannot be written.
bool write_fixed_files(const Fixer& fixer) {
  bool written = true;
  for (const auto& [path, file] : fixer.files()) {
    std::string error;
    if (!write_file_atomically(path, file.fixed, error)) {
      std::cerr << "paralint: " << printable(path.string()) << ": cannot write the fixes: " << error << "\n";
      written = false;
    }
  }
  return written;
}

// --diff: each file's diff on stdout, a count on stderr; exit 1 when something would change.
int report_diff(const Fixer& fixer, const fs::path& base, bool quiet) {
  std::string diffs;
  for (const auto& [path, file] : fixer.files()) diffs += unified_diff(file.original, file.fixed, display_path(path, base));
  emit(diffs);
  if (!quiet) {
    const auto files = fixer.files().size();
    std::cerr << (files == 0 ? std::string("No fixes to apply.")
                             : fmt::format("Would fix {} problem{} in {} file{}.", fixer.applied(),
                                           fixer.applied() == 1 ? "" : "s", files, files == 1 ? "" : "s"))
              << "\n";
  }
  return fixer.files().empty() ? 0 : 1;
}

}  // namespace

int run_check(const CheckOptions& options, std::string_view version) {
  std::optional<PythonEnvironment> python;
  if (!probe_requested_python(options.model, python)) return kExitUsage;
  std::optional<std::string> environment_addopts;
  if (options.model.use_environment) {
    if (const char* addopts = std::getenv("PYTEST_ADDOPTS")) environment_addopts = addopts;  // NOLINT(concurrency-mt-unsafe): read once, single-threaded
  }

  auto settings_flags = options.settings;
  if (options.profile) {
    // What the profile turns on comes on top of the selection in force, as --extend-select.
    const auto& wanted = find_profile(*options.profile)->select;
    auto& extend = settings_flags.overrides.extend_select;
    if (!extend) extend.emplace();
    extend->insert(extend->end(), wanted.begin(), wanted.end());
  }
  std::optional<MeasuredProfile> measured;
  if (options.bench_report) {
    std::string report_error;
    measured = read_measured_profile(*options.bench_report, report_error);
    if (!measured) {
      std::cerr << "paralint: --bench-report " << *options.bench_report << ": " << report_error << "\n";
      return kExitUsage;
    }
  } else if (options.profile == "measured") {
    std::cerr << "paralint: --profile measured applies what `paralint bench` measured: give its report with "
                 "--bench-report FILE (from `paralint bench --format json -o FILE`)\n";
    return kExitUsage;
  }
  auto resolver = settings_resolver(settings_flags, options.model);
  const auto paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  std::string error;
  std::optional<fs::path> config_file;
  if (options.model.config_file) {
    // As pytest -c FILE: that file, for every PATH; one that cannot be opened is a usage error.
    config_file = fs::absolute(*options.model.config_file).lexically_normal();
    std::error_code status_error;
    const auto status = fs::status(*config_file, status_error);
    if (!fs::exists(status)) {
      std::cerr << "paralint: -c " << *options.model.config_file << ": "
                << why_unusable(status_error) << "\n";
      return kExitUsage;
    }
  }
  std::vector<UnreadPath> unread;
  auto targets = expand_check_paths(paths, options.exclude, unread, error);
  if (!targets) {
    std::cerr << "paralint: " << error << "\n";
    return kExitUsage;
  }
  // Every target to check is known before any is checked: which reading reports a file
  // depends on all of them, and knowing it up front lets each result be reported and dropped.
  std::vector<std::pair<fs::path, const Settings*>> checked;
  for (const auto& target : *targets) {
    const auto* settings = resolver.resolve(target, error);
    if (settings == nullptr) {
      std::cerr << "paralint: " << error << "\n";
      return kExitUsage;
    }
    // The settings' exclude globs skip what the walk found, never a PATH given by name.
    const bool given = std::find(paths.begin(), paths.end(), target.string()) != paths.end();
    if (given || !settings->excludes(target)) checked.emplace_back(target, settings);
  }
  std::vector<fs::path> checked_paths;
  checked_paths.reserve(checked.size());
  for (const auto& entry : checked) checked_paths.push_back(entry.first);
  FileOwnership ownership(checked_paths);

  ReportOptions report;
  report.base = fs::current_path();
  report.format = *parse_output_format(options.format);
  report.tool_version = version;
  AtomicFileWriter output_file;
  ChunkedOutput to_file([&output_file](std::string_view text) { output_file.write(text); });
  std::unique_ptr<ReportWriter> file_report;
  if (options.output_file) {
    if (!output_file.open(*options.output_file, error)) {
      std::cerr << "paralint: --output-file " << *options.output_file << ": cannot write: " << error << "\n";
      return kExitUsage;
    }
    file_report = make_report_writer(report, [&to_file](std::string_view text) { to_file(text); });
    report.format = OutputFormat::Text;  // the file has the chosen format, the terminal the text
  }
  const bool machine = is_machine_format(report.format);
  report.color = !machine && color_wanted(STDOUT_FILENO);
  ChunkedOutput to_stdout(emit);
  // --diff prints diffs only: what is left after fixing is for the run that fixes.
  const auto terminal_report =
      options.diff ? nullptr : make_report_writer(report, [&to_stdout](std::string_view text) { to_stdout(text); });
  std::optional<Fixer> fixer;
  if (options.fix || options.diff) fixer.emplace(FixPolicy{options.unsafe_fixes});

  Summary summary;
  for (std::size_t index = 0; index < checked.size(); ++index) {
    const auto& [target, settings] = checked[index];
    auto request = settings->check_request(python ? &*python : nullptr);
    request.environment_addopts = environment_addopts;
    request.config_file = config_file;
    request.measured = measured;
    auto result = fixer ? fixer->fix(target, request, [&](CheckResult& seen) { ownership.keep_own(index, seen); }, error)
                        : check_path(target, request, error);
    if (!result) {
      std::cerr << "paralint: " << error << "\n";
      return kExitUsage;
    }
    result->fail_on = settings->fail_on.value;
    ownership.keep_own(index, *result);
    if (file_report) file_report->add(*result);
    if (terminal_report) terminal_report->add(*result);
    summary.add(*result);
  }
  if (fixer) {
    for (const auto& path : fixer->unsettled()) {
      std::cerr << "paralint: " << printable(path.string()) << ": the fixes still changed the file after "
                << kMaxFixPasses << " passes; what is left is reported\n";
    }
    if (options.show_fixes || (options.profile && !options.quiet)) {
      // A profile changes what the config does: each change is said, with the rule that made it.
      for (const auto& applied : fixer->applied_fixes()) {
        std::cerr << printable(display_path(applied.file, report.base)) << ":" << applied.line << ": " << applied.code
                  << " " << applied.message << "\n";
      }
    }
    if (options.diff) return report_diff(*fixer, report.base, options.quiet);
    if (!write_fixed_files(*fixer)) return kExitUsage;
    summary.set_fixed(fixer->applied(), fixer->files().size());
  }
  if (file_report) {
    file_report->finish();
    to_file.flush();
    if (!output_file.commit(error)) {
      std::cerr << "paralint: --output-file " << *options.output_file << ": cannot write: " << error << "\n";
      return kExitUsage;
    }
  }
  if (terminal_report) terminal_report->finish();
  to_stdout.flush();
  if (!options.quiet) {
    const auto shown = summary.render({options.statistics, color_wanted(machine ? STDERR_FILENO : STDOUT_FILENO)});
    if (machine) {
      std::cerr << shown << std::flush;
    } else {
      emit(shown);
    }
  }

  // Last, so that it is not lost above the report: what the walk could not look into.
  bool directory_unread = false;
  for (const auto& entry : unread) {
    const bool is_directory = entry.kind == UnreadPath::Kind::Directory;
    directory_unread = directory_unread || is_directory;
    std::cerr << "paralint: " << printable(entry.path.string()) << ": " << entry.reason
              << (is_directory ? ": not checked, nor anything below it\n" : ": its patterns were not applied\n");
  }
  // What was not looked into makes the run incomplete; an ignore file left out only widens it.
  if (directory_unread) return kExitUsage;
  return summary.failed() && !options.exit_zero ? 1 : 0;
}

void add_check_options(CLI::App& command, CheckOptions& options) {
  add_model_options(command, options.model);
  add_settings_options(command, options.settings);
  command
      .add_option("--exclude", options.exclude,
                  "skip paths below a directory PATH that match these gitignore-style globs (relative to it)")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--format", options.format, "output format")->check(CLI::IsMember(output_format_names()));
  command
      .add_option("-o,--output-file", options.output_file,
                  "write the report in --format to FILE (replaced whole); the terminal still gets the text")
      ->option_text("FILE");
  command.add_flag("--exit-zero", options.exit_zero, "exit 0 even when problems are found");
  command.add_flag("-q,--quiet", options.quiet, "print diagnostics only, no summary");
  command.add_flag("--statistics", options.statistics, "count the diagnostics of each rule");
  command.add_flag("--unsafe-fixes", options.unsafe_fixes,
                   "with --fix or --diff, apply the fixes that change what pytest runs too (see `paralint rule CODE`)");
  command.add_flag("--diff", options.diff,
                   "print what the fixes would change as a unified diff and write nothing; exit 1 when there is a change");
  command.add_flag("--show-fixes", options.show_fixes,
                   "with --fix or --diff, list each fix applied on stderr: where, which rule, what it did");
  command
      .add_option("--profile", options.profile,
                  "add a profile's rules to the selection; with --fix or `fix`, bring the config to it (rules/profiles/)")
      ->check(CLI::IsMember(profile_names()))
      ->option_text("NAME");
  command.add_option("--bench-report", options.bench_report,
                     "the JSON report of `paralint bench --format json -o FILE`: what it measured fastest, for rule "
                     "P003 (`--profile measured`)")
      ->option_text("FILE");
  command.add_option("PATH", options.paths,
                     "directories (as pytest started there sees them, and each directory below holding a config file) "
                     "or config files");
}

}  // namespace paralint::cli
