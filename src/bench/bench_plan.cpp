#include "paralint/bench/bench_plan.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

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

std::string shell_join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += ' ';
    const bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("@%+=:,./-_").find(c) != std::string_view::npos;
    });
    if (safe) {
      out += word;
      continue;
    }
    out += '\'';
    for (const char c : word) out += c == '\'' ? std::string("'\"'\"'") : std::string(1, c);
    out += '\'';
  }
  return out;
}

std::string addopts_without_xdist(const std::vector<std::string>& tokens, std::vector<std::string>& dropped) {
  const auto* xdist = SchemaSet::embedded().find("pytest-xdist");
  // The option a token starts, and whether its value is the next token.
  const auto xdist_option = [&](const std::string& token, bool& value_follows) {
    value_follows = false;
    if (xdist == nullptr || token.size() < 2 || token[0] != '-') return false;
    for (const auto& option : xdist->options) {
      for (const auto& name : option.names) {
        const bool takes_value = option.arity != Arity::None;
        if (token == name) {
          value_follows = option.arity == Arity::One || option.arity == Arity::OneOrMore;
          return true;
        }
        const bool long_name = name.starts_with("--");
        if (takes_value && long_name && token.starts_with(name + "=")) return true;
        if (takes_value && !long_name && name.size() == 2 && token.starts_with(name)) return true;  // -nauto
      }
    }
    return false;
  };
  std::vector<std::string> kept;
  for (std::size_t index = 0; index < tokens.size(); ++index) {
    bool value_follows = false;
    if (!xdist_option(tokens[index], value_follows)) {
      kept.push_back(tokens[index]);
      continue;
    }
    dropped.push_back(tokens[index]);
    if (value_follows && index + 1 < tokens.size()) dropped.push_back(tokens[++index]);
  }
  return shell_join(kept);
}

std::vector<std::string> pytest_command(const BenchCommand& command, const BenchProfile& profile) {
  std::vector<std::string> argv{command.python.string(), "-m", "pytest", "-o", "addopts=" + command.addopts, "-p",
                                "no:cacheprovider", "-p", kProbeModule, "-q"};
  argv.insert(argv.end(), profile.arguments.begin(), profile.arguments.end());
  argv.insert(argv.end(), command.extra_arguments.begin(), command.extra_arguments.end());
  return argv;
}

}  // namespace paralint
