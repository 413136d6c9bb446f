// `--format junit`: JUnit XML as GitLab (`artifacts:reports:junit`) and Jenkins read it. One
// <testsuite> per file, one <testcase> per diagnostic, named by its rule so that a test's
// history follows the rule rather than the line. A diagnostic at or above --fail-on is a
// <failure>, so the report fails exactly when the exit status does; one below it passes and
// carries its text in <system-out>. A checked path with no diagnostic gets a passing
// testcase, so the report shows what was checked.

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <map>

#include "paralint/report/report.hpp"
#include "paralint/report/xml_text.hpp"
#include "paralint/util/display_path.hpp"
#include "report/report_writers.hpp"

namespace paralint {

namespace {

struct Suite {
  std::string name;
  std::vector<std::string> cases;
  std::size_t failures = 0;
};

std::string concise_line(const Diagnostic& diagnostic, const std::string& file) {
  std::string line = file;
  if (diagnostic.location.source) {
    const auto range = display_range(diagnostic.location);
    line += fmt::format(":{}:{}", range.line, range.column);
  }
  line += fmt::format(": {} [{}] {}", diagnostic.code, severity_name(diagnostic.severity), diagnostic.message);
  if (diagnostic.help) line += "\nhelp: " + *diagnostic.help;
  if (diagnostic.fix) line += "\nfix: " + diagnostic.fix->message;
  return line;
}

std::string testcase(const Diagnostic& diagnostic, const std::string& file, bool failure) {
  const auto range = display_range(diagnostic.location);
  std::string out = fmt::format(R"(    <testcase name="{}" classname="{}" file="{}" line="{}">)",
                                xml_attribute(diagnostic.code + " " + diagnostic.name), xml_attribute(file),
                                xml_attribute(file), range.line);
  out += "\n";
  const auto text = xml_text(concise_line(diagnostic, file));
  if (failure) {
    out += fmt::format(R"(      <failure type="{}" message="{}">{}</failure>)", severity_name(diagnostic.severity),
                       xml_attribute(diagnostic.message), text);
  } else {
    out += fmt::format("      <system-out>{}</system-out>", text);
  }
  return out + "\n    </testcase>\n";
}

// The counts open the document, so the suites wait in an unnamed temporary file (in memory
// only if none can be made) until the end; a file's diagnostics all come from one checked
// path, so each path's suites are complete when it is added.
class Spool {
 public:
  Spool() : file_(std::tmpfile()) {
    // Unbuffered: every byte counted in `spooled_` is in the file, so a failed write can fall
    // back to memory without losing or repeating anything.
    if (file_ != nullptr) (void)std::setvbuf(file_, nullptr, _IONBF, 0);
  }
  ~Spool() {
    if (file_ != nullptr) (void)std::fclose(file_);  // a temporary: nothing to lose
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  Spool(Spool&&) = delete;
  Spool& operator=(Spool&&) = delete;

  void append(std::string_view text) {
    if (file_ != nullptr && std::fwrite(text.data(), 1, text.size(), file_) == text.size()) {
      spooled_ += text.size();
      return;
    }
    if (file_ != nullptr) {  // a full temporary directory: what it holds moves to memory
      held_ = read_back();
      (void)std::fclose(file_);
      file_ = nullptr;
    }
    held_ += text;
  }
  // Writes what was appended, in order, to `sink`.
  void replay(const ReportWriter::Sink& sink) {
    if (file_ != nullptr && std::fseek(file_, 0, SEEK_SET) == 0) {
      std::array<char, 65536> buffer{};
      std::size_t count = 0;
      while ((count = std::fread(buffer.data(), 1, buffer.size(), file_)) > 0) sink({buffer.data(), count});
    }
    sink(held_);
  }

 private:
  std::string read_back() {
    std::string text(spooled_, '\0');
    if (std::fseek(file_, 0, SEEK_SET) != 0 || std::fread(text.data(), 1, text.size(), file_) != text.size())
      text.clear();
    return text;
  }

  std::FILE* file_;
  std::size_t spooled_ = 0;
  std::string held_;
};

class JunitWriter final : public ReportWriter {
 public:
  JunitWriter(const ReportOptions& options, Sink sink) : base_(options.base), sink_(std::move(sink)) {}

  void add(const CheckResult& result) override {
    if (result.diagnostics.empty()) {
      const auto path = display_path(result.path, base_);
      append_suite(
          {path, {fmt::format("    <testcase name=\"paralint check\" classname=\"{}\"/>\n", xml_attribute(path))}, 0});
      return;
    }
    std::vector<Suite> suites;
    std::map<std::string, std::size_t> suite_of_file;
    for (const auto& diagnostic : result.diagnostics) {
      const auto file = display_path(diagnostic.location.file, base_);
      const auto [entry, added] = suite_of_file.try_emplace(file, suites.size());
      if (added) suites.push_back({file, {}, 0});
      auto& suite = suites[entry->second];
      const bool failure = diagnostic.severity >= result.fail_on;  // JUnit fails what fails the run
      suite.failures += failure ? 1 : 0;
      suite.cases.push_back(testcase(diagnostic, file, failure));
    }
    for (const auto& suite : suites) append_suite(suite);
  }

  void finish() override {
    sink_(
        fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<testsuites name=\"paralint\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                    tests_, failures_));
    suites_.replay(sink_);
    sink_("</testsuites>\n");
  }

 private:
  void append_suite(const Suite& suite) {
    tests_ += suite.cases.size();
    failures_ += suite.failures;
    suites_.append(fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                               xml_attribute(suite.name), suite.cases.size(), suite.failures));
    for (const auto& entry : suite.cases) suites_.append(entry);
    suites_.append("  </testsuite>\n");
  }

  std::filesystem::path base_;
  Sink sink_;
  Spool suites_;
  std::size_t tests_ = 0;
  std::size_t failures_ = 0;
};

}  // namespace

std::unique_ptr<ReportWriter> make_junit_writer(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<JunitWriter>(options, std::move(sink));
}

}  // namespace paralint
