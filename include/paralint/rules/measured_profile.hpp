#pragma once
// What `paralint bench` measured best for a project, read back from its JSON report
// (`paralint bench --format json -o FILE`), for `fix --profile measured` (rule P003).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace paralint {

struct MeasuredProfile {
  std::string profile;                 // "-n 2 --dist loadfile", or "serial"
  std::vector<std::string> arguments;  // {"-n", "2", "--dist", "loadfile"}; empty for serial
  std::string reason;
  std::filesystem::path report;  // the JSON file it came from
  // The worker count and mode the arguments ask for ("" when they do not say).
  [[nodiscard]] std::string workers() const;
  [[nodiscard]] std::string dist() const;
};

// nullopt with `error` when the file cannot be read or holds no recommendation.
std::optional<MeasuredProfile> read_measured_profile(const std::filesystem::path& report, std::string& error);

}  // namespace paralint
