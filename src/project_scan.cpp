#include "paralint/project_scan.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <set>
#include <string_view>

#include "paralint/schema.hpp"
#include "paralint/shlex.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

// --- Python source with comments and string contents blanked --------------------------

struct StringLiteral {
  std::size_t begin = 0;   // the prefix or the opening quote
  std::size_t end = 0;     // after the closing quote
  std::string value;       // the content with the usual escapes decoded
  bool formatted = false;  // an f-string: its value is not known without running it
};

// The source with every comment and every string literal's content replaced by spaces
// (line breaks kept), so that regexes match code only and never a docstring that mentions
// `@pytest.mark.slow`. Offsets are the source's; `literals` gives the strings back.
struct MaskedSource {
  std::string code;
  std::vector<StringLiteral> literals;  // in source order

  [[nodiscard]] const StringLiteral* literal_at(std::size_t offset) const {
    const auto it = std::lower_bound(literals.begin(), literals.end(), offset,
                                     [](const StringLiteral& literal, std::size_t at) { return literal.begin < at; });
    return it != literals.end() && it->begin == offset ? &*it : nullptr;
  }
  [[nodiscard]] const StringLiteral* literal_ending_at(std::size_t offset) const {
    const auto it = std::lower_bound(literals.begin(), literals.end(), offset,
                                     [](const StringLiteral& literal, std::size_t at) { return literal.end < at; });
    return it != literals.end() && it->end == offset ? &*it : nullptr;
  }
};

bool is_identifier_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) != 0 || c == '_' || byte >= 0x80;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\\'; }

// The escapes a name or a marker line may hold; anything rarer stays as written.
std::string decode_escapes(std::string_view content) {
  std::string out;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] != '\\' || i + 1 == content.size()) {
      out += content[i];
      continue;
    }
    const char next = content[++i];
    switch (next) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '\\':
      case '\'':
      case '"':
        out += next;
        break;
      case '\n':
        break;  // a line continuation inside the string
      default:
        out += '\\';
        out += next;
    }
  }
  return out;
}

MaskedSource mask_python(std::string_view text) {
  MaskedSource out;
  out.code.assign(text);
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const char c = text[i];
    if (c == '#') {
      while (i < size && text[i] != '\n' && text[i] != '\r') out.code[i++] = ' ';
      continue;
    }
    std::size_t quote = i;
    if (is_identifier_byte(c)) {
      std::size_t word_end = i;
      while (word_end < size && is_identifier_byte(text[word_end])) ++word_end;
      const auto word = text.substr(i, word_end - i);
      const bool prefix = word_end < size && (text[word_end] == '"' || text[word_end] == '\'') && word.size() <= 2 &&
                          word.find_first_not_of("rRbBuUfF") == std::string_view::npos;
      if (!prefix) {
        i = word_end;
        continue;
      }
      quote = word_end;
    } else if (c != '"' && c != '\'') {
      ++i;
      continue;
    }
    const auto prefix = text.substr(i, quote - i);
    const char q = text[quote];
    const bool triple = quote + 2 < size && text[quote + 1] == q && text[quote + 2] == q;
    const std::size_t content_begin = quote + (triple ? 3 : 1);
    std::size_t content_end = size;
    std::size_t end = size;
    for (std::size_t k = content_begin; k < size; ++k) {
      if (text[k] == '\\') {
        ++k;
        continue;
      }
      if (!triple && (text[k] == '\n' || text[k] == '\r')) {  // unterminated: Python would refuse the file
        content_end = end = k;
        break;
      }
      if (text[k] == q && (!triple || (k + 2 < size && text[k + 1] == q && text[k + 2] == q))) {
        content_end = k;
        end = k + (triple ? 3 : 1);
        break;
      }
    }
    StringLiteral literal;
    literal.begin = i;
    literal.end = end;
    literal.formatted = prefix.find_first_of("fF") != std::string_view::npos;
    const auto content = text.substr(content_begin, content_end - content_begin);
    literal.value =
        prefix.find_first_of("rR") != std::string_view::npos ? std::string(content) : decode_escapes(content);
    for (std::size_t k = content_begin; k < content_end; ++k) {
      if (out.code[k] != '\n' && out.code[k] != '\r') out.code[k] = ' ';
    }
    out.literals.push_back(std::move(literal));
    i = end;
  }
  return out;
}

// --- call arguments ---------------------------------------------------------------------

struct Argument {
  Span span;                           // trimmed
  std::optional<std::string> keyword;  // `name=value`: the name; span is then the value's
};

