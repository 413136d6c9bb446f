#include "rules/filterwarnings/warning_filters.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "paralint/read/python_text.hpp"
#include "rules/filterwarnings/python_regex.hpp"

namespace paralint::rules {

namespace {

// Python's builtin warning classes (EncodingWarning since 3.10; paralint does not model
// the Python release, and an older one only makes it fail where this says it resolves).
constexpr std::array<std::string_view, 12> kBuiltinWarnings = {
    "Warning",        "UserWarning",    "DeprecationWarning", "PendingDeprecationWarning",
    "SyntaxWarning",  "RuntimeWarning", "FutureWarning",      "ImportWarning",
    "UnicodeWarning", "BytesWarning",   "ResourceWarning",    "EncodingWarning"};

// The warning classes `pytest` exports and the releases that have them, read from
// src/pytest/__init__.py at every release tag from 7.0.0 on. Not a schema fact about
// options or keys, so it lives beside the one rule that needs it. A filter naming a class
// the release lacks stops pytest (AttributeError), e.g. PytestRemovedIn8Warning on 8.1+.
struct PytestWarningClass {
  std::string_view name;
  std::string_view since;
  std::string_view removed;          // "" while still exported
  std::string_view missing_in = {};  // one release that lacked it in between
};
constexpr std::array<PytestWarningClass, 17> kPytestWarnings = {{
    {"PytestWarning", "7.0.0", ""},
    {"PytestAssertRewriteWarning", "7.0.0", ""},
    {"PytestCacheWarning", "7.0.0", ""},
    {"PytestCollectionWarning", "7.0.0", ""},
    {"PytestConfigWarning", "7.0.0", ""},
    {"PytestDeprecationWarning", "7.0.0", ""},
    {"PytestExperimentalApiWarning", "7.0.0", ""},
    {"PytestFDWarning", "8.4.0", ""},
    {"PytestRemovedIn7Warning", "7.0.0", "7.1.0"},
    {"PytestRemovedIn8Warning", "7.0.0", "8.1.0"},
    {"PytestRemovedIn9Warning", "8.0.0", "9.1.0"},
    {"PytestRemovedIn10Warning", "9.0.0", ""},
    {"PytestReturnNotNoneWarning", "7.2.0", "", "8.4.0"},
    {"PytestUnhandledCoroutineWarning", "7.0.0", "8.4.0"},
    {"PytestUnhandledThreadExceptionWarning", "7.0.0", ""},
    {"PytestUnknownMarkWarning", "7.0.0", ""},
    {"PytestUnraisableExceptionWarning", "7.0.0", ""},
}};

Version version_of(std::string_view text) { return Version::parse(text).value_or(Version{}); }

// "builtins.X" → "X"; "_pytest.warning_types.X" → "pytest.X"; "" → "Warning".
std::string normalise_category(std::string_view category) {
  if (category.empty()) return "Warning";
  if (category.starts_with("builtins.")) return std::string(category.substr(9));
  if (category.starts_with("_pytest.warning_types.")) return "pytest." + std::string(category.substr(22));
  return std::string(category);
}

void split_fields(WarningFilter& filter) {
  std::size_t begin = 0;
  std::size_t index = 0;
  while (true) {
    const auto colon = filter.text.find(':', begin);
    const auto end = colon == std::string::npos ? filter.text.size() : colon;
    if (index < filter.fields.size()) {
      const auto raw = std::string_view(filter.text).substr(begin, end - begin);
      const auto stripped = python::strip(raw);
      filter.fields.at(index) = std::string(stripped);
      filter.field_offsets.at(index) = begin + static_cast<std::size_t>(stripped.data() - raw.data());
    }
    ++index;
    if (colon == std::string::npos) break;
    begin = colon + 1;
  }
  filter.field_count = index;
  for (; index < filter.fields.size(); ++index) filter.field_offsets.at(index) = filter.text.size();
}

// Where a string's text starts in the file when the literal holds it byte for byte.
std::optional<std::size_t> verbatim_begin(const SourceText& source, Span span, std::string_view text) {
  const auto raw = source.slice(span);
  if (raw == text) return span.begin;
  for (const std::size_t quote : {std::size_t{1}, std::size_t{3}}) {
    if (raw.size() == text.size() + 2 * quote && raw.substr(quote, text.size()) == text &&
        (raw.front() == '\'' || text.find('\\') == std::string_view::npos)) {
      return span.begin + quote;
    }
  }
  return std::nullopt;
}

enum class Match { Yes, No, Unknown };

// re.compile(pattern, flags).match(text), when RE2 can stand in for Python's re.
Match regex_match(const std::string& pattern, const std::string& text, bool ignore_case) {
  if (check_python_regex(pattern).kind != RegexVerdict::Kind::Valid) return Match::Unknown;
  std::string translated;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    // RE2 spells Python's end-of-text \Z as \z.
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      translated += pattern[i + 1] == 'Z' ? std::string("\\z") : pattern.substr(i, 2);
      ++i;
    } else {
      translated += pattern[i];
    }
  }
  RE2::Options options;
  options.set_case_sensitive(!ignore_case);
  options.set_log_errors(false);
  options.set_dot_nl(false);
  const RE2 compiled(translated, options);
  if (!compiled.ok()) return Match::Unknown;
  return compiled.Match(text, 0, text.size(), RE2::ANCHOR_START, nullptr, 0) ? Match::Yes : Match::No;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

Match filter_matches(const WarningFilter& filter, const StartupWarning& warning) {
  const auto category = normalise_category(filter.category());
  if (std::find(warning.categories.begin(), warning.categories.end(), category) == warning.categories.end())
    return Match::No;
  Match result = Match::Yes;
  const auto& message = filter.fields[kMessage];
  if (!message.empty()) {
    const auto matched = filter.origin == FilterOrigin::CommandLine
                             ? (starts_with_ignoring_case(warning.message, message) ? Match::Yes : Match::No)
                             : regex_match(message, warning.message, true);
    if (matched == Match::No) return Match::No;
    if (matched == Match::Unknown) result = Match::Unknown;
  }
  const auto& module = filter.fields[kModule];
  if (!module.empty() && warning.module.empty()) {
    result = Match::Unknown;  // the module the warning is attributed to is not modelled
  } else if (!module.empty()) {
    const auto matched = filter.origin == FilterOrigin::CommandLine
                             ? (module == warning.module ? Match::Yes : Match::No)
                             : regex_match(module, warning.module, false);
    if (matched == Match::No) return Match::No;
    if (matched == Match::Unknown) result = Match::Unknown;
  }
  // A line number other than 0: the line a warning is attributed to is not modelled.
  if (filter.fields[kLineno].find_first_not_of("+-0_") != std::string::npos) result = Match::Unknown;
  return result;
}

// Whether pytest gets past this filter at all (otherwise it stops before any warning).
bool usable(const WarningFilter& filter, const Version& pytest) {
  if (filter.too_many_fields() || !resolve_action(filter.fields[kAction])) return false;
  bool unknown = false;
  if (lineno_error(filter.fields[kLineno], unknown)) return false;
  return resolve_category_statically(filter.category(), pytest).kind != StaticCategory::Kind::Fails;
}

}  // namespace

