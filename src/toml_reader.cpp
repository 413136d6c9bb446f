#include "paralint/toml_reader.hpp"

#include <algorithm>

#include "tomlpp.hpp"

#include "paralint/ini_reader.hpp"

namespace paralint {

namespace {

// tomllib parses arrays and inline tables recursively: each array level costs two Python
// frames and each inline-table level three. Past CPython's default recursion limit of
// 1000 (less what pytest's own call stack uses) tomllib raises RecursionError, which
// pytest does not catch. Measured with Debian's pytest 7.2.1 on Python 3.11 through the
// oracle: see tests/cases/dump (deep-nesting cases).
constexpr std::size_t kMaxPythonFrames = 962;

struct NestingProblem {
  std::size_t offset = 0;
};

// Scans values (skipping strings, comments and table headers) for the deepest nesting of
// arrays and inline tables, weighted by tomllib's frame cost.
std::optional<NestingProblem> find_excessive_nesting(std::string_view text) {
  std::vector<std::size_t> costs;  // frame cost of each open bracket
  std::size_t frames = 0;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      line_start = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    const bool at_line_start = line_start;
    line_start = false;
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      line_start = true;
      continue;
    }
    if (c == '"' || c == '\'') {
      const bool multiline = text.substr(i, 3) == std::string(3, c);
      const std::string_view close = multiline ? std::string_view(text.data() + i, 3) : std::string_view(text.data() + i, 1);
      i += close.size();
      while (i < text.size()) {
        if (c == '"' && text[i] == '\\') {
          i += 2;
          continue;
        }
        if (text.substr(i, close.size()) == close) break;
        if (!multiline && text[i] == '\n') break;
        ++i;
      }
      i += close.size() - 1;
      continue;
    }
    if (costs.empty() && at_line_start && c == '[') {  // a [table] or [[array]] header
      while (i < text.size() && text[i] != '\n') ++i;
      line_start = true;
      continue;
    }
    if (c == '[' || c == '{') {
      costs.push_back(c == '[' ? 2 : 3);
      frames += costs.back();
      if (frames > kMaxPythonFrames) return NestingProblem{i};
    } else if ((c == ']' || c == '}') && !costs.empty()) {
      frames -= costs.back();
      costs.pop_back();
    }
  }
  return std::nullopt;
}

Span span_of(const SourceText& source, const toml::source_region& region) {
  const auto begin = source.offset({region.begin.line, region.begin.column});
  const auto end = source.offset({region.end.line, region.end.column});
  return {begin, std::max(begin, end)};
}

DateTimeParts date_parts(const toml::date& date) {
  DateTimeParts parts;
  parts.year = date.year;
  parts.month = date.month;
  parts.day = date.day;
  return parts;
}

void add_time(DateTimeParts& parts, const toml::time& time) {
  parts.hour = time.hour;
  parts.minute = time.minute;
  parts.second = time.second;
  parts.microsecond = static_cast<int>(time.nanosecond / 1000);
}

Value convert(const SourceText& source, const toml::node& node) {
  Value value;
  value.span = span_of(source, node.source());
  switch (node.type()) {
    case toml::node_type::string:
      value.kind = Value::Kind::String;
      value.string = node.as_string()->get();
      break;
    case toml::node_type::integer:
      value.kind = Value::Kind::Integer;
      value.integer = node.as_integer()->get();
      break;
    case toml::node_type::floating_point:
      value.kind = Value::Kind::Float;
      value.floating = node.as_floating_point()->get();
      break;
    case toml::node_type::boolean:
      value.kind = Value::Kind::Boolean;
      value.boolean = node.as_boolean()->get();
      break;
    case toml::node_type::date:
      value.kind = Value::Kind::DateTime;
      value.datetime = date_parts(node.as_date()->get());
      break;
    case toml::node_type::time:
      value.kind = Value::Kind::DateTime;
      add_time(value.datetime, node.as_time()->get());
      break;
    case toml::node_type::date_time: {
      const auto& date_time = node.as_date_time()->get();
      value.kind = Value::Kind::DateTime;
      value.datetime = date_parts(date_time.date);
      add_time(value.datetime, date_time.time);
      if (date_time.offset) value.datetime.offset_minutes = date_time.offset->minutes;
      break;
    }
    case toml::node_type::array:
      value.kind = Value::Kind::Array;
      for (const auto& item : *node.as_array()) value.items.push_back(convert(source, item));
      break;
    case toml::node_type::table: {
      value.kind = Value::Kind::Table;
      // toml++ keeps keys sorted; tomllib (and so pytest) keeps document order.
      std::vector<std::pair<const toml::key*, const toml::node*>> ordered;
      for (const auto& [key, child] : *node.as_table()) ordered.emplace_back(&key, &child);
      std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        const auto& left = a.first->source().begin;
        const auto& right = b.first->source().begin;
        return std::pair(left.line, left.column) < std::pair(right.line, right.column);
      });
      for (const auto& [key, child] : ordered) {
        value.entries.push_back({std::string(key->str()), convert(source, *child)});
      }
      break;
    }
    case toml::node_type::none: break;
  }
  return value;
}

}  // namespace

TomlDocument read_toml(const SourceText& source) {
  TomlDocument document;
  document.root.kind = Value::Kind::Table;
  const auto text = source.bytes();

  std::size_t bad_offset = 0;
  if (auto decode_error = utf8_decode_error(text, bad_offset)) {
    const auto position = source.position(bad_offset);
    document.error = TomlError{position.line, 0, *decode_error};
    return document;
  }
  if (text.starts_with("\xEF\xBB\xBF")) {
    document.error = TomlError{1, 1, "Invalid statement"};
    return document;
  }
  if (const auto nesting = find_excessive_nesting(text)) {
    const auto position = source.position(nesting->offset);
    document.error = TomlError{position.line, position.column,
                               "maximum recursion depth exceeded (tomllib nests arrays and inline tables recursively)"};
    return document;
  }

  // pytest reads the file with Path.read_text(), whose universal newlines turn "\r\n" and a
  // lone "\r" into "\n" before tomllib sees the text. Lines stay where they were, so
  // toml++'s line/column positions still map onto the original bytes.
  std::string normalized;
  if (text.find('\r') != std::string_view::npos) {
    normalized.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r') {
        normalized += '\n';
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        normalized += text[i];
      }
    }
  }
  auto result = toml::parse(normalized.empty() ? text : std::string_view(normalized), std::string_view(source.path().native()));
  if (!result) {
    const auto& error = result.error();
    document.error = TomlError{error.source().begin.line, error.source().begin.column, std::string(error.description())};
    return document;
  }
  document.root = convert(source, result.table());
  document.root.span = {0, text.size()};
  return document;
}

}  // namespace paralint
