// D002 config-shadowed: pytest reads exactly one config file and never merges files. A file
// that holds pytest settings but is not that file has no effect: a later candidate in the
// directory where pytest stopped, a name only other pytest releases look for, or a file the
// user checked that pytest started in its directory skips.

#include <fmt/format.h>

#include <algorithm>

#include "rules/discovery/config_sections.hpp"
#include "rules/discovery/discovery.hpp"

namespace paralint::rules {

namespace fs = std::filesystem;

namespace {

std::string names_in_order(const Behaviour& behaviour) {
  std::string out;
  for (const auto name : config_file_names(behaviour)) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// What pytest started in `reading`'s directory reads instead, as a clause.
std::string what_pytest_reads(const EffectiveConfig& reading, const fs::path& base) {
  if (reading.parse_error) {
    return "it stops on " + shown_path(reading.parse_error->file, base) + ", which it cannot read";
  }
  if (!reading.configfile) return "it runs without a config file";
  auto text = "it reads " + shown_path(*reading.configfile, base);
  if (!reading.section) text += " (which holds no pytest settings)";
  return text;
}

bool is_name_of_other_releases(const fs::path& path, const Behaviour& behaviour) {
  const auto& known = known_versions();
  const auto every_name = config_file_names(Behaviour::of(known.pytest.newest(), known.iniconfig.newest()));
  const auto names = config_file_names(behaviour);
  const auto name = path.filename().string();
  return std::find(every_name.begin(), every_name.end(), name) != every_name.end() &&
         std::find(names.begin(), names.end(), name) == names.end();
}

void report_shadowed(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document,
                     const EffectiveConfig& reading, std::string_view section) {
  const auto group = pytest_group(document, section);
  if (!group || group->settings.empty() || !reading.configfile) return;
  const auto version = context.target.pytest().str();
  const auto base = document.source->path().parent_path();
  const auto winner = shown_path(*reading.configfile, base);
  const auto empty_winner = !reading.section;
  auto& diagnostic = sink.report(
      "D002", Location::in(document.source, group->span),
      fmt::format("pytest {} ignores {} in {}: {} comes first in this directory and is the only file it reads{}; "
                  "not applied: {}",
                  version, group->header, document.file_name(), winner,
                  empty_winner ? " (although it holds no pytest settings)" : "", key_list(group->settings)));
  diagnostic.help = fmt::format(
      "pytest {} looks for {} in each directory, in this order, and reads the first that holds pytest config; {}. {}",
      version, names_in_order(reading.behaviour),
      reading.behaviour.parse_shadowed_candidates ? "it only names the ignored file in its header line"
                                                  : "it says nothing about the ignored file",
      empty_winner ? fmt::format("Delete {} if {} is meant to be the config", winner, document.file_name())
                   : fmt::format("Move the settings you need into {} and delete {}", winner, group->header));
}

void report_other_release_file(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document,
                               const EffectiveConfig& reading) {
  const auto name = document.file_name();
  const bool toml = file_kind(document.source->path()) == FileKind::PytestToml;
  const auto group = pytest_group(document, "pytest");
  if (!group || group->settings.empty()) return;
  const auto version = context.target.pytest().str();
  const auto since = release_with(toml ? "native-toml" : "dot-pytest-ini");
  auto& diagnostic = sink.report(
      "D002", Location::in(document.source, group->span),
      fmt::format("pytest {} does not look for {} (pytest {} and later do): {}; not applied: {}", version, name, since,
                  what_pytest_reads(reading, document.source->path().parent_path()), key_list(group->settings)));
  diagnostic.help = fmt::format("pytest {} looks for {}; move the settings into one of those, or require pytest>={}",
                                version, names_in_order(reading.behaviour), since);
}

// `paralint check FILE` for a file pytest started in its directory does not read.
void report_checked_file(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document) {
  const auto& config = context.config;
  if (!config.section) return;  // pytest reads nothing from it, even with -c
  const auto group = pytest_group(document, *config.section);
  if (!group || group->settings.empty()) return;
  const auto name = document.file_name();
  auto& diagnostic = sink.report(
      "D002", Location::in(document.source, group->span),
      fmt::format("pytest started in this directory does not read {}: {}; {} applies only with `pytest -c {}` ({})",
                  name, what_pytest_reads(*context.directory_config, document.source->path().parent_path()),
                  group->header, name, key_list(group->settings)));
  // A name pytest never looks for is meant for -c; a name it does look for lost to another file.
  const auto names = config_file_names(config.behaviour);
  if (std::find(names.begin(), names.end(), name) == names.end()) diagnostic.severity = Severity::Info;
  diagnostic.help = fmt::format(
      "pytest {} looks for {} in each directory, in this order, and reads the first that holds pytest config",
      context.target.pytest().str(), names_in_order(config.behaviour));
}

// The reading that lists `path` as shadowed, and the section it holds.
const Candidate* shadowed_candidate(const EffectiveConfig& reading, const fs::path& path) {
  for (const auto& candidate : reading.candidates) {
    if (candidate.path == path && candidate.status == CandidateStatus::Shadowed && candidate.section) return &candidate;
  }
  return nullptr;
}

}  // namespace

void check_config_shadowed(const CheckContext& context, DiagnosticSink& sink) {
  const auto& config = context.config;
  const auto& reading = context.directory_config != nullptr ? *context.directory_config : config;
  for (const auto& document : context.documents) {
    const auto& path = document.source->path();
    const bool checked = context.directory_config != nullptr && config.configfile == path;
    if (is_name_of_other_releases(path, config.behaviour) &&
        (checked || document.status == CandidateStatus::NotPytestConfig)) {
      report_other_release_file(context, sink, document, reading);
    } else if (checked) {
      report_checked_file(context, sink, document);
    } else if (document.status == CandidateStatus::Shadowed) {
      for (const auto* candidate_reading : {&config, context.directory_config}) {
        if (candidate_reading == nullptr) continue;
        if (const auto* candidate = shadowed_candidate(*candidate_reading, path)) {
          report_shadowed(context, sink, document, *candidate_reading, *candidate->section);
          break;
        }
      }
    }
  }
}

}  // namespace paralint::rules
