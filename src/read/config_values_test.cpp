#include <doctest/doctest.h>

#include <string>

#include "paralint/read/toml_reader.hpp"
#include "paralint/read/value.hpp"

using paralint::Value;

// Each expected string is what CPython 3.11 prints for the value tomllib returns for the
// same TOML: type(v).__name__, bool(v), str(v), repr(v).

namespace {

// The value of `v = <toml>`.
Value toml_value(const std::string& toml) {
  const paralint::SourceText source("test.toml", "v = " + toml + "\n");
  const auto document = paralint::read_toml(source);
  REQUIRE_FALSE(document.error);
  const auto* value = document.root.find("v");
  REQUIRE(value != nullptr);
  return *value;
}

struct Python {
  std::string type;
  bool truthy;
  std::string str;
  std::string repr;
};

Python python(const Value& value) {
  return {paralint::python_type_name(value), paralint::python_truthy(value), paralint::python_str(value),
          paralint::python_repr(value)};
}

void check(const std::string& toml, const Python& expected) {
  CAPTURE(toml);
  const auto actual = python(toml_value(toml));
  CHECK(actual.type == expected.type);
  CHECK(actual.truthy == expected.truthy);
  CHECK(actual.str == expected.str);
  CHECK(actual.repr == expected.repr);
}

}  // namespace

TEST_CASE("config_values: strings") {
  check("\"it's\"", {"str", true, "it's", "\"it's\""});
  check("\"\"", {"str", false, "", "''"});
  check(R"("a\nb")", {"str", true, "a\nb", R"('a\nb')"});
}

TEST_CASE("config_values: integers") {
  check("-42", {"int", true, "-42", "-42"});
  check("0", {"int", false, "0", "0"});
}

TEST_CASE("config_values: integers beyond 64 bits") {
  check("18446744073709551616", {"int", true, "18446744073709551616", "18446744073709551616"});
  check("[-9223372036854775809]", {"list", true, "[-9223372036854775809]", "[-9223372036854775809]"});
}

TEST_CASE("config_values: floats") {
  check("7.0", {"float", true, "7.0", "7.0"});
  check("0.1", {"float", true, "0.1", "0.1"});
  check("1e300", {"float", true, "1e+300", "1e+300"});
  check("-0.0", {"float", false, "-0.0", "-0.0"});
  check("inf", {"float", true, "inf", "inf"});
  check("nan", {"float", true, "nan", "nan"});
}

TEST_CASE("config_values: booleans") {
  check("true", {"bool", true, "True", "True"});
  check("false", {"bool", false, "False", "False"});
}

TEST_CASE("config_values: a UTC date-time uses the timezone.utc singleton in repr") {
  check("1979-05-27T07:32:00Z", {"datetime", true, "1979-05-27 07:32:00+00:00",
                                 "datetime.datetime(1979, 5, 27, 7, 32, tzinfo=datetime.timezone.utc)"});
  check("1979-05-27T07:32:00.1234567+00:00",
        {"datetime", true, "1979-05-27 07:32:00.123456+00:00",
         "datetime.datetime(1979, 5, 27, 7, 32, 0, 123456, tzinfo=datetime.timezone.utc)"});
}

TEST_CASE("config_values: negative offsets are normalised to days=-1 in repr") {
  check("1979-05-27T07:32:00-08:00", {"datetime", true, "1979-05-27 07:32:00-08:00",
                                      "datetime.datetime(1979, 5, 27, 7, 32, "
                                      "tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=57600)))"});
  check("1979-05-27T00:32:00.999999-07:00", {"datetime", true, "1979-05-27 00:32:00.999999-07:00",
                                             "datetime.datetime(1979, 5, 27, 0, 32, 0, 999999, "
                                             "tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=61200)))"});
  check("1979-05-27T07:32:00-00:30", {"datetime", true, "1979-05-27 07:32:00-00:30",
                                      "datetime.datetime(1979, 5, 27, 7, 32, "
                                      "tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=84600)))"});
  check("1979-05-27T07:32:00-23:59", {"datetime", true, "1979-05-27 07:32:00-23:59",
                                      "datetime.datetime(1979, 5, 27, 7, 32, "
                                      "tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=60)))"});
}

TEST_CASE("config_values: positive offsets are seconds in repr") {
  check("1979-05-27T07:32:01.5+05:30", {"datetime", true, "1979-05-27 07:32:01.500000+05:30",
                                        "datetime.datetime(1979, 5, 27, 7, 32, 1, 500000, "
                                        "tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))"});
  check("1979-05-27T07:32:00+23:59", {"datetime", true, "1979-05-27 07:32:00+23:59",
                                      "datetime.datetime(1979, 5, 27, 7, 32, "
                                      "tzinfo=datetime.timezone(datetime.timedelta(seconds=86340)))"});
}

TEST_CASE("config_values: local date-times drop zero seconds and microseconds from repr") {
  check("1979-05-27T07:32:00", {"datetime", true, "1979-05-27 07:32:00", "datetime.datetime(1979, 5, 27, 7, 32)"});
  check("1979-05-27T07:32:05.000001",
        {"datetime", true, "1979-05-27 07:32:05.000001", "datetime.datetime(1979, 5, 27, 7, 32, 5, 1)"});
}

TEST_CASE("config_values: dates") {
  check("1979-05-27", {"date", true, "1979-05-27", "datetime.date(1979, 5, 27)"});
  check("0001-01-01", {"date", true, "0001-01-01", "datetime.date(1, 1, 1)"});
}

TEST_CASE("config_values: times, including midnight, are truthy") {
  check("07:32:00", {"time", true, "07:32:00", "datetime.time(7, 32)"});
  check("07:32:09", {"time", true, "07:32:09", "datetime.time(7, 32, 9)"});
  check("00:32:00.999999", {"time", true, "00:32:00.999999", "datetime.time(0, 32, 0, 999999)"});
  check("00:00:00", {"time", true, "00:00:00", "datetime.time(0, 0)"});
}

TEST_CASE("config_values: lists repr their items, str() of a list is its repr") {
  check("[]", {"list", false, "[]", "[]"});
  check(
      "[1, 'a', [2.5, true], {x = 1, \"y z\" = ['q']}]",
      {"list", true, "[1, 'a', [2.5, True], {'x': 1, 'y z': ['q']}]", "[1, 'a', [2.5, True], {'x': 1, 'y z': ['q']}]"});
  check("[\"it's\", 1979-05-27]",
        {"list", true, "[\"it's\", datetime.date(1979, 5, 27)]", "[\"it's\", datetime.date(1979, 5, 27)]"});
}

TEST_CASE("config_values: dicts repr in document order") {
  check("{}", {"dict", false, "{}", "{}"});
  check(R"({b = 1, a = {c = "x\ny"}})",
        {"dict", true, R"({'b': 1, 'a': {'c': 'x\ny'}})", R"({'b': 1, 'a': {'c': 'x\ny'}})"});
}

TEST_CASE("config_values: a hand-made string value behaves like str") {
  const auto value = Value::make_string("-q", {3, 5});
  CHECK(paralint::python_type_name(value) == "str");
  CHECK(paralint::python_repr(value) == "'-q'");
  CHECK(value.span == paralint::Span{3, 5});
}

TEST_CASE("config_values: Value::find looks up table keys") {
  const auto table = toml_value("{a = 1, b = 2}");
  REQUIRE(table.find("b") != nullptr);
  CHECK(table.find("b")->integer == 2);
  CHECK(table.find("c") == nullptr);
}
