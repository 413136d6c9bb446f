#include "rules/discovery/intended_setting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "paralint/read/python_text.hpp"

namespace paralint::rules {

namespace {

// Names invented for xdist and timeout settings (the seed report's
// [tool:pytest.ini_options.parallel] and configs written like it), mapped to the setting
// that does that job. This is a guess at intent, not a pytest fact: the schemas must still
// know the setting, and say who owns it, before a message names it.
struct IntentHint {
  std::string_view invented;
  std::string_view setting;  // an option flag ("-n") or an ini key ("timeout")
  std::string_view job;      // what that setting does, for the message
};

constexpr std::string_view kWorkers = "the number of workers";
constexpr std::string_view kTestTimeout = "a time limit per test";
constexpr std::string_view kRestarts = "how many crashed workers are replaced";
constexpr std::string_view kDistribution = "how tests are distributed to workers";

constexpr std::array kIntentHints = {
    IntentHint{"max_workers", "-n", kWorkers},
    IntentHint{"num_workers", "-n", kWorkers},
    IntentHint{"n_workers", "-n", kWorkers},
    IntentHint{"workers", "-n", kWorkers},
    IntentHint{"worker_count", "-n", kWorkers},
    IntentHint{"parallel_workers", "-n", kWorkers},
    IntentHint{"worker_timeout", "timeout", kTestTimeout},
    IntentHint{"test_timeout", "timeout", kTestTimeout},
    IntentHint{"max_restarts", "--max-worker-restart", kRestarts},
    IntentHint{"max_worker_restarts", "--max-worker-restart", kRestarts},
    IntentHint{"worker_restarts", "--max-worker-restart", kRestarts},
    IntentHint{"distribution", "--dist", kDistribution},
    IntentHint{"dist_mode", "--dist", kDistribution},
    IntentHint{"scheduler", "--dist", kDistribution},
};

struct FoundOption {
  const ComponentSchema* component = nullptr;
  const OptionSchema* option = nullptr;
  std::string flag;  // the name matched, or the one to write
};

std::string possessive(const ComponentSchema* component) {
  if (component == nullptr) return "the project's own";
  return component->name + "'s";
}

// The name to write: the long one when there is one.
std::string preferred_flag(const OptionSchema& option) {
  for (const auto& name : option.names) {
    if (name.starts_with("--")) return name;
  }
  return option.names.front();
}

// The option whose long name or dest is `key` (`max_worker_restart` → --max-worker-restart),
// preferring one that exists in the modelled release.
std::optional<FoundOption> option_named(const CheckContext& context, std::string_view key) {
  std::optional<FoundOption> found;
  for (const auto& component : context.schemas.components()) {
    for (const auto& option : component.options) {
      std::optional<std::string> flag;
      for (const auto& name : option.names) {
        if (name.starts_with("--") && normalized_key(std::string_view(name).substr(2)) == key) flag = name;
      }
      if (!flag && option.dest == key) flag = preferred_flag(option);
      if (!flag) continue;
      const bool in_version = option.availability.in(context.version_of(component));
      if (!found || in_version) found = FoundOption{&component, &option, *flag};
      if (in_version) return found;
    }
  }
  return found;
}

std::optional<FoundOption> option_with_flag(const CheckContext& context, std::string_view flag) {
  for (const auto& component : context.schemas.components()) {
    if (const auto* option = component.find_option(flag, context.version_of(component))) {
      return FoundOption{&component, option, std::string(flag)};
    }
  }
  return std::nullopt;
}

// "; pytest-xdist is not installed" when the target environment lacks the plugin.
std::string presence_note(const CheckContext& context, const ComponentSchema* component) {
  if (component == nullptr || component->is_core() || context.presence_of(*component) != Presence::Absent) return {};
  return fmt::format(" ({} is not installed)", component->name);
}

std::string version_note(const CheckContext& context, const ComponentSchema* component,
                         const Availability& availability) {
  if (component == nullptr) return {};
  const auto version = context.version_of(*component);
  if (!availability.in(version)) return fmt::format(" (not in {} {})", component->name, version.str());
  if (availability.deprecated_in(version)) return fmt::format(" (deprecated in {} {})", component->name, version.str());
  return {};
}

std::string option_action(const CheckContext& context, const FoundOption& found, const std::string& value,
                          const Destination& destination) {
  const auto& option = *found.option;
  if (const auto* existing = context.addopts.find_dest(found.component->name, option.dest)) {
    const auto written = existing->value ? command_line(existing->flag, true, *existing->value) : existing->flag;
    return fmt::format("addopts already passes `{}`, so drop it here", written);
  }
  const bool takes_value = option.arity != Arity::None;
  const auto choices = option.choices_in(context.version_of(*found.component));
  std::string written;
  if (takes_value && !choices.empty() && std::find(choices.begin(), choices.end(), value) == choices.end()) {
    std::string alternatives;
    for (const auto& choice : choices) alternatives += (alternatives.empty() ? "" : "|") + choice;
    written = command_line(found.flag, true, "{" + alternatives + "}");
  } else {
    written = command_line(found.flag, takes_value, value);
  }
  return fmt::format("add `{}` to addopts in {}", written, destination.section);
}

// `renamed`: the setting has another name than the key written (worker_timeout → timeout).
std::string ini_action(const CheckContext& context, std::string_view key, const std::string& value,
                       const Destination& destination, bool renamed) {
  if (context.config.find(key) != nullptr) {
    return fmt::format("{} already sets it, so drop it here", destination.section);
  }
  if (!renamed) return fmt::format("move it into {}", destination.section);
  if (destination.ini && !value.empty()) return fmt::format("set `{} = {}` in {}", key, value, destination.section);
  return fmt::format("set `{}` in {}", key, destination.section);
}

// The option's arguments for `value`, or nullopt when the value is not one it takes.
std::optional<Translation> option_translation(const CheckContext& context, const FoundOption& found,
                                              const std::string& value) {
  const auto& option = *found.option;
  const auto& component = *found.component;
  if (!option.availability.in(context.version_of(component))) return std::nullopt;
  if (!component.is_core() && context.presence_of(component) != Presence::Installed) return std::nullopt;
  if (context.addopts.find_dest(component.name, option.dest) != nullptr) return std::nullopt;
  if (option.arity == Arity::None) return Translation{{found.flag}, {}, {}};
  if (value.empty() || value.find_first_of(" \t\"'") != std::string::npos) return std::nullopt;
  const auto choices = option.choices_in(context.version_of(component));
  if (!choices.empty() && std::find(choices.begin(), choices.end(), value) == choices.end()) return std::nullopt;
  return Translation{{found.flag, value}, {}, {}};
}

std::optional<Translation> key_translation(const CheckContext& context, const KeyOwner& owner, std::string_view key,
                                           const std::string& value) {
  if (!owner.exists_in_version || owner.presence != Presence::Installed || value.empty()) return std::nullopt;
  // A scalar only: an array or table written as text would change type on the way.
  if (value.find_first_of("[]{}\"'\n") != std::string::npos) return std::nullopt;
  if (context.config.find(key) != nullptr) return std::nullopt;
  return Translation{{}, std::string(key), value};
}

std::string describe_option(const FoundOption& found) {
  return fmt::format("{} command-line option {}", possessive(found.component), found.option->display_names());
}

}  // namespace

std::optional<Translation> translation_of(const CheckContext& context, const Setting& setting) {
  const auto normalized = normalized_key(setting.key);
  if (const auto owners = context.owners_of_key(setting.key); !owners.empty()) {
    return key_translation(context, owners.front(), setting.key, setting.value);
  }
  if (const auto found = option_named(context, normalized)) return option_translation(context, *found, setting.value);
  for (const auto& hint : kIntentHints) {
    if (hint.invented != normalized) continue;
    if (hint.setting.starts_with("-")) {
      if (const auto found = option_with_flag(context, hint.setting)) {
        return option_translation(context, *found, setting.value);
      }
    } else if (const auto hinted = context.owners_of_key(hint.setting); !hinted.empty()) {
      return key_translation(context, hinted.front(), hint.setting, setting.value);
    }
  }
  return std::nullopt;
}

std::string normalized_key(std::string_view key) {
  std::string out;
  for (const char c : python::strip(key)) {
    out += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string command_line(std::string_view flag, bool takes_value, std::string_view value) {
  if (!takes_value) return std::string(flag);
  const bool short_flag = flag.size() == 2 && flag[0] == '-' && flag[1] != '-';
  std::string shown = value.empty() ? "…" : std::string(value);
  if (shown.find_first_of(" \t") != std::string::npos) shown = "'" + shown + "'";
  return std::string(flag) + (short_flag ? " " : "=") + shown;
}

std::string intended_setting(const CheckContext& context, const Setting& setting, const Destination& destination) {
  const auto& key = setting.key;
  const auto normalized = normalized_key(key);
  const auto owners = context.owners_of_key(key);
  if (!owners.empty() && owners.front().exists_in_version) {
    const auto& owner = owners.front();
    return fmt::format("`{}` is {} ini key{}: {}", key, possessive(owner.component),
                       presence_note(context, owner.component),
                       ini_action(context, key, setting.value, destination, false));
  }
  if (const auto found = option_named(context, normalized)) {
    return fmt::format("`{}` is not an ini key but {}{}{}: {}", key, describe_option(*found),
                       version_note(context, found->component, found->option->availability),
                       presence_note(context, found->component),
                       option_action(context, *found, setting.value, destination));
  }
  if (!owners.empty()) {
    const auto& owner = owners.front();
    return fmt::format("`{}` is {} ini key{}", key, possessive(owner.component),
                       owner.key != nullptr ? version_note(context, owner.component, owner.key->availability) : "");
  }
  const std::string_view unknown = "is not a setting of pytest or of any plugin paralint knows";
  for (const auto& hint : kIntentHints) {
    if (hint.invented != normalized) continue;
    if (hint.setting.starts_with("-")) {
      if (const auto found = option_with_flag(context, hint.setting)) {
        return fmt::format("`{}` {}; {} is set with {}{}: {}", key, unknown, hint.job, describe_option(*found),
                           presence_note(context, found->component),
                           option_action(context, *found, setting.value, destination));
      }
    } else if (const auto hinted = context.owners_of_key(hint.setting); !hinted.empty()) {
      return fmt::format("`{}` {}; {} is {} ini key `{}`{}: {}", key, unknown, hint.job,
                         possessive(hinted.front().component), hint.setting,
                         presence_note(context, hinted.front().component),
                         ini_action(context, hint.setting, setting.value, destination, true));
    }
  }
  const bool opaque = !context.project.opaque_sources.empty();
  return fmt::format("`{}` {}{}: drop it", key, unknown,
                     opaque ? " (unless the project's own plugin code registers it)" : "");
}

}  // namespace paralint::rules
