#include "paralint/bench/bench_analysis.hpp"

#include <doctest/doctest.h>

using paralint::BenchProfile;
using paralint::ProfileMeasurements;
using paralint::RunMeasurement;

namespace {

RunMeasurement timed_run(double wall, unsigned workers, const std::map<std::string, std::string>& outcomes = {}) {
  RunMeasurement measured;
  measured.wall_seconds = wall;
  measured.workers_started = workers;
  measured.exit_status = 0;
  for (const auto& [node_id, outcome] : outcomes) measured.tests[node_id] = {outcome, 0.1, workers > 0 ? "gw0" : ""};
  return measured;
}

ProfileMeasurements serial_profile(std::vector<RunMeasurement> runs) {
  return {BenchProfile{"serial", {"-p", "no:xdist"}, 0, false, ""}, {}, std::move(runs)};
}

ProfileMeasurements parallel_profile(unsigned workers, const std::string& dist, std::vector<RunMeasurement> runs) {
  const auto count = std::to_string(workers);
  return {BenchProfile{"-n " + count + " --dist " + dist, {"-n", count, "--dist", dist}, workers, false, dist}, {},
          std::move(runs)};
}

}  // namespace

TEST_CASE("bench_analysis: medians, speed-up against serial and efficiency per worker started") {
  const auto analysis = paralint::analyse({serial_profile({timed_run(10, 0), timed_run(12, 0), timed_run(11, 0)}),
                                           parallel_profile(2, "load", {timed_run(6, 2), timed_run(5.5, 2), timed_run(7, 2)})},
                                          true);
  CHECK(analysis.summaries[0].median == doctest::Approx(11));
  CHECK(analysis.summaries[1].median == doctest::Approx(6));
  CHECK(analysis.summaries[1].min == doctest::Approx(5.5));
  CHECK(analysis.summaries[1].max == doctest::Approx(7));
  CHECK(*analysis.summaries[1].speedup == doctest::Approx(11.0 / 6));
  CHECK(*analysis.summaries[1].efficiency == doctest::Approx(11.0 / 6 / 2));
  REQUIRE(analysis.recommendation);
  CHECK(analysis.recommendation->profile == "-n 2 --dist load");
  CHECK(analysis.recommendation->arguments == std::vector<std::string>{"-n", "2", "--dist", "load"});
}

TEST_CASE("bench_analysis: a test that passes serially and fails in parallel is a hazard, and its profile is not recommended") {
  const auto analysis = paralint::analyse(
      {serial_profile({timed_run(10, 0, {{"t.py::a", "passed"}, {"t.py::b", "failed"}})}),
       parallel_profile(4, "load", {timed_run(3, 4, {{"t.py::a", "failed"}, {"t.py::b", "failed"}})}),
       parallel_profile(2, "loadfile", {timed_run(6, 2, {{"t.py::a", "passed"}, {"t.py::b", "failed"}})})},
      true);
  REQUIRE(analysis.hazards.size() == 1);  // b fails serially too: not a parallel hazard
  CHECK(analysis.hazards[0].node_id == "t.py::a");
  CHECK(analysis.hazards[0].profiles == std::vector<std::string>{"-n 4 --dist load"});
  REQUIRE(analysis.recommendation);
  CHECK(analysis.recommendation->profile == "-n 2 --dist loadfile");
}

TEST_CASE("bench_analysis: the fewest workers within the spread of the fastest are recommended") {
  const auto analysis = paralint::analyse({serial_profile({timed_run(10, 0)}), parallel_profile(4, "load", {timed_run(5.0, 4), timed_run(5.6, 4)}),
                                           parallel_profile(2, "load", {timed_run(5.4, 2), timed_run(5.5, 2)})},
                                          true);
  REQUIRE(analysis.recommendation);
  CHECK(analysis.recommendation->profile == "-n 2 --dist load");
  CHECK(analysis.recommendation->reason.find("-n 4 --dist load measured 5.30 s") != std::string::npos);
}

TEST_CASE("bench_analysis: serial is recommended when no profile is worth its workers, or without xdist") {
  const auto slow = paralint::analyse({serial_profile({timed_run(2, 0)}), parallel_profile(2, "load", {timed_run(1.9, 2)})}, true);
  REQUIRE(slow.recommendation);
  CHECK(slow.recommendation->profile == "serial");
  CHECK(slow.recommendation->arguments.empty());
  const auto without = paralint::analyse({serial_profile({timed_run(2, 0)})}, false);
  REQUIRE(without.recommendation);
  CHECK(without.recommendation->reason.find("not installed") != std::string::npos);
}

