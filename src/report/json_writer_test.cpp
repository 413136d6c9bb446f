#include "paralint/report/json_writer.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "paralint/read/toml_reader.hpp"
#include "paralint/read/value.hpp"

using paralint::JsonWriter;

// Expected text is Python's json.dumps(obj, ensure_ascii=False) (CPython 3.11).

namespace {

std::string json_string(std::string_view text) {
  std::string out;
  paralint::append_json_string(out, text);
  return out;
}

}  // namespace

TEST_CASE("json_writer: nested objects and arrays use Python's default separators") {
  // {"a": [1, 2.5, None, True, False, {"b": {}}, []], "c": "x"}
  JsonWriter json;
  json.begin_object();
  json.key("a");
  json.begin_array();
  json.integer(1);
  json.floating(2.5);
  json.null();
  json.boolean(true);
  json.boolean(false);
  json.begin_object();
  json.key("b");
  json.begin_object();
  json.end_object();
  json.end_object();
  json.begin_array();
  json.end_array();
  json.end_array();
  json.key("c");
  json.string("x");
  json.end_object();
  CHECK(json.text() == R"({"a": [1, 2.5, null, true, false, {"b": {}}, []], "c": "x"})");
}

TEST_CASE("json_writer: empty containers") {
  JsonWriter json;
  json.begin_array();
  json.begin_array();
  json.end_array();
  json.begin_object();
  json.key("k");
  json.begin_array();
  json.end_array();
  json.end_object();
  json.end_array();
  CHECK(json.text() == R"([[], {"k": []}])");
}

TEST_CASE("json_writer: quotes, backslashes and control characters are escaped") {
  CHECK(json_string("q\"b\\s/") == R"("q\"b\\s/")");
  CHECK(json_string("\x01\b\f\n\r\t\x1f") == R"("\u0001\b\f\n\r\t\u001f")");
  CHECK(json_string(std::string("a\0b", 3)) == R"("a\u0000b")");
}

TEST_CASE("json_writer: DEL and non-ASCII text are written as they are") {
  CHECK(json_string("\x7f") == "\"\x7f\"");
  CHECK(json_string("é ✓ \u2028 \U0001F600") == "\"é ✓ \u2028 \U0001F600\"");
}

TEST_CASE("json_writer: floats as Python writes them, including NaN and Infinity") {
  // [NaN, Infinity, -Infinity, 1e+16, 0.1, -0.0, 1e-05, 1000000000000000000]
  JsonWriter json;
  json.begin_array();
  json.floating(std::nan(""));
  json.floating(std::numeric_limits<double>::infinity());
  json.floating(-std::numeric_limits<double>::infinity());
  json.floating(1e16);
  json.floating(0.1);
  json.floating(-0.0);
  json.floating(1e-5);
  json.integer(1000000000000000000);
  json.end_array();
  CHECK(json.text() == "[NaN, Infinity, -Infinity, 1e+16, 0.1, -0.0, 1e-05, 1000000000000000000]");
}

TEST_CASE("json_writer: value() writes a TOML value tree, dates as str()") {
  const paralint::SourceText source("t.toml", "b = 1\na = [\"x\", 2.0, true, {k = 1979-05-27T07:32:00Z}]\nf = nan\n");
  const auto document = paralint::read_toml(source);
  REQUIRE_FALSE(document.error);
  JsonWriter json;
  json.value(document.root);
  CHECK(json.text() == R"({"b": 1, "a": ["x", 2.0, true, {"k": "1979-05-27 07:32:00+00:00"}], "f": NaN})");
}

TEST_CASE("json_writer: value() writes integers beyond 64 bits as digits") {
  const paralint::SourceText source("t.toml", "a = [18446744073709551616, -1]\n");
  const auto document = paralint::read_toml(source);
  REQUIRE_FALSE(document.error);
  JsonWriter json;
  json.value(document.root);
  CHECK(json.text() == R"({"a": [18446744073709551616, -1]})");
}

TEST_CASE("json_writer: a top-level scalar has no separators") {
  JsonWriter json;
  json.string("é");
  CHECK(json.text() == "\"é\"");
}
