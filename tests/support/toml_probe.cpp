// Prints what paralint's TOML reader makes of each file named on the command line, one JSON
// line per file, in the form tests/py/test_toml_tomllib.py also builds from CPython's
// tomllib: {"error": "<tomllib's message and position>"} or {"value": <tagged value>}, where
// a value is {"s": str}, {"i": "<decimal>"}, {"f": "<repr>"}, {"b": bool}, {"dt": [y, m, d,
// h, mi, s, us, offset minutes]} (null for the parts it lacks), {"a": [...]} or
// {"t": [[key, value], ...]} in document order. {"skip": why} for what tomllib would read
// but paralint refuses on purpose (keys nested beyond kKeyNestingLimit, recursion depth),
// and for values nested deeper than Python's json module decodes.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "paralint/read/python_text.hpp"
#include "paralint/read/toml_reader.hpp"

namespace {

nlohmann::json optional_json(const std::optional<int>& part) { return part ? nlohmann::json(*part) : nlohmann::json(); }

nlohmann::json tagged(const paralint::Value& value) {
  using Kind = paralint::Value::Kind;
  switch (value.kind) {
    case Kind::String: return {{"s", value.string}};
    case Kind::Integer:
      return {{"i", value.big_integer.empty() ? std::to_string(value.integer) : value.big_integer}};
    case Kind::Float: return {{"f", paralint::python::float_repr(value.floating)}};
    case Kind::Boolean: return {{"b", value.boolean}};
    case Kind::DateTime: {
      const auto& d = value.datetime;
      return {{"dt",
               {optional_json(d.year), optional_json(d.month), optional_json(d.day), optional_json(d.hour),
                optional_json(d.minute), optional_json(d.second), d.microsecond, optional_json(d.offset_minutes)}}};
    }
    case Kind::Array: {
      auto items = nlohmann::json::array();
      for (const auto& item : value.items) items.push_back(tagged(item));
      return {{"a", items}};
    }
    case Kind::Table: {
      auto entries = nlohmann::json::array();
      for (const auto& entry : value.entries) entries.push_back({entry.key, tagged(entry.value)});
      return {{"t", entries}};
    }
  }
  return nullptr;
}

std::size_t depth(const paralint::Value& value) {
  std::size_t deepest = 0;
  for (const auto& item : value.items) deepest = std::max(deepest, depth(item));
  for (const auto& entry : value.entries) deepest = std::max(deepest, depth(entry.value));
  return deepest + 1;
}

// tomllib says "end of document" for an error past the last character: the position right
// after the text it read (universal newlines applied).
bool at_end(std::string_view bytes, const paralint::TomlError& error) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (byte == '\n' || (byte == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++line;
      column = 1;
    } else if (byte != '\r' && (byte & 0xC0) != 0x80) {
      ++column;
    }
  }
  return error.line == line && error.column == column;
}

}  // namespace

int main(int argc, char** argv) try {
  for (int arg = 1; arg < argc; ++arg) {
    std::ifstream file(argv[arg], std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    const paralint::SourceText source(argv[arg], bytes.str());
    const auto document = paralint::read_toml(source);
    nlohmann::json line;
    constexpr std::size_t kJsonDepth = 200;
    if (!document.error && depth(document.root) > kJsonDepth) {
      line["skip"] = "nested deeper than the test decodes";
    } else if (!document.error) {
      line["value"] = tagged(document.root);
    } else if (document.error->beyond_reader_limit || document.error->message.starts_with("maximum recursion")) {
      line["skip"] = document.error->message;
    } else if (document.error->column == 0) {  // a UnicodeDecodeError: no position of tomllib's
      line["error"] = document.error->message;
    } else {
      const auto where = at_end(source.bytes(), *document.error)
                             ? std::string("end of document")
                             : "line " + std::to_string(document.error->line) + ", column " +
                                   std::to_string(document.error->column);
      line["error"] = document.error->message + " (at " + where + ")";
    }
    std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return 0;
} catch (const std::exception& error) {
  std::cerr << "paralint_toml_probe: " << error.what() << '\n';
  return 1;
}