Span trim(const std::string& code, Span span) {
  while (span.begin < span.end && is_space(code[span.begin])) ++span.begin;
  while (span.end > span.begin && is_space(code[span.end - 1])) --span.end;
  return span;
}

// The arguments of a call (or the items of a list) whose bracket opens just before `from`,
// split at top-level commas. Stops at the matching closing bracket or the end of the text.
std::vector<Argument> split_arguments(const MaskedSource& source, std::size_t from) {
  static const RE2 keyword_pattern(R"(^([A-Za-z_]\w*)\s*=(?:[^=]|$))");
  const auto& code = source.code;
  std::vector<Argument> out;
  int depth = 0;
  std::size_t start = from;
  auto finish = [&](std::size_t end) {
    const Span span = trim(code, {start, end});
    if (span.size() == 0) return;
    Argument argument{span, std::nullopt};
    re2::StringPiece name;
    const re2::StringPiece text(code.data() + span.begin, span.size());
    if (RE2::PartialMatch(text, keyword_pattern, &name)) {
      argument.keyword = std::string(name);
      const auto equals = code.find('=', span.begin);
      argument.span = trim(code, {equals + 1, span.end});
    }
    out.push_back(std::move(argument));
  };
  for (std::size_t k = from; k < code.size(); ++k) {
    const char c = code[k];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) {
        finish(k);
        return out;
      }
      --depth;
    } else if (c == ',' && depth == 0) {
      finish(k);
      start = k + 1;
    }
  }
  finish(code.size());
  return out;
}

// The value of an argument made of string literals only ("a" "b" is "ab"), or nullopt
// for anything computed (a name, an f-string, a call).
std::optional<std::string> literal_value(const MaskedSource& source, Span span) {
  std::string value;
  std::size_t at = span.begin;
  bool any = false;
  while (at < span.end) {
    if (is_space(source.code[at])) {
      ++at;
      continue;
    }
    const auto* literal = source.literal_at(at);
    if (literal == nullptr || literal->formatted) return std::nullopt;
    value += literal->value;
    at = literal->end;
    any = true;
  }
  if (!any) return std::nullopt;
  return value;
}

const Argument* keyword_argument(const std::vector<Argument>& arguments, std::string_view name) {
  for (const auto& argument : arguments) {
    if (argument.keyword == name) return &argument;
  }
  return nullptr;
}

const Argument* first_positional(const std::vector<Argument>& arguments) {
  return !arguments.empty() && !arguments.front().keyword ? &arguments.front() : nullptr;
}

// What pytest registers for a `markers` line: before the first ':', then before the first '(', stripped.
std::string registered_marker_name(std::string_view line) {
  auto name = line.substr(0, line.find(':'));
  name = name.substr(0, name.find('('));
  const auto first = name.find_first_not_of(" \t\n\r\f\v");
  if (first == std::string_view::npos) return {};
  const auto last = name.find_last_not_of(" \t\n\r\f\v");
  return std::string(name.substr(first, last - first + 1));
}

// --- glob patterns (fnmatch), for python_files, norecursedirs and testpaths -------------

