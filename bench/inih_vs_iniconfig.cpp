// Reads INI files with Debian's inih (libinih-dev, r55) the way a caller would
// and prints what it got, one JSON object per file, so bench/measure-inih can
// compare it with iniconfig (pytest's INI parser).
//
//   inih_vs_iniconfig FILE...      one JSON line per FILE
//   inih_vs_iniconfig --tuned FILE...
//                                  the same, after setting Debian's runtime
//                                  globals closer to iniconfig: no inline
//                                  comments, no BOM skipping, heap line buffer
//                                  that grows (realloc) up to 1 MiB
//   inih_vs_iniconfig --options    inih's settings: header macros and the
//                                  runtime globals Debian's build exports
//
// Build: g++ -std=c++20 -O2 bench/inih_vs_iniconfig.cpp -linih -o inih_vs_iniconfig
//
// Per file:
//   {"file": ..., "rc": ini_parse's return (0 ok, N = first bad line, -1 open error),
//    "calls": [[section, name, value], ...]   every handler call, in order,
//    "sections": [[section, [[name, value], ...]], ...]
//    "checked_error": null | "..."}
//
// "sections" joins repeated calls for the same (section, name) with "\n",
// skipping the separator while the value so far is empty. That is what
// inih's own INIReader does (and what iniconfig does for continuation lines);
// inih reports a continuation line as one more call with the same name, and a
// caller cannot tell it from a repeated key. Sections appear in the order of
// their first key; inih never reports a section that has no keys.
//
// "checked_error" is what a careful caller could add on top, using only what
// the callbacks show: a key before any [section] (section ""), a key repeated
// after a different key came in between, a section re-entered after another
// one. An adjacent duplicate key or section stays invisible.

#include <ini.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct Call {
  std::string section, name, value;
};

struct Collected {
  std::vector<Call> calls;
};

int on_value(void* user, const char* section, const char* name, const char* value) {
  auto* c = static_cast<Collected*>(user);
  c->calls.push_back({section ? section : "", name ? name : "", value ? value : ""});
  return 1;  // never veto: we want to see everything inih reports
}

// JSON string. Valid UTF-8 passes through; a byte that is not part of a valid
// UTF-8 sequence becomes \udcXX (Python's surrogateescape), so the Python side
// can still load it.
std::string json_str(std::string_view s) {
  std::string out = "\"";
  char buf[8];
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7f) {
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    bool ok = len != 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    if (ok && len == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogates
    }
    if (ok && len == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      std::snprintf(buf, sizeof buf, "\\udc%02x", c);
      out += buf;
      ++i;
    }
  }
  return out + "\"";
}

using Section = std::pair<std::string, std::vector<std::pair<std::string, std::string>>>;

std::vector<Section> join(const std::vector<Call>& calls) {
  std::vector<Section> out;
  for (const auto& c : calls) {
    Section* sec = nullptr;
    for (auto& s : out)
      if (s.first == c.section) sec = &s;
    if (!sec) sec = &out.emplace_back(c.section, std::vector<std::pair<std::string, std::string>>{});
    std::string* val = nullptr;
    for (auto& kv : sec->second)
      if (kv.first == c.name) val = &kv.second;
    if (!val) {
      sec->second.emplace_back(c.name, c.value);
    } else {
      if (!val->empty()) *val += "\n";
      *val += c.value;
    }
  }
  return out;
}

std::optional<std::string> check(const std::vector<Call>& calls) {
  std::vector<std::string> closed_sections;          // sections we have left
  std::vector<std::pair<std::string, std::string>> seen;  // (section, name)
  const Call* prev = nullptr;
  for (const auto& c : calls) {
    if (c.section.empty()) return "no section header defined (key '" + c.name + "' before any [section])";
    if (prev && prev->section != c.section) {
      closed_sections.push_back(prev->section);
      for (const auto& s : closed_sections)
        if (s == c.section) return "duplicate section '" + c.section + "'";
    }
    bool continuation = prev && prev->section == c.section && prev->name == c.name;
    if (!continuation) {
      for (const auto& [s, n] : seen)
        if (s == c.section && n == c.name) return "duplicate name '" + c.name + "'";
      seen.emplace_back(c.section, c.name);
    }
    prev = &c;
  }
  return std::nullopt;
}

