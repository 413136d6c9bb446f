#include "paralint/bench/bench_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace paralint {

namespace {

std::string optional_seconds(const std::optional<double>& value) {
  return value ? fmt::format("{:.2f}", *value) : "-";
}

// The serial runs' median duration of each test, slowest first.
std::vector<std::pair<std::string, double>> serial_durations(const BenchReport& report) {
  std::map<std::string, std::vector<double>> by_test;
  if (report.profiles.empty()) return {};
  for (const auto& run : report.profiles.front().runs) {
    if (!run.failure.empty()) continue;
    for (const auto& [node_id, test] : run.tests) by_test[node_id].push_back(test.seconds);
  }
  std::vector<std::pair<std::string, double>> durations;
  durations.reserve(by_test.size());
  for (auto& [node_id, seconds] : by_test) durations.emplace_back(node_id, median_of(std::move(seconds)));
  std::stable_sort(durations.begin(), durations.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return durations;
}

}  // namespace

std::string recommended_setting(const BenchReport& report) {
  const auto& recommendation = report.analysis.recommendation;
  if (!recommendation || recommendation->arguments.empty()) return {};
  const auto& arguments = recommendation->arguments;
  if (report.config_format == "native") {
    std::string list;
    for (const auto& argument : arguments) list += (list.empty() ? "\"" : ", \"") + argument + "\"";
    return "addopts = [" + list + "]";
  }
  if (report.config_format == "ini_options") return "addopts = \"" + shell_join(arguments) + "\"";
  return "addopts = " + shell_join(arguments);
}

std::string bench_table(const BenchReport& report) {
  std::string out = fmt::format("paralint bench: {} with {} (pytest {}{}), {} CPU{}\n\n", report.project.string(),
                                report.python.string(), report.pytest_version,
                                report.xdist_version ? ", pytest-xdist " + *report.xdist_version : ", no pytest-xdist",
                                report.cpus, report.cpus == 1 ? "" : "s");
  std::size_t name_width = 7;
  for (const auto& profile : report.profiles) name_width = std::max(name_width, profile.profile.name.size());
  out += fmt::format("{:<{}}  {:>7}  {:>4}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>10}\n", "profile", name_width,
                     "workers", "runs", "median s", "min s", "max s", "collect", "speed-up", "efficiency");
  for (std::size_t index = 0; index < report.profiles.size(); ++index) {
    const auto& profile = report.profiles[index];
    const auto& summary = report.analysis.summaries[index];
    if (summary.measured_runs == 0) {
      const auto why = summary.failures.empty() ? std::string(report.stopped.empty() ? "not run" : "not run (" + report.stopped + ")")
                                                : summary.failures.front().substr(0, summary.failures.front().find('\n'));
      out += fmt::format("{:<{}}  {:>7}  {}\n", profile.profile.name, name_width, "-", why);
      continue;
    }
    out += fmt::format("{:<{}}  {:>7}  {:>4}  {:>8.2f}  {:>8.2f}  {:>8.2f}  {:>8}  {:>7}x  {:>9}%\n", profile.profile.name,
                       name_width, summary.workers, summary.measured_runs, summary.median, summary.min, summary.max,
                       optional_seconds(summary.collection_median),
                       summary.speedup ? fmt::format("{:.2f}", *summary.speedup) : "-",
                       summary.efficiency ? fmt::format("{:.0f}", *summary.efficiency * 100) : "-");
  }
  out += "\nseconds are the whole pytest process (interpreter start included); collect: session start to the end of "
         "collection (under xdist, the last worker's); efficiency: speed-up / workers started\n";

  const auto durations = serial_durations(report);
  if (!durations.empty()) {
    out += "\nslowest tests (serial):\n";
    for (std::size_t index = 0; index < std::min<std::size_t>(5, durations.size()); ++index) {
      out += fmt::format("  {:>7.2f} s  {}\n", durations[index].second, durations[index].first);
    }
  }
  if (!report.analysis.hazards.empty()) {
    out += "\ntests that pass serially and fail in parallel (parallel hazards):\n";
    for (const auto& hazard : report.analysis.hazards) {
      std::string where;
      for (const auto& profile : hazard.profiles) where += (where.empty() ? "" : ", ") + profile;
      out += fmt::format("  {} ({} under {})\n", hazard.node_id, hazard.outcome, where);
    }
  }
  for (std::size_t index = 0; index < report.profiles.size(); ++index) {
    for (const auto& failure : report.analysis.summaries[index].failures) {
      if (failure == "interrupted") continue;
      out += fmt::format("\n{} measured nothing in a run: {}\n", report.profiles[index].profile.name, failure);
    }
  }
  if (const auto& recommendation = report.analysis.recommendation) {
    out += fmt::format("\nrecommended: {} ({})\n", recommendation->profile, recommendation->reason);
    if (const auto setting = recommended_setting(report); !setting.empty()) {
      out += fmt::format("to apply it, {}{} holds, in place of any -n and --dist there:\n    {}\n",
                         report.config_file.empty() ? "the config pytest reads" : report.config_file,
                         report.config_file.empty() ? "" : "'s pytest section", setting);
    }
  }
  if (report.stopped == "budget") out += "\nstopped at the --budget: the profiles marked `not run` were not measured\n";
  if (report.stopped == "interrupted") out += "\ninterrupted: what was measured before is above\n";
  out += "\ncommands run (in " + report.project.string() + ", with PYTEST_ADDOPTS unset and the probe on PYTHONPATH";
  if (!report.dropped_addopts.empty()) {
    out += "; the config's addopts without " + shell_join(report.dropped_addopts) + ", which each profile sets";
  }
  out += "):\n";
  for (const auto& profile : report.profiles) {
    if (!profile.runs.empty()) out += "  " + shell_join(profile.command) + "\n";
  }
  return out;
}

std::string bench_json(const BenchReport& report) {
  using nlohmann::json;
  const auto number_or_null = [](const std::optional<double>& value) { return value ? json(*value) : json(nullptr); };
  json out;
  out["project"] = report.project.string();
  out["python"] = report.python.string();
  out["pytest_version"] = report.pytest_version;
  out["xdist_version"] = report.xdist_version ? json(*report.xdist_version) : json(nullptr);
  out["cpus"] = report.cpus;
  out["runs_per_profile"] = report.runs_per_profile;
  out["stopped"] = report.stopped.empty() ? json(nullptr) : json(report.stopped);
  out["addopts_kept"] = report.kept_addopts;
  out["addopts_dropped"] = report.dropped_addopts;
  out["profiles"] = json::array();
  for (std::size_t index = 0; index < report.profiles.size(); ++index) {
    const auto& profile = report.profiles[index];
    const auto& summary = report.analysis.summaries[index];
    json entry;
    entry["name"] = profile.profile.name;
    entry["command"] = profile.command;
    entry["dist"] = profile.profile.dist.empty() ? json(nullptr) : json(profile.profile.dist);
    entry["workers_requested"] = profile.profile.auto_workers ? json("auto")
                                 : profile.profile.serial()   ? json(nullptr)
                                                              : json(profile.profile.workers);
    entry["runs"] = json::array();
    for (const auto& run : profile.runs) {
      json measured;
      measured["wall_seconds"] = run.wall_seconds;
      measured["collection_seconds"] = number_or_null(run.collection_seconds);
      measured["run_seconds"] = number_or_null(run.run_seconds);
      measured["exit_status"] = run.exit_status ? json(*run.exit_status) : json(nullptr);
      measured["workers_started"] = run.workers_started;
      measured["collected"] = run.collected;
      measured["collect_errors"] = run.collect_errors;
      measured["groups"] = run.groups;
      measured["failure"] = run.failure.empty() ? json(nullptr) : json(run.failure);
      json tests = json::object();
      for (const auto& [node_id, test] : run.tests) {
        tests[node_id] = {{"outcome", test.outcome}, {"seconds", test.seconds},
                          {"worker", test.worker.empty() ? json(nullptr) : json(test.worker)}};
      }
      measured["tests"] = std::move(tests);
      entry["runs"].push_back(std::move(measured));
    }
    entry["measured_runs"] = summary.measured_runs;
    const auto measured = summary.measured_runs > 0;
    entry["median_seconds"] = measured ? json(summary.median) : json(nullptr);
    entry["min_seconds"] = measured ? json(summary.min) : json(nullptr);
    entry["max_seconds"] = measured ? json(summary.max) : json(nullptr);
    entry["collection_median_seconds"] = number_or_null(summary.collection_median);
    entry["workers"] = measured ? json(summary.workers) : json(nullptr);
    entry["speedup"] = number_or_null(summary.speedup);
    entry["efficiency"] = number_or_null(summary.efficiency);
    out["profiles"].push_back(std::move(entry));
  }
  out["hazards"] = json::array();
  for (const auto& hazard : report.analysis.hazards) {
    out["hazards"].push_back({{"test", hazard.node_id}, {"outcome", hazard.outcome}, {"profiles", hazard.profiles}});
  }
  if (const auto& recommendation = report.analysis.recommendation) {
    out["recommendation"] = {{"profile", recommendation->profile},
                             {"arguments", recommendation->arguments},
                             {"reason", recommendation->reason},
                             {"config_file", report.config_file.empty() ? json(nullptr) : json(report.config_file)},
                             {"setting", recommended_setting(report)}};
  } else {
    out["recommendation"] = nullptr;
  }
  // Node ids and pytest's output need not be valid UTF-8: replaced, never refused.
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {

std::string escape_xml(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string bench_svg(const BenchReport& report) {
  constexpr double kWidth = 640;
  constexpr double kHeight = 420;
  constexpr double kLeft = 60;
  constexpr double kRight = 170;
  constexpr double kTop = 40;
  constexpr double kBottom = 50;
  constexpr double kPlotWidth = kWidth - kLeft - kRight;
  constexpr double kPlotHeight = kHeight - kTop - kBottom;
  constexpr std::array<const char*, 6> kColours{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

  // Points per mode: (workers started, speed-up); serial is (1, 1) on every line.
  std::map<std::string, std::vector<std::pair<double, double>>> lines;
  std::vector<std::string> modes;
  std::optional<std::pair<double, double>> auto_point;
  double most_workers = 1;
  double best_speedup = 1;
  for (std::size_t index = 1; index < report.profiles.size(); ++index) {
    const auto& profile = report.profiles[index].profile;
    const auto& summary = report.analysis.summaries[index];
    if (!summary.speedup) continue;
    const std::pair<double, double> point{summary.workers, *summary.speedup};
    most_workers = std::max(most_workers, point.first);
    best_speedup = std::max(best_speedup, point.second);
    if (profile.auto_workers) {
      auto_point = point;
      continue;
    }
    if (!lines.contains(profile.dist)) modes.push_back(profile.dist);
    lines[profile.dist].push_back(point);
  }
  const double x_max = std::max(2.0, most_workers);
  const double y_max = std::ceil(std::max(x_max, best_speedup) * 1.1);
  const auto x_at = [&](double workers) { return kLeft + (workers - 1) / (x_max - 1) * kPlotWidth; };
  const auto y_at = [&](double speedup) { return kTop + kPlotHeight - speedup / y_max * kPlotHeight; };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      kWidth, kHeight);
  svg += fmt::format("<text x=\"{}\" y=\"22\" font-size=\"14\">{}</text>\n", kLeft,
                     escape_xml(fmt::format("speed-up against serial, pytest {}{}", report.pytest_version,
                                            report.xdist_version ? ", pytest-xdist " + *report.xdist_version : "")));
  // Axes, grid and ticks.
  const int y_step = y_max > 8 ? 2 : 1;
  for (int tick = 0; tick <= static_cast<int>(y_max); tick += y_step) {
    const auto y = static_cast<double>(tick);
    svg += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#ddd\"/>"
                       "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}x</text>\n",
                       kLeft, kLeft + kPlotWidth, y_at(y), kLeft - 6, y_at(y) + 4, y);
  }
  const int x_step = x_max > 16 ? 4 : 1;
  for (int tick = 1; tick <= static_cast<int>(x_max); tick += x_step) {
    const auto x = static_cast<double>(tick);
    svg += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/>"
                       "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       x_at(x), kTop, kTop + kPlotHeight, kTop + kPlotHeight + 16, x);
  }
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">workers started</text>\n", kLeft + kPlotWidth / 2,
                     kHeight - 10);
  // Ideal: speed-up equal to the workers.
  svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n",
                     x_at(1), y_at(1), x_at(x_max), y_at(x_max));
  double legend_y = kTop + 10;
  const auto legend = [&](const std::string& colour, const std::string& label, bool dashed) {
    svg += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" stroke-width=\"2\"{4}/>"
                       "<text x=\"{5}\" y=\"{6:.1f}\">{7}</text>\n",
                       kWidth - kRight + 15, kWidth - kRight + 40, legend_y, colour,
                       dashed ? " stroke-dasharray=\"4 4\"" : "", kWidth - kRight + 46, legend_y + 4, escape_xml(label));
    legend_y += 20;
  };
  legend("#999", "ideal", true);
  for (std::size_t index = 0; index < modes.size(); ++index) {
    const auto* colour = kColours[index % kColours.size()];
    auto points = lines[modes[index]];
    points.insert(points.begin(), {1.0, 1.0});
    std::sort(points.begin(), points.end());
    std::string path;
    for (const auto& [x, y] : points) path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "" : " ", x_at(x), y_at(y));
    svg += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", path, colour);
    for (const auto& [x, y] : points) {
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"/>\n", x_at(x), y_at(y), colour);
    }
    legend(colour, "--dist " + modes[index], false);
  }
  if (auto_point) {
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"black\"/>\n",
                       x_at(auto_point->first) - 4, y_at(auto_point->second) - 4);
    svg += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"black\"/>"
                       "<text x=\"{}\" y=\"{:.1f}\">-n auto</text>\n",
                       kWidth - kRight + 23, legend_y - 4, kWidth - kRight + 46, legend_y + 4);
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace paralint
