#pragma once
// Runs a program and returns what it printed: the one way paralint asks an interpreter
// anything (installed distributions, importable modules, regex compilation).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

}  // namespace paralint
