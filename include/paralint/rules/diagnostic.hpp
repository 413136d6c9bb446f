#pragma once
// What a rule reports: a code, a severity, a message saying what pytest will really do,
// the exact bytes it is about, and optionally a fix as span edits.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/read/source_text.hpp"

namespace paralint {

// error: pytest refuses to start, crashes, hangs or runs no tests in the target
// environment; warning: it runs, but not as written or not as meant; info: advice.
enum class Severity { Info, Warning, Error };

std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view name);

// Where a diagnostic points. Without a source (a file that does not exist, or the project
// as a whole) it points at `file`, line 1.
struct Location {
  std::filesystem::path file;
  std::shared_ptr<const SourceText> source;
  Span span;

  static Location in(const std::shared_ptr<const SourceText>& source, Span span) {
    return {source ? source->path() : std::filesystem::path{}, source, span};
  }
};

struct Edit {
  std::shared_ptr<const SourceText> source;
  Span span;
  std::string replacement;
};

enum class Applicability { Safe, Unsafe };

struct Fix {
  Applicability applicability = Applicability::Safe;
  std::string message;
  std::vector<Edit> edits;
};

struct Diagnostic {
  std::string code;
  std::string name;
  Severity severity = Severity::Warning;
  std::string message;
  Location location;
  std::optional<std::string> help;
  std::optional<Fix> fix;
};

}  // namespace paralint
