#pragma once
// Questions only the target interpreter can answer, asked in one run of it: can pytest
// resolve these warning categories, does Python's `re` compile these patterns, can pytest
// load these `-p` plugins, and can these modules be imported.
//
// A category is resolved the way pytest's _resolve_warning_category does it, so project
// and third-party modules are imported, as pytest itself imports them when it starts.
// pytest first applies `filterwarnings` before it loads any conftest.py, so the
// interpreter's own sys.path (with PYTHONPATH) is what it has, plus the `pythonpath`
// key's entries from pytest 8.4 on; `python -m pytest` adds the directory it is started
// in, the `pytest` command does not. Both are tried, so that a category that only the
// first way finds can be told apart. `-p NAME` is resolved at the same point with the
// same sys.path (pythonpath entries from 8.4 on): a pytest11 entry point named NAME, else
// `import NAME`.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "paralint/model/config_model.hpp"

namespace paralint {

struct InterpreterQuestions {
  std::vector<std::string> categories;
  std::vector<std::string> patterns;              // compiled as re.compile(pattern)
  std::vector<std::string> plugins;               // -p names that are not pytest's builtin plugins
  std::vector<std::string> modules;               // imported by name alone (coverage's [run] plugins)
  std::filesystem::path start_dir;                // where pytest is started
  std::vector<std::filesystem::path> pythonpath;  // put first on sys.path (pytest >= 8.4 does so early)
  bool import_module = false;  // pytest >= 9 imports a category's module with importlib.import_module
};

struct CategoryAnswer {
  bool resolved = false;                 // with the sys.path every way of starting pytest has
  bool resolved_from_start_dir = false;  // only with the start directory first on sys.path
  std::string error;                     // Python's last traceback line: "ModuleNotFoundError: No module named 'x'"
  bool import_error = false;             // an ImportError: pytest >= 9 warns and skips the filter instead of stopping
  std::string missing_module;            // ImportError.name, as pytest >= 9 names it
};

struct PatternAnswer {
  bool valid = true;
  std::string error;  // str(re.error)
};

struct PluginAnswer {
  bool loaded = false;                 // an entry point, or importable with every way of starting pytest
  bool loaded_from_start_dir = false;  // importable only with the start directory first on sys.path
  std::string error;                   // the import's exception: "No module named 'x'"
};

struct InterpreterAnswers {
  std::vector<CategoryAnswer> categories;  // in question order
  std::vector<PatternAnswer> patterns;
  std::vector<PluginAnswer> plugins;
  std::vector<PluginAnswer> modules;  // as plugins, without entry points
};

// The `pythonpath` key's entries, absolute, as pytest puts them first on sys.path.
std::vector<std::filesystem::path> pythonpath_entries(const EffectiveConfig& config);

// Runs `interpreter` once in `questions.start_dir`. nullopt with `error` when it cannot be
// run, does not answer within a minute, or answers something else.
std::optional<InterpreterAnswers> ask_interpreter(const std::string& interpreter, const InterpreterQuestions& questions,
                                                  std::string& error);

}  // namespace paralint
