#include "paralint/scan/project_scan.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "paralint/read/shlex.hpp"
#include "paralint/schema/schema.hpp"
#include "paralint/util/directory_listing.hpp"
#include "scan/module_scan.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

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

// `dir`/`name` as a native string, without building a std::filesystem::path.
std::string child_path(const fs::path& dir, const std::string& name) {
  std::string out = dir.native();
  if (!out.ends_with('/')) out += '/';
  return out + name;
}

std::vector<std::string> path_components(const fs::path& path) {
  std::vector<std::string> out;
  for (const auto& part : path) {
    const auto text = part.string();
    if (!text.empty() && text != ".") out.push_back(text);
  }
  return out;
}

// A test module the walk found, and whether the folder's listing said it is a regular file.
struct TestModule {
  std::string path;  // native: most modules are read once and dropped, never a std::filesystem::path
  bool regular = false;
};

// One file's part of the scan, made without touching the scanner: a worker thread's work.
struct FileResult {
  enum class Outcome { NotClaimed, Read, TooLarge, Unread };
  Outcome outcome = Outcome::NotClaimed;
  std::size_t bytes = 0;
  std::string why;  // Unread: in read_file's words
  std::unique_ptr<ProjectScan> found;  // only for a module searched: most are not
};

// The test modules, read and searched on every core while the walk is still finding them:
// each thread claims the next module in the order the walk found it, and the results keep
// that order, so what the scan reports does not depend on the threads.
class ModuleReading {
 public:
  using ReadOne = std::function<void(const TestModule&, FileResult&, std::string& buffer)>;

  ModuleReading(ReadOne read_one, const ScanBudget& budget) : read_one_(std::move(read_one)), budget_(budget) {}
  ModuleReading(const ModuleReading&) = delete;
  ModuleReading& operator=(const ModuleReading&) = delete;
  ModuleReading(ModuleReading&&) = delete;
  ModuleReading& operator=(ModuleReading&&) = delete;
  ~ModuleReading() { finish(); }

  void add(TestModule module) {
    {
      const std::lock_guard lock(mutex_);
      modules_.push_back(std::move(module));
      results_.emplace_back();
    }
    more_.notify_one();
    // A project with a few test modules reads them on this thread when the walk is done: a
    // thread costs more than it would save there.
    constexpr std::size_t kModulesWorthAThread = 32;
    if (modules_.size() == kModulesWorthAThread) {
      const auto cores = std::max<std::size_t>(1, std::thread::hardware_concurrency());
      for (std::size_t i = 1; i < std::min<std::size_t>(cores, 8); ++i) helpers_.emplace_back([this] { work(); });
    }
  }

  // No more modules: reads along with the helpers until each module is read (or the budget
  // is spent), then stops them.
  void finish() {
    {
      const std::lock_guard lock(mutex_);
      if (finished_) return;
      finished_ = true;
    }
    more_.notify_all();
    work();
    helpers_.clear();  // joins
  }

  // Found in the walk's order; read once finish() has returned. deque: a reference to one
  // stays valid while the walk adds more.
  [[nodiscard]] const std::deque<TestModule>& modules() const { return modules_; }
  [[nodiscard]] std::deque<FileResult>& results() { return results_; }

 private:
  void work() {
    std::string buffer;
    // Claims are in order, so once the files read pass the budget, the merge stops before
    // any module not yet claimed.
    while (files_.load() <= budget_.max_files && bytes_.load() <= budget_.max_total_bytes) {
      std::unique_lock lock(mutex_);
      more_.wait(lock, [this] { return next_ < modules_.size() || finished_; });
      if (next_ >= modules_.size()) return;
      const auto index = next_++;
      const auto& module = modules_[index];
      auto& result = results_[index];
      lock.unlock();
      read_one_(module, result, buffer);
      // What the threads have read, for the budget (their own count: whatever the plugins
      // read first comes on top, so this stops no later than the merge does).
      if (result.outcome == FileResult::Outcome::Read) {
        files_.fetch_add(1);
        bytes_.fetch_add(result.bytes);
      }
    }
  }

  ReadOne read_one_;
  const ScanBudget& budget_;
  std::mutex mutex_;
  std::condition_variable more_;
  std::deque<TestModule> modules_;
  std::deque<FileResult> results_;
  std::size_t next_ = 0;
  bool finished_ = false;
  std::atomic<std::size_t> files_{0};
  std::atomic<std::size_t> bytes_{0};
  std::vector<std::jthread> helpers_;  // last: joined before what they use is destroyed
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
    ModuleReading reading(
        [this](const TestModule& module, FileResult& result, std::string& buffer) {
          read_test_module(module, result, buffer);
        },
        options_.budget);
    reading_ = &reading;
    std::error_code error;
    std::vector<std::string> parts;
    if (auto root = OpenDirectory::open(root_.string(), error)) walk(*root, root_, parts);
    for (const auto& plugin : addopts_plugins()) resolve_plugin(plugin, root_, "addopts -p " + plugin);
    for (const auto& conftest : conftests_) queue_plugin_file(conftest);
    while (!plugin_queue_.empty()) {
      const auto path = plugin_queue_.front();
      plugin_queue_.pop_front();
      scan_plugin(path);
    }
    reading.finish();
    merge_test_modules(reading);
    reading_ = nullptr;
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

