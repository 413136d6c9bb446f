#include "paralint/bench/bench_run.hpp"

#include <doctest/doctest.h>

TEST_CASE("bench_run: the probe's record gives the phases, the workers and each test, loadgroup's @GROUP removed") {
  paralint::RunMeasurement measured;
  REQUIRE(paralint::read_probe_output(
      R"({"session_started": 0.5, "collection_finished": 1.25, "session_finished": 3.0, "workers_ready": ["gw0", "gw1"],
          "collected": 2, "exit_status": 1, "collect_errors": ["t2.py"], "groups": {"db": ["t.py::a"]},
          "tests": {"t.py::a@db": {"outcome": "passed", "duration": 0.5, "worker": "gw1"},
                    "t.py::b[x@y]": {"outcome": "failed", "duration": 0.25, "worker": "gw0"}}})",
      measured, true));
  CHECK(*measured.collection_seconds == doctest::Approx(0.75));
  CHECK(measured.collect_errors == std::vector<std::string>{"t2.py"});
  CHECK(measured.groups.at("db") == std::vector<std::string>{"t.py::a"});
  CHECK(*measured.run_seconds == doctest::Approx(1.75));
  CHECK(measured.workers_started == 2);
  CHECK(*measured.exit_status == 1);
  REQUIRE(measured.tests.contains("t.py::a"));
  CHECK(measured.tests.at("t.py::a").worker == "gw1");
  CHECK(measured.tests.contains("t.py::b[x@y]"));  // an @ inside the parameters is the test's own
  CHECK(measured.tests.at("t.py::b[x@y]").outcome == "failed");
}

TEST_CASE("bench_run: what is not the probe's record is refused") {
  paralint::RunMeasurement measured;
  CHECK_FALSE(paralint::read_probe_output("not json", measured, false));
  CHECK_FALSE(paralint::read_probe_output("[1, 2]", measured, false));
}

TEST_CASE("bench_run: an @ in a node id is the test's own outside loadgroup runs") {
  paralint::RunMeasurement measured;
  REQUIRE(paralint::read_probe_output(R"({"tests": {"pkg@2/t.py::a": {"outcome": "failed", "worker": "gw0"}}})",
                                      measured, false));
  CHECK(measured.tests.contains("pkg@2/t.py::a"));
}

TEST_CASE("bench_run: the workspace holds the probe and goes with everything in it") {
  std::filesystem::path folder;
  {
    const paralint::BenchWorkspace workspace;
    REQUIRE(workspace.ready());
    folder = workspace.folder();
    CHECK(std::filesystem::exists(folder / "paralint_bench_probe.py"));
  }
  CHECK_FALSE(std::filesystem::exists(folder));
}
