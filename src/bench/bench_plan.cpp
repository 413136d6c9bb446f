#include "paralint/bench/bench_plan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "paralint/schema/schema.hpp"

namespace paralint {

std::vector<std::string> spreading_dist_modes(const Version& xdist) {
  std::vector<std::string> modes;
  const auto* component = SchemaSet::embedded().find("pytest-xdist");
  const auto* dist = component != nullptr ? component->find_option("--dist", xdist) : nullptr;
  if (dist == nullptr) return modes;
  for (auto& mode : dist->choices_in(xdist)) {
    if (mode != "each" && mode != "no") modes.push_back(std::move(mode));
  }
  return modes;
}

namespace {

std::vector<unsigned> default_worker_counts(unsigned cores) {
  std::vector<unsigned> counts;
  for (unsigned count = 1; count < cores; count *= 2) counts.push_back(count);
  counts.push_back(std::max(cores, 1U));
  return counts;
}

}  // namespace

std::vector<BenchProfile> plan_profiles(const BenchPlanRequest& request, std::string& error) {
  std::vector<BenchProfile> profiles;
  if (!request.xdist) {
    profiles.push_back({"serial", {"-p", "no:xdist"}, 0, false, ""});
    return profiles;
  }
  // Serial with xdist loaded: `-p no:xdist` would break a conftest that implements xdist's
  // hooks (pytest refuses unknown hooks) and tests that use its worker_id or testrun_uid
  // fixtures; `-n 0` starts no worker and keeps them.
  profiles.push_back({"serial", {"-n", "0"}, 0, false, ""});

  const auto available = spreading_dist_modes(*request.xdist);
  auto modes = request.dist_modes.empty() ? available : request.dist_modes;
  for (const auto& mode : modes) {
    if (std::find(available.begin(), available.end(), mode) == available.end()) {
      error = "pytest-xdist " + request.xdist->str() + " has no --dist " + mode;
      return {};
    }
  }
  auto counts = request.workers.empty() ? default_worker_counts(request.cores) : request.workers;
  if (std::find(counts.begin(), counts.end(), 0U) != counts.end()) {
    error = "a worker count must be at least 1";
    return {};
  }
  std::sort(counts.begin(), counts.end(), std::greater<>());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());

  // xdist's own default for -n, said in full so that applying it sets what was measured.
  profiles.push_back({"-n auto", {"-n", "auto", "--dist", "load"}, 0, true, "load"});
  for (const auto count : counts) {
    for (const auto& mode : modes) {
      const auto workers = std::to_string(count);
      profiles.push_back({fmt::format("-n {} --dist {}", workers, mode), {"-n", workers, "--dist", mode}, count, false, mode});
    }
  }
  return profiles;
}

std::vector<std::string> pytest_command(const BenchCommand& command, const BenchProfile& profile) {
  std::vector<std::string> argv{command.python.string(), "-m", "pytest", "-o", "addopts=", "-p", "no:cacheprovider",
                                "-p", kProbeModule, "-q"};
  argv.insert(argv.end(), profile.arguments.begin(), profile.arguments.end());
  argv.insert(argv.end(), command.extra_arguments.begin(), command.extra_arguments.end());
  return argv;
}

}  // namespace paralint
