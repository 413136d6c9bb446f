#pragma once
// Where the chosen config file's settings are, and edits that add one, written as the file
// already writes its settings (its indentation, line breaks, quoting): for any rule family.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/check_context.hpp"

namespace paralint::rules {

// Moves a comment at the end of a line onto a line of its own just above, with the line's
// indentation: where the comment is part of a value (INI), it then no longer is (A001, S003).
Fix move_comment_above(const std::shared_ptr<const SourceText>& source, Span comment);

// Whether the chosen config file is TOML (pyproject.toml, pytest.toml, .pytest.toml): how a
// value is written there.
bool is_toml_config(const CheckContext& context);
// Where a rule about a missing key points: the header of the section pytest reads.
std::optional<Span> section_header(const CheckContext& context);
// Where a rule about what addopts lacks points: its key, else the section header.
std::optional<Location> addopts_location(const CheckContext& context);
// Adds `key = value` as a new line before the first key of the pytest section/table.
std::optional<Edit> insert_key(const CheckContext& context, std::string_view key, std::string_view value);
// Appends arguments to addopts (a new `addopts` line when there is none): space-separated in
// an INI value or a TOML string, one element each in a TOML array.
std::optional<Edit> append_to_addopts(const CheckContext& context, const std::vector<std::string>& arguments);

// Whether the option's tokens hold nothing but the option: not a cluster such as `-sv`, whose
// token also holds -v.
bool owns_its_tokens(const CheckContext& context, const ParsedOption& option);
// The option taken out by comment_out_arguments, as an unsafe fix, when it owns its tokens.
std::optional<Fix> take_out_option(const CheckContext& context, std::string_view code, const ParsedOption& option,
                                   std::string_view why);

// Takes the addopts arguments tokens[first..last] (one line of the file) out of the value
// and leaves them in a comment line above the line that held them: `# paralint (CODE) took
// out `--x`: why`. Null where that cannot be written safely (arguments spread over lines,
// from PYTEST_ADDOPTS, inside a multi-line TOML string, or sharing a line with another key).
std::optional<Edit> comment_out_arguments(const CheckContext& context, std::string_view code, std::size_t first,
                                          std::size_t last, std::string_view why);

}  // namespace paralint::rules
