#include "scan/module_scan.hpp"

#include <re2/re2.h>

#include <cstring>
#include <set>
#include <string_view>
#include <vector>

namespace paralint::python {

namespace {

// What scan_module records, file by file.
class ModuleScan {
 public:
  ModuleScan(const std::filesystem::path& root, ProjectScan& found) : root_(root), scan_(found) {}

  void scan(PythonFile& file, bool is_plugin) {
    scan_calls(file, is_plugin);
    scan_marks(file);
    scan_marker_reads(file);
  }

 private:
  std::string where(PythonFile& file, std::size_t offset) const { return where_in(file, offset, root_); }

  static SourceMention mention(PythonFile& file, std::string name, Span span) {
    const auto& source = file.source();
    const auto position = source->position(span.begin);
    return {std::move(name), source->path(), position.line, position.column, source, span};
  }

  void opaque(PythonFile& file, std::size_t offset, const std::string& what) {
    scan_.opaque_sources.push_back(where(file, offset) + ": " + what);
  }

  // parser.addoption(…), group.addoption(…), parser.addini(…), config.addinivalue_line(…),
  // item.add_marker("name"), node.get_closest_marker("name"), node.iter_markers(name=…).
  void scan_calls(PythonFile& file, bool is_plugin) {
    static constexpr std::string_view methods[] = {
        "addoption",  "_addoption",         "addini",       "addinivalue_line",
        "add_marker", "get_closest_marker", "iter_markers", "iter_markers_with_node"};
    const auto& masked = file.masked();
    for (const auto method : methods) {
      const bool reads = method == "get_closest_marker" || method.starts_with("iter_markers");
      if (!is_plugin && method != "add_marker" && !reads) continue;
      for_each_identifier(masked.code, method, [&](std::size_t at) {
        const auto open = attribute_call(masked.code, at, method.size());
        if (!open) return;
        const auto arguments = split_arguments(masked, *open);
        if (method == "add_marker") {
          if (const auto* first = first_positional(arguments)) {
            if (auto name = literal_value(masked, first->span)) {
              scan_.marker_uses.push_back(mention(file, *name, first->span));
            }
          }
        } else if (reads) {
          const auto* name_argument = first_positional(arguments);
          if (name_argument == nullptr) name_argument = keyword_argument(arguments, "name");
          if (name_argument == nullptr) return;
          if (auto name = literal_value(masked, name_argument->span)) {
            scan_.marker_reads.push_back(mention(file, *name, name_argument->span));
          }
        } else if (method.ends_with("addoption")) {
          record_option(file, arguments, at);
        } else if (method == "addini") {
          const auto* name_argument = first_positional(arguments);
          if (name_argument == nullptr) name_argument = keyword_argument(arguments, "name");
          const auto name = name_argument != nullptr ? literal_value(masked, name_argument->span) : std::nullopt;
          if (name) {
            scan_.ini_keys.push_back(mention(file, *name, name_argument->span));
          } else {
            opaque(file, at, "addini with a name paralint cannot read");
          }
        } else {
          record_marker_line(file, arguments, at);
        }
      });
    }
  }

  void record_option(PythonFile& file, const std::vector<Argument>& arguments, std::size_t at) {
    // argparse actions that take no value; anything else (store, append, a custom class) takes one.
    static const std::set<std::string, std::less<>> flag_actions = {
        "store_true", "store_false", "store_const", "append_const", "count", "help", "version"};
    const auto& masked = file.masked();
    bool takes_value = true;
    if (const auto* action = keyword_argument(arguments, "action")) {
      const auto value = literal_value(masked, action->span);
      const auto text = std::string_view(masked.code).substr(action->span.begin, action->span.size());
      if ((value && flag_actions.contains(*value)) || text.find("BooleanOptionalAction") != std::string_view::npos) {
        takes_value = false;
      }
    }
    if (const auto* nargs = keyword_argument(arguments, "nargs")) {
      if (std::string_view(masked.code).substr(nargs->span.begin, nargs->span.size()) == "0") takes_value = false;
    }
    bool named = false;
    for (const auto& argument : arguments) {
      if (argument.keyword) break;
      const auto name = literal_value(masked, argument.span);
      if (!name) break;
      if (!name->starts_with('-')) continue;
      scan_.options.push_back({mention(file, *name, argument.span), takes_value});
      named = true;
    }
    if (!named) opaque(file, at, "addoption with a name paralint cannot read");
  }

  void record_marker_line(PythonFile& file, const std::vector<Argument>& arguments, std::size_t at) {
    if (arguments.size() < 2 || arguments[0].keyword || arguments[1].keyword) return;
    const auto key = literal_value(file.masked(), arguments[0].span);
    if (!key) {
      opaque(file, at, "addinivalue_line with a key paralint cannot read");
      return;
    }
    if (*key != "markers") return;
    const auto line = literal_value(file.masked(), arguments[1].span);
    if (!line) {
      opaque(file, at, "a marker registered with a line paralint cannot read");
      return;
    }
    scan_.markers.push_back(mention(file, registered_marker_name(*line), arguments[1].span));
  }

