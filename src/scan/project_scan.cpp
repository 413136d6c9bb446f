#include "paralint/scan/project_scan.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <set>
#include <string_view>

#include "paralint/read/shlex.hpp"
#include "paralint/schema/schema.hpp"
#include "paralint/util/directory_listing.hpp"

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

// Bytes that may continue a Python identifier (every non-ASCII byte: identifiers may be Unicode).
constexpr auto kIdentifierBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
  }
  return table;
}();

bool is_identifier_byte(char c) { return kIdentifierBytes[static_cast<unsigned char>(c)]; }

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

// --- finding code -------------------------------------------------------------------------

// Calls `found(offset)` for each place `word` occurs in `code` as a whole identifier. A plain
// search for the word first keeps the scan fast: most files never mention it.
template <class Found>
void for_each_identifier(std::string_view code, std::string_view word, Found&& found) {
  for (auto at = code.find(word); at != std::string_view::npos; at = code.find(word, at + 1)) {
    if (at > 0 && is_identifier_byte(code[at - 1])) continue;
    const auto end = at + word.size();
    if (end < code.size() && is_identifier_byte(code[end])) continue;
    found(at);
  }
}

// Matches `pattern` at exactly `at`, capturing its first group into `group` (if any) and the
// whole match into `whole` (if asked).
bool anchored_match(std::string_view code, std::size_t at, const RE2& pattern, re2::StringPiece* group,
                    re2::StringPiece* whole = nullptr) {
  re2::StringPiece captures[2];
  const int groups = pattern.NumberOfCapturingGroups();
  const re2::StringPiece text(code.data(), code.size());
  if (!pattern.Match(text, at, code.size(), RE2::ANCHOR_START, captures, 1 + std::min(groups, 1))) return false;
  if (whole != nullptr) *whole = captures[0];
  if (group != nullptr && groups > 0) *group = captures[1];
  return true;
}

// The offset just after the `(` of `.method(` when the identifier at `at` is called as an attribute.
std::optional<std::size_t> attribute_call(std::string_view code, std::size_t at, std::size_t length) {
  auto before = at;
  while (before > 0 && is_space(code[before - 1])) --before;
  if (before == 0 || code[before - 1] != '.') return std::nullopt;
  auto after = at + length;
  while (after < code.size() && is_space(code[after])) ++after;
  if (after >= code.size() || code[after] != '(') return std::nullopt;
  return after + 1;
}

// One Python file: its masked code, and its SourceText, made only once a mention needs it.
class PythonFile {
 public:
  PythonFile(fs::path path, std::string bytes)
      : path_(std::move(path)), bytes_(std::move(bytes)), masked_(mask_python(bytes_)) {}

  [[nodiscard]] const fs::path& path() const { return path_; }
  [[nodiscard]] const MaskedSource& masked() const { return masked_; }
  const std::shared_ptr<const SourceText>& source() {
    if (!source_) source_ = std::make_shared<const SourceText>(path_, std::move(bytes_));
    return source_;
  }

