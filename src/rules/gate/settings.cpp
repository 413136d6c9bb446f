// G001 minversion-missing, G002 strict-config-missing, G003 testpaths-missing,
// G004 xfail-strict-missing: advice (info) about the config file pytest reads, unlike
// repo-review's PP30x, which grade a pyproject table that a pytest.ini may shadow. Where
// the setting exists but the modelled pytest ignores it (a pytest 9 key on pytest 8, a
// strictness flag in addopts on 9.0.x), it is a warning: it reads as set and is not.

#include <fmt/format.h>

#include <algorithm>

#include "rules/gate/gate.hpp"
#include "rules/gate/strictness.hpp"

namespace paralint::rules {

namespace {

bool applies(const CheckContext& context) {
  return context.config.configfile && context.config.section && !context.config.parse_error;
}

// How a `key = value` line is written in the chosen file.
std::string assignment(const CheckContext& context, std::string_view key, std::string_view ini_value,
                       std::string_view toml_value) {
  return std::string(key) + " = " + std::string(is_toml_config(context) ? toml_value : ini_value);
}

Location header_location(const CheckContext& context) {
  const auto header = section_header(context);
  return context.at(header.value_or(Span{}));
}

void minversion(const CheckContext& context, DiagnosticSink& sink) {
  if (context.config.find("minversion") != nullptr) return;
  const auto& pytest = context.target.pytest();
  const auto floor = std::to_string(pytest.major) + "." + std::to_string(pytest.minor);
  auto& diagnostic =
      sink.report("G001", header_location(context),
                  "no `minversion`: any pytest release runs this config, and an older one only warns about "
                  "keys it does not know and silently ignores what they were meant to do");
  diagnostic.help = "add `" + assignment(context, "minversion", floor, "\"" + floor + "\"") +
                    "` (the release modelled here) so that an older pytest stops with a clear error";
}

void strictness_config(const CheckContext& context, DiagnosticSink& sink) {
  const auto& pytest = context.target.pytest();
  for (const auto* dest : {"strict_config", "strict"}) {
    if (const auto* ignored = ignored_strictness_flag(context, dest);
        ignored != nullptr && !strict_config(context).on) {
      auto& diagnostic = sink.report("G002", context.at(ignored->span),
                                     "pytest " + pytest.str() + " ignores `" + ignored->flag +
                                         "` in addopts (pytest #14442, fixed in 9.1.0): an unknown key only warns");
      diagnostic.severity = Severity::Warning;
      diagnostic.help = "set `" + assignment(context, "strict_config", "true", "true") + "` in the config instead";
      return;
    }
  }
  const auto setting = strict_config(context);
  if (setting.on || !setting.source.empty()) return;  // on, or explicitly off
  if (pytest < kStrictKeys) {
    for (const auto* key : {"strict_config", "strict"}) {
      if (const auto* entry = context.config.find(key)) {
        auto& diagnostic =
            sink.report("G002", context.at(entry->key_span),
                        "pytest " + pytest.str() + " does not know `" + entry->key +
                            "` (a pytest 9 key): it only warns about it, and unknown keys stay warnings");
        diagnostic.severity = Severity::Warning;
        diagnostic.help = "add `--strict-config` to addopts, which pytest " + pytest.str() + " honours";
        return;
      }
    }
  }
  auto& diagnostic =
      sink.report("G002", header_location(context),
                  "strict config is off: pytest " + pytest.str() +
                      " only warns about an unknown key (a typo, or a plugin that is not installed) and runs on");
  diagnostic.help = pytest < kStrictKeys ? "add `--strict-config` to addopts"
                                         : "add `" + assignment(context, "strict_config", "true", "true") + "`";
  // Unsafe: a key pytest only warned about stops the run. Not offered while the config holds
  // such a key (K001, K002, K004 say which): strictness would make it refuse to load.
  const bool every_key_known =
      std::all_of(context.config.ini.begin(), context.config.ini.end(), [&](const ConfigEntry& entry) {
    const auto owners = context.owners_of_key(entry.key);
    return !owners.empty() && owners.front().exists_in_version && owners.front().presence == Presence::Installed;
  });
  if (!every_key_known) return;
  auto edit = pytest < kStrictKeys ? append_to_addopts(context, {"--strict-config"})
                                   : insert_key(context, "strict_config", "true");
  if (edit) {
    diagnostic.fix = Fix{Applicability::Unsafe,
                         pytest < kStrictKeys ? "add --strict-config to addopts" : "set strict_config = true",
                         {*edit}};
  }
}

// The one folder every test module the scan found lives in, when it is a folder named for
// tests: what `testpaths` can say without guessing.
std::optional<std::string> tests_folder(const CheckContext& context) {
  std::optional<std::string> folder;
  for (const auto& scanned : context.project.scanned_files) {
    const std::filesystem::path file(scanned);
    const auto name = file.filename().string();
    if (!(name.starts_with("test_") || name.ends_with("_test.py")) || !name.ends_with(".py")) continue;
    const auto relative = file.lexically_relative(context.config.rootdir);
    if (relative.empty() || *relative.begin() == ".." || std::next(relative.begin()) == relative.end()) return {};
    const auto top = relative.begin()->string();
    if (folder && *folder != top) return {};
    folder = top;
  }
  if (!folder || (*folder != "tests" && *folder != "test" && *folder != "testing")) return {};
  return folder;
}

void testpaths(const CheckContext& context, DiagnosticSink& sink) {
  // Paths in addopts are arguments: pytest then ignores testpaths and collects those.
  if (context.config.find("testpaths") != nullptr || !context.addopts.positionals.empty()) return;
  auto& diagnostic =
      sink.report("G003", header_location(context),
                  "no `testpaths`: a bare `pytest` run in the rootdir collects from every directory below it that "
                  "norecursedirs does not exclude");
  diagnostic.help = "add `" + assignment(context, "testpaths", "tests", "[\"tests\"]") +
                    "` naming the test directories, which is also faster to collect";
  // Unsafe: test modules elsewhere (doctests, a stray test_*.py) are no longer collected.
  if (const auto folder = tests_folder(context)) {
    if (auto edit = insert_key(context, "testpaths", is_toml_config(context) ? "[\"" + *folder + "\"]" : *folder)) {
      diagnostic.fix = Fix{Applicability::Unsafe, "set testpaths = " + *folder, {*edit}};
    }
  }
}

void xfail_strict(const CheckContext& context, DiagnosticSink& sink) {
  const auto& pytest = context.target.pytest();
  const auto setting = strict_xfail(context);
  if (setting.on || !setting.source.empty()) return;
  if (pytest < kStrictKeys) {
    if (const auto* entry = context.config.find("strict_xfail")) {
      auto& diagnostic = sink.report("G004", context.at(entry->key_span),
                                     "pytest " + pytest.str() +
                                         " does not know `strict_xfail` (its pytest 9 name): an xfail "
                                         "test that passes still passes the run");
      diagnostic.severity = Severity::Warning;
      diagnostic.help =
          "use `xfail_strict`, the name pytest " + pytest.str() + " reads (pytest 9 accepts it as an alias)";
      return;
    }
  }
  auto& diagnostic =
      sink.report("G004", header_location(context),
                  "xfail is not strict: a test marked xfail that starts passing is reported as XPASS and the "
                  "run still passes");
  // `xfail_strict`, not pytest 9's `strict_xfail`: every release reads it (9.x as an alias,
  // without a warning), so the config still loads under --strict-config on pytest 7 and 8.
  diagnostic.help = "add `" + assignment(context, "xfail_strict", "true", "true") +
                    "` (the name every pytest release reads; pytest 9 also calls it strict_xfail)";
  // Unsafe: an xfail test that passes now fails the run.
  if (auto edit = insert_key(context, "xfail_strict", "true")) {
    diagnostic.fix = Fix{Applicability::Unsafe, "set xfail_strict = true", {std::move(*edit)}};
  }
}

}  // namespace

void check_gate_settings(const CheckContext& context, DiagnosticSink& sink) {
  if (!applies(context)) return;
  minversion(context, sink);
  strictness_config(context, sink);
  testpaths(context, sink);
  xfail_strict(context, sink);
}

}  // namespace paralint::rules