WarningFilter parse_filter(FilterOrigin origin, std::string text, Span span, std::optional<std::size_t> text_begin) {
  WarningFilter filter;
  filter.origin = origin;
  filter.text = std::move(text);
  filter.span = span;
  filter.text_begin = text_begin;
  split_fields(filter);
  return filter;
}

Span WarningFilter::field_span(FilterField field) const {
  const auto index = static_cast<std::size_t>(field);
  if (!text_begin || index >= field_count || fields.at(index).empty()) return span;
  const auto begin = *text_begin + field_offsets.at(index);
  return {begin, begin + fields.at(index).size()};
}

FilterList read_filters(const CheckContext& context) {
  FilterList list;
  const auto& config = context.config;
  if (const auto* entry = config.find("filterwarnings")) {
    list.entry = entry;
    const auto& value = entry->value;
    if (value.is_array()) {
      for (const auto& item : value.items) {
        if (!item.is_string() || !config.source) continue;  // a type problem, not a filter
        list.config.push_back(parse_filter(FilterOrigin::Config, item.string, item.span,
                                           verbatim_begin(*config.source, item.span, item.string)));
      }
    } else if (value.is_string() && entry->mode == ValueMode::Ini) {
      for (const auto& line : linelist_lines(*entry)) {
        const auto text_begin = line.own_bytes ? std::optional<std::size_t>(line.span.begin) : std::nullopt;
        list.config.push_back(parse_filter(FilterOrigin::Config, line.text, line.span, text_begin));
      }
    }
  }
  for (const auto* option : context.addopts.all_dest("pytest", "pythonwarnings")) {
    if (!option->value) continue;
    const bool from_environment = context.addopts.tokens.at(option->first_token).from_environment;
    std::optional<std::size_t> text_begin;
    if (!from_environment && config.source)
      text_begin = verbatim_begin(*config.source, option->value_span, *option->value);
    auto filter = parse_filter(FilterOrigin::CommandLine, *option->value, option->value_span, text_begin);
    filter.located = !from_environment;
    list.command_line.push_back(std::move(filter));
  }
  return list;
}