  // pytest.mark.NAME, and mark.NAME / pm.mark.NAME after `from pytest import mark` /
  // `import pytest as pm`.
  void scan_marks(PythonFile& file) {
    static const RE2 module_mark(R"(\s*\.\s*mark\s*\.\s*([A-Za-z_]\w*))");
    static const RE2 mark_attribute(R"(\s*\.\s*([A-Za-z_]\w*))");
    static const RE2 import_as(R"(import[ \t]+pytest[ \t]+as[ \t]+([A-Za-z_]\w*))");
    static const RE2 from_import(R"(from[ \t]+pytest[ \t]+import[ \t]+(\([^)]*\)|[^\n]*))");
    static const RE2 imported_mark(R"(\s*mark(?:\s+as\s+([A-Za-z_]\w*))?\s*)");
    // A local `mark` may also be a Mark object (`for mark in item.iter_markers()`): its
    // attributes are not marker names.
    static const std::set<std::string, std::less<>> mark_attributes = {"name",          "args",      "kwargs",
                                                                       "combined_with", "with_args", "mark"};
    const auto& code = file.masked().code;
    std::vector<std::string> module_names = {"pytest"};
    std::vector<std::string> mark_names;
    for_each_identifier(code, "import", [&](std::size_t at) {
      re2::StringPiece alias;
      if (at >= 7 && code.compare(at - 7, 7, "pytest ") == 0) return;  // `from pytest import`: below
      if (anchored_match(code, at, import_as, &alias)) module_names.emplace_back(alias.data(), alias.size());
    });
    for_each_identifier(code, "from", [&](std::size_t at) {
      re2::StringPiece names;
      if (!anchored_match(code, at, from_import, &names)) return;
      std::string list(names.data(), names.size());
      std::erase_if(list, [](char c) { return c == '(' || c == ')'; });
      std::size_t start = 0;
      while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        re2::StringPiece as;  // points into `item`, which must outlive it
        const std::string item = list.substr(start, comma - start);
        if (RE2::FullMatch(item, imported_mark, &as)) {
          mark_names.push_back(as.empty() ? "mark" : std::string(as.data(), as.size()));
        }
        start = comma + 1;
      }
    });
    auto collect = [&](const std::string& word, const RE2& tail, bool through_alias) {
      for_each_identifier(code, word, [&](std::size_t at) {
        if (at > 0 && code[at - 1] == '.') return;  // an attribute, not the module
        re2::StringPiece name;
        if (!anchored_match(code, at + word.size(), tail, &name)) return;
        const std::string text(name.data(), name.size());
        if (through_alias && mark_attributes.contains(text)) return;
        const auto begin = static_cast<std::size_t>(name.data() - code.data());
        scan_.marker_uses.push_back(mention(file, text, {begin, begin + name.size()}));
      });
    };
    for (const auto& name : module_names) collect(name, module_mark, false);
    for (const auto& name : mark_names) collect(name, mark_attribute, true);
  }

  // "serial" in item.keywords / mark.name == "serial": the project acting on a marker.
  void scan_marker_reads(PythonFile& file) {
    static const RE2 compared(R"(\s*[=!]=\s*)");
    const auto& masked = file.masked();
    const auto& code = masked.code;
    auto record = [&](const StringLiteral* literal) {
      if (literal != nullptr && !literal->formatted) {
        scan_.marker_reads.push_back(mention(file, masked.value_of(*literal), {literal->begin, literal->end}));
      }
    };
    for_each_identifier(code, "keywords", [&](std::size_t at) {
      // Back over `item.` / `request.node.` to the operator, then over `in` / `not in`.
      if (at == 0 || code[at - 1] != '.') return;
      auto before = at - 1;
      while (before > 0 && (is_identifier_byte(code[before - 1]) || code[before - 1] == '.')) --before;
      auto skip_space = [&] {
        while (before > 0 && is_space(code[before - 1])) --before;
      };
      auto skip_word = [&](std::string_view word) {
        if (before < word.size() || code.compare(before - word.size(), word.size(), word) != 0) return false;
        before -= word.size();
        return true;
      };
      skip_space();
      if (!skip_word("in")) return;
      skip_space();
      if (skip_word("not")) skip_space();
      record(masked.literal_ending_at(before));
    });
    for_each_identifier(code, "name", [&](std::size_t at) {
      if (at == 0 || code[at - 1] != '.') return;
      const auto end = at + 4;
      re2::StringPiece whole;
      if (!anchored_match(code, end, compared, nullptr, &whole)) return;
      record(masked.literal_at(end + whole.size()));
    });
  }

  const std::filesystem::path& root_;
  ProjectScan& scan_;
};

}  // namespace

bool may_mention_markers(std::string_view bytes) {
  // Both words are found from their `k`: rare in code, so memchr skips far.
  const char* const begin = bytes.data();
  const char* const end = begin + bytes.size();
  for (const char* at = begin; (at = static_cast<const char*>(std::memchr(at, 'k', static_cast<std::size_t>(end - at)))) != nullptr; ++at) {
    const auto offset = static_cast<std::size_t>(at - begin);
    if (offset >= 3 && bytes.compare(offset - 3, 4, "mark") == 0) return true;
    if (bytes.compare(offset, 8, "keywords") == 0) return true;
  }
  return false;
}

void scan_module(PythonFile& file, bool is_plugin, const std::filesystem::path& root, ProjectScan& found) {
  ModuleScan(root, found).scan(file, is_plugin);
}

std::string where_in(PythonFile& file, std::size_t offset, const std::filesystem::path& root) {
  const auto relative = file.path().lexically_relative(root);
  return (relative.empty() ? file.path() : relative).string() + ":" + std::to_string(file.source()->position(offset).line);
}

}  // namespace paralint::python
