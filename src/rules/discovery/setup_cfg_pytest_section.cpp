// D003 pytest-section-in-setup-cfg: pytest stopped reading [pytest] in setup.cfg long ago and
// now fails on it (`fail()` in load_config_dict_from_file: a traceback, exit 1) whenever it
// parses the file: when it reaches setup.cfg in its walk, under -c, and from pytest 9 also
// when setup.cfg only sits beside the file it reads.

#include <fmt/format.h>

#include "rules/discovery/config_sections.hpp"
#include "rules/discovery/discovery.hpp"

namespace paralint::rules {

void check_setup_cfg_pytest_section(const CheckContext& context, DiagnosticSink& sink) {
  const auto version = context.target.pytest().str();
  for (const auto& document : context.documents) {
    if (!has_setup_cfg_pytest_section(document)) continue;
    const auto* section = document.ini->find("pytest");
    const auto group = ini_group(*section);
    const auto& path = document.source->path();
    const bool fails = reading_failed_on(&context.config, path) || reading_failed_on(context.directory_config, path);
    std::string message;
    if (fails) {
      message = fmt::format(
          "pytest {} stops with a traceback (exit 1): \"[pytest] section in setup.cfg files is no longer supported, "
          "change to [tool:pytest] instead.\"",
          version);
    } else if (!context.config.behaviour.parse_shadowed_candidates) {
      message = fmt::format(
          "pytest {} does not read setup.cfg here, but fails on [pytest] wherever it does (and pytest {} and later "
          "parse setup.cfg beside the file they read, and fail): use [tool:pytest]",
          version, release_with("parse-shadowed-candidates"));
    } else {
      message = fmt::format("pytest {} fails on [pytest] in setup.cfg whenever it parses this file: use [tool:pytest]",
                            version);
    }
    auto& diagnostic = sink.report("D003", Location::in(document.source, group.span), std::move(message));
    if (!fails) diagnostic.severity = Severity::Warning;
    diagnostic.help = "in setup.cfg pytest reads [tool:pytest]; rename the section";
    diagnostic.fix = Fix{Applicability::Safe,
                         "rename [pytest] to [tool:pytest]",
                         {{document.source, section->header_span, "tool:pytest"}}};
  }
}

}  // namespace paralint::rules
