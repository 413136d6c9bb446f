// M001 malformed-marker-declaration, M002 duplicate-marker-declaration and
// M003 builtin-marker-redeclared: what pytest makes of each `markers` line. pytest registers
// `line.split(":")[0].split("(")[0].strip()` and never complains about the rest.

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <map>

#include "paralint/read/python_text.hpp"
#include "rules/markers/markers.hpp"

namespace paralint::rules {

namespace {

// str.isidentifier() and not a keyword, with any non-ASCII byte taken as a letter (a marker
// name that is not ASCII is rare, and Python accepts most of them).
bool is_identifier(std::string_view name) {
  static constexpr std::array<std::string_view, 35> keywords = {
      "False", "None",   "True",    "and",      "as",     "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",      "elif",   "else",   "except", "finally",  "for",
      "from",  "global", "if",      "import",   "in",     "is",     "lambda", "nonlocal", "not",
      "or",    "pass",   "raise",   "return",   "try",    "while",  "with",   "yield"};
  auto is_start = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
  };
  if (name.empty() || !is_start(name.front())) return false;
  if (!std::all_of(name.begin(), name.end(), [&](char c) { return is_start(c) || (c >= '0' && c <= '9'); })) return false;
  return std::find(keywords.begin(), keywords.end(), name) == keywords.end();
}

// A declaration whose name was meant to end before a separator other than ':':
// "slow - runs long", "slow  runs long" → "slow", "runs long".
std::optional<std::pair<std::string, std::string>> intended_split(std::string_view line) {
  static const RE2 pattern(R"(([A-Za-z_][A-Za-z0-9_]*)(?:\s*[-=]+\s*|\s+)(\S.*))");
  if (line.find(':') != std::string_view::npos) return std::nullopt;
  std::string name;
  std::string description;
  if (!RE2::FullMatch(re2::StringPiece(line.data(), line.size()), pattern, &name, &description)) return std::nullopt;
  return std::pair{name, description};
}

// The bytes of the declaration's text inside its span (a TOML item's span holds its quotes).
std::optional<Span> line_bytes(const SourceText& source, const MarkerDeclaration& declaration) {
  const auto raw = source.slice(declaration.span);
  const auto at = raw.find(declaration.line);
  if (at == std::string_view::npos) return std::nullopt;
  return Span{declaration.span.begin + at, declaration.span.begin + at + declaration.line.size()};
}

void check_malformed(const CheckContext& context, DiagnosticSink& sink, const MarkerDeclaration& declaration) {
  const auto& name = declaration.name;
  const auto shown = python::repr(name);
  std::string message;
  std::optional<Severity> severity;
  if (name.empty()) {
    message =
        "this line registers an empty marker name (pytest takes the text before the first ':', then before "
        "the first '('): no mark can use it";
  } else if (name.find_first_of(" \t\f\v") != std::string::npos) {
    message = "pytest registers the whole text " + shown +
              " as one marker name (a name ends at the first ':', then at the first '('), so a mark named after its "
              "first word stays unknown";
    if (name.find(',') != std::string::npos) message += "; declare one marker per line";
  } else if (name.starts_with('_')) {
    message = "pytest registers " + shown + ", but pytest.mark." + name +
              " raises AttributeError(\"Marker name must NOT start with underscore\"): no test can apply this marker";
  } else if (!is_identifier(name)) {
    message = shown + " is not a Python identifier: `@pytest.mark." + name +
              "` is not valid Python, so only getattr(pytest.mark, " + shown + ") can apply it";
    severity = Severity::Info;
  } else {
    return;
  }
  auto& diagnostic = sink.report("M001", context.at(declaration.span), message);
  if (severity) diagnostic.severity = *severity;
  const auto split = intended_split(declaration.line);
  const auto bytes = line_bytes(*context.config.source, declaration);
  if (split && bytes) {
    const auto replacement = split->first + ": " + split->second;
    diagnostic.help = "write `" + replacement + "`: the name, a colon, then the description";
    diagnostic.fix = Fix{Applicability::Safe,
                         "declare `" + split->first + "` with a colon before its description",
                         {Edit{context.config.source, *bytes, replacement}}};
  } else {
    diagnostic.help = "write each marker as `name: description`, one per line, the name a Python identifier";
  }
}

std::string where_declared(const CheckContext& context, const MarkerDeclaration& declaration) {
  return "line " + std::to_string(context.config.source->position(declaration.span.begin).line);
}

void check_duplicates(const CheckContext& context, DiagnosticSink& sink) {
  std::map<std::string, const MarkerDeclaration*, std::less<>> first;
  for (const auto& declaration : context.config.markers) {
    if (declaration.name.empty()) continue;
    const auto [it, inserted] = first.emplace(declaration.name, &declaration);
    if (inserted) continue;
    const auto& earlier = *it->second;
    std::string message = python::repr(declaration.name) + " is already declared on " +
                          where_declared(context, earlier) +
                          "; pytest accepts the repeat and `pytest --markers` lists the marker twice";
    const bool same = earlier.description == declaration.description;
    if (!same) message += ", with both descriptions";
    auto& diagnostic = sink.report("M002", context.at(declaration.span), message);
    if (auto edit = remove_declaration(context, declaration)) {
      diagnostic.fix =
          Fix{same ? Applicability::Safe : Applicability::Unsafe,
              same ? "remove the repeated declaration" : "remove this declaration (its description is lost)",
              {*edit}};
    }
  }
  for (const auto& registered : context.project.markers) {
    const auto it = first.find(registered.name);
    if (it == first.end()) continue;
    const auto file = registered.file.lexically_relative(context.config.rootdir).string();
    auto& diagnostic = sink.report(
        "M002", context.at(it->second->span),
        python::repr(registered.name) + " is also registered by " + file + ":" + std::to_string(registered.line) +
            " (config.addinivalue_line); pytest keeps both and `pytest --markers` lists the marker twice");
    diagnostic.help = "declare each marker in one place";
  }
}

void check_redeclared(const CheckContext& context, DiagnosticSink& sink, const MarkerDeclaration& declaration) {
  const auto* owner = marker_owner(context, declaration.name);
  if (owner == nullptr) return;
  const auto shown = python::repr(declaration.name);
  if (owner->is_core()) {
    auto& diagnostic = sink.report("M003", context.at(declaration.span),
                                   "pytest " + context.target.pytest().str() + " registers " + shown +
                                       " itself; this line only adds a second entry to `pytest --markers`");
    if (auto edit = remove_declaration(context, declaration)) {
      diagnostic.fix = Fix{Applicability::Safe, "remove the redundant declaration", {*edit}};
    }
    return;
  }
  const auto presence = context.presence_of(*owner);
  const auto mark = "@pytest.mark." + declaration.name;
  if (presence == Presence::Installed) {
    auto& diagnostic = sink.report(
        "M003", context.at(declaration.span),
        owner->name + " registers " + shown + " itself; this line only adds a second entry to `pytest --markers`");
    if (auto edit = remove_declaration(context, declaration)) {
      diagnostic.fix = Fix{Applicability::Safe, "remove the redundant declaration", {*edit}};
    }
    return;
  }
  if (presence == Presence::Absent) {
    auto& diagnostic = sink.report(
        "M003", context.at(declaration.span),
        shown + " is " + owner->name + "'s marker, and " + owner->name + " " + absence(context, *owner) +
            ": marks meant for " + owner->name + " (" + mark +
            "(…)) do nothing, and this declaration silences the "
            "PytestUnknownMarkWarning that would have said so; as a plain label of the project's own, it works");
    diagnostic.help = "if the marks are for " + owner->name + ", install it and list it in required_plugins";
    return;
  }
  auto& diagnostic = sink.report("M003", context.at(declaration.span),
                                 shown + " is " + owner->name + "'s marker; paralint does not know whether " +
                                     owner->name + " is installed. If it is, this line is redundant; if not, " + mark +
                                     " does nothing and this declaration silences the PytestUnknownMarkWarning");
  diagnostic.help = "list " + owner->name + " in required_plugins so that pytest refuses to run without it";
}

}  // namespace

void check_marker_declarations(const CheckContext& context, DiagnosticSink& sink) {
  if (!context.config.source) return;
  for (const auto& declaration : context.config.markers) {
    check_malformed(context, sink, declaration);
    if (!declaration.name.empty()) check_redeclared(context, sink, declaration);
  }
  check_duplicates(context, sink);
}

}  // namespace paralint::rules
