// A012 plugin-not-importable: pytest loads every `-p NAME` of addopts before it parses the
// rest of the arguments: a builtin plugin by its short name, else a pytest11 entry point
// called NAME, else `import NAME` with the sys.path it has at that point (no conftest has
// been loaded yet, the rootdir is not on it). When the import fails pytest stops with
// `ImportError: Error importing plugin "NAME": …` (exit 1).

#include <algorithm>
#include <filesystem>
#include <set>

#include "paralint/model/python_questions.hpp"
#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

using addopts::location_of;

// pytest 8.4 puts the `pythonpath` entries on sys.path before it loads the -p plugins.
const Version kPythonpathFirst{8, 4, 0};

bool is_builtin(const CheckContext& context, std::string_view name) {
  const auto& builtins = context.schemas.core().builtin_plugins;
  return std::any_of(builtins.begin(), builtins.end(), [&](const BuiltinPluginSchema& plugin) {
    return plugin.name == name && plugin.availability.in(context.target.pytest());
  });
}

// The plugin paralint has a schema for whose entry point or import name is `name`.
const ComponentSchema* component_named(const CheckContext& context, std::string_view name) {
  for (const auto& component : context.schemas.components()) {
    const auto names_it = [&](const std::vector<std::string>& names) {
      return std::find(names.begin(), names.end(), name) != names.end();
    };
    if (names_it(component.entry_points) || names_it(component.short_names)) return &component;
  }
  return nullptr;
}

// The -p arguments pytest would try to import: not "no:", not a builtin, each name once
// (a registered plugin is not loaded again), and not a multi-word list element (A006).
std::vector<const PluginArgument*> imported_plugins(const CheckContext& context) {
  std::vector<const PluginArgument*> plugins;
  std::set<std::string> seen;
  for (const auto& plugin : context.addopts.plugin_arguments) {
    if (plugin.disables || plugin.name.empty() || is_builtin(context, plugin.name)) continue;
    if (plugin.name.find_first_of(" \t\n") != std::string::npos) continue;
    if (plugin.name.starts_with("=")) continue;  // `-p=NAME`: A004 explains the stray "="
    if (!seen.insert(plugin.name).second) continue;
    plugins.push_back(&plugin);
  }
  return plugins;
}

std::string top_level(const std::string& module) { return module.substr(0, module.find('.')); }

std::string stops(const CheckContext& context, const std::string& name, const std::string& error) {
  return "pytest " + context.target.pytest().str() + " stops at start-up (exit 1): `ImportError: Error importing plugin \"" +
         name + "\": " + error + "`";
}

void report_with_interpreter(const CheckContext& context, DiagnosticSink& sink,
                             const std::vector<const PluginArgument*>& plugins) {
  InterpreterQuestions questions;
  for (const auto* plugin : plugins) questions.plugins.push_back(plugin->name);
  questions.start_dir = context.config.start_dir;
  if (context.target.pytest() >= kPythonpathFirst) questions.pythonpath = pythonpath_entries(context.config);
  std::string unavailable;
  const auto answers = ask_interpreter(*context.target.interpreter, questions, unavailable);
  if (!answers) return;  // the interpreter rules already say why it cannot be asked
  for (std::size_t i = 0; i < plugins.size(); ++i) {
    const auto& plugin = *plugins[i];
    const auto& answer = answers->plugins[i];
    if (answer.loaded) continue;
    const auto& token = context.addopts.tokens[plugin.token];
    if (answer.loaded_from_start_dir) {
      auto& diagnostic = sink.report(
          "A012", location_of(context, token, plugin.span),
          "`-p " + plugin.name + "` is importable only from the directory pytest is started in: `python -m pytest` " +
              "puts it on sys.path; started with the `pytest` command, " + stops(context, plugin.name, answer.error));
      diagnostic.severity = Severity::Warning;
      diagnostic.help = "make the module importable (install the project, or `pythonpath` from pytest 8.4), or load "
                        "it from conftest.py with `pytest_plugins`";
      continue;
    }
    auto& diagnostic = sink.report("A012", location_of(context, token, plugin.span),
                                   *context.target.interpreter + " cannot import `" + plugin.name +
                                       "` and no installed plugin has that entry point: " +
                                       stops(context, plugin.name, answer.error));
    diagnostic.help = "-p takes a module name or a plugin's entry-point name; install the plugin, fix the name, "
                      "or remove the option";
  }
}

// A module or package of that dotted name under the start directory (where `python -m
// pytest` puts itself on sys.path).
bool local_module(const CheckContext& context, const std::string& name) {
  std::string relative = name;
  std::replace(relative.begin(), relative.end(), '.', '/');
  const auto base = context.config.start_dir / relative;
  std::error_code error;
  return std::filesystem::is_regular_file(base.string() + ".py", error) ||
         std::filesystem::is_regular_file(base / "__init__.py", error);
}

void report_without_interpreter(const CheckContext& context, DiagnosticSink& sink,
                                const std::vector<const PluginArgument*>& plugins) {
  for (const auto* plugin : plugins) {
    const auto& token = context.addopts.tokens[plugin->token];
    const auto* component = component_named(context, plugin->name);
    if (component == nullptr && local_module(context, plugin->name)) {
      auto& diagnostic = sink.report(
          "A012", location_of(context, token, plugin->span),
          "`-p " + plugin->name + "` is a module in the directory pytest is started in: `python -m pytest` imports it "
              "from there, the `pytest` command only if it is installed or on PYTHONPATH (otherwise " +
              stops(context, plugin->name, "No module named '" + top_level(plugin->name) + "'") + ")");
      diagnostic.severity = Severity::Info;
      diagnostic.help = "run paralint with --python pointing at the test environment's interpreter to check it";
      continue;
    }
    if (component == nullptr) {
      auto& diagnostic =
          sink.report("A012", location_of(context, token, plugin->span),
                      "`-p " + plugin->name + "` names neither a pytest " + context.target.pytest().str() +
                          " builtin plugin nor a plugin paralint knows; whether the target can import it cannot be "
                          "checked without an interpreter (if it cannot, " +
                          stops(context, plugin->name, "No module named '" + top_level(plugin->name) + "'") + ")");
      diagnostic.severity = Severity::Info;
      diagnostic.help = "run paralint with --python pointing at the test environment's interpreter to check it";
      continue;
    }
    const auto presence = context.target.presence(component->name);
    if (presence == Presence::Installed) continue;
    auto& diagnostic = sink.report("A012", location_of(context, token, plugin->span),
                                   "`-p " + plugin->name + "` loads " + component->name + ", which " +
                                       (presence == Presence::Absent ? "is not installed: "
                                                                     : "nothing declares, so it may be missing; if so, ") +
                                       stops(context, plugin->name, "No module named '" + top_level(plugin->name) + "'"));
    if (presence == Presence::Unknown) diagnostic.severity = Severity::Warning;
    diagnostic.help = "install " + component->name + " and declare it in required_plugins, or remove the option";
  }
}

}  // namespace

void check_plugin_imports(const CheckContext& context, DiagnosticSink& sink) {
  const auto plugins = imported_plugins(context);
  if (plugins.empty()) return;
  if (context.target.interpreter) {
    report_with_interpreter(context, sink, plugins);
  } else {
    report_without_interpreter(context, sink, plugins);
  }
}

}  // namespace paralint::rules
