#pragma once
// Writing XML 1.0 text, for the JUnit report.

#include <string>
#include <string_view>

namespace paralint {

// `text` as element content: `&`, `<`, `>` as entities and CR as `&#13;` (a parser would read
// a bare CR as LF). Characters XML 1.0 cannot hold even escaped (C0 controls other than tab,
// LF and CR; U+FFFE, U+FFFF) are written `#x01`, `#xFFFE`, as pytest's junitxml writes them;
// bytes that are not UTF-8 become U+FFFD.
std::string xml_text(std::string_view text);

// `text` inside a double-quoted attribute value: as xml_text, and also `"`, `'` and tab and
// LF as character references, which attribute-value normalisation would turn into spaces.
std::string xml_attribute(std::string_view text);

}  // namespace paralint
