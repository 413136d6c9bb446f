// A004 invalid-option-value: argparse stops on an argument its type or choices reject, on
// a missing argument, and on text attached to a flag that takes none; pytest's plugin
// loader stops on "-p=NAME". Messages quote pytest's own words.

#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

using addopts::location_of;

void report_shape_error(const CheckContext& context, DiagnosticSink& sink, const ArityError& error) {
  const auto& parsed = context.addopts;
  const auto& option = parsed.options[error.option_index];
  if (addopts::is_multiword_element(context, option.first_token)) return;  // A006 explains it
  const auto& token = parsed.tokens[option.first_token];
  auto& diagnostic = sink.report(
      "A004", location_of(context, token, option.span),
      "pytest stops with `error: " + error.message + addopts::first_pass_hint(option, token) + "` (exit 4)");
  const bool attached_text = error.message.find("ignored explicit argument") != std::string::npos;
  if (!attached_text) {
    diagnostic.help = "give " + option.flag + " its argument, or remove it";
  } else if (option.flag.starts_with("--")) {
    diagnostic.help = option.flag + " takes no argument; remove the `=…`";
  } else {
    diagnostic.help =
        "write each flag as its own argument: pytest's first pass over the arguments knows only pytest's own "
        "options, so a plugin's flag cannot follow a core flag in one cluster such as `-xn4`";
  }
}

void report_bad_arguments(const CheckContext& context, DiagnosticSink& sink, const ParsedOption& option) {
  const auto& token = context.addopts.tokens[option.first_token];
  const auto release = addopts::release_of(context, option);
  for (const auto& argument : option.values) {
    const auto error = addopts::argument_error(*option.option, release, argument);
    if (!error) continue;
    auto& diagnostic = sink.report("A004", location_of(context, token, option.value_span),
                                   "pytest stops with `error: argument " + addopts::option_names(option) + ": " +
                                       *error + addopts::first_pass_hint(option, token) + "` (exit 4)");
    const auto since = option.option->choices_since.find(argument);
    if (since != option.option->choices_since.end() && release < since->second) {
      diagnostic.message += "; `" + argument + "` needs " + option.component->name + " " + since->second.str() +
                            " or newer (modelled: " + addopts::component_release(*option.component, release) + ")";
      diagnostic.help = "require " + option.component->name + ">=" + since->second.str() +
                        " (in the project's test dependencies and required_plugins), or choose another value";
    }
  }
}

// "-p=NAME": pytest's pre-scan takes everything after "-p" as the plugin name, "=" included.
void report_plugin_equals(const CheckContext& context, DiagnosticSink& sink, const PluginArgument& plugin) {
  const auto& token = context.addopts.tokens[plugin.token];
  if (!token.text.starts_with("-p=")) return;
  const std::string name = plugin.disables ? "no:" + plugin.name : plugin.name;
  auto& diagnostic = sink.report("A004", location_of(context, token, token.span),
                                 "pytest loads a plugin named `" + name +
                                     "` (with the `=`) and crashes: `ImportError: "
                                     "Error importing plugin \"" +
                                     name + "\": No module named '" + name + "'` (exit 1)");
  diagnostic.help = "`-p` takes its argument attached or as the next argument: `-p" + name.substr(1) + "`";
  if (token.from_environment || !context.config.source) return;
  const auto written = context.config.source->slice(token.span);
  const auto at = written.find("-p=");
  if (at == std::string_view::npos) return;
  const std::size_t equals = token.span.begin + at + 2;
  diagnostic.fix = Fix{Applicability::Safe, "remove the `=`", {{context.config.source, {equals, equals + 1}, ""}}};
}

}  // namespace

void check_option_values(const CheckContext& context, DiagnosticSink& sink) {
  const auto& parsed = context.addopts;
  for (const auto& error : parsed.arity_errors) report_shape_error(context, sink, error);
  for (const auto& option : parsed.options) {
    if (option.option == nullptr || option.owner != OptionOwner::Active || !option.exists_in_version) continue;
    if (addopts::is_multiword_element(context, option.first_token)) continue;  // A006 explains it
    report_bad_arguments(context, sink, option);
  }
  for (const auto& plugin : parsed.plugin_arguments) report_plugin_equals(context, sink, plugin);
}

}  // namespace paralint::rules
