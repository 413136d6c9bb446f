#include "paralint/cli/bench_command.hpp"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "paralint/bench/bench_analysis.hpp"
#include "paralint/bench/bench_plan.hpp"
#include "paralint/bench/bench_report.hpp"
#include "paralint/bench/bench_run.hpp"
#include "paralint/cli/command_line.hpp"
#include "paralint/model/model_project.hpp"
#include "paralint/read/value.hpp"
#include "paralint/util/atomic_file.hpp"
#include "paralint/util/subprocess.hpp"

namespace paralint::cli {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> items;
  std::size_t begin = 0;
  while (begin <= list.size()) {
    const auto comma = std::min(list.find(',', begin), list.size());
    if (comma > begin) items.push_back(list.substr(begin, comma - begin));
    begin = comma + 1;
  }
  return items;
}

}  // namespace

void add_bench_options(CLI::App& command, BenchOptions& options) {
  command.add_option("DIR", options.directory, "the project whose suite is run, where pytest starts (default .)");
  command.add_option("--python", options.python,
                     "interpreter that runs pytest (default: the project's .venv or venv, $VIRTUAL_ENV, then python3 "
                     "on PATH, then /usr/bin/python3: the first that imports pytest)");
  command.add_option("--runs", options.runs, "runs of each profile; the median is reported")->check(CLI::Range(1U, 100U));
  // One value each, split at commas here: CLI11's list options would also take DIR.
  command.add_option_function<std::string>(
      "--workers",
      [&options](const std::string& list) {
        for (const auto& count : split_list(list)) options.workers.push_back(static_cast<unsigned>(std::stoul(count)));
      },
      "worker counts for -n, e.g. 2,4 (default 1, 2, 4, ... up to the CPUs)")
      ->check([](const std::string& list) {
        const auto counts = split_list(list);
        const bool numbers = !counts.empty() && std::all_of(counts.begin(), counts.end(), [](const std::string& count) {
          return !count.empty() && count.size() < 6 && count.find_first_not_of("0123456789") == std::string::npos;
        });
        return numbers ? std::string() : "a comma-separated list of worker counts: " + list;
      })
      ->option_text("N,...");
  command.add_option_function<std::string>(
      "--dist", [&options](const std::string& list) { options.dist_modes = split_list(list); },
      "distribution modes, e.g. load,loadfile (default: every one the installed pytest-xdist has but each and no)")
      ->option_text("MODE,...");
  command.add_option("--budget", options.budget_seconds,
                     "seconds the whole measurement may take: no run starts that would end after it")
      ->check(CLI::PositiveNumber)
      ->option_text("SECONDS");
  command.add_option("--timeout", options.timeout_seconds, "seconds one run may take before it is killed (default 600)")
      ->check(CLI::PositiveNumber)
      ->option_text("SECONDS");
  command.add_option("--format", options.format, "report format")->check(CLI::IsMember({"table", "json"}));
  command.add_option("-o,--output", options.output, "write the report to this file instead of standard output");
  command.add_option("--svg", options.svg, "also write a plot of speed-up against workers to this SVG file");
  command.add_flag("--no-progress", options.no_progress, "no progress line on a terminal's standard error");
  command.add_option("PYTEST_ARGS", options.pytest_arguments, "after --: arguments added to every pytest run")
      ->expected(-1);
}

namespace {

bool imports_pytest(const fs::path& python, std::optional<PythonEnvironment>& environment) {
  std::string error;
  environment = probe_python(python, error);
  return environment && environment->pytest_version;
}

// The interpreter the project's tests run with: a virtual environment of the project or of
// the shell first, then the system's.
std::optional<PythonEnvironment> find_python(const fs::path& project, std::string& tried) {
  std::vector<fs::path> candidates{project / ".venv/bin/python", project / "venv/bin/python"};
  if (const char* virtual_env = std::getenv("VIRTUAL_ENV"); virtual_env != nullptr && *virtual_env != '\0') {  // NOLINT(concurrency-mt-unsafe): single-threaded
    candidates.push_back(fs::path(virtual_env) / "bin/python");
  }
  candidates.emplace_back("python3");
  candidates.emplace_back("/usr/bin/python3");
  for (const auto& candidate : candidates) {
    std::error_code missing;
    if (candidate.has_parent_path() && !fs::exists(candidate, missing)) continue;
    std::optional<PythonEnvironment> environment;
    if (imports_pytest(candidate, environment)) return environment;
    tried += (tried.empty() ? "" : ", ") + candidate.string();
  }
  return std::nullopt;
}

unsigned usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1U, std::thread::hardware_concurrency());
}

std::optional<std::string> xdist_version(const PythonEnvironment& environment) {
  for (const auto& plugin : environment.plugins) {
    if (plugin.distribution == "pytest-xdist") return plugin.version;
  }
  return std::nullopt;
}

