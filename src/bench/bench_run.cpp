#include "paralint/bench/bench_run.hpp"

#include <cstdlib>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "paralint/read/source_text.hpp"
#include "paralint/util/embedded_data.hpp"
#include "paralint/util/subprocess.hpp"

namespace paralint {

namespace fs = std::filesystem;

BenchWorkspace::BenchWorkspace() {
  std::error_code error;
  auto base = fs::temp_directory_path(error);
  if (error) return;
  std::string folder = (base / "paralint-bench.XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) return;
  const auto probe = embedded_file("src/bench/paralint_bench_probe.py");
  if (!probe) return;
  std::ofstream out(fs::path(folder) / (std::string(kProbeModule) + ".py"), std::ios::binary);
  out << *probe;
  if (!out.flush()) return;
  folder_ = folder;
}

BenchWorkspace::~BenchWorkspace() {
  if (folder_.empty()) return;
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

namespace {

// The last lines pytest printed: what a failed run shows the user.
std::string tail_of(const fs::path& file, std::size_t lines) {
  std::string error;
  const auto bytes = read_file(file, error);
  if (!bytes) return {};
  std::string_view text = *bytes;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  std::size_t begin = text.size();
  for (std::size_t seen = 0; begin > 0 && seen < lines; --begin) {
    if (text[begin - 1] == '\n' && ++seen == lines) break;
  }
  return std::string(text.substr(begin));
}

// xdist's loadgroup reports a grouped test as NODEID@GROUP; the serial run names it NODEID.
std::string without_group_suffix(const std::string& node_id) {
  const auto at = node_id.rfind('@');
  const auto bracket = node_id.rfind(']');
  if (at == std::string::npos || (bracket != std::string::npos && bracket > at)) return node_id;
  return node_id.substr(0, at);
}

}  // namespace

bool read_probe_output(const std::string& json, RunMeasurement& into, bool loadgroup) {
  const auto probe = nlohmann::json::parse(json, nullptr, false);
  if (probe.is_discarded() || !probe.is_object() || !probe.contains("tests")) return false;
  const auto seconds = [&](const char* key) -> std::optional<double> {
    const auto found = probe.find(key);
    if (found == probe.end() || !found->is_number()) return std::nullopt;
    return found->get<double>();
  };
  const auto started = seconds("session_started");
  const auto collected = seconds("collection_finished");
  const auto finished = seconds("session_finished");
  if (started && collected) into.collection_seconds = *collected - *started;
  if (collected && finished) into.run_seconds = *finished - *collected;
  if (probe.value("workers_ready", nlohmann::json()).is_array()) {
    into.workers_started = static_cast<unsigned>(probe["workers_ready"].size());
  }
  if (const auto errors = probe.find("collect_errors"); errors != probe.end() && errors->is_array()) {
    for (const auto& error : *errors) {
      if (error.is_string()) into.collect_errors.push_back(error.get<std::string>());
    }
  }
  if (const auto groups = probe.find("groups"); groups != probe.end() && groups->is_object()) {
    for (const auto& [group, tests] : groups->items()) {
      if (!tests.is_array()) continue;
      for (const auto& test : tests) {
        if (test.is_string()) into.groups[group].push_back(test.get<std::string>());
      }
    }
  }
  if (probe.value("collected", nlohmann::json()).is_number_unsigned()) into.collected = probe["collected"].get<unsigned>();
  if (probe.value("exit_status", nlohmann::json()).is_number_integer()) into.exit_status = probe["exit_status"].get<int>();
  if (!probe["tests"].is_object()) return false;
  for (const auto& [node_id, test] : probe["tests"].items()) {
    if (!test.is_object()) continue;
    TestRun run;
    run.outcome = test.value("outcome", std::string("passed"));
    run.seconds = test.value("duration", 0.0);
    if (test.contains("worker") && test["worker"].is_string()) run.worker = test["worker"].get<std::string>();
    into.tests[loadgroup ? without_group_suffix(node_id) : node_id] = std::move(run);
  }
  return true;
}

RunMeasurement run_once(const BenchWorkspace& workspace, const RunRequest& request) {
  RunMeasurement measurement;
  const auto probe_output = workspace.folder() / "probe.json";
  const auto log = workspace.folder() / "pytest-output.txt";
  std::error_code ignored;
  fs::remove(probe_output, ignored);

  std::string python_path = workspace.folder().string();
  if (const char* inherited = std::getenv("PYTHONPATH"); inherited != nullptr && *inherited != '\0') {  // NOLINT(concurrency-mt-unsafe): bench runs on one thread
    python_path += ":" + std::string(inherited);
  }
  ProgramRun run;
  run.argv = request.argv;
  run.directory = request.project;
  run.output_file = log;
  run.timeout_seconds = request.timeout_seconds;
  run.environment = {
      {"PYTHONPATH", python_path},
      {"PARALINT_BENCH_OUTPUT", probe_output.string()},
      {"PYTHONDONTWRITEBYTECODE", "1"},  // no __pycache__ left in the project
      {"PYTEST_ADDOPTS", std::nullopt},  // the environment's addopts would change the experiment too
  };
  const auto exit = run_program(run);
  measurement.wall_seconds = exit.seconds;
  measurement.interrupted = exit.interrupted;
  if (exit.interrupted) {
    measurement.failure = "interrupted";
    return measurement;
  }
  if (exit.not_started) {
    measurement.failure = "cannot run " + request.argv.front();
    return measurement;
  }
  if (exit.timed_out) {
    measurement.failure = "timed out after " + std::to_string(static_cast<long>(request.timeout_seconds)) + " s (--timeout)";
    return measurement;
  }
  if (!exit.exit_code) {
    measurement.failure = "pytest was killed by signal " + std::to_string(exit.signal);
    return measurement;
  }
  std::string error;
  const auto probe = read_file(probe_output, error);
  if (!probe || !read_probe_output(*probe, measurement, request.loadgroup)) {
    measurement.failure = "pytest exited with status " + std::to_string(*exit.exit_code) + " before the session ended:\n" + tail_of(log, 12);
    return measurement;
  }
  measurement.exit_status = *exit.exit_code;
  // 0: all passed; 1: some tests failed (kept: a failure only in parallel is what bench looks
  // for). Anything else (2 interrupted, 3 internal error, 4 usage error, 5 no tests) measures
  // nothing.
  if (*exit.exit_code != 0 && *exit.exit_code != 1) {
    measurement.failure = "pytest exited with status " + std::to_string(*exit.exit_code) + ":\n" + tail_of(log, 12);
  }
  return measurement;
}

}  // namespace paralint
