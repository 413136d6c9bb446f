#pragma once
// Runs a program and returns what it printed: the one way paralint asks an interpreter
// anything (installed distributions, importable modules, regex compilation).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace paralint {

struct ProcessRequest {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no '/'
  std::optional<std::filesystem::path> directory;  // where it runs; the current one if unset
  unsigned timeout_seconds = 60;  // an import that hangs must not hang a pre-commit hook
};

// Its standard output when it exits with status 0 (stdin and stderr are /dev/null);
// nullopt with `error` saying why not ("cannot run it", "it did not answer within 60 s", …).
std::optional<std::string> run_and_capture(const ProcessRequest& request, std::string& error);

}  // namespace paralint
