#include "paralint/read/ini_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_set>

#include "paralint/read/python_text.hpp"

namespace paralint {

const IniEntry* IniSection::find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const IniSection* IniDocument::find(std::string_view name) const {
  for (const auto& section : sections) {
    if (section.name == name) return &section;
  }
  return nullptr;
}

std::size_t source_offset(const std::vector<ValuePiece>& pieces, std::size_t value_offset) {
  if (pieces.empty()) return 0;
  // The last piece starting at or before value_offset owns it.
  auto owner = std::upper_bound(pieces.begin(), pieces.end(), value_offset,
                                [](std::size_t offset, const ValuePiece& piece) { return offset < piece.value_offset; });
  if (owner == pieces.begin()) return pieces.front().source.begin;
  --owner;
  // Offsets past a piece's end fall on the "\n" that joined it to the next one.
  return owner->source.begin + std::min(value_offset - owner->value_offset, owner->source.size());
}

std::optional<std::string> utf8_decode_error(std::string_view bytes, std::size_t& bad_offset) {
  bad_offset = find_invalid_utf8(bytes);
  if (bad_offset == std::string_view::npos) return std::nullopt;
  // CPython's decoder (Objects/stringlib/codecs.h) names the longest start of a valid
  // sequence: the lead byte and the continuation bytes that fit it (the second byte's range
  // depends on the lead: E0 A0-BF, ED 80-9F, F0 90-BF, F4 80-8F), up to the byte that does
  // not, or up to the end of the data.
  const auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[bad_offset + i]); };
  const auto lead = byte_at(0);
  const std::size_t available = bytes.size() - bad_offset;
  std::string reason = "invalid start byte";
  std::size_t length = 1;
  if (lead >= 0xC2 && lead <= 0xF4) {
    const std::size_t expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    auto fits = [&](std::size_t i) {
      const auto byte = byte_at(i);
      if ((byte & 0xC0U) != 0x80U) return false;
      if (i != 1) return true;
      return lead == 0xE0 ? byte >= 0xA0 : lead == 0xED ? byte < 0xA0 : lead == 0xF0 ? byte >= 0x90
                                                                                     : lead != 0xF4 || byte < 0x90;
    };
    length = 1;
    while (length < expected && length < available && fits(length)) ++length;
    reason = length < available || length == expected ? "invalid continuation byte" : "unexpected end of data";
    if (reason == "unexpected end of data") length = available;
  }
  if (length == 1) {
    return fmt::format("'utf-8' codec can't decode byte 0x{:02x} in position {}: {}", lead, bad_offset, reason);
  }
  return fmt::format("'utf-8' codec can't decode bytes in position {}-{}: {}", bad_offset, bad_offset + length - 1,
                     reason);
}

namespace {

struct Line {
  Span span;          // without the line break
  std::size_t number;  // 0-based, as iniconfig enumerates
};

// Length of the line break starting at `offset`, or 0.
std::size_t line_break_length(std::string_view text, std::size_t offset, bool splitlines_breaks) {
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c == '\n') return 1;
  if (c == '\r') return (offset + 1 < text.size() && text[offset + 1] == '\n') ? 2 : 1;
  if (!splitlines_breaks) return 0;
  if (c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E)) return 1;
  const auto rest = text.substr(offset);
  if (rest.starts_with("\xC2\x85")) return 2;
  if (rest.starts_with("\xE2\x80\xA8") || rest.starts_with("\xE2\x80\xA9")) return 3;
  return 0;
}

// The bytes a line break can start with, without and with str.splitlines' extra breaks.
constexpr std::array<bool, 256> break_starts(bool splitlines_breaks) {
  std::array<bool, 256> table{};
  table['\n'] = table['\r'] = true;
  if (splitlines_breaks) {
    for (const unsigned char c : {0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0xC2, 0xE2}) table[c] = true;
  }
  return table;
}

std::vector<Line> split_lines(std::string_view text, std::size_t start, bool splitlines_breaks) {
  static constexpr auto kNewlines = break_starts(false);
  static constexpr auto kSplitlines = break_starts(true);
  const auto& may_break = splitlines_breaks ? kSplitlines : kNewlines;
  std::vector<Line> lines;
  std::size_t line_start = start;
  std::size_t offset = start;
  while (offset < text.size()) {
    // Most bytes cannot start a break: skipped without asking which break it is.
    while (offset < text.size() && !may_break[static_cast<unsigned char>(text[offset])]) ++offset;
    if (offset == text.size()) break;
    const auto length = line_break_length(text, offset, splitlines_breaks);
    if (length == 0) {
      ++offset;
      continue;
    }
    lines.push_back({{line_start, offset}, lines.size()});
    offset += length;
    line_start = offset;
  }
  if (line_start < text.size()) lines.push_back({{line_start, text.size()}, lines.size()});
  return lines;
}

// One classified line, as iniconfig's _parseline returns it.
struct ParsedLine {
  enum class Kind { Blank, Section, Entry, Continuation } kind = Kind::Blank;
  Span name;  // section name or key
  Span data;  // value or continuation text
};

Span sub_span(std::size_t base, std::string_view whole, std::string_view part) {
  const auto begin = base + static_cast<std::size_t>(part.data() - whole.data());
  return {begin, begin + part.size()};
}

