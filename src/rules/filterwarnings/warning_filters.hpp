#pragma once
// The warning filters pytest applies, read the way _pytest.config.parse_warning_filter
// reads them: `filterwarnings` entries (message and module are regular expressions) and
// `-W` values in addopts (message and module are literal text). pytest applies the
// entries first and the -W values after them; each filter is inserted at the front of
// Python's filter list, so the last one that matches a warning decides.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/check_context.hpp"

namespace paralint::rules {

enum class FilterOrigin { Config, CommandLine };

enum FilterField { kAction = 0, kMessage = 1, kCategory = 2, kModule = 3, kLineno = 4 };

struct WarningFilter {
  FilterOrigin origin = FilterOrigin::Config;
  std::string text;     // as pytest receives it
  Span span;            // its bytes in the config file (empty for PYTEST_ADDOPTS)
  bool located = true;  // false: it comes from PYTEST_ADDOPTS
  // File offset of text[0] when the text is written in the file byte for byte (no
  // escapes, one line), so that a single field can be pointed at.
  std::optional<std::size_t> text_begin;
  std::size_t field_count = 0;                 // len(text.split(":"))
  std::array<std::string, 5> fields;           // each field stripped, "" when absent
  std::array<std::size_t, 5> field_offsets{};  // where each stripped field starts in text

  [[nodiscard]] bool too_many_fields() const { return field_count > 5; }
  [[nodiscard]] const std::string& category() const { return fields[kCategory]; }
  // The bytes of one field, or of the whole filter when the field cannot be located.
  [[nodiscard]] Span field_span(FilterField field) const;
};

struct FilterList {
  const ConfigEntry* entry = nullptr;       // the filterwarnings key, when the config sets it
  std::vector<WarningFilter> config;        // in the order written
  std::vector<WarningFilter> command_line;  // -W values in addopts, in order
};

FilterList read_filters(const CheckContext& context);

// One filter from its text (text.split(":"), each field stripped), as pytest splits it.
WarningFilter parse_filter(FilterOrigin origin, std::string text, Span span = {},
                           std::optional<std::size_t> text_begin = std::nullopt);

// warnings._getaction: "" → default, "all" → always, any prefix of an action name.
std::optional<std::string> resolve_action(std::string_view action);

// int(lineno) as pytest does it: nullopt when valid, otherwise the text after
// "invalid lineno 'x': ". `unknown` is set for text this reader does not model
// (non-ASCII digits).
std::optional<std::string> lineno_error(std::string_view lineno, bool& unknown);

// An entry whose effect covers every warning: `error`, `ignore::Warning`, …
bool is_catch_all(const WarningFilter& filter);

// What is known without an interpreter about a category pytest would resolve.
struct StaticCategory {
  enum class Kind { Resolves, Fails, Unknown };
  Kind kind = Kind::Unknown;
  std::string reason;  // for Fails
};
StaticCategory resolve_category_statically(std::string_view category, const Version& pytest);

// A warning pytest or a plugin issues while it starts, with the filters applied.
struct StartupWarning {
  std::vector<std::string> categories;  // the class and its bases, "pytest.PytestConfigWarning" … "Warning"
  std::string message;                  // str(warning)
  std::string module;                   // the module the warning is attributed to
};

struct FilterDecision {
  std::string action = "always";          // what happens to the warning; "always" when no filter matches
  const WarningFilter* filter = nullptr;  // the filter that decides, if any
  bool certain = true;                    // false when a filter before it may or may not match
};

FilterDecision decide(const FilterList& filters, const StartupWarning& warning, const Version& pytest);

}  // namespace paralint::rules
