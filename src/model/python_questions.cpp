#include "paralint/model/python_questions.hpp"

#include <nlohmann/json.hpp>

#include "paralint/read/shlex.hpp"
#include "paralint/util/subprocess.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

// The answer goes to the real stdout at the end; whatever imported code prints goes to
// stderr, and os._exit skips atexit hooks and threads that imported code may leave behind.
constexpr const char* kQuestionScript = R"PY(
import builtins, importlib, json, os, re, sys
questions = json.loads(sys.argv[1])
answer_to = sys.stdout
sys.stdout = sys.stderr
del sys.path[0]  # "-c" puts the current directory first; the pytest command does not
for entry in reversed(questions["pythonpath"]):
    sys.path.insert(0, entry)

class NotAWarning(Exception):
    pass

def resolve(name):
    if "." not in name:
        module, klass = builtins, name
    else:
        module_name, _, klass = name.rpartition(".")
        if questions["import_module"]:
            module = importlib.import_module(module_name)
        else:
            module = __import__(module_name, None, None, [klass])
    category = getattr(module, klass)
    if not issubclass(category, Warning):
        raise NotAWarning(f"{category} is not a Warning subclass")

def attempt(name):
    try:
        resolve(name)
        return None
    except BaseException as error:  # SystemExit from imported code counts too
        kind = type(error)
        if kind is NotAWarning:
            text = str(error)
        else:
            qualified = kind.__qualname__ if kind.__module__ == "builtins" else kind.__module__ + "." + kind.__qualname__
            text = f"{qualified}: {error}"
        imported = isinstance(error, ImportError)
        return {"error": text, "import_error": imported, "missing_module": (error.name or "") if imported else ""}

def entry_point_names():
    from importlib import metadata
    try:
        return {point.name for point in metadata.entry_points(group="pytest11")}
    except BaseException:
        return set()

def load_plugin(name):  # what pytest's import_plugin does after its entry-point lookup
    try:
        importlib.import_module(name)
        return None
    except ImportError as error:
        return str(error.args[0]) if error.args else str(error)
    except BaseException:  # pytest reports other failures differently; the module exists
        return None

categories = [{"resolved": False, "resolved_from_start_dir": False, "failure": attempt(name)} for name in questions["categories"]]
entry_points = entry_point_names() if questions["plugins"] else set()
plugins = [{"loaded": True, "loaded_from_start_dir": False, "error": ""} if name in entry_points
           else {"loaded": False, "loaded_from_start_dir": False, "error": load_plugin(name)} for name in questions["plugins"]]
modules = [{"loaded": False, "loaded_from_start_dir": False, "error": load_plugin(name)} for name in questions["modules"]]
sys.path.insert(0, questions["start_dir"])
for name, answer in zip(questions["categories"], categories):
    if answer["failure"] is None:
        answer["resolved"] = True
    else:
        answer["resolved_from_start_dir"] = attempt(name) is None
for name, answer in zip(questions["plugins"] + questions["modules"], plugins + modules):
    if answer["error"] is None:
        answer["loaded"], answer["error"] = True, ""
    elif not answer["loaded"]:
        answer["loaded_from_start_dir"] = load_plugin(name) is None

patterns = []
for pattern in questions["patterns"]:
    try:
        re.compile(pattern)
        patterns.append({"valid": True, "error": ""})
    except re.error as error:
        patterns.append({"valid": False, "error": str(error)})
    except Exception as error:
        patterns.append({"valid": False, "error": f"{type(error).__name__}: {error}"})

answer_to.write(json.dumps({"categories": categories, "patterns": patterns, "plugins": plugins, "modules": modules}))
answer_to.flush()
os._exit(0)
)PY";


}  // namespace

std::vector<fs::path> pythonpath_entries(const EffectiveConfig& config) {
  std::vector<fs::path> entries;
  const auto* entry = config.find("pythonpath");
  if (entry == nullptr || !config.configfile) return entries;
  const auto base = config.configfile->parent_path();
  if (entry->value.is_string()) {
    for (const auto& token : shlex_split(entry->value.string).tokens) entries.push_back(base / token.text);
  } else {
    for (const auto& item : entry->value.items) {
      if (item.is_string()) entries.push_back(base / item.string);
    }
  }
  return entries;
}

std::optional<InterpreterAnswers> ask_interpreter(const std::string& interpreter, const InterpreterQuestions& questions,
                                                  std::string& error) {
  nlohmann::json request = {{"categories", questions.categories},
                            {"patterns", questions.patterns},
                            {"plugins", questions.plugins},
                            {"modules", questions.modules},
                            {"start_dir", fs::absolute(questions.start_dir).string()},
                            {"pythonpath", nlohmann::json::array()},
                            {"import_module", questions.import_module}};
  for (const auto& entry : questions.pythonpath) request["pythonpath"].push_back(entry.string());
  ProcessRequest process;
  process.argv = {interpreter, "-c", kQuestionScript, request.dump()};
  process.directory = questions.start_dir;
  const auto output = run_and_capture(process, error);
  if (!output) {
    error = "cannot ask " + interpreter + " about its modules: " + error;
    return std::nullopt;
  }
  const auto json = nlohmann::json::parse(*output, nullptr, false);
  if (json.is_discarded() || !json.is_object() || json["categories"].size() != questions.categories.size() ||
      json["patterns"].size() != questions.patterns.size() || json["plugins"].size() != questions.plugins.size() ||
      json["modules"].size() != questions.modules.size()) {
    error = interpreter + " did not answer the questions about its modules";
    return std::nullopt;
  }
  InterpreterAnswers answers;
  for (const auto& item : json["categories"]) {
    CategoryAnswer answer;
    answer.resolved = item.value("resolved", false);
    answer.resolved_from_start_dir = item.value("resolved_from_start_dir", false);
    if (item["failure"].is_object()) {
      answer.error = item["failure"].value("error", "");
      answer.import_error = item["failure"].value("import_error", false);
      answer.missing_module = item["failure"].value("missing_module", "");
    }
    answers.categories.push_back(std::move(answer));
  }
  for (const auto& item : json["patterns"])
    answers.patterns.push_back({item.value("valid", true), item.value("error", "")});
  for (const auto& [list, answered] : {std::pair{&answers.plugins, &json["plugins"]}, std::pair{&answers.modules, &json["modules"]}}) {
    for (const auto& item : *answered) {
      list->push_back({item.value("loaded", false), item.value("loaded_from_start_dir", false), item.value("error", "")});
    }
  }
  return answers;
}

}  // namespace paralint
