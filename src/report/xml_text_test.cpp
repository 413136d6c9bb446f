#include "paralint/report/xml_text.hpp"

#include <doctest/doctest.h>

using paralint::xml_attribute;
using paralint::xml_text;

TEST_CASE("xml_text: markup characters become entities, quotes stay in content") {
  CHECK(xml_text("a < b && c > 'd' \"e\"") == "a &lt; b &amp;&amp; c &gt; 'd' \"e\"");
  CHECK(xml_attribute("a < b && 'd' \"e\"") == "a &lt; b &amp;&amp; &apos;d&apos; &quot;e&quot;");
}

TEST_CASE("xml_text: line breaks and tabs survive a parser") {
  CHECK(xml_text("one\ntwo\r\nthree\tfour") == "one\ntwo&#13;\nthree\tfour");
  CHECK(xml_attribute("one\ntwo\r\nthree\tfour") == "one&#10;two&#13;&#10;three&#9;four");
}

TEST_CASE("xml_text: characters XML 1.0 cannot hold are spelled as pytest's junitxml spells them") {
  CHECK(xml_text(std::string("a\0b", 3)) == "a#x00b");
  CHECK(xml_text("\x01\x0b\x0c\x1b\x1f") == "#x01#x0B#x0C#x1B#x1F");
  CHECK(xml_text("\xef\xbf\xbe\xef\xbf\xbf") == "#xFFFE#xFFFF");  // U+FFFE, U+FFFF
  CHECK(xml_attribute("\x07") == "#x07");
}

TEST_CASE("xml_text: UTF-8 passes through, bytes that are not UTF-8 become U+FFFD") {
  CHECK(xml_text("naïve ✓ 𝄞 \xc2\x85") == "naïve ✓ 𝄞 \xc2\x85");  // U+0085 is allowed in XML 1.0
  CHECK(xml_text("a\xff" "b") == "a\xef\xbf\xbd" "b");
  CHECK(xml_text("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // an encoded surrogate
}
