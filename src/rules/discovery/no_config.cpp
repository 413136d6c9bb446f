// D007 no-config: pytest found no config file (or, from 8.1, only a pyproject.toml without
// a pytest table, which it uses for the rootdir alone), so it runs with its defaults.

#include <fmt/format.h>

#include "rules/discovery/config_sections.hpp"
#include "rules/discovery/discovery.hpp"

namespace paralint::rules {

void check_no_config(const CheckContext& context, DiagnosticSink& sink) {
  const auto& config = context.config;
  if (context.directory_config != nullptr || config.parse_error) return;
  const auto version = context.target.pytest().str();
  const auto rootdir = shown_path(config.rootdir, config.start_dir);
  const auto rootdir_text = rootdir == "." ? "this directory" : rootdir;
  if (!config.configfile) {
    auto& diagnostic = sink.report(
        "D007", Location{config.start_dir, nullptr, {}},
        fmt::format("no config file: pytest {} started here finds none in this directory or above it and runs with its "
                    "defaults; rootdir is {}",
                    version, rootdir_text));
    diagnostic.help =
        "add a pytest.ini with a [pytest] section (or [tool.pytest.ini_options] in pyproject.toml) to pin the "
        "rootdir and the options every run uses";
  } else if (!config.section && config.source && file_kind(*config.configfile) == FileKind::Pyproject) {
    auto& diagnostic = sink.report("D007", Location::in(config.source, {}),
                                   fmt::format("{} holds no table pytest {} reads: pytest takes it only to set the "
                                               "rootdir ({}) and runs with its defaults",
                                               config.configfile->filename().string(), version, rootdir_text));
    diagnostic.help = "put pytest settings under [tool.pytest.ini_options]";
  }
}

}  // namespace paralint::rules
