#include "paralint/bench/bench_report.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using paralint::BenchProfile;
using paralint::BenchReport;
using paralint::RunMeasurement;

namespace {

RunMeasurement measured_run(double wall, unsigned workers) {
  RunMeasurement measured;
  measured.wall_seconds = wall;
  measured.collection_seconds = 0.2;
  measured.run_seconds = wall - 0.5;
  measured.workers_started = workers;
  measured.exit_status = 0;
  measured.tests["t.py::slow"] = {"passed", wall - 1, workers > 0 ? "gw0" : ""};
  return measured;
}

BenchReport sample_report(const std::string& format) {
  BenchReport report;
  report.project = "/p";
  report.python = "/usr/bin/python3";
  report.pytest_version = "7.2.1";
  report.xdist_version = "3.1.0";
  report.cpus = 2;
  report.config_file = format == "native" ? "pytest.toml" : "pytest.ini";
  report.config_format = format;
  report.profiles = {
      {BenchProfile{"serial", {"-p", "no:xdist"}, 0, false, ""}, {"python3", "-m", "pytest", "-p", "no:xdist"}, {measured_run(4, 0)}},
      {BenchProfile{"-n 2 --dist loadfile", {"-n", "2", "--dist", "loadfile"}, 2, false, "loadfile"},
       {"python3", "-m", "pytest", "-n", "2", "--dist", "loadfile"},
       {measured_run(2.5, 2)}},
      {BenchProfile{"-n 1 --dist loadfile", {"-n", "1", "--dist", "loadfile"}, 1, false, "loadfile"}, {}, {}},
  };
  report.analysis = paralint::analyse(report.profiles, true);
  return report;
}

}  // namespace

TEST_CASE("bench_report: the setting is written in the config's own format") {
  CHECK(paralint::recommended_setting(sample_report("ini")) == "addopts = -n 2 --dist loadfile");
  CHECK(paralint::recommended_setting(sample_report("ini_options")) == "addopts = \"-n 2 --dist loadfile\"");
  CHECK(paralint::recommended_setting(sample_report("native")) == "addopts = [\"-n\", \"2\", \"--dist\", \"loadfile\"]");
}

TEST_CASE("bench_report: the table has every profile, the recommendation and the commands run") {
  const auto table = paralint::bench_table(sample_report("ini"));
  CHECK(table.find("-n 2 --dist loadfile        2     1      2.50") != std::string::npos);
  CHECK(table.find("1.60x") != std::string::npos);
  CHECK(table.find("-n 1 --dist loadfile        -  not run") != std::string::npos);
  CHECK(table.find("recommended: -n 2 --dist loadfile") != std::string::npos);
  CHECK(table.find("    addopts = -n 2 --dist loadfile\n") != std::string::npos);
  CHECK(table.find("  python3 -m pytest -n 2 --dist loadfile\n") != std::string::npos);
}

TEST_CASE("bench_report: JSON carries each run, the summary and the recommendation") {
  const auto json = nlohmann::json::parse(paralint::bench_json(sample_report("ini")));
  CHECK(json["xdist_version"] == "3.1.0");
  REQUIRE(json["profiles"].size() == 3);
  const auto& parallel = json["profiles"][1];
  CHECK(parallel["workers_requested"] == 2);
  CHECK(parallel["dist"] == "loadfile");
  CHECK(parallel["speedup"].get<double>() == doctest::Approx(1.6));
  CHECK(parallel["runs"][0]["tests"]["t.py::slow"]["worker"] == "gw0");
  CHECK(json["profiles"][2]["median_seconds"].is_null());
  CHECK(json["recommendation"]["setting"] == "addopts = -n 2 --dist loadfile");
  CHECK(json["hazards"].empty());
}

TEST_CASE("bench_report: the SVG has a line per dist mode from serial's (1, 1) and the ideal line") {
  const auto svg = paralint::bench_svg(sample_report("ini"));
  CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(svg.find("<polyline") != std::string::npos);
  CHECK(svg.find("--dist loadfile</text>") != std::string::npos);
  CHECK(svg.find(">ideal</text>") != std::string::npos);
  CHECK(svg.ends_with("</svg>\n"));
}
