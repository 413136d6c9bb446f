// A009 run-slowing-option: options that make every run slower or forget what earlier runs
// learnt, and one that is mistaken for a speed setting.

#include <algorithm>
#include <array>

#include "rules/addopts/addopts.hpp"
#include "rules/config_edits.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

struct CostlyOption {
  std::string_view component;
  std::string_view flag;   // any of the option's names
  std::string_view value;  // only with this argument; empty: always
  Severity severity;
  std::string_view effect;
};

// Policy, not registration facts (those are in schemas/): what each option costs every
// run when it sits in addopts. Each effect was read in the component's source:
// cacheprovider (Cache.for_config clears the directory), pytest-randomly (seed "last" reads
// the cache), pytest-django (create_db fixture), _pytest/pathlib.py::import_path.
constexpr std::array<CostlyOption, 3> kCostly = {{
    {"pytest", "--cache-clear", "", Severity::Warning,
     "deletes .pytest_cache at the start of every run, so --lf, --ff, --nf and --sw (and pytest-randomly's "
     "--randomly-seed=last) never find the previous run's state"},
    {"pytest-django", "--create-db", "", Severity::Warning,
     "recreates the test database on every run, even with --reuse-db"},
    {"pytest", "--import-mode", "importlib", Severity::Info,
     "is not a speed setting: pytest then imports test modules without putting their folders on sys.path (a test "
     "module or conftest.py cannot `import` a helper module beside it unless `pythonpath` lists that folder) and lets "
     "test files share a basename; collection does the same work"},
}};

bool named(const OptionSchema& option, std::string_view flag) {
  return std::find(option.names.begin(), option.names.end(), flag) != option.names.end();
}

}  // namespace

void check_run_slowing_options(const CheckContext& context, DiagnosticSink& sink) {
  const auto& parsed = context.addopts;
  for (const auto& option : parsed.options) {
    if (option.option == nullptr || option.owner != OptionOwner::Active || !option.exists_in_version) continue;
    const auto& token = parsed.tokens[option.first_token];
    if (token.from_environment) continue;
    for (const auto& costly : kCostly) {
      if (option.component->name != costly.component || !named(*option.option, costly.flag)) continue;
      if (!costly.value.empty() && option.value != costly.value) continue;
      const std::string shown = costly.value.empty() ? option.flag : option.flag + "=" + std::string(costly.value);
      auto& diagnostic = sink.report("A009", addopts::location_of(context, token, option.span),
                                     "`" + shown + "` in addopts " + std::string(costly.effect));
      diagnostic.severity = costly.severity;
      diagnostic.help =
          costly.value.empty() ? "pass it on the command line when you want it" : "keep it only for what it does";
      // Only what costs every run; a mode that changes how tests import stays the author's call.
      if (costly.severity != Severity::Warning) continue;
      const auto effect = costly.effect.substr(0, costly.effect.find(", "));
      diagnostic.fix = take_out_option(context, "A009", option, "in addopts it " + std::string(effect));
    }
  }
}

}  // namespace paralint::rules
