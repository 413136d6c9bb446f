#pragma once
// What `paralint bench` measures: the profiles (serial, and pytest-xdist's worker counts and
// distribution modes) and the exact pytest command line of each.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "paralint/schema/version.hpp"

namespace paralint {

struct BenchProfile {
  std::string name;                   // "serial", "-n 2 --dist loadfile", "-n auto"
  std::vector<std::string> arguments;  // what sets it apart: {"-n", "0"}, {"-n", "2", "--dist", "loadfile"}
  unsigned workers = 0;               // requested; 0 for serial and for -n auto
  bool auto_workers = false;          // -n auto: xdist counts the CPUs
  std::string dist;                   // "" when serial
  [[nodiscard]] bool serial() const { return dist.empty(); }
};

struct BenchPlanRequest {
  unsigned cores = 1;
  std::optional<Version> xdist;  // the installed pytest-xdist; none: only the serial profile
  std::vector<unsigned> workers;  // empty: 1, 2, 4, ... up to the cores, and the cores
  std::vector<std::string> dist_modes;  // empty: every mode this xdist has that spreads tests
};

// The distribution modes of an xdist release (from schemas/pytest-xdist.toml) that spread
// tests over workers: `each` (every test on every worker) and `no` are left out.
std::vector<std::string> spreading_dist_modes(const Version& xdist);

// Serial first, then -n auto, then each mode at each worker count, most workers first: when
// the budget runs out, what was measured is what says most. Empty with `error` set when the
// request names a mode or a count this xdist cannot run.
std::vector<BenchProfile> plan_profiles(const BenchPlanRequest& request, std::string& error);

// Everything that is the same in every run: the interpreter, the probe, the config's addopts
// without pytest-xdist's options (they are what each profile sets; a `-n` there would also
// turn the serial run parallel), no cache written into the project, and the user's extra
// arguments.
struct BenchCommand {
  std::filesystem::path python;
  std::vector<std::string> extra_arguments;  // after `--` on paralint's command line
  std::string addopts;  // the value given as `-o addopts=...`: "" clears them
};

// The config's addopts tokens without pytest-xdist's options and their values (`-n auto`,
// `--dist=loadscope`, `-nauto`, `--tx popen`, `-f` …, from the xdist schema's option names),
// joined as pytest's shlex.split reads them back. `dropped` receives what was taken out.
std::string addopts_without_xdist(const std::vector<std::string>& tokens, std::vector<std::string>& dropped);

// Words joined as Python's shlex.quote writes them: what shlex.split and a shell read back.
std::string shell_join(const std::vector<std::string>& words);

// The pytest command line of one profile, as paralint runs it and reports it.
std::vector<std::string> pytest_command(const BenchCommand& command, const BenchProfile& profile);

// The module name of the probe plugin paralint writes into its temporary folder.
inline constexpr const char* kProbeModule = "paralint_bench_probe";

}  // namespace paralint
