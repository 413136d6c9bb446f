#pragma once
// One run of pytest for `paralint bench`: started with the probe plugin, timed, and read
// back (collection and session times, workers started, each test's outcome).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "paralint/bench/bench_plan.hpp"

namespace paralint {

struct TestRun {
  std::string outcome;  // passed, failed, error, skipped
  double seconds = 0;   // setup + call + teardown, as pytest reports them
  std::string worker;   // gw0, gw1, …; "" when serial
};

struct RunMeasurement {
  double wall_seconds = 0;                  // the whole pytest process, interpreter start included
  std::optional<double> collection_seconds;  // session start to the end of collection (the last worker's)
  std::optional<double> run_seconds;         // end of collection to the end of the session
  std::optional<int> exit_status;
  unsigned workers_started = 0;  // distinct workers (a worker restarted after a crash counts once)
  unsigned collected = 0;
  std::vector<std::string> collect_errors;  // node ids whose collection failed (a worker's, under xdist)
  // The tests of each xdist_group, by group name (known where the run collects itself: serial).
  std::map<std::string, std::vector<std::string>> groups;
  std::map<std::string, TestRun> tests;  // by node id, as the serial run names it
  // Why the run has no measurement ("timed out after 60 s", "pytest exited with status 4: …").
  std::string failure;
  bool interrupted = false;
};

// A folder of paralint's own (under the system's temporary folder) holding the probe plugin
// and each run's output; removed with everything in it when the object goes.
class BenchWorkspace {
 public:
  BenchWorkspace();
  ~BenchWorkspace();
  BenchWorkspace(const BenchWorkspace&) = delete;
  BenchWorkspace& operator=(const BenchWorkspace&) = delete;
  BenchWorkspace(BenchWorkspace&&) = delete;
  BenchWorkspace& operator=(BenchWorkspace&&) = delete;

  [[nodiscard]] bool ready() const { return !folder_.empty(); }
  [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
};

struct RunRequest {
  std::filesystem::path project;  // where pytest starts
  std::vector<std::string> argv;  // pytest_command's
  double timeout_seconds = 600;
  bool loadgroup = false;  // --dist loadgroup, whose reports name grouped tests NODEID@GROUP
};

RunMeasurement run_once(const BenchWorkspace& workspace, const RunRequest& request);

// The probe's JSON read into `into` (exposed for tests). False when it is not the probe's.
// `loadgroup`: node ids NODEID@GROUP are named NODEID, as the serial run names them.
bool read_probe_output(const std::string& json, RunMeasurement& into, bool loadgroup);

}  // namespace paralint