TEST_CASE("bench_analysis: runs that measured nothing are named, not averaged in") {
  auto timed_out = timed_run(600, 0);
  timed_out.failure = "timed out after 600 s (--timeout)";
  const auto analysis =
      paralint::analyse({serial_profile({timed_run(10, 0)}), parallel_profile(2, "load", {timed_out, timed_run(6, 2)})}, true);
  CHECK(analysis.summaries[1].measured_runs == 1);
  CHECK(analysis.summaries[1].median == doctest::Approx(6));
  CHECK(analysis.summaries[1].failures == std::vector<std::string>{"timed out after 600 s (--timeout)"});
  const auto no_serial = paralint::analyse({serial_profile({timed_out})}, true);
  CHECK_FALSE(no_serial.recommendation);
}

TEST_CASE("bench_analysis: with xdist_group tests, only modes that keep each group on one worker are recommended") {
  auto across_files = timed_run(10, 0);
  across_files.groups["db"] = {"a.py::t1", "b.py::t2", "b.py::t3"};
  const auto analysis = paralint::analyse({serial_profile({across_files}), parallel_profile(2, "loadfile", {timed_run(5, 2)}),
                                           parallel_profile(2, "load", {timed_run(4.5, 2)}),
                                           parallel_profile(2, "loadgroup", {timed_run(6, 2)})},
                                          true);
  REQUIRE(analysis.recommendation);
  CHECK(analysis.recommendation->profile == "-n 2 --dist loadgroup");
  CHECK(analysis.recommendation->reason.find("3 tests are marked xdist_group, which --dist loadfile, load would split") !=
        std::string::npos);
  const auto without_loadgroup =
      paralint::analyse({serial_profile({across_files}), parallel_profile(2, "loadfile", {timed_run(5, 2)})}, true);
  REQUIRE(without_loadgroup.recommendation);
  CHECK(without_loadgroup.recommendation->profile == "serial");

  // A group inside one file stays together under loadfile (and one class under loadscope).
  auto one_file = timed_run(10, 0);
  one_file.groups["db"] = {"a.py::T::t1", "a.py::T::t2"};
  const auto together = paralint::analyse(
      {serial_profile({one_file}), parallel_profile(2, "loadfile", {timed_run(5, 2)}),
       parallel_profile(2, "loadscope", {timed_run(5.5, 2)}), parallel_profile(2, "load", {timed_run(4, 2)})},
      true);
  REQUIRE(together.recommendation);
  CHECK(together.recommendation->profile == "-n 2 --dist loadfile");
}

TEST_CASE("bench_analysis: a test that passes serially and does not run in parallel is a hazard") {
  // Measured with Debian's pytest: a module that fails to import on xdist workers only, or
  // tests collected differently by two workers, end a -n run with none of them run, fast.
  const auto analysis = paralint::analyse(
      {serial_profile({timed_run(10, 0, {{"t.py::a", "passed"}, {"t.py::b", "passed"}})}),
       parallel_profile(2, "load", {timed_run(1, 2, {{"t.py::b", "passed"}})})},
      true);
  REQUIRE(analysis.hazards.size() == 1);
  CHECK(analysis.hazards[0].node_id == "t.py::a");
  CHECK(analysis.hazards[0].outcome == "not run");
  REQUIRE(analysis.recommendation);
  CHECK(analysis.recommendation->profile == "serial");
}

TEST_CASE("bench_analysis: a loadgroup profile with parallel-only failures is named as such, not as missing") {
  auto grouped_serial = timed_run(10, 0, {{"t.py::a", "passed"}});
  grouped_serial.groups["db"] = {"t.py::a", "u.py::b"};
  const auto analysis = paralint::analyse(
      {serial_profile({grouped_serial}), parallel_profile(2, "loadgroup", {timed_run(6, 2, {{"t.py::a", "failed"}})})},
      true);
  REQUIRE(analysis.recommendation);
  CHECK(analysis.recommendation->reason ==
        "every measured parallel profile has tests that fail (or do not run) only in parallel");
}
