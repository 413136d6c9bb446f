#include "paralint/report/json_writer.hpp"

#include <fmt/format.h>

#include <cmath>

#include "paralint/read/python_text.hpp"
#include "paralint/read/value.hpp"

namespace paralint {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  // Runs of bytes that need no escape (most of any text) are appended whole.
  const auto plain = [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\'; };
  std::size_t offset = 0;
  while (offset < text.size()) {
    auto end = offset;
    while (end < text.size() && plain(text[end])) ++end;
    out.append(text, offset, end - offset);
    if (end == text.size()) break;
    offset = end + 1;
    const char c = text[end];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));  // the other control characters
    }
  }
  out += '"';
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_element_.empty()) {
    if (has_element_.back()) out_ += ", ";
    has_element_.back() = true;
  }
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  has_element_.push_back(false);
}

void JsonWriter::end_object() {
  out_ += '}';
  has_element_.pop_back();
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  has_element_.push_back(false);
}

void JsonWriter::end_array() {
  out_ += ']';
  has_element_.pop_back();
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::integer(std::int64_t value) {
  before_value();
  out_ += std::to_string(value);
}

void JsonWriter::floating(double value) {
  before_value();
  if (std::isnan(value)) {
    out_ += "NaN";
  } else if (std::isinf(value)) {
    out_ += value < 0 ? "-Infinity" : "Infinity";
  } else {
    out_ += python::float_repr(value);
  }
}

void JsonWriter::value(const Value& value) {
  switch (value.kind) {
    case Value::Kind::String: string(value.string); break;
    case Value::Kind::Integer:
      if (value.big_integer.empty()) {
        integer(value.integer);
      } else {
        before_value();
        out_ += value.big_integer;
      }
      break;
    case Value::Kind::Float: floating(value.floating); break;
    case Value::Kind::Boolean: boolean(value.boolean); break;
    case Value::Kind::DateTime: string(python_str(value)); break;
    case Value::Kind::Array:
      begin_array();
      for (const auto& item : value.items) this->value(item);
      end_array();
      break;
    case Value::Kind::Table:
      begin_object();
      for (const auto& entry : value.entries) {
        key(entry.key);
        this->value(entry.value);
      }
      end_object();
      break;
  }
}

}  // namespace paralint
