#include "paralint/rules/measured_profile.hpp"

#include <nlohmann/json.hpp>

#include "paralint/read/source_text.hpp"

namespace paralint {

namespace {

std::string argument_after(const std::vector<std::string>& arguments, std::string_view flag) {
  for (std::size_t index = 0; index + 1 < arguments.size(); ++index) {
    if (arguments[index] == flag) return arguments[index + 1];
  }
  return {};
}

}  // namespace

std::string MeasuredProfile::workers() const { return argument_after(arguments, "-n"); }

std::string MeasuredProfile::dist() const { return argument_after(arguments, "--dist"); }

std::optional<MeasuredProfile> read_measured_profile(const std::filesystem::path& report, std::string& error) {
  const auto bytes = read_file(report, error);
  if (!bytes) return std::nullopt;
  const auto json = nlohmann::json::parse(*bytes, nullptr, false);
  const auto refuse = [&](const std::string& why) -> std::optional<MeasuredProfile> {
    error = why;
    return std::nullopt;
  };
  if (json.is_discarded() || !json.is_object()) return refuse("not the JSON of `paralint bench --format json`");
  const auto found = json.find("recommendation");
  if (found == json.end() || !found->is_object()) {
    return refuse("no recommendation in it (the serial runs measured nothing)");
  }
  const auto& recommendation = *found;
  MeasuredProfile measured;
  measured.report = report;
  if (!recommendation.value("profile", nlohmann::json()).is_string() ||
      !recommendation.value("arguments", nlohmann::json()).is_array()) {
    return refuse("its recommendation has no profile and arguments");
  }
  measured.profile = recommendation["profile"].get<std::string>();
  if (const auto reason = recommendation.find("reason"); reason != recommendation.end() && reason->is_string()) {
    measured.reason = reason->get<std::string>();
  }
  for (const auto& argument : recommendation["arguments"]) {
    if (!argument.is_string()) return refuse("its recommendation's arguments are not strings");
    measured.arguments.push_back(argument.get<std::string>());
  }
  const bool understood = measured.arguments.empty() ||
                          (measured.arguments.size() == 2 && !measured.workers().empty()) ||
                          (measured.arguments.size() == 4 && !measured.workers().empty() && !measured.dist().empty());
  if (!understood) return refuse("its recommendation is not -n N [--dist MODE]");
  return measured;
}

}  // namespace paralint