std::optional<std::string> resolve_action(std::string_view action) {
  if (action.empty()) return "default";
  if (action == "all") return "always";
  for (const std::string_view name : {"default", "always", "ignore", "module", "once", "error"}) {
    if (name.starts_with(action)) return std::string(name);
  }
  return std::nullopt;
}

std::optional<std::string> lineno_error(std::string_view lineno, bool& unknown) {
  unknown = false;
  if (lineno.empty()) return std::nullopt;
  const auto invalid = [&] { return "invalid literal for int() with base 10: " + python::repr(lineno); };
  if (std::any_of(lineno.begin(), lineno.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    unknown = true;  // int() accepts every Unicode decimal digit
    return std::nullopt;
  }
  std::string_view digits = lineno;
  const bool negative = digits.front() == '-';
  if (digits.front() == '+' || digits.front() == '-') digits.remove_prefix(1);
  // Digits, with single underscores between them.
  if (digits.empty() || digits.front() == '_' || digits.back() == '_' || digits.find("__") != std::string_view::npos ||
      digits.find_first_not_of("0123456789_") != std::string_view::npos) {
    return invalid();
  }
  if (negative && digits.find_first_not_of("0_") != std::string_view::npos) return std::string("number is negative");
  return std::nullopt;
}

bool is_catch_all(const WarningFilter& filter) {
  if (filter.too_many_fields() || !resolve_action(filter.fields[kAction])) return false;
  const auto& lineno = filter.fields[kLineno];
  return filter.fields[kMessage].empty() && normalise_category(filter.category()) == "Warning" &&
         filter.fields[kModule].empty() && (lineno.empty() || lineno.find_first_not_of("+-0_") == std::string::npos);
}

StaticCategory resolve_category_statically(std::string_view category, const Version& pytest) {
  using Kind = StaticCategory::Kind;
  const auto name = normalise_category(category);
  if (name.find('.') == std::string::npos) {
    if (std::find(kBuiltinWarnings.begin(), kBuiltinWarnings.end(), name) != kBuiltinWarnings.end())
      return {Kind::Resolves, {}};
    return {Kind::Fails,
            "Python's builtins have no warning class `" + name + "` (a category without a module is looked up there)"};
  }
  if (!name.starts_with("pytest.")) return {Kind::Unknown, {}};
  const auto klass = std::string_view(name).substr(7);
  const auto* known = std::find_if(kPytestWarnings.begin(), kPytestWarnings.end(),
                                   [&](const PytestWarningClass& entry) { return entry.name == klass; });
  if (known == kPytestWarnings.end())
    return {Kind::Fails, "pytest exports no warning class `" + std::string(klass) + "`"};
  const auto since = version_of(known->since);
  if (pytest < since) {
    return {Kind::Fails,
            "`pytest." + std::string(klass) + "` exists from pytest " + since.str() + " on, not in " + pytest.str()};
  }
  if (!known->removed.empty() && pytest >= version_of(known->removed)) {
    return {Kind::Fails, "pytest " + version_of(known->removed).str() + " removed `pytest." + std::string(klass) + "`"};
  }
  if (!known->missing_in.empty() && pytest == version_of(known->missing_in)) {
    return {Kind::Fails, "pytest " + pytest.str() + " does not export `pytest." + std::string(klass) + "`"};
  }
  return {Kind::Resolves, {}};
}

FilterDecision decide(const FilterList& filters, const StartupWarning& warning, const Version& pytest) {
  FilterDecision decision;
  std::vector<const WarningFilter*> order;  // the first one that matches decides
  auto add_last_first = [&](const std::vector<WarningFilter>& list) {
    const auto first = static_cast<std::ptrdiff_t>(order.size());
    for (const auto& filter : list) order.push_back(&filter);
    std::reverse(order.begin() + first, order.end());
  };
  add_last_first(filters.command_line);
  add_last_first(filters.config);
  for (const auto* filter : order) {
    if (!usable(*filter, pytest)) continue;
    const auto matched = filter_matches(*filter, warning);
    if (matched == Match::No) continue;
    if (matched == Match::Unknown) {
      decision.certain = false;
      continue;
    }
    decision.action = *resolve_action(filter->fields[kAction]);
    decision.filter = filter;
    return decision;
  }
  return decision;
}

}  // namespace paralint::rules
