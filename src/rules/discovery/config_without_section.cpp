// D004 pytest-ini-without-pytest-section: pytest.ini (and from pytest 9 .pytest.ini,
// pytest.toml and .pytest.toml) is the config file even when it holds no pytest section.
// pytest then runs with no settings at all and ignores every other config file, so whatever
// the file holds under other headers was written for nothing.

#include <fmt/format.h>

#include "rules/discovery/config_sections.hpp"
#include "rules/discovery/discovery.hpp"

namespace paralint::rules {

namespace {

bool has_content(const ConfigDocument& document) {
  if (document.ini) return !document.ini->sections.empty();
  return document.toml && !document.toml->root.entries.empty();
}

// The files pytest skips because it stopped at this one.
std::string ignored_files(const EffectiveConfig& config) {
  std::string out;
  for (const auto& candidate : config.candidates) {
    if (candidate.status == CandidateStatus::Shadowed) {
      out += (out.empty() ? "" : ", ") + candidate.path.filename().string();
    }
  }
  return out;
}

}  // namespace

void check_config_without_section(const CheckContext& context, DiagnosticSink& sink) {
  const auto& config = context.config;
  // A checked file pytest started in its directory does not read is D002's.
  if (context.directory_config != nullptr || !config.configfile || config.section || config.parse_error) return;
  const auto* document = document_at(context, *config.configfile);
  // pyproject.toml chosen without a pytest table is pytest's rootdir fallback (D007);
  // an empty file is a deliberate rootdir marker.
  if (document == nullptr || file_kind(*config.configfile) == FileKind::Pyproject || !has_content(*document)) return;

  const auto kind = file_kind(*config.configfile);
  const auto expected = pytest_section_header(kind, config.behaviour);
  const auto name = document->file_name();
  const auto ignored = ignored_files(config);
  const auto* meant = document->ini ? section_meant_as_pytest(*document->ini) : nullptr;

  Span span;
  if (meant != nullptr) {
    span = ini_group(*meant).span;
  } else if (document->ini) {
    span = ini_group(document->ini->sections.front()).span;
  } else {
    const auto& first = document->toml->root.entries.front();
    if (first.value.is_table()) {
      const auto [path, table] = shown_table(*document->source, first.key, &first.value);
      span = table_span(*document->source, path, *table);
    } else {
      span = first.key_span;
    }
  }
  auto message =
      fmt::format("{} has no {} {}, but pytest {} still takes it as the config file: it runs with no settings{}", name,
                  expected, document->ini ? "section" : "table", context.target.pytest().str(),
                  ignored.empty() ? "" : " and ignores the pytest config in " + ignored);
  if (meant != nullptr) message += fmt::format("; [{}] is never read", meant->name);
  auto& diagnostic = sink.report("D004", Location::in(document->source, span), std::move(message));
  if (meant != nullptr) {
    diagnostic.help = fmt::format("rename [{}] to [pytest]", meant->name);
    // Unsafe: the run changes. Settings pytest has never applied (addopts, filterwarnings, …)
    // start to apply, and they may not be what the project runs with today.
    diagnostic.fix = Fix{Applicability::Unsafe,
                         fmt::format("rename [{}] to [pytest]", meant->name),
                         {{document->source, meant->header_span, "pytest"}}};
  } else {
    diagnostic.help =
        fmt::format("put the settings under {}, or delete {} if another file holds the config", expected, name);
  }
}

}  // namespace paralint::rules