bool glob_match(std::string_view pattern, std::string_view name) {
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_name = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_name = n;
      continue;
    }
    if (p < pattern.size() && pattern[p] == '[') {
      const auto close = pattern.find(']', p + 2);
      if (close != std::string_view::npos) {
        auto set = pattern.substr(p + 1, close - p - 1);
        const bool negate = set.front() == '!';
        if (negate) set.remove_prefix(1);
        bool found = false;
        for (std::size_t s = 0; s < set.size(); ++s) {
          if (s + 2 < set.size() && set[s + 1] == '-') {
            found = found || (name[n] >= set[s] && name[n] <= set[s + 2]);
            s += 2;
          } else {
            found = found || name[n] == set[s];
          }
        }
        if (found != negate) {
          p = close + 1;
          ++n;
          continue;
        }
      } else if (name[n] == '[') {
        ++p;
        ++n;
        continue;
      }
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    n = ++star_name;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// --- the walk ---------------------------------------------------------------------------

// Folders never holding the project's own tests or plugins: virtualenvs, tool caches and
// build output. Hidden folders are skipped too, as pytest's default norecursedirs does.
constexpr std::string_view kSkippedFolders[] = {"venv",        "build",  "dist", "node_modules", "site-packages",
                                                "__pycache__", "_darcs", "CVS",  "{arch}"};

std::vector<std::string> string_items(const EffectiveConfig& config, std::string_view key) {
  std::vector<std::string> out;
  const auto* entry = config.find(key);
  if (entry == nullptr) return out;
  if (entry->value.is_array()) {
    for (const auto& item : entry->value.items) {
      if (item.is_string()) out.push_back(item.string);
    }
  } else if (entry->value.is_string()) {
    for (auto& token : shlex_split(entry->value.string).tokens) out.push_back(std::move(token.text));
  }
  return out;
}

std::vector<std::string> path_components(const fs::path& path) {
  std::vector<std::string> out;
  for (const auto& part : path) {
    const auto text = part.string();
    if (!text.empty() && text != ".") out.push_back(text);
  }
  return out;
}

class Scanner {
 public:
  Scanner(const EffectiveConfig& config, const ScanOptions& options, ProjectScan& scan)
      : config_(config), options_(options), scan_(scan), root_(config.rootdir) {
    norecursedirs_ = string_items(config, "norecursedirs");
    python_files_ = string_items(config, "python_files");
    if (python_files_.empty()) python_files_ = {"test_*.py", "*_test.py"};
    for (const auto& testpath : string_items(config, "testpaths")) {
      fs::path path(testpath);
      if (path.is_absolute()) path = path.lexically_relative(root_);
      testpaths_.push_back(path_components(path));
    }
    const auto config_dir = config.configfile ? config.configfile->parent_path() : root_;
    for (const auto& entry : string_items(config, "pythonpath")) import_bases_.push_back(config_dir / entry);
    import_bases_.push_back(root_);
    import_bases_.push_back(root_ / "src");
  }

  void run() {
    if (root_.empty()) return;
    walk(root_);
    for (const auto& plugin : addopts_plugins()) resolve_plugin(plugin, root_, "addopts -p " + plugin);
    for (const auto& conftest : conftests_) queue_plugin_file(conftest);
    while (!plugin_queue_.empty()) {
      const auto path = plugin_queue_.front();
      plugin_queue_.pop_front();
      scan_file(path, true);
    }
    for (const auto& module : test_modules_) {
      if (stopped_) break;
      scan_file(module, false);
    }
  }

 private:
  bool skipped_folder(const fs::path& path, const std::string& name) const {
    if (name.starts_with('.')) return true;
    if (std::find(std::begin(kSkippedFolders), std::end(kSkippedFolders), name) != std::end(kSkippedFolders))
      return true;
    if (name.ends_with(".egg") || name.ends_with(".egg-info")) return true;
    for (const auto& pattern : norecursedirs_) {
      if (glob_match(pattern, name)) return true;
    }
    std::error_code error;
    return fs::exists(path / "pyvenv.cfg", error);  // a virtualenv under any name
  }

  bool is_test_module(const fs::path& path, const std::string& name) const {
    const bool named = std::any_of(python_files_.begin(), python_files_.end(),
                                   [&](const std::string& pattern) { return glob_match(pattern, name); });
    if (!named) return false;
    if (testpaths_.empty()) return true;
    const auto parts = path_components(path.lexically_relative(root_));
    return std::any_of(testpaths_.begin(), testpaths_.end(), [&](const std::vector<std::string>& testpath) {
      for (std::size_t i = 0; i < testpath.size(); ++i) {
        if (testpath[i] == "**") return true;
        if (i >= parts.size() || !glob_match(testpath[i], parts[i])) return false;
      }
      return true;
    });
  }

  void stop(const std::string& why) {
    if (stopped_) return;
    stopped_ = true;
    scan_.opaque_sources.push_back("scan stopped: " + why + "; names registered past that point are not known");
  }

  void walk(const fs::path& dir) {
    std::error_code error;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
      if (++entries_seen_ > options_.budget.max_directory_entries) {
        stop("more than " + std::to_string(options_.budget.max_directory_entries) + " directory entries");
        return;
      }
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
    for (const auto& entry : entries) {
      if (stopped_) return;
      const auto name = entry.path().filename().string();
      std::error_code status_error;
      const auto status = entry.symlink_status(status_error);
      if (status_error) continue;
      if (fs::is_directory(status)) {
        if (!skipped_folder(entry.path(), name)) walk(entry.path());
      } else if (fs::is_regular_file(status) || fs::is_symlink(status)) {
        if (!name.ends_with(".py")) continue;
        if (name == "conftest.py") {
          conftests_.push_back(entry.path());
        } else if (is_test_module(entry.path(), name)) {
          test_modules_.push_back(entry.path());
        }
      }
    }
  }

  // `-p NAME` in addopts (not `-p no:NAME`), as pytest's consider_preparse finds them.
  std::vector<std::string> addopts_plugins() const {
    std::vector<std::string> out;
    const auto& tokens = config_.addopts;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (!tokens[i].value.is_string()) continue;
      const auto& text = tokens[i].value.string;
      std::string name;
      if (text == "-p" && i + 1 < tokens.size() && tokens[i + 1].value.is_string()) {
        name = tokens[++i].value.string;
      } else if (text.starts_with("-p") && text.size() > 2) {
        name = text.substr(2);
      } else {
        continue;
      }
      if (!name.starts_with("no:") && !name.empty()) out.push_back(name);
    }
    return out;
  }

  bool known_plugin(const std::string& module) const {
    if (!options_.is_known_plugin) return false;
    return options_.is_known_plugin(module) || options_.is_known_plugin(module.substr(0, module.find('.')));
  }

  // A module name as Python's import would find it in the project: a file under one of
  // the folders pytest puts on sys.path (rootdir, src/, `pythonpath`, the naming file's folder).
  void resolve_plugin(const std::string& module, const fs::path& near, const std::string& where) {
    if (known_plugin(module)) return;
    fs::path relative;
    std::size_t start = 0;
    while (start <= module.size()) {
      const auto dot = std::min(module.find('.', start), module.size());
      relative /= module.substr(start, dot - start);
      start = dot + 1;
    }
    std::vector<fs::path> bases = {near};
    bases.insert(bases.end(), import_bases_.begin(), import_bases_.end());
    for (const auto& base : bases) {
      std::error_code error;
      for (const auto& candidate : {base / relative.string().append(".py"), base / relative / "__init__.py"}) {
        if (fs::is_regular_file(candidate, error)) {
          queue_plugin_file(candidate);
          return;
        }
      }
    }
    scan_.opaque_sources.push_back(where + ": plugin '" + module + "' is not a file under the rootdir");
  }

  void queue_plugin_file(const fs::path& path) {
    if (queued_.insert(path.lexically_normal()).second) plugin_queue_.push_back(path);
  }

  std::string where(const SourceText& source, std::size_t offset) const {
    const auto relative = source.path().lexically_relative(root_);
    return (relative.empty() ? source.path() : relative).string() + ":" + std::to_string(source.position(offset).line);
  }

  SourceMention mention(const std::shared_ptr<const SourceText>& source, std::string name, Span span) const {
    const auto position = source->position(span.begin);
    return {std::move(name), source->path(), position.line, position.column, source, span};
  }

  void scan_file(const fs::path& path, bool is_plugin) {
    if (stopped_) return;
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) return;
    if (size > options_.budget.max_file_bytes) {
      if (is_plugin) scan_.opaque_sources.push_back(path.string() + ": larger than the scan reads");
      return;
    }
    if (files_read_ + 1 > options_.budget.max_files) {
      stop("more than " + std::to_string(options_.budget.max_files) + " Python files");
      return;
    }
    if (bytes_read_ + size > options_.budget.max_total_bytes) {
      stop("more than " + std::to_string(options_.budget.max_total_bytes / (1024 * 1024)) + " MiB of Python");
      return;
    }
    std::string unreadable;
    auto bytes = read_file(path, unreadable);
    if (!bytes) return;
    ++files_read_;
    bytes_read_ += bytes->size();
    scan_.scanned_files.push_back(path);
    auto source = std::make_shared<const SourceText>(path, std::move(*bytes));
    const auto masked = mask_python(source->bytes());
    scan_calls(source, masked, is_plugin);
    scan_marks(source, masked);
    scan_marker_reads(source, masked);
    if (is_plugin) scan_pytest_plugins(source, masked);
  }

  void opaque(const SourceText& source, std::size_t offset, const std::string& what) {
    scan_.opaque_sources.push_back(where(source, offset) + ": " + what);
  }

  void scan_calls(const std::shared_ptr<const SourceText>& source, const MaskedSource& masked, bool is_plugin) {
    static const RE2 call(
        R"(\.\s*(_?addoption|addini|addinivalue_line|add_marker|get_closest_marker|iter_markers|iter_markers_with_node)\s*\()");
    re2::StringPiece input(masked.code);
    re2::StringPiece found;
    while (RE2::FindAndConsume(&input, call, &found)) {
      const std::string_view method(found.data(), found.size());
      const auto open = static_cast<std::size_t>(input.data() - masked.code.data());
      const auto arguments = split_arguments(masked, open);
      const auto at = static_cast<std::size_t>(found.data() - masked.code.data());
      if (method == "add_marker") {
        if (const auto* first = first_positional(arguments)) {
          if (auto name = literal_value(masked, first->span))
            scan_.marker_uses.push_back(mention(source, *name, first->span));
        }
      } else if (method == "get_closest_marker" || method.starts_with("iter_markers")) {
        const auto* name_argument = first_positional(arguments);
        if (name_argument == nullptr) name_argument = keyword_argument(arguments, "name");
        if (name_argument != nullptr) {
          if (auto name = literal_value(masked, name_argument->span)) {
            scan_.marker_reads.push_back(mention(source, *name, name_argument->span));
          }
        }
      } else if (is_plugin && method.ends_with("addoption")) {
        record_option(source, masked, arguments, at);
      } else if (is_plugin && method == "addini") {
        const auto* name_argument = first_positional(arguments);
        if (name_argument == nullptr) name_argument = keyword_argument(arguments, "name");
        const auto name = name_argument != nullptr ? literal_value(masked, name_argument->span) : std::nullopt;
        if (name) {
          scan_.ini_keys.push_back(mention(source, *name, name_argument->span));
        } else {
          opaque(*source, at, "addini with a name paralint cannot read");
        }
      } else if (is_plugin && method == "addinivalue_line") {
        record_marker_line(source, masked, arguments, at);
      }
    }
  }

  void record_option(const std::shared_ptr<const SourceText>& source, const MaskedSource& masked,
                     const std::vector<Argument>& arguments, std::size_t at) {
    // argparse actions that take no value; anything else (store, append, a custom class) takes one.
    static const std::set<std::string, std::less<>> flag_actions = {
        "store_true", "store_false", "store_const", "append_const", "count", "help", "version"};
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
      scan_.options.push_back({mention(source, *name, argument.span), takes_value});
      named = true;
    }
    if (!named) opaque(*source, at, "addoption with a name paralint cannot read");
  }

  void record_marker_line(const std::shared_ptr<const SourceText>& source, const MaskedSource& masked,
                          const std::vector<Argument>& arguments, std::size_t at) {
    if (arguments.size() < 2 || arguments[0].keyword || arguments[1].keyword) return;
    const auto key = literal_value(masked, arguments[0].span);
    if (!key) {
      opaque(*source, at, "addinivalue_line with a key paralint cannot read");
      return;
    }
    if (*key != "markers") return;
    const auto line = literal_value(masked, arguments[1].span);
    if (!line) {
      opaque(*source, at, "a marker registered with a line paralint cannot read");
      return;
    }
    scan_.markers.push_back(mention(source, registered_marker_name(*line), arguments[1].span));
  }

  // pytest.mark.NAME, and mark.NAME / pm.mark.NAME after `from pytest import mark` /
  // `import pytest as pm`.
  void scan_marks(const std::shared_ptr<const SourceText>& source, const MaskedSource& masked) {
    static const RE2 direct(R"((?:^|[^\w.])pytest\s*\.\s*mark\s*\.\s*([A-Za-z_]\w*))");
    static const RE2 module_alias(R"((?m)^[ \t]*import[ \t]+pytest[ \t]+as[ \t]+([A-Za-z_]\w*))");
    static const RE2 from_import(R"((?m)^[ \t]*from[ \t]+pytest[ \t]+import[ \t]+(\([^)]*\)|[^\n]*))");
    static const RE2 imported_mark(R"(^\s*mark(?:\s+as\s+([A-Za-z_]\w*))?\s*$)");
    if (masked.code.find("mark") == std::string::npos) return;
    std::vector<std::string> patterns;
    re2::StringPiece input(masked.code);
    re2::StringPiece alias;
    while (RE2::FindAndConsume(&input, module_alias, &alias)) {
      patterns.push_back(R"((?:^|[^\w.]))" + std::string(alias) + R"(\s*\.\s*mark\s*\.\s*([A-Za-z_]\w*))");
    }
    input = masked.code;
    re2::StringPiece names;
    while (RE2::FindAndConsume(&input, from_import, &names)) {
      std::string list(names);
      std::erase_if(list, [](char c) { return c == '(' || c == ')'; });
      std::size_t start = 0;
      while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        re2::StringPiece as;
        if (RE2::FullMatch(list.substr(start, comma - start), imported_mark, &as)) {
          const std::string name = as.empty() ? "mark" : std::string(as);
          patterns.push_back(R"((?:^|[^\w.]))" + name + R"(\s*\.\s*([A-Za-z_]\w*))");
        }
        start = comma + 1;
      }
    }
    // A local `mark` may also be a Mark object (`for mark in item.iter_markers()`): its
    // attributes are not marker names.
    static const std::set<std::string, std::less<>> mark_attributes = {"name",          "args",      "kwargs",
                                                                       "combined_with", "with_args", "mark"};
    auto collect = [&](const RE2& pattern, bool through_alias) {
      re2::StringPiece rest(masked.code);
      re2::StringPiece name;
      while (RE2::FindAndConsume(&rest, pattern, &name)) {
        const std::string text(name.data(), name.size());
        if (through_alias && mark_attributes.contains(text)) continue;
        const auto begin = static_cast<std::size_t>(name.data() - masked.code.data());
        scan_.marker_uses.push_back(mention(source, text, {begin, begin + name.size()}));
      }
    };
    collect(direct, false);
    for (const auto& pattern : patterns) collect(RE2(pattern), true);
  }

  // "serial" in item.keywords / mark.name == "serial": the project acting on a marker.
  void scan_marker_reads(const std::shared_ptr<const SourceText>& source, const MaskedSource& masked) {
    static const RE2 in_keywords(R"((\s+(?:not\s+)?in\s+[A-Za-z_][\w.]*\.keywords\b))");
    static const RE2 name_equals(R"(\.name\s*[=!]=\s*)");
    auto record = [&](const StringLiteral* literal) {
      if (literal != nullptr && !literal->formatted) {
        scan_.marker_reads.push_back(mention(source, literal->value, {literal->begin, literal->end}));
      }
    };
    re2::StringPiece input(masked.code);
    re2::StringPiece operator_text;
    while (RE2::FindAndConsume(&input, in_keywords, &operator_text)) {
      record(masked.literal_ending_at(static_cast<std::size_t>(operator_text.data() - masked.code.data())));
    }
    input = masked.code;
    while (RE2::FindAndConsume(&input, name_equals)) {
      record(masked.literal_at(static_cast<std::size_t>(input.data() - masked.code.data())));
    }
  }

  // Module-level `pytest_plugins = "x"` / `= ["x", "y"]` / `= ("x",)`.
  void scan_pytest_plugins(const std::shared_ptr<const SourceText>& source, const MaskedSource& masked) {
    static const RE2 assignment(R"((?m)^pytest_plugins\s*(?::[^=\n]*)?=\s*)");
    re2::StringPiece input(masked.code);
    while (RE2::FindAndConsume(&input, assignment)) {
      const auto at = static_cast<std::size_t>(input.data() - masked.code.data());
      std::vector<Argument> items;
      if (at < masked.code.size() && (masked.code[at] == '[' || masked.code[at] == '(')) {
        items = split_arguments(masked, at + 1);
      } else {
        const auto line_end = std::min(masked.code.find('\n', at), masked.code.size());
        items.push_back({trim(masked.code, {at, line_end}), std::nullopt});
      }
      for (const auto& item : items) {
        const auto name = literal_value(masked, item.span);
        if (!name) {
          opaque(*source, at, "pytest_plugins names a plugin paralint cannot read");
          continue;
        }
        resolve_plugin(*name, source->path().parent_path(), where(*source, item.span.begin) + ": pytest_plugins");
      }
    }
  }

  const EffectiveConfig& config_;
  const ScanOptions& options_;
  ProjectScan& scan_;
  fs::path root_;
  std::vector<std::string> norecursedirs_;
  std::vector<std::string> python_files_;
  std::vector<std::vector<std::string>> testpaths_;
  std::vector<fs::path> import_bases_;
  std::vector<fs::path> conftests_;
  std::vector<fs::path> test_modules_;
  std::deque<fs::path> plugin_queue_;
  std::set<fs::path> queued_;
  std::size_t entries_seen_ = 0;
  std::size_t files_read_ = 0;
  std::size_t bytes_read_ = 0;
  bool stopped_ = false;
};

}  // namespace

ProjectScan scan_project(const EffectiveConfig& config, const ScanOptions& options) {
  ProjectScan scan;
  Scanner(config, options, scan).run();
  return scan;
}

ProjectScan scan_project(const EffectiveConfig& config) {
  ScanOptions options;
  options.is_known_plugin = [](std::string_view name) { return SchemaSet::embedded().find(name) != nullptr; };
  return scan_project(config, options);
}

}  // namespace paralint
