#include "paralint/bench/bench_plan.hpp"

#include <doctest/doctest.h>

using paralint::BenchPlanRequest;
using paralint::Version;

namespace {

std::vector<std::string> profile_names_of(const std::vector<paralint::BenchProfile>& profiles) {
  std::vector<std::string> out;
  out.reserve(profiles.size());
  for (const auto& profile : profiles) out.push_back(profile.name);
  return out;
}

}  // namespace

TEST_CASE("bench_plan: the modes that spread tests come from the xdist schema, release by release") {
  // schemas/pytest-xdist.toml: worksteal since 3.2.0; each and no never spread tests.
  CHECK(paralint::spreading_dist_modes(*Version::parse("3.1.0")) ==
        std::vector<std::string>{"load", "loadscope", "loadfile", "loadgroup"});
  CHECK(paralint::spreading_dist_modes(*Version::parse("3.6.1")) ==
        std::vector<std::string>{"load", "loadscope", "loadfile", "loadgroup", "worksteal"});
}

TEST_CASE("bench_plan: without xdist only the serial profile is measured") {
  std::string error;
  const auto profiles = paralint::plan_profiles(BenchPlanRequest{8, std::nullopt, {}, {}}, error);
  CHECK(profile_names_of(profiles) == std::vector<std::string>{"serial"});
  CHECK(profiles.front().arguments == std::vector<std::string>{"-p", "no:xdist"});
}

TEST_CASE("bench_plan: with xdist, serial is -n 0 (its hooks and fixtures stay), -n auto says its mode") {
  // Debian pytest 7.2.1 + xdist 3.1.0: a conftest with pytest_configure_node and a test using
  // worker_id run under -n 0; under -p no:xdist pytest refuses the hook ("no tests ran").
  std::string error;
  const auto profiles = paralint::plan_profiles(BenchPlanRequest{2, Version::parse("3.1.0"), {2}, {"load"}}, error);
  CHECK(profiles[0].arguments == std::vector<std::string>{"-n", "0"});
  CHECK(profiles[1].arguments == std::vector<std::string>{"-n", "auto", "--dist", "load"});
}

TEST_CASE("bench_plan: serial, -n auto, then each mode at 1, 2, 4 ... up to the CPUs, most workers first") {
  std::string error;
  const auto profiles =
      paralint::plan_profiles(BenchPlanRequest{6, Version::parse("3.1.0"), {}, {"load", "loadfile"}}, error);
  CHECK(profile_names_of(profiles) == std::vector<std::string>{"serial", "-n auto", "-n 6 --dist load", "-n 6 --dist loadfile",
                                                    "-n 4 --dist load", "-n 4 --dist loadfile", "-n 2 --dist load",
                                                    "-n 2 --dist loadfile", "-n 1 --dist load", "-n 1 --dist loadfile"});
  CHECK(profiles[2].arguments == std::vector<std::string>{"-n", "6", "--dist", "load"});
  CHECK(profiles[1].auto_workers);
}

TEST_CASE("bench_plan: a mode the installed xdist lacks is refused, with the release") {
  std::string error;
  CHECK(paralint::plan_profiles(BenchPlanRequest{2, Version::parse("3.1.0"), {}, {"worksteal"}}, error).empty());
  CHECK(error == "pytest-xdist 3.1.0 has no --dist worksteal");
  CHECK(paralint::plan_profiles(BenchPlanRequest{2, Version::parse("3.1.0"), {0}, {}}, error).empty());
}

TEST_CASE("bench_plan: the command keeps the config's other addopts, writes no cache, loads the probe, then the profile") {
  const paralint::BenchCommand command{"/usr/bin/python3", {"-k", "fast"}, "-ra --import-mode=importlib"};
  const paralint::BenchProfile profile{"-n 2 --dist load", {"-n", "2", "--dist", "load"}, 2, false, "load"};
  CHECK(paralint::pytest_command(command, profile) ==
        std::vector<std::string>{"/usr/bin/python3", "-m", "pytest", "-o", "addopts=-ra --import-mode=importlib", "-p",
                                 "no:cacheprovider", "-p", "paralint_bench_probe", "-q", "-n", "2", "--dist", "load",
                                 "-k", "fast"});
}

TEST_CASE("bench_plan: pytest-xdist's options leave addopts with their values, in every spelling") {
  std::vector<std::string> dropped;
  const auto kept = paralint::addopts_without_xdist(
      {"-ra", "-n", "auto", "--dist=loadscope", "--max-worker-restart=3", "-nauto", "--tx", "popen", "-d", "-f",
       "--numprocesses", "4", "-k", "not slow", "--import-mode=importlib"},
      dropped);
  CHECK(kept == "-ra -k 'not slow' --import-mode=importlib");
  CHECK(dropped == std::vector<std::string>{"-n", "auto", "--dist=loadscope", "--max-worker-restart=3", "-nauto", "--tx",
                                            "popen", "-d", "-f", "--numprocesses", "4"});
}

TEST_CASE("bench_plan: words are quoted as shlex.quote quotes them") {
  CHECK(paralint::shell_join({"-k", "a and b", "it's", ""}) == "-k 'a and b' 'it'\"'\"'s' ''");
}
