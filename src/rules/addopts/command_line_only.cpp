// A010 command-line-only-option: options for one interactive run (debugging, selecting by
// the last run, listing instead of running) that turn every run into that run when they
// sit in addopts.

#include <algorithm>
#include <array>

#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

struct InteractiveOption {
  std::string_view component;
  std::string_view flag;  // any of the option's names
  Severity severity;      // error: no test runs
  std::string_view effect;
};

// Policy, not registration facts: which options belong to a single run typed at a prompt.
// Left out on purpose: -k, -m, -x/--maxfail (a project may mean them as its default
// selection or failure policy) and -s (A010 is not about output). What --pdb and --trace
// do together with xdist workers is X003's, and xdist's never-ending -f/--looponfail X007's.
constexpr std::array<InteractiveOption, 19> kInteractive = {{
    {"pytest", "--collect-only", Severity::Error, "collects and lists the tests but never runs one"},
    {"pytest", "--setup-only", Severity::Error, "sets up and tears down fixtures but runs no test"},
    {"pytest", "--setup-plan", Severity::Error, "shows which fixtures and tests would run, and runs none"},
    {"pytest", "--fixtures", Severity::Error, "prints the available fixtures and exits without running tests"},
    {"pytest", "--fixtures-per-test", Severity::Error, "prints each test's fixtures and exits without running tests"},
    {"pytest", "--markers", Severity::Error, "prints the registered markers and exits without running tests"},
    {"pytest", "--cache-show", Severity::Error, "prints the cache contents and exits without running tests"},
    {"pytest", "--version", Severity::Error, "prints the version and exits without running tests"},
    {"pytest", "--help", Severity::Error, "prints the help and exits without running tests"},
    {"pytest", "--pdb", Severity::Warning,
     "opens the debugger at every failure, so an unattended run stops at a prompt"},
    {"pytest", "--trace", Severity::Warning, "stops in the debugger at the start of every test"},
    {"pytest", "--last-failed", Severity::Warning,
     "makes every run select only the tests that failed last time, so a plain `pytest` silently skips the rest"},
    {"pytest", "--failed-first", Severity::Warning, "makes the test order of every run depend on the previous run"},
    {"pytest", "--new-first", Severity::Warning,
     "makes the test order of every run depend on file times and the cache"},
    {"pytest", "--stepwise", Severity::Warning,
     "stops every run at the first failure and starts the next one there, so no plain run covers the suite"},
    {"pytest", "--stepwise-skip", Severity::Warning,
     "turns on --stepwise: every run stops at the second failure and the next one starts there"},
    {"pytest", "--runxfail", Severity::Warning, "ignores every xfail mark, so expected failures fail the run"},
    {"pytest", "--pastebin", Severity::Warning, "uploads the session log to a public pastebin service on every run"},
    {"pytest", "--debug", Severity::Warning, "writes a pytestdebug.log trace of every hook call on every run"},
}};

bool named(const OptionSchema& option, std::string_view flag) {
  return std::find(option.names.begin(), option.names.end(), flag) != option.names.end();
}

}  // namespace

void check_command_line_options(const CheckContext& context, DiagnosticSink& sink) {
  const auto& parsed = context.addopts;
  for (const auto& option : parsed.options) {
    if (option.option == nullptr || option.owner != OptionOwner::Active || !option.exists_in_version) continue;
    const auto& token = parsed.tokens[option.first_token];
    if (token.from_environment) continue;
    for (const auto& interactive : kInteractive) {
      if (option.component->name != interactive.component || !named(*option.option, interactive.flag)) continue;
      auto& diagnostic = sink.report("A010", addopts::location_of(context, token, option.span),
                                     "`" + option.flag + "` in addopts " + std::string(interactive.effect));
      diagnostic.severity = interactive.severity;
      diagnostic.help = "pass it on the command line for the run that needs it";
    }
  }
}

}  // namespace paralint::rules
