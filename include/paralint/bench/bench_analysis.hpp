#pragma once
// What `paralint bench`'s runs say: each profile's times against serial, the tests that fail
// only in parallel, and the profile to use.

#include <optional>
#include <string>
#include <vector>

#include "paralint/bench/bench_plan.hpp"
#include "paralint/bench/bench_run.hpp"

namespace paralint {

struct ProfileMeasurements {
  BenchProfile profile;
  std::vector<std::string> command;  // exactly as run
  std::vector<RunMeasurement> runs;
};

struct ProfileSummary {
  unsigned measured_runs = 0;  // runs that reached the end of the session
  double median = 0, min = 0, max = 0;  // wall seconds of those runs
  std::optional<double> collection_median;
  unsigned workers = 1;               // started (serial: 1)
  std::optional<double> speedup;      // serial's median / this median
  std::optional<double> efficiency;   // speedup / workers
  std::vector<std::string> failures;  // why runs measured nothing, each once
};

// A test that passes in every serial run and fails (or errors) in a parallel one.
struct ParallelHazard {
  std::string node_id;
  std::vector<std::string> profiles;  // where it failed
  std::string outcome;                // failed or error
};

struct Recommendation {
  std::string profile;                // a profile's name, or "serial"
  std::vector<std::string> arguments;  // for addopts: {"-n", "2", "--dist", "loadfile"}; empty for serial
  std::string reason;
};

struct BenchAnalysis {
  std::vector<ProfileSummary> summaries;  // one per profile, in the same order
  std::vector<ParallelHazard> hazards;
  std::optional<Recommendation> recommendation;  // none without a serial measurement
};

// Below this speed-up a parallel profile is not worth its workers: recommended is serial.
inline constexpr double kWorthwhileSpeedup = 1.1;

double median_of(std::vector<double> values);

// `profiles[0]` is the serial profile.
BenchAnalysis analyse(const std::vector<ProfileMeasurements>& profiles, bool xdist_installed);

}  // namespace paralint
