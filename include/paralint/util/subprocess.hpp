#pragma once
// Runs a program and returns what it printed: the one way paralint asks an interpreter
// anything (installed distributions, importable modules, regex compilation).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "paralint/util/interrupt_cleanup.hpp"

namespace paralint {

// How long a program may take to answer unless a request says otherwise: --python-timeout,
// set once by the command line. 30 s: a cold interpreter importing a large environment
// answers in a few seconds; a pre-commit hook must not wait longer for one that hangs.
unsigned default_timeout_seconds();
void set_default_timeout_seconds(unsigned seconds);

struct ProcessRequest {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no '/'
  std::optional<std::filesystem::path> directory;  // where it runs; the current one if unset
  unsigned timeout_seconds = default_timeout_seconds();
  // Far above any answer (the distributions of a large environment are ~1 MiB), so that a
  // program that floods its output cannot exhaust memory.
  std::size_t max_output_bytes = std::size_t{16} << 20;
};

// Its standard output when it exits with status 0 (stdin and stderr are /dev/null);
// nullopt with `error` saying why not ("cannot run it", "it did not answer within 30 s",
// "it printed more than 16 MiB", …). The program runs in a process group of its own, which
// is killed when the answer is in, when the time or output runs out, and when paralint is
// interrupted (SIGINT, SIGTERM, SIGHUP) while it waits; if paralint is killed outright, the
// program is too (PR_SET_PDEATHSIG).
std::optional<std::string> run_and_capture(const ProcessRequest& request, std::string& error);

// A program run for how long it takes and how it ends, not for what it prints: `paralint
// bench` runs pytest this way.
struct ProgramRun {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no '/'
  std::optional<std::filesystem::path> directory;
  // On top of paralint's environment: a value sets the variable, nullopt removes it.
  std::vector<std::pair<std::string, std::optional<std::string>>> environment;
  std::filesystem::path output_file;  // stdout and stderr, together, truncated first
  double timeout_seconds = 600;
};

struct ProgramExit {
  std::optional<int> exit_code;  // absent when it did not exit by itself
  int signal = 0;                // the signal that ended it, when one did
  bool timed_out = false;        // killed at the timeout
  bool interrupted = false;      // killed because paralint was (see StopProgramsOnInterrupt)
  bool not_started = false;      // cannot run it (127) or enter its directory (126)
  double seconds = 0;            // wall time from start to end
};

// Runs it in a process group of its own, which is killed when it ends, at the timeout, and
// when paralint is interrupted while a StopProgramsOnInterrupt lives.
ProgramExit run_program(const ProgramRun& run);

// While it lives, SIGINT, SIGTERM and SIGHUP kill the process group run_program waits for
// and are remembered, instead of ending paralint: a long measurement stops cleanly and keeps
// what it measured. One lives at a time.
class StopProgramsOnInterrupt {
 public:
  StopProgramsOnInterrupt();
  ~StopProgramsOnInterrupt();
  StopProgramsOnInterrupt(const StopProgramsOnInterrupt&) = delete;
  StopProgramsOnInterrupt& operator=(const StopProgramsOnInterrupt&) = delete;
  StopProgramsOnInterrupt(StopProgramsOnInterrupt&&) = delete;
  StopProgramsOnInterrupt& operator=(StopProgramsOnInterrupt&&) = delete;

  [[nodiscard]] static bool interrupted();
  // The signal that interrupted paralint (0: none), to exit as it asked once the report is out.
  [[nodiscard]] static int signal_received();

 private:
  std::optional<InterruptHandlers> handlers_;  // installed once the flags are set
};

}  // namespace paralint
