#include "paralint/rules/measured_profile.hpp"

#include <doctest/doctest.h>

#include "support/temp_dir.hpp"

namespace {

std::optional<paralint::MeasuredProfile> read_report(const std::string& json, std::string& error) {
  const paralint::testing::TempDir dir;
  dir.write("bench.json", json);
  return paralint::read_measured_profile(dir / "bench.json", error);
}

}  // namespace

TEST_CASE("measured_profile: the recommendation of a bench report, with its workers and mode") {
  std::string error;
  const auto measured = read_report(
      R"({"recommendation": {"profile": "-n 2 --dist loadfile", "arguments": ["-n", "2", "--dist", "loadfile"],
          "reason": "1.86x faster"}})",
      error);
  REQUIRE(measured);
  CHECK(measured->workers() == "2");
  CHECK(measured->dist() == "loadfile");
  CHECK(measured->reason == "1.86x faster");
  const auto serial = read_report(R"({"recommendation": {"profile": "serial", "arguments": []}})", error);
  REQUIRE(serial);
  CHECK(serial->arguments.empty());
}

TEST_CASE("measured_profile: a report without a usable recommendation is refused with why") {
  std::string error;
  CHECK_FALSE(read_report("{}", error));
  CHECK(error == "no recommendation in it (the serial runs measured nothing)");
  CHECK_FALSE(read_report("[]", error));
  CHECK(error == "not the JSON of `paralint bench --format json`");
  CHECK_FALSE(read_report(R"({"recommendation": {"profile": "x", "arguments": ["--tx", "popen"]}})", error));
  CHECK(error == "its recommendation is not -n N [--dist MODE]");
}
