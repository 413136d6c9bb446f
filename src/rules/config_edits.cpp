#include "rules/config_edits.hpp"

#include <algorithm>

namespace paralint::rules {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

Fix move_comment_above(const std::shared_ptr<const SourceText>& source, Span comment) {
  const auto bytes = source->bytes();
  const auto line_number = source->position(comment.begin).line;
  const auto line = source->line_span(line_number);
  auto indent_end = line.begin;
  while (indent_end < comment.begin && is_blank(bytes[indent_end])) ++indent_end;
  auto cut = comment.begin;
  while (cut > line.begin && is_blank(bytes[cut - 1])) --cut;
  Fix fix;
  fix.applicability = Applicability::Safe;
  fix.message = "move the comment onto its own line above";
  fix.edits.push_back({source,
                       {line.begin, line.begin},
                       std::string(bytes.substr(line.begin, indent_end - line.begin)) +
                           std::string(source->slice(comment)) + std::string(source->line_break_for_new(line_number))});
  fix.edits.push_back({source, {cut, comment.end}, ""});
  return fix;
}

bool is_toml_config(const CheckContext& context) {
  return context.config.configfile && context.config.configfile->extension() == ".toml";
}

std::optional<Span> section_header(const CheckContext& context) {
  const auto* document = context.chosen_document();
  if (document == nullptr || !context.config.section) return std::nullopt;
  const auto& section = *context.config.section;
  if (document->ini) {
    if (const auto* found = document->ini->find(section)) return found->header_span;
    return std::nullopt;
  }
  if (!document->toml) return std::nullopt;
  const Value* table = &document->toml->root;
  std::size_t begin = 0;
  while (table != nullptr && begin <= section.size()) {
    const auto end = std::min(section.find('.', begin), section.size());
    table = table->find(std::string_view(section).substr(begin, end - begin));
    begin = end + 1;
  }
  if (table == nullptr) return std::nullopt;
  const auto line = document->source->position(table->span.begin).line;
  return document->source->line_span(line);
}

std::optional<Location> addopts_location(const CheckContext& context) {
  if (const auto* addopts = context.config.find("addopts")) return context.at(addopts->key_span);
  if (const auto header = section_header(context)) return context.at(*header);
  return std::nullopt;
}

std::optional<Edit> insert_key(const CheckContext& context, std::string_view key, std::string_view value) {
  const auto& source = context.config.source;
  if (!source || context.config.ini.empty()) return std::nullopt;
  const auto first =
      std::min_element(context.config.ini.begin(), context.config.ini.end(),
                       [](const ConfigEntry& a, const ConfigEntry& b) { return a.key_span.begin < b.key_span.begin; });
  const auto line = source->position(first->key_span.begin).line;
  const auto line_begin = source->line_span(line).begin;
  const auto indent = source->bytes().substr(line_begin, first->key_span.begin - line_begin);
  if (indent.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  const auto line_break = source->line_break_for_new(line);
  return Edit{source,
              {line_begin, line_begin},
              std::string(indent) + std::string(key) + " = " + std::string(value) + std::string(line_break)};
}

std::optional<Edit> append_to_addopts(const CheckContext& context, const std::vector<std::string>& arguments) {
  const auto& config = context.config;
  const auto& source = config.source;
  if (!source || arguments.empty()) return std::nullopt;
  const bool toml = is_toml_config(context);
  std::string argument;  // as a string value holds them: space-separated
  std::string quoted;    // as array elements: one quoted element per argument
  for (const auto& each : arguments) {
    argument += (argument.empty() ? "" : " ") + each;
    quoted += (quoted.empty() ? "\"" : ", \"") + each + "\"";
  }
  const auto* entry = config.find("addopts");
  if (entry == nullptr) {
    if (!toml) return insert_key(context, "addopts", argument);
    return insert_key(context, "addopts", config.mode == ValueMode::Toml ? "[" + quoted + "]" : "\"" + argument + "\"");
  }
  const auto& value = entry->value;
  if (!entry->pieces.empty()) {
    const auto last = entry->pieces.back().source;
    const auto piece = source->slice(last);
    // After an inline comment (which INI keeps in the value: A001) an argument would be read
    // as meant today, then swallowed by A001's fix moving the comment: a line of its own.
    const bool commented = piece.find(" #") != std::string_view::npos || piece.find("\t#") != std::string_view::npos ||
                           piece.find(" ;") != std::string_view::npos || piece.find("\t;") != std::string_view::npos;
    if (!commented) return Edit{source, {last.end, last.end}, " " + argument};
    const auto line = source->position(last.begin).line;
    const auto line_begin = source->line_span(line).begin;
    const bool continuation = line != source->position(entry->key_span.begin).line;
    const auto text = source->bytes();
    const auto indent = continuation ? text.substr(line_begin, text.find_first_not_of(" \t", line_begin) - line_begin)
                                     : std::string_view("    ");
    const auto line_break = source->line_break_for_new(line);
    const auto end = source->line_span(line).end;
    return Edit{source, {end, end}, std::string(line_break) + std::string(indent) + argument};
  }
  if (value.is_array()) {
    if (value.items.empty()) return Edit{source, {value.span.begin + 1, value.span.begin + 1}, quoted};
    return Edit{source, {value.items.back().span.end, value.items.back().span.end}, ", " + quoted};
  }
  if (value.is_string() && toml) {
    const auto raw = source->slice(value.span);
    const std::size_t quote = raw.ends_with(R"(""")") || raw.ends_with("'''") ? 3 : 1;
    if (raw.size() < 2 * quote) return std::nullopt;
    const auto at = value.span.end - quote;
    return Edit{source, {at, at}, (value.string.empty() ? "" : " ") + std::string(argument)};
  }
  return std::nullopt;
}

bool owns_its_tokens(const CheckContext& context, const ParsedOption& option) {
  if (option.clustered || option.first_token >= context.addopts.tokens.size()) return false;
  const auto& text = context.addopts.tokens[option.first_token].text;
  const bool short_flag = option.flag.size() == 2 && option.flag[0] == '-' && option.flag[1] != '-';
  return !short_flag || option.attached || text == option.flag;
}

std::optional<Fix> take_out_option(const CheckContext& context, std::string_view code, const ParsedOption& option,
                                   std::string_view why) {
  if (!owns_its_tokens(context, option)) return std::nullopt;
  auto edit = comment_out_arguments(context, code, option.first_token, option.last_token, why);
  if (!edit) return std::nullopt;
  return Fix{Applicability::Unsafe, "take out `" + option.flag + "`, kept as a comment", {std::move(*edit)}};
}

std::optional<Edit> comment_out_arguments(const CheckContext& context, std::string_view code, std::size_t first,
                                          std::size_t last, std::string_view why) {
  const auto& source = context.config.source;
  const auto& tokens = context.addopts.tokens;
  const auto* addopts = context.config.find("addopts");
  if (!source || addopts == nullptr || last >= tokens.size() || first > last) return std::nullopt;
  for (auto index = first; index <= last; ++index) {
    if (tokens[index].from_environment) return std::nullopt;
  }
  const auto begin = tokens[first].span.begin;
  auto end = tokens[last].span.end;
  const auto line = source->position(begin).line;
  if (source->position(end).line != line) return std::nullopt;
  const auto line_span = source->line_span(line);
  const auto text = source->bytes();
  const bool toml = is_toml_config(context);
  const bool key_line = source->position(addopts->key_span.begin).line == line;
  if (toml) {
    const auto& value = addopts->value;
    // A comment line inside a multi-line string would become part of the string.
    if (value.is_string() && source->position(value.span.end).line != source->position(value.span.begin).line) {
      return std::nullopt;
    }
    if (value.is_array()) {  // the element's comma goes with it
      auto after = end;
      while (after < line_span.end && is_blank(text[after])) ++after;
      if (after < line_span.end && text[after] == ',') end = after + 1;
    }
  }
  // What stays on the line: the rest, without the arguments and the blanks after them.
  auto cut_end = end;
  while (cut_end < line_span.end && is_blank(text[cut_end])) ++cut_end;
  auto cut_begin = begin;
  if (cut_end == line_span.end) {  // last on the line: the blanks before them go instead
    while (cut_begin > line_span.begin && is_blank(text[cut_begin - 1])) --cut_begin;
  }
  const auto indent_end = text.find_first_not_of(" \t", line_span.begin);
  const auto indent = text.substr(line_span.begin, std::min(indent_end, line_span.end) - line_span.begin);
  const std::string comment = std::string(indent) + "# paralint (" + std::string(code) + ") took out `" +
                              std::string(text.substr(begin, tokens[last].span.end - begin)) + "`: " + std::string(why);
  const bool alone = cut_begin <= line_span.begin + indent.size() && cut_end == line_span.end;
  const bool in_string = toml && addopts->value.is_string();
  if (alone && !key_line && !in_string) return Edit{source, line_span, comment};  // the line becomes the comment
  const auto line_break = source->line_break_for_new(line);
  std::string rest(text.substr(line_span.begin, cut_begin - line_span.begin));
  rest += text.substr(cut_end, line_span.end - cut_end);
  if (rest.find_first_not_of(" \t") == std::string::npos) return std::nullopt;  // nothing left to hold the line
  return Edit{source, line_span, comment + std::string(line_break) + rest};
}

}  // namespace paralint::rules