  // Whether a testpath's components (up to a `**`) match the start of `parts`, a path's
  // components relative to the rootdir: everything at and below it is under that testpath.
  bool under_testpaths(const std::vector<std::string>& parts) const {
    return std::any_of(testpaths_.begin(), testpaths_.end(), [&](const std::vector<std::string>& testpath) {
      for (std::size_t i = 0; i < testpath.size(); ++i) {
        if (testpath[i] == "**") return true;
        if (i >= parts.size() || !glob_match(testpath[i], parts[i])) return false;
      }
      return true;
    });
  }

  // `folder` holds the components of the file's folder; `folder_covered`, whether that
  // folder is under a testpath already (decided once per folder, not once per file).
  bool is_test_module(const std::string& name, const std::vector<std::string>& folder, bool folder_covered) const {
    const bool named = std::any_of(python_files_.begin(), python_files_.end(),
                                   [&](const std::string& pattern) { return glob_match(pattern, name); });
    if (!named) return false;
    if (testpaths_.empty() || folder_covered) return true;
    auto parts = folder;
    parts.push_back(name);
    return under_testpaths(parts);
  }

  void stop(const std::string& why) {
    if (stopped_) return;
    stopped_ = true;
    scan_.opaque_sources.push_back("scan stopped: " + why + "; names registered past that point are not known");
  }

