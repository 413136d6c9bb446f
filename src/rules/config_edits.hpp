#pragma once
// Where the chosen config file's settings are, and edits that add one, written as the file
// already writes its settings (its indentation, line breaks, quoting): for any rule family.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/check_context.hpp"

namespace paralint::rules {

// Where a rule about a missing key points: the header of the section pytest reads.
std::optional<Span> section_header(const CheckContext& context);
// Adds `key = value` as a new line before the first key of the pytest section/table.
std::optional<Edit> insert_key(const CheckContext& context, std::string_view key, std::string_view value);
// Appends arguments to addopts (a new `addopts` line when there is none): space-separated in
// an INI value or a TOML string, one element each in a TOML array.
std::optional<Edit> append_to_addopts(const CheckContext& context, const std::vector<std::string>& arguments);

// Takes the addopts arguments tokens[first..last] (one line of the file) out of the value
// and leaves them in a comment line above the line that held them: `# paralint (CODE) took
// out `--x`: why`. Null where that cannot be written safely (arguments spread over lines,
// from PYTEST_ADDOPTS, inside a multi-line TOML string, or sharing a line with another key).
std::optional<Edit> comment_out_arguments(const CheckContext& context, std::string_view code, std::size_t first,
                                          std::size_t last, std::string_view why);

}  // namespace paralint::rules
