// A006 list-element-with-spaces and A007 non-string-addopts-item: a TOML list gives each
// element to argparse as one argument, unsplit and unconverted.

#include <algorithm>

#include "paralint/read/python_text.hpp"
#include "paralint/read/shlex.hpp"
#include "paralint/read/toml_text.hpp"
#include "paralint/schema/version.hpp"
#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

using addopts::location_of;

const ParsedOption* option_at(const ParsedAddopts& parsed, std::size_t token) {
  for (const auto& option : parsed.options) {
    if (option.first_token == token) return &option;
  }
  return nullptr;
}

bool contains(const std::vector<std::size_t>& indexes, std::size_t index) {
  return std::find(indexes.begin(), indexes.end(), index) != indexes.end();
}

bool distributes(const ParsedAddopts& parsed) {
  const auto* workers = parsed.find_dest("pytest-xdist", "numprocesses");
  return workers != nullptr && workers->owner == OptionOwner::Active && workers->exists_in_version && workers->value &&
         *workers->value != "0";
}

struct Verdict {
  std::string what;  // what pytest does with the element
  bool breaks = true;
};

// What pytest makes of one element that holds several words, or nullopt when it reads it
// as meant.
std::optional<Verdict> verdict(const CheckContext& context, std::size_t index) {
  const auto& parsed = context.addopts;
  const auto& token = parsed.tokens[index];
  const auto version = "pytest " + context.target.pytest().str();
  const auto words = shlex_split(token.text).tokens;
  if (words.front().text == "-p") {
    const auto name = token.text.substr(2);
    const bool strips = known_versions().pytest.has("plugin-argument-strip", context.target.pytest());
    if (strips && words.size() == 2) return std::nullopt;
    if (strips) {
      return Verdict{version + " reads `" + std::string(python::strip(name)) + "` as one plugin name (" +
                     (python::strip(name).starts_with("no:") ? "blocking a plugin of that name, not the ones meant"
                                                             : "and fails to import it") +
                     ")"};
    }
    return Verdict{version + " loads a plugin named `" + name +
                   "` (with the space) and crashes: `ImportError: Error "
                   "importing plugin \"" +
                   name + "\": No module named '" + name +
                   "'` (exit 1); pytest 7.3 and newer "
                   "strip the name"};
  }
  if (const auto* option = option_at(parsed, index)) {
    const auto& value = option->value.value_or("");
    const std::string reads = "argparse reads it as " + option->flag + " with the argument " + python::repr(value);
    for (const auto& error : parsed.arity_errors) {
      if (&parsed.options[error.option_index] != option) continue;
      return Verdict{"argparse reads it as one argument: pytest stops with `error: " + error.message +
                     addopts::first_pass_hint(*option, token) + "` (exit 4)"};
    }
    if (option->owner != OptionOwner::Active || !option->exists_in_version || option->option == nullptr) {
      return Verdict{reads + ", and no parser in the target has " + option->flag + " (A002/A003)"};
    }
    if (const auto error = addopts::argument_error(*option->option, addopts::release_of(context, *option), value)) {
      return Verdict{reads + ": pytest stops with `error: argument " + addopts::option_names(*option) + ": " + *error +
                     addopts::first_pass_hint(*option, token) + "` (exit 4)"};
    }
    return Verdict{reads + " (leading space included), which " + option->flag + " happens to accept", false};
  }
  if (contains(parsed.extras, index)) {
    return Verdict{"argparse cannot place it after the test paths: pytest stops with `unrecognized arguments: " +
                   token.text + "` (exit 4)"};
  }
  if (distributes(parsed)) {
    return Verdict{"pytest takes it as the test path `" + token.text +
                   "`; the xdist workers skip paths that do not "
                   "exist, so the run collects nothing and ends with \"no tests ran\" (exit 5)"};
  }
  return Verdict{"pytest takes it as a test path: `ERROR: file or directory not found: " + token.text + "` (exit 4)"};
}

void report_multiword(const CheckContext& context, DiagnosticSink& sink, const Value& item, std::size_t index) {
  const auto result = verdict(context, index);
  if (!result) return;
  const auto& token = context.addopts.tokens[index];
  auto& diagnostic =
      sink.report("A006", location_of(context, token, item.span),
                  "this list element holds several arguments, but each element is exactly one: " + result->what);
  if (!result->breaks) diagnostic.severity = Severity::Info;
  diagnostic.help = "one argument per element (or `--opt=value` in one element)";
  const auto& source = context.config.source;
  const bool literal = source->slice(item.span).starts_with("'");
  const auto words = shlex_split(item.string).tokens;
  const bool more_options = std::any_of(words.begin() + 1, words.end(), [](const auto& word) { return word.text.starts_with('-'); });
  const auto* option = option_at(context.addopts, index);
  std::string replacement;
  auto applicability = Applicability::Safe;
  if (!result->breaks && option != nullptr && option->value && !more_options) {
    // pytest already reads it as meant, the option and its argument ("-k not slow" is -k
    // with " not slow"): keep that reading, in two elements, rather than split the argument.
    replacement = toml_string(option->flag, literal) + ", " + toml_string(std::string(python::strip(*option->value)), literal);
  } else {
    for (const auto& word : words) replacement += (replacement.empty() ? "" : ", ") + toml_string(word.text, literal);
    // Where pytest ran with another reading ("-ra -q" is -r with "a -q"), the split changes the run.
    if (!result->breaks) applicability = Applicability::Unsafe;
  }
  diagnostic.fix = Fix{applicability, "split into one element per argument", {{source, item.span, replacement}}};
}

void report_non_string(const CheckContext& context, DiagnosticSink& sink, const ConfigEntry& entry, std::size_t index) {
  const auto& item = entry.value.items[index];
  const auto type = python_type_name(item);
  const std::string error =
      entry.mode == ValueMode::Toml
          ? "TypeError: …: config option 'addopts' expects a list of strings, but item at index " +
                std::to_string(index) + " is " + type + ": " + python_repr(item)
          : "TypeError: expected str, bytes or os.PathLike object, not " + type;
  auto& diagnostic = sink.report("A007", context.at(item.span),
                                 "addopts items must be strings; pytest " + context.target.pytest().str() +
                                     " crashes on this " + type + ": `" + error + "` (traceback, exit 1)");
  diagnostic.help = "quote it";
  const bool number = item.kind == Value::Kind::Integer || item.kind == Value::Kind::Float;
  if (number || item.kind == Value::Kind::Boolean) {
    const auto& source = context.config.source;
    // The number as written: what the author meant argparse to see.
    diagnostic.fix = Fix{item.kind == Value::Kind::Integer ? Applicability::Safe : Applicability::Unsafe,
                         "quote it",
                         {{source, item.span, toml_string(source->slice(item.span), false)}}};
  }
}

}  // namespace

void check_list_elements(const CheckContext& context, DiagnosticSink& sink) {
  const auto* entry = context.config.find("addopts");
  if (entry == nullptr || !entry->value.is_array() || !context.config.source) return;
  const auto& items = entry->value.items;
  for (std::size_t index = 0; index < items.size(); ++index) {
    if (!items[index].is_string()) {
      report_non_string(context, sink, *entry, index);
    } else if (index < context.addopts.tokens.size() && addopts::is_multiword_element(context, index)) {
      report_multiword(context, sink, items[index], index);
    }
  }
}

}  // namespace paralint::rules