 private:
  fs::path path_;
  std::string bytes_;
  MaskedSource masked_;
  std::shared_ptr<const SourceText> source_;
};

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
    std::error_code error;
    if (auto root = OpenDirectory::open(root_.string(), error)) walk(*root, root_, true);
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
    scan_task_files();
  }

 private:
  bool skipped_folder(const fs::path& path, const std::string& name) const {
    if (name.starts_with('.')) return true;
    if (std::find(std::begin(kSkippedFolders), std::end(kSkippedFolders), name) != std::end(kSkippedFolders))
      return true;
    if (name.ends_with(".egg") || name.ends_with(".egg-info")) return true;
    // _pytest.pathlib.fnmatch_ex: a pattern holding a separator matches the whole path.
    return std::ranges::any_of(norecursedirs_, [&](const std::string& pattern) {
      return pattern.find('/') != std::string::npos ? glob_match("*/" + pattern, path.string())
                                                    : glob_match(pattern, name);
    });
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

  void walk(const OpenDirectory& handle, const fs::path& dir, bool is_root) {
    std::error_code error;
    auto entries = handle.entries(error);
    // A virtualenv under any name: pytest does not collect from it.
    const auto venv_marker = std::find_if(entries.begin(), entries.end(),
                                          [](const DirectoryEntry& entry) { return entry.name == "pyvenv.cfg"; });
    if (!is_root && venv_marker != entries.end() &&
        (venv_marker->kind != EntryKind::Symlink || handle.holds(venv_marker->name))) {
      return;
    }
    entries_seen_ += entries.size();
    if (entries_seen_ > options_.budget.max_directory_entries) {
      stop("more than " + std::to_string(options_.budget.max_directory_entries) + " directory entries");
      return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const DirectoryEntry& a, const DirectoryEntry& b) { return a.name < b.name; });
    for (const auto& entry : entries) {
      if (stopped_) return;
      const auto& name = entry.name;
      const auto path = dir / name;
      if (entry.kind == EntryKind::Directory) {
        if (skipped_folder(path, name)) continue;
        if (auto child = handle.open_child(name, error)) walk(*child, path, false);
      } else if (entry.kind == EntryKind::File || entry.kind == EntryKind::Symlink) {
        if (!name.ends_with(".py")) continue;
        if (name == "conftest.py") {
          conftests_.push_back(path);
        } else if (is_test_module(path, name)) {
          test_modules_.push_back(path);
        }
      } else if (name.ends_with(".py") && (name == "conftest.py" || is_test_module(path, name))) {
        // pytest skips it too (it collects files only), but what it was meant to hold is unknown.
        not_read(path, describe_unreadable(path));
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

  std::string where(PythonFile& file, std::size_t offset) const {
    const auto relative = file.path().lexically_relative(root_);
    return (relative.empty() ? file.path() : relative).string() + ":" +
           std::to_string(file.source()->position(offset).line);
  }

  static SourceMention mention(PythonFile& file, std::string name, Span span) {
    const auto& source = file.source();
    const auto position = source->position(span.begin);
    return {std::move(name), source->path(), position.line, position.column, source, span};
  }

  void scan_file(const fs::path& path, bool is_plugin) {
    if (stopped_) return;
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) {
      const auto unreadable = describe_unreadable(path);  // "is a FIFO, not a file; …"
      not_read(path, unreadable.empty() ? error.message() : unreadable);
      return;
    }
    if (size > options_.budget.max_file_bytes) {
      if (is_plugin) scan_.opaque_sources.push_back(path.string() + ": larger than the scan reads");
      return;
    }
    if (files_read_ + 1 > options_.budget.max_files) {
      stop("more than " + std::to_string(options_.budget.max_files) + " Python files");
      return;
    }
    if (bytes_read_ + size > options_.budget.max_total_bytes) {
      stop("more than " + std::to_string(options_.budget.max_total_bytes / (std::size_t{1024} * 1024)) +
           " MiB of Python");
      return;
    }
    std::string unreadable;
    auto bytes = read_file(path, unreadable);
    if (!bytes) {
      not_read(path, unreadable);
      return;
    }
    ++files_read_;
    bytes_read_ += bytes->size();
    scan_.scanned_files.push_back(path);
    PythonFile file(path, std::move(*bytes));
    scan_calls(file, is_plugin);
    scan_marks(file);
    scan_marker_reads(file);
    if (is_plugin) scan_pytest_plugins(file);
  }

  void not_read(const fs::path& path, const std::string& why) {
    const auto relative = path.lexically_relative(root_);
    scan_.unread_files.push_back((relative.empty() ? path : relative).string() + ": " + why);
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
        scan_.marker_reads.push_back(mention(file, literal->value, {literal->begin, literal->end}));
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

  // `-m EXPR` in the commands of task and CI files at the rootdir. Every name-like word of
  // the expression counts (`python -m pytest` adds "pytest", which no marker is called).
  void scan_task_files() {
    static constexpr std::string_view files[] = {
        "tox.ini",  "noxfile.py",     "Makefile",  "makefile",       "GNUmakefile",         "justfile",
        "tasks.py", "pyproject.toml", "setup.cfg", ".gitlab-ci.yml", "azure-pipelines.yml", ".circleci/config.yml"};
    std::vector<fs::path> paths;
    for (const auto name : files) paths.push_back(root_ / name);
    std::error_code error;
    for (fs::directory_iterator it(root_ / ".github" / "workflows", error), end; !error && it != end;
         it.increment(error)) {
      const auto extension = it->path().extension();
      if (extension == ".yml" || extension == ".yaml") paths.push_back(it->path());
    }
    std::sort(paths.begin() + static_cast<std::ptrdiff_t>(std::size(files)), paths.end());
    static const RE2 option(R"re((?:^|[\s"'\[,(=])-m(?:[ \t]+|=)?(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'\],)]+)))re");
    static const RE2 word(R"(([\w:+.\-\[\]\\/]+))");
    for (const auto& path : paths) {
      std::error_code missing;
      if (!fs::is_regular_file(path, missing)) continue;
      const auto size = fs::file_size(path, missing);
      if (missing || size > options_.budget.max_file_bytes) continue;
      std::string unreadable;
      auto source = read_source_once(path, unreadable);
      if (!source || source->bytes().find("-m") == std::string_view::npos) continue;
      const re2::StringPiece text(source->bytes().data(), source->bytes().size());
      re2::StringPiece input = text;
      re2::StringPiece quoted;
      re2::StringPiece single;
      re2::StringPiece bare;
      while (RE2::FindAndConsume(&input, option, &quoted, &single, &bare)) {
        const auto expression = !quoted.empty() ? quoted : !single.empty() ? single : bare;
        re2::StringPiece rest = expression;
        re2::StringPiece name;
        while (RE2::FindAndConsume(&rest, word, &name)) {
          if (name == "and" || name == "or" || name == "not") continue;
          const auto begin = static_cast<std::size_t>(name.data() - text.data());
          const auto position = source->position(begin);
          scan_.marker_selections.push_back({std::string(name.data(), name.size()),
                                             path,
                                             position.line,
                                             position.column,
                                             source,
                                             {begin, begin + name.size()}});
        }
      }
    }
  }

  // Module-level `pytest_plugins = "x"` / `= ["x", "y"]` / `= ("x",)`.
  void scan_pytest_plugins(PythonFile& file) {
    static const RE2 assignment(R"(\s*(?::[^=\n]*)?=\s*)");
    const auto& masked = file.masked();
    const auto& code = masked.code;
    for_each_identifier(code, "pytest_plugins", [&](std::size_t name_at) {
      if (name_at > 0 && code[name_at - 1] != '\n' && code[name_at - 1] != '\r') return;  // not module level
      re2::StringPiece whole;
      const auto after_name = name_at + std::string_view("pytest_plugins").size();
      if (!anchored_match(code, after_name, assignment, nullptr, &whole)) return;
      const auto at = after_name + whole.size();
      std::vector<Argument> items;
      if (at < code.size() && (code[at] == '[' || code[at] == '(')) {
        items = split_arguments(masked, at + 1);
      } else {
        const auto line_end = std::min(code.find('\n', at), code.size());
        items.push_back({trim(code, {at, line_end}), std::nullopt});
      }
      for (const auto& item : items) {
        const auto name = literal_value(masked, item.span);
        if (!name) {
          opaque(file, at, "pytest_plugins names a plugin paralint cannot read");
          continue;
        }
        resolve_plugin(*name, file.path().parent_path(), where(file, item.span.begin) + ": pytest_plugins");
      }
    });
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
