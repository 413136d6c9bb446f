// M005 strict-markers-missing: markers are declared, but an undeclared mark (a typo) only
// warns, because nothing turns strict markers on in the target pytest. The setting that
// works depends on the version: --strict-markers in addopts on 7.x/8.x (the keys do not
// exist there), the strict_markers key on 9.x (9.0.x ignores the flag in addopts).

#include <algorithm>

#include "rules/markers/markers.hpp"

namespace paralint::rules {

void check_strict_markers_missing(const CheckContext& context, DiagnosticSink& sink) {
  const auto& config = context.config;
  const auto* markers = config.find("markers");
  if (config.markers.empty() || markers == nullptr || !config.source) return;
  const auto strict = strict_markers(context);
  if (strict.enabled || strict.disabled_on_purpose) return;

  const auto& pytest = context.target.pytest();
  const bool keys = pytest >= Version{9, 0, 0};
  const auto consequence =
      "a mark missing from `markers` (a typo such as @pytest.mark.slwo) only warns "
      "(PytestUnknownMarkWarning) and the test still runs";
  Location location = context.at(markers->key_span);
  std::string message;
  if (strict.ineffective) {
    location = context.at(strict.ineffective_span);
    message = *strict.ineffective + ", so markers are not enforced: " + consequence;
  } else {
    message = "markers are declared but pytest " + pytest.str() + " does not enforce them: " + consequence;
  }
  auto& diagnostic = sink.report("M005", location, message);
  diagnostic.help = keys ? "on pytest 9 set `strict_markers = true` (or `strict = true`, which also turns on "
                           "strict_config, strict_xfail and strict_parametrization_ids); --strict-markers in addopts "
                           "is ignored by 9.0.x"
                         : "on pytest 7 and 8 add --strict-markers to addopts; the strict_markers key only exists "
                           "from pytest 9.0";
  auto edit = keys ? insert_key(context, "strict_markers", "true") : append_to_addopts(context, {"--strict-markers"});
  if (!edit) return;
  // Strictness turns today's undeclared marks into collection errors.
  const bool breaks = std::any_of(context.project.marker_uses.begin(), context.project.marker_uses.end(),
                                  [&](const SourceMention& use) {
                                    return marker_registration(context, use.name).state != Registration::Registered;
                                  });
  diagnostic.fix = Fix{breaks ? Applicability::Unsafe : Applicability::Safe,
                       keys ? "set strict_markers = true" : "add --strict-markers to addopts",
                       {*edit}};
}

}  // namespace paralint::rules