// Which file pytest reads, in which format a setting is written there, and its addopts
// without pytest-xdist's options (what every run keeps of them).
void describe_config(const fs::path& project, const PythonEnvironment& python, BenchReport& report) {
  std::string error;
  const VersionRequest request{std::nullopt, std::nullopt, &python};
  const auto modelled = model_project(project, request, {}, error);
  if (!modelled || !modelled->config.configfile) return;
  const auto& config = modelled->config;
  report.config_file = config.configfile->lexically_proximate(project).string();
  // Native tables (pytest 9) hold typed values; an INI-mode TOML table, strings.
  report.config_format = config.mode == ValueMode::Toml                 ? "native"
                         : config.configfile->extension() == ".toml" ? "ini_options"
                                                                     : "ini";
  std::vector<std::string> tokens;
  for (const auto& token : config.addopts) {
    if (!token.from_environment) tokens.push_back(token.value.is_string() ? token.value.string : python_str(token.value));
  }
  report.kept_addopts = addopts_without_xdist(tokens, report.dropped_addopts);
}

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO) == 1) {}
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ProgressLine(ProgressLine&&) = delete;
  ProgressLine& operator=(ProgressLine&&) = delete;

  void show(std::size_t done, std::size_t total, const std::string& what, double elapsed) const {
    if (!enabled_) return;
    constexpr std::size_t kBarWidth = 20;
    const auto filled = total == 0 ? 0 : done * kBarWidth / total;
    std::cerr << fmt::format("\r\033[K[{}{}] {}/{}  {}  {:.0f} s", std::string(filled, '#'),
                             std::string(kBarWidth - filled, '.'), done, total, what, elapsed)
              << std::flush;
  }
  void clear() const {
    if (enabled_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool enabled_;
};

bool write_report(const std::optional<std::string>& path, const std::string& text) {
  if (!path) {
    emit(text);
    return true;
  }
  std::string error;
  if (write_file_atomically(*path, text, error)) return true;
  std::cerr << "paralint: cannot write " << *path << ": " << error << "\n";
  return false;
}

}  // namespace

int run_bench(const BenchOptions& options) {
  std::error_code error;
  const auto project = fs::absolute(options.directory, error);
  if (error || !fs::is_directory(project, error)) {
    std::cerr << "paralint: " << options.directory << ": not a directory (bench runs the suite pytest finds there)\n";
    return kExitUsage;
  }
  std::optional<PythonEnvironment> python;
  if (options.python) {
    if (!imports_pytest(*options.python, python)) {
      std::cerr << "paralint: --python " << *options.python << ": cannot run it, or it cannot import pytest\n";
      return kExitUsage;
    }
  } else {
    std::string tried;
    python = find_python(project, tried);
    if (!python) {
      std::cerr << "paralint: no interpreter that imports pytest (tried " << tried << "); name one with --python\n";
      return kExitUsage;
    }
  }

  BenchReport report;
  report.project = project;
  report.python = python->interpreter;
  report.pytest_version = *python->pytest_version;
  report.xdist_version = xdist_version(*python);
  report.cpus = usable_cpus();
  report.runs_per_profile = options.runs;
  describe_config(project, *python, report);

  BenchPlanRequest plan{report.cpus, std::nullopt, options.workers, options.dist_modes};
  if (report.xdist_version) plan.xdist = Version::parse(*report.xdist_version);
  std::string plan_error;
  const auto profiles = plan_profiles(plan, plan_error);
  if (profiles.empty()) {
    std::cerr << "paralint: " << plan_error << "\n";
    return kExitUsage;
  }
  const BenchCommand command{python->interpreter, options.pytest_arguments, report.kept_addopts};
  for (const auto& profile : profiles) report.profiles.push_back({profile, pytest_command(command, profile), {}});

  const BenchWorkspace workspace;
  if (!workspace.ready()) {
    std::cerr << "paralint: cannot create a temporary folder for the probe plugin\n";
    return kExitUsage;
  }
  const StopProgramsOnInterrupt stop_on_interrupt;
  ProgressLine progress(!options.no_progress);
  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  const auto total = profiles.size() * options.runs;
  std::size_t done = 0;
  // Round by round: a budget that runs out leaves every profile measured as often as the
  // others, and a machine that slows down mid-way slows every profile alike.
  for (unsigned round = 0; round < options.runs && report.stopped.empty(); ++round) {
    for (auto& measured : report.profiles) {
      if (options.budget_seconds) {
        const auto& runs = measured.runs;
        const double expected = !runs.empty() ? runs.back().wall_seconds
                                : !report.profiles.front().runs.empty() ? report.profiles.front().runs.back().wall_seconds
                                                                        : 0.0;
        if (elapsed() + expected > *options.budget_seconds) {
          report.stopped = "budget";
          break;
        }
      }
      progress.show(done, total, fmt::format("{} (run {}/{})", measured.profile.name, round + 1, options.runs), elapsed());
      if (StopProgramsOnInterrupt::interrupted()) {
        report.stopped = "interrupted";
        break;
      }
      auto run = run_once(workspace, {project, measured.command, options.timeout_seconds, measured.profile.dist == "loadgroup"});
      if (run.interrupted) {
        report.stopped = "interrupted";
        break;
      }
      measured.runs.push_back(std::move(run));
      ++done;
    }
  }
  progress.clear();

  report.analysis = analyse(report.profiles, report.xdist_version.has_value());
  const auto text = options.format == "json" ? bench_json(report) : bench_table(report);
  bool written = write_report(options.output, text);
  if (options.svg) {
    std::string svg_error;
    if (!write_file_atomically(*options.svg, bench_svg(report), svg_error)) {
      std::cerr << "paralint: cannot write " << *options.svg << ": " << svg_error << "\n";
      written = false;
    }
  }
  if (report.stopped == "interrupted") return 128 + StopProgramsOnInterrupt::signal_received();
  if (!written) return kExitUsage;
  const bool serial_measured = report.analysis.summaries.front().measured_runs > 0;
  return !serial_measured || !report.analysis.hazards.empty() ? 1 : 0;
}

}  // namespace paralint::cli