std::optional<ParsedLine> parse_line(std::string_view text, const Line& line, std::string& error) {
  const auto raw = text.substr(line.span.begin, line.span.size());
  const auto stripped_left = python::lstrip(raw);
  if (stripped_left.empty() || stripped_left.front() == '#' || stripped_left.front() == ';') return ParsedLine{};
  const auto content = python::rstrip(raw);
  if (content.front() == '[') {
    // Text after the first '#' or ';' is dropped from a header line, then it must end in ']'.
    auto header = content;
    for (const char comment : {'#', ';'}) header = python::rstrip(header.substr(0, header.find(comment)));
    if (header.back() == ']') {
      return ParsedLine{ParsedLine::Kind::Section, sub_span(line.span.begin, raw, header.substr(1, header.size() - 2)), {}};
    }
    return ParsedLine{ParsedLine::Kind::Continuation, {}, sub_span(line.span.begin, raw, python::strip(content))};
  }
  char32_t first = 0;
  decode_utf8(content, 0, first);
  if (python::is_space(first)) {
    return ParsedLine{ParsedLine::Kind::Continuation, {}, sub_span(line.span.begin, raw, python::strip(content))};
  }
  auto separator = content.find('=');
  if (separator == std::string_view::npos || content.substr(0, separator).find(':') != std::string_view::npos) {
    separator = content.find(':');
    if (separator == std::string_view::npos) {
      error = "unexpected line: " + python::repr(content);
      return std::nullopt;
    }
  }
  return ParsedLine{ParsedLine::Kind::Entry, sub_span(line.span.begin, raw, python::strip(content.substr(0, separator))),
                    sub_span(line.span.begin, raw, python::strip(content.substr(separator + 1)))};
}

// A section header or key=value with its continuations, before duplicates are checked.
struct Token {
  std::size_t line = 0;
  bool has_section = false;
  bool is_section = false;
  IniEntry entry;
  Span header;  // a section's name
};

}  // namespace

IniDocument read_ini(const SourceText& source, const IniDialect& dialect) {
  IniDocument document;
  const auto text = source.bytes();
  std::size_t start = 0;
  if (dialect.strip_bom && text.starts_with("\xEF\xBB\xBF")) start = 3;

  std::size_t bad_offset = 0;
  if (auto decode_error = utf8_decode_error(text, bad_offset)) {
    document.error = IniError{source.position(bad_offset).line, *decode_error};
    return document;
  }

  // Pass 1 (iniconfig's parse_lines): classify lines and join continuations. Errors
  // here stop at the first bad line.
  std::vector<Token> tokens;
  bool in_section = false;
  for (const auto& line : split_lines(text, start, dialect.splitlines_breaks)) {
    std::string error;
    const auto parsed = parse_line(text, line, error);
    const auto line_number = line.number + 1;
    if (!parsed) {
      document.error = IniError{line_number, error};
      return document;
    }
    switch (parsed->kind) {
      case ParsedLine::Kind::Blank: break;
      case ParsedLine::Kind::Section: {
        if (parsed->name.size() == 0) {
          document.error = IniError{line_number, "empty section name"};
          return document;
        }
        in_section = true;
        Token token;
        token.line = line_number;
        token.is_section = true;
        token.has_section = true;
        token.header = parsed->name;
        tokens.push_back(std::move(token));
        break;
      }
      case ParsedLine::Kind::Entry: {
        Token token;
        token.line = line_number;
        token.has_section = in_section;
        token.entry.key = std::string(source.slice(parsed->name));
        token.entry.key_span = parsed->name;
        token.entry.value = std::string(source.slice(parsed->data));
        token.entry.line = line_number;
        token.entry.span = {parsed->name.begin, parsed->data.end};
        if (parsed->data.size() != 0) token.entry.pieces.push_back({0, parsed->data});
        tokens.push_back(std::move(token));
        break;
      }
      case ParsedLine::Kind::Continuation: {
        if (tokens.empty() || tokens.back().is_section) {
          document.error = IniError{line_number, "unexpected value continuation"};
          return document;
        }
        auto& entry = tokens.back().entry;
        if (!entry.value.empty()) entry.value += '\n';
        entry.pieces.push_back({entry.value.size(), parsed->data});
        entry.value += source.slice(parsed->data);
        entry.span.end = parsed->data.end;
        break;
      }
    }
  }

  // Pass 2 (IniConfig.__init__): sections and duplicates, in token order; names are looked
  // up in hash sets, so that 100,000 keys cost no more than reading them.
  // Views of the source's bytes, which hold each name as written: no copies.
  std::unordered_set<std::string_view> section_names;
  std::unordered_set<std::string_view> keys_of_section;
  for (auto& token : tokens) {
    if (!token.has_section) {
      document.error = IniError{token.line, "no section header defined"};
      return document;
    }
    if (token.is_section) {
      const auto name = source.slice(token.header);
      if (!section_names.insert(name).second) {
        document.error = IniError{token.line, "duplicate section " + python::repr(name)};
        return document;
      }
      document.sections.push_back({std::string(name), token.header, token.line, {}});
      keys_of_section.clear();
      continue;
    }
    auto& section = document.sections.back();
    if (!keys_of_section.insert(source.slice(token.entry.key_span)).second) {
      document.error = IniError{token.line, "duplicate name " + python::repr(token.entry.key)};
      return document;
    }
    section.entries.push_back(std::move(token.entry));
  }
  return document;
}

}  // namespace paralint
