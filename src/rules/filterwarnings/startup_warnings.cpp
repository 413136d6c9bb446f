// F004 startup-warning-made-fatal: pytest passes the warnings it and its plugins issue
// while starting through the configured filters (Config.issue_config_time_warning). An
// `error` filter turns them into exceptions, and pytest stops before running any test:
// an unknown config key (INTERNALERROR after collection), a deprecated option or key,
// or pytest-cov < 4.1 feeding .coveragerc to xdist's deprecated --rsyncdir.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "rules/filterwarnings/filterwarnings.hpp"
#include "rules/filterwarnings/warning_filters.hpp"
#include "rules/gate/strictness.hpp"

namespace paralint::rules {

namespace {

// Components whose schema `deprecated` entries are warnings issued through
// issue_config_time_warning (the schemas say so for these two; each was run with
// `filterwarnings = error`). Other plugins' deprecations warn later, or without the
// configured filters.
constexpr std::array<std::string_view, 2> kConfigTimeDeprecations = {"pytest", "pytest-xdist"};

// pytest-cov releases before 4.1.0 append the coverage config file to xdist's --rsyncdir
// when --cov runs distributed (pytest-cov #558).
const Version kCovWithoutRsync{4, 1, 0};

bool warns_at_config_time(const ComponentSchema& component) {
  return std::find(kConfigTimeDeprecations.begin(), kConfigTimeDeprecations.end(), component.name) !=
         kConfigTimeDeprecations.end();
}

StartupWarning deprecation_warning(const ComponentSchema& component, const Availability& availability) {
  StartupWarning warning;
  warning.message = availability.deprecation;
  if (component.is_core()) {
    // pytest deprecates for removal in the next major release (PytestRemovedIn<N>Warning).
    const auto removal = "pytest.PytestRemovedIn" + std::to_string(availability.deprecated->major + 1) + "Warning";
    warning.categories = {
        removal,  "pytest.PytestDeprecationWarning", "pytest.PytestWarning", "UserWarning", "DeprecationWarning",
        "Warning"};
  } else {
    warning.categories = {"DeprecationWarning", "Warning"};
    warning.module = "xdist.plugin";
  }
  return warning;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string named(const WarningFilter& filter) {
  return filter.origin == FilterOrigin::Config ? "the filterwarnings entry `" + filter.text + "`"
                                               : "`-W " + filter.text + "` in addopts";
}

struct Reporter {
  const CheckContext& context;
  DiagnosticSink& sink;
  const FilterList& filters;

  // Reports when the filters make `warning` an error; `certain` false lowers the severity.
  void report(const StartupWarning& warning, Span span, const std::string& cause, const std::string& effect,
              const std::string& help, bool certain) {
    const auto decision = decide(filters, warning, context.target.pytest());
    if (decision.action != "error") return;
    auto& diagnostic =
        sink.report("F004", context.at(span),
                    cause + ", and " + named(*decision.filter) + " turns it into an exception: " + effect);
    diagnostic.help = help;
    if (!certain || !decision.certain) diagnostic.severity = Severity::Warning;
  }
};

void unknown_keys(const CheckContext& context, Reporter& reporter) {
  if (strict_config(context).on) return;  // then an unknown key is a usage error, not a warning
  const auto& pytest = context.target.pytest();
  for (const auto& entry : context.config.ini) {
    const auto owners = context.owners_of_key(entry.key);
    bool known = false;
    const ComponentSchema* maybe = nullptr;
    for (const auto& owner : owners) {
      if (!owner.exists_in_version) continue;
      if (owner.presence == Presence::Installed) known = true;
      if (owner.presence == Presence::Unknown && maybe == nullptr) maybe = owner.component;
    }
    if (known) continue;
    StartupWarning warning;
    warning.categories = {"pytest.PytestConfigWarning", "pytest.PytestWarning", "UserWarning", "Warning"};
    warning.message = "Unknown config option: " + entry.key + "\n";
    warning.module = "_pytest.config";
    std::string cause = "pytest " + pytest.str() + " warns `Unknown config option: " + entry.key + "`";
    if (maybe != nullptr) cause = fmt::format("unless {} is installed (paralint cannot tell), {}", maybe->name, cause);
    const bool opaque = owners.empty() && !context.project.opaque_sources.empty();
    if (opaque) cause += " (unless project code paralint cannot see registers it)";
    reporter.report(
        warning, entry.key_span, cause, "pytest stops with INTERNALERROR after collection and runs no test",
        "remove the key or install the plugin that registers it; with `strict_config`/`--strict-config` pytest "
        "would name it as a usage error instead",
        maybe == nullptr && !opaque);
  }
}

void deprecated_options(const CheckContext& context, Reporter& reporter) {
  for (const auto& option : context.addopts.options) {
    if (option.component == nullptr || option.option == nullptr || !option.exists_in_version ||
        option.owner != OptionOwner::Active || !warns_at_config_time(*option.component)) {
      continue;
    }
    const auto& availability = option.option->availability;
    const auto version = context.version_of(*option.component);
    if (!availability.deprecated_in(version)) continue;
    const auto what =
        option.component->is_core() ? "pytest " + version.str() : option.component->name + " " + version.str();
    reporter.report(
        deprecation_warning(*option.component, availability), option.span,
        "`" + option.flag + "` makes " + what + " warn at start-up (" + first_line(availability.deprecation) + ")",
        "pytest stops before running any test", "drop the deprecated option, as its warning says",
        option.presence == Presence::Installed);
  }
}

void deprecated_keys(const CheckContext& context, Reporter& reporter) {
  for (const auto& entry : context.config.ini) {
    if (entry.value.is_string() ? entry.value.string.empty() : entry.value.is_array() && entry.value.items.empty())
      continue;
    const auto owners = context.owners_of_key(entry.key);
    if (owners.empty() || owners.front().component == nullptr || owners.front().key == nullptr) continue;
    const auto& owner = owners.front();
    if (!owner.exists_in_version || owner.presence == Presence::Absent || !warns_at_config_time(*owner.component))
      continue;
    const auto version = context.version_of(*owner.component);
    const auto& availability = owner.key->availability;
    if (!availability.deprecated_in(version)) continue;
    reporter.report(deprecation_warning(*owner.component, availability), entry.key_span,
                    "`" + entry.key + "` makes " + owner.component->name + " " + version.str() + " warn at start-up (" +
                        first_line(availability.deprecation) + ")",
                    "pytest stops before running any test", "remove the deprecated key, as its warning says",
                    owner.presence == Presence::Installed);
  }
}

// --cov with xdist on pytest-cov < 4.1: the coverage config file goes to --rsyncdir.
void coverage_rsync(const CheckContext& context, Reporter& reporter) {
  const auto* cov = context.schemas.find("pytest-cov");
  const auto* xdist = context.schemas.find("pytest-xdist");
  if (cov == nullptr || xdist == nullptr) return;
  const auto cov_presence = context.presence_of(*cov);
  const auto xdist_presence = context.presence_of(*xdist);
  if (cov_presence == Presence::Absent || xdist_presence == Presence::Absent) return;
  const auto cov_version = context.version_of(*cov);
  if (cov_version >= kCovWithoutRsync) return;
  const auto xdist_version = context.version_of(*xdist);
  const auto* rsyncdir = xdist->find_option("--rsyncdir", xdist_version);
  if (rsyncdir == nullptr || !rsyncdir->availability.deprecated_in(xdist_version)) return;
  const auto* source = context.addopts.find_dest("pytest-cov", "cov_source");
  if (source == nullptr || source->flag != "--cov" || context.addopts.find_dest("pytest-cov", "no_cov") != nullptr)
    return;
  const auto* processes = context.addopts.find_dest("pytest-xdist", "numprocesses");
  const auto* dist = context.addopts.find_dest("pytest-xdist", "dist");
  const bool distributed = (processes != nullptr && processes->value && *processes->value != "0") ||
                           (dist != nullptr && dist->value && *dist->value != "no");
  if (!distributed) return;
  const auto* config_option = context.addopts.find_dest("pytest-cov", "cov_config");
  const std::string cov_config =
      config_option != nullptr && config_option->value ? *config_option->value : ".coveragerc";
  std::error_code error;
  if (!std::filesystem::exists(context.config.start_dir / cov_config, error)) return;
  reporter.report(deprecation_warning(*xdist, rsyncdir->availability), source->span,
                  "`--cov` under xdist makes pytest-cov " + cov_version.str() + " pass " + cov_config +
                      " to --rsyncdir, and " + "pytest-xdist " + xdist_version.str() + " warns at start-up (" +
                      first_line(rsyncdir->availability.deprecation) + ")",
                  "pytest stops before running any test",
                  "upgrade pytest-cov to 4.1.0 or later, which no longer uses --rsyncdir",
                  cov_presence == Presence::Installed && xdist_presence == Presence::Installed);
}

}  // namespace

void check_startup_warnings(const CheckContext& context, DiagnosticSink& sink) {
  const auto filters = read_filters(context);
  if (filters.config.empty() && filters.command_line.empty()) return;
  Reporter reporter{context, sink, filters};
  unknown_keys(context, reporter);
  deprecated_options(context, reporter);
  deprecated_keys(context, reporter);
  coverage_rsync(context, reporter);
}

}  // namespace paralint::rules