void print_options() {
  std::printf(
      "{\"header_macros\": {\"INI_ALLOW_MULTILINE\": %d, \"INI_ALLOW_BOM\": %d, "
      "\"INI_START_COMMENT_PREFIXES\": %s, \"INI_ALLOW_INLINE_COMMENTS\": %d, "
      "\"INI_INLINE_COMMENT_PREFIXES\": %s, \"INI_USE_STACK\": %d, \"INI_MAX_LINE\": %d, "
      "\"INI_ALLOW_REALLOC\": %d, \"INI_INITIAL_ALLOC\": %d, \"INI_STOP_ON_FIRST_ERROR\": %d, "
      "\"INI_HANDLER_LINENO\": %d, \"INI_CALL_HANDLER_ON_NEW_SECTION\": %d, \"INI_ALLOW_NO_VALUE\": %d}, ",
      INI_ALLOW_MULTILINE, INI_ALLOW_BOM, json_str(INI_START_COMMENT_PREFIXES).c_str(), INI_ALLOW_INLINE_COMMENTS,
      json_str(INI_INLINE_COMMENT_PREFIXES).c_str(), INI_USE_STACK, INI_MAX_LINE, INI_ALLOW_REALLOC,
      INI_INITIAL_ALLOC, INI_STOP_ON_FIRST_ERROR, INI_HANDLER_LINENO, INI_CALL_HANDLER_ON_NEW_SECTION,
      INI_ALLOW_NO_VALUE);
  // Debian builds inih with INI_RUNTIME_OPTIONS: the library reads these
  // globals at run time, and these are the values it ships with.
  std::printf(
      "\"runtime_globals\": {\"ini_allow_multiline\": %d, \"ini_allow_bom\": %d, "
      "\"ini_start_comment_prefixes\": %s, \"ini_allow_inline_comments\": %d, "
      "\"ini_inline_comment_prefixes\": %s, \"ini_use_stack\": %d, \"ini_max_line\": %d, "
      "\"ini_allow_realloc\": %d, \"ini_initial_alloc\": %d, \"ini_stop_on_first_error\": %d, "
      "\"ini_allow_no_value\": %d}}\n",
      ini_allow_multiline, ini_allow_bom, json_str(ini_start_comment_prefixes).c_str(), ini_allow_inline_comments,
      json_str(ini_inline_comment_prefixes).c_str(), ini_use_stack, ini_max_line, ini_allow_realloc,
      ini_initial_alloc, ini_stop_on_first_error, ini_allow_no_value);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--options") == 0) {
    print_options();
    return 0;
  }
  int first = 1;
  if (argc >= 2 && std::strcmp(argv[1], "--tuned") == 0) {
    ini_allow_inline_comments = false;
    ini_allow_bom = false;
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_max_line = 1 << 20;
    first = 2;
  }
  if (argc <= first) {
    std::fprintf(stderr, "usage: %s --options | [--tuned] FILE...\n", argv[0]);
    return 2;
  }
  for (int i = first; i < argc; ++i) {
    Collected c;
    int rc = ini_parse(argv[i], on_value, &c);
    std::string out = "{\"file\": " + json_str(argv[i]) + ", \"rc\": " + std::to_string(rc) + ", \"calls\": [";
    for (size_t k = 0; k < c.calls.size(); ++k) {
      const auto& call = c.calls[k];
      out += (k ? ", [" : "[") + json_str(call.section) + ", " + json_str(call.name) + ", " + json_str(call.value) + "]";
    }
    out += "], \"sections\": [";
    auto secs = join(c.calls);
    for (size_t s = 0; s < secs.size(); ++s) {
      out += (s ? ", [" : "[") + json_str(secs[s].first) + ", [";
      for (size_t k = 0; k < secs[s].second.size(); ++k)
        out += (k ? ", [" : "[") + json_str(secs[s].second[k].first) + ", " + json_str(secs[s].second[k].second) + "]";
      out += "]]";
    }
    auto err = check(c.calls);
    out += "], \"checked_error\": " + (err ? json_str(*err) : std::string("null")) + "}\n";
    std::fputs(out.c_str(), stdout);
  }
  return 0;
}
