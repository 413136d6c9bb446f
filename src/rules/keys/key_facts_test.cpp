#include "rules/keys/key_facts.hpp"

#include <doctest/doctest.h>

#include "rules/keys/warning_filters.hpp"

using paralint::rules::keys::config_warning_action;
using paralint::rules::keys::edit_distance;
using paralint::rules::keys::python_float_accepts;
using paralint::rules::keys::python_int_accepts;
using paralint::rules::keys::python_strtobool;

// Every expectation below was printed by Python 3.11 (float(), int(), and pytest 7.2.1's
// parse_warning_filter followed by the warnings module's own matching).

TEST_CASE("key facts: float() accepts Python's forms") {
  for (const auto* good : {"1_0", " 1.5 ", "inf", "-Infinity", "nan", "1e3", ".5", "5.", "+.5e-3_0"}) {
    CAPTURE(good);
    CHECK(python_float_accepts(good));
  }
  for (const auto* bad : {"1__0", "_1", "1_", "abc", "", "0x10", "1.5e", "5min"}) {
    CAPTURE(bad);
    CHECK_FALSE(python_float_accepts(bad));
  }
}

TEST_CASE("key facts: int() accepts Python's forms") {
  for (const auto* good : {"10", " +3 ", "1_000", "007", "-0"}) {
    CAPTURE(good);
    CHECK(python_int_accepts(good));
  }
  for (const auto* bad : {"1.0", "", "1e3"}) {
    CAPTURE(bad);
    CHECK_FALSE(python_int_accepts(bad));
  }
}

TEST_CASE("key facts: _strtobool") {
  CHECK(python_strtobool("TRUE") == true);
  CHECK(python_strtobool("on") == true);
  CHECK(python_strtobool("0") == false);
  CHECK(python_strtobool("Off") == false);
  CHECK_FALSE(python_strtobool("maybe").has_value());
  CHECK_FALSE(python_strtobool("").has_value());
  CHECK_FALSE(python_strtobool("[true]").has_value());
}

TEST_CASE("key facts: edit distance") {
  CHECK(edit_distance("addopt", "addopts") == 1);
  CHECK(edit_distance("asyncio_mode", "asyncio_mode") == 0);
  CHECK(edit_distance("anyio_mode", "asyncio_mode") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("warning filters: which filters catch 'Unknown config option' from _pytest.config") {
  const std::string message = "Unknown config option: foo\n";
  auto ini = [&](std::string_view filter) { return config_warning_action(filter, false, message).value_or("-"); };
  auto cmd = [&](std::string_view filter) { return config_warning_action(filter, true, message).value_or("-"); };
  CHECK(ini("error") == "error");
  CHECK(ini("ignore::UserWarning") == "ignore");
  CHECK(ini("error::DeprecationWarning") == "-");
  CHECK(ini("err") == "error");
  CHECK(ini("e:Unknown config") == "error");
  CHECK(ini("error:unknown CONFIG option") == "error");
  CHECK(ini("error:foo") == "-");
  CHECK(ini("error:::_pytest") == "error");
  CHECK(ini("error:::pytest") == "-");
  CHECK(ini("error::pytest.PytestConfigWarning") == "error");
  CHECK(ini("always::Warning") == "always");
  CHECK(ini("error:.*foo") == "error");
  CHECK(ini("error:::_pytest.config:5") == "-");
  CHECK(cmd("error:Unknown config") == "error");
  CHECK(cmd("error:Unknown.config") == "-");
  CHECK(cmd("error:::_pytest.config") == "error");
  CHECK(cmd("error:::_pytest") == "-");
}