  // `parts`: the folder's components relative to the rootdir.
  void walk(const OpenDirectory& handle, const fs::path& dir, std::vector<std::string>& parts) {
    const bool is_root = parts.empty();
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
    const bool covered = !testpaths_.empty() && under_testpaths(parts);
    for (const auto& entry : entries) {
      if (stopped_) return;
      const auto& name = entry.name;
      if (entry.kind == EntryKind::Directory) {
        const auto path = dir / name;
        if (skipped_folder(path, name)) continue;
        if (auto child = handle.open_child(name, error)) {
          parts.push_back(name);
          walk(*child, path, parts);
          parts.pop_back();
        }
        continue;
      }
      if (!name.ends_with(".py")) continue;
      if (entry.kind == EntryKind::File || entry.kind == EntryKind::Symlink) {
        if (name == "conftest.py") {
          conftests_.push_back(dir / name);
        } else if (is_test_module(name, parts, covered)) {
          reading_->add({child_path(dir, name), entry.kind == EntryKind::File});
        }
      } else if (name == "conftest.py" || is_test_module(name, parts, covered)) {
        // pytest skips it too (it collects files only), but what it was meant to hold is unknown.
        not_read(dir / name, describe_unreadable(dir / name));
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


  // Reads `path` for the scan into `buffer`, which is reused from file to file (most test
  // modules are searched once and dropped); a file over the budget's size is not read. A
  // module the folder's listing gave as a regular file needs no fstat. nullopt with the
  // result's outcome saying why.
  std::optional<std::string_view> read_module(const std::string& path, bool listed_regular, std::string& buffer,
                                              FileResult& result) const {
    bool too_large = false;
    const auto limit = options_.budget.max_file_bytes;
    const auto size = listed_regular ? read_listed_file_into(path, limit, buffer, too_large, result.why)
                                     : read_file_into(path, limit, buffer, too_large, result.why);
    if (!size) {
      result.outcome = too_large ? FileResult::Outcome::TooLarge : FileResult::Outcome::Unread;
      return std::nullopt;
    }
    result.outcome = FileResult::Outcome::Read;
    result.bytes = *size;
    return std::string_view(buffer.data(), *size);
  }

  // Whether what `result` found in `path` counts, in file order: within the budget, and
  // read. Records what could not be read, and where the budget stops the scan.
  bool admit(const std::string& path, const FileResult& result, bool is_plugin) {
    if (stopped_) return false;
    switch (result.outcome) {
      case FileResult::Outcome::NotClaimed:
        return false;
      case FileResult::Outcome::Unread:
        not_read(path, result.why);
        return false;
      case FileResult::Outcome::TooLarge:
        if (is_plugin) scan_.opaque_sources.push_back(path + ": larger than the scan reads");
        return false;
      case FileResult::Outcome::Read:
        break;
    }
    if (files_read_ + 1 > options_.budget.max_files) {
      stop("more than " + std::to_string(options_.budget.max_files) + " Python files");
      return false;
    }
    if (bytes_read_ + result.bytes > options_.budget.max_total_bytes) {
      stop("more than " + std::to_string(options_.budget.max_total_bytes / (std::size_t{1024} * 1024)) +
           " MiB of Python");
      return false;
    }
    ++files_read_;
    bytes_read_ += result.bytes;
    scan_.scanned_files.push_back(path);
    return true;
  }

  // A conftest.py or local plugin, one at a time: the plugins it names join the queue.
  void scan_plugin(const fs::path& path) {
    if (stopped_) return;
    FileResult result;
    std::string buffer;
    read_module(path.native(), false, buffer, result);  // what admit() weighs
    if (!admit(path.native(), result, true)) return;
    buffer.resize(result.bytes);
    python::PythonFile file(path, std::move(buffer));
    python::scan_module(file, true, root_, scan_);
    scan_pytest_plugins(file);
  }

  // A test module, on a reading thread: touches nothing but `result`. A module that cannot
  // mention a marker costs one search of its bytes.
  void read_test_module(const TestModule& module, FileResult& result, std::string& buffer) const {
    const auto contents = read_module(module.path, module.regular, buffer, result);
    if (!contents || !python::may_mention_markers(*contents)) return;
    python::PythonFile file(module.path, std::string(*contents));
    result.found = std::make_unique<ProjectScan>();
    python::scan_module(file, false, root_, *result.found);
  }

  // What the test modules hold, in the walk's order, within what the budget leaves.
  void merge_test_modules(ModuleReading& reading) {
    const auto& modules = reading.modules();
    auto& results = reading.results();
    for (std::size_t index = 0; index < modules.size() && !stopped_; ++index) {
      if (!admit(modules[index].path, results[index], false) || !results[index].found) continue;
      append(std::move(*results[index].found));
    }
  }

  void append(ProjectScan&& part) {
    const auto move_all = [](auto& from, auto& to) { std::move(from.begin(), from.end(), std::back_inserter(to)); };
    move_all(part.options, scan_.options);
    move_all(part.ini_keys, scan_.ini_keys);
    move_all(part.markers, scan_.markers);
    move_all(part.marker_uses, scan_.marker_uses);
    move_all(part.marker_reads, scan_.marker_reads);
    move_all(part.opaque_sources, scan_.opaque_sources);
  }

  void not_read(const fs::path& path, const std::string& why) {
    const auto relative = path.lexically_relative(root_);
    scan_.unread_files.push_back((relative.empty() ? path : relative).string() + ": " + why);
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
    // `-m` at the start, after whitespace or after one of "'[,(= and then the expression,
    // quoted or bare.
    static const RE2 option(R"re(-m(?:[ \t]+|=)?(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'\],)]+)))re");
    static const RE2 word(R"(([\w:+.\-\[\]\\/]+))");
    static constexpr std::string_view kBefore = " \t\n\f\r\"'[,(=";
    for (const auto& path : paths) {
      std::error_code missing;
      if (!fs::is_regular_file(path, missing)) continue;
      const auto size = fs::file_size(path, missing);
      if (missing || size > options_.budget.max_file_bytes) continue;
      std::string unreadable;
      auto source = read_source_once(path, unreadable);
      if (!source) continue;
      const auto bytes = source->bytes();
      const re2::StringPiece text(bytes.data(), bytes.size());
      // Only where "-m" is written can an option start: found at memchr speed, then matched
      // there. An option may also start right where the previous one ended.
      std::size_t previous_end = 0;
      for (auto at = bytes.find("-m"); at != std::string_view::npos; at = bytes.find("-m", at + 1)) {
        if (at != previous_end && kBefore.find(bytes[at - 1]) == std::string_view::npos) continue;
        std::array<re2::StringPiece, 4> groups;
        if (!option.Match(text, at, text.size(), RE2::ANCHOR_START, groups.data(), groups.size())) continue;
        previous_end = static_cast<std::size_t>(groups[0].end() - text.data());
        const auto& [whole, quoted, single, bare] = groups;
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
        at = previous_end - 1;  // the next option starts after this one
      }
    }
  }

  // Module-level `pytest_plugins = "x"` / `= ["x", "y"]` / `= ("x",)`.
  void scan_pytest_plugins(python::PythonFile& file) {
    static const RE2 assignment(R"(\s*(?::[^=\n]*)?=\s*)");
    const auto& masked = file.masked();
    const auto& code = masked.code;
    python::for_each_identifier(code, "pytest_plugins", [&](std::size_t name_at) {
      if (name_at > 0 && code[name_at - 1] != '\n' && code[name_at - 1] != '\r') return;  // not module level
      re2::StringPiece whole;
      const auto after_name = name_at + std::string_view("pytest_plugins").size();
      if (!python::anchored_match(code, after_name, assignment, nullptr, &whole)) return;
      const auto at = after_name + whole.size();
      std::vector<python::Argument> items;
      if (at < code.size() && (code[at] == '[' || code[at] == '(')) {
        items = python::split_arguments(masked, at + 1);
      } else {
        const auto line_end = std::min(code.find('\n', at), code.size());
        items.push_back({python::trim(code, {at, line_end}), std::nullopt});
      }
      for (const auto& item : items) {
        const auto name = python::literal_value(masked, item.span);
        if (!name) {
          scan_.opaque_sources.push_back(python::where_in(file, at, root_) +
                                         ": pytest_plugins names a plugin paralint cannot read");
          continue;
        }
        resolve_plugin(*name, file.path().parent_path(), python::where_in(file, item.span.begin, root_) + ": pytest_plugins");
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
ModuleReading* reading_ = nullptr;  // while run() walks
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