// K007 minversion-unsatisfied: Config._checkversion compares minversion with the running
// pytest through packaging.version.Version and stops with a UsageError (exit 4) when it asks
// for more; a string that is not a PEP 440 version raises InvalidVersion (traceback, exit 1).

#include <fmt/format.h>

#include "rules/keys/keys.hpp"
#include "rules/keys/pep440.hpp"

namespace paralint::rules::keys {

void check_minversion(const CheckContext& context, DiagnosticSink& sink) {
  if (context.config.parse_error || !context.config.source) return;
  const auto* entry = context.config.find("minversion");
  // Non-strings are K003's; an empty value is falsy and never compared.
  if (entry == nullptr || !entry->value.is_string() || entry->value.string.empty()) return;
  const auto& text = entry->value.string;
  const auto actual = context.target.pytest().str();
  const auto wanted = Pep440Version::parse(text);
  if (!wanted) {
    auto& diagnostic =
        sink.report("K007", context.at(entry->value.span),
                    fmt::format("'{}' is not a PEP 440 version: pytest {} stops with a traceback (exit 1): "
                                "packaging.version.InvalidVersion: Invalid version: '{}'",
                                text, actual, text));
    diagnostic.help = "write a version such as 7.0";
    return;
  }
  const auto running = Pep440Version::parse(actual);
  if (!running || compare(*wanted, *running) <= 0) return;
  auto& diagnostic =
      sink.report("K007", context.at(entry->value.span),
                  fmt::format("pytest {} refuses to start (exit 4): 'minversion' requires pytest-{}, actual pytest-{}'",
                              actual, text, actual));
  diagnostic.help =
      fmt::format("run a pytest release >= {} ({}), or lower minversion", text, context.target.versions.pytest_reason);
}

}  // namespace paralint::rules::keys
