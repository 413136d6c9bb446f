#pragma once

// Text from a config file shown on a terminal or in a CI log. A control character there is
// an instruction to the terminal (ESC starts an escape sequence that can recolour, clear or
// retitle it, BEL rings, CR overwrites the line, a lone LF forges a line of output), so each
// is shown as its Unicode Control Picture instead (ESC as ␛, BEL as ␇, DEL as ␡), as ruff
// shows them; a C1 control (U+0080–U+009F, which some terminals also obey) as U+FFFD.
// Every replacement is one code point, so the columns of a snippet stay aligned.

#include <string>
#include <string_view>

namespace paralint {

// Replaces every control character but TAB: for one line (a message, a path, a snippet).
std::string printable(std::string_view text);

// The same, keeping line feeds: for text of several lines that paralint wrote (a help).
std::string printable_lines(std::string_view text);

}  // namespace paralint
