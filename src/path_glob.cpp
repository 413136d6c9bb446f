#include "paralint/path_glob.hpp"

#include <re2/re2.h>

#include <vector>

namespace paralint {

namespace fs = std::filesystem;

namespace {

// The regular expression for one glob, or nullopt with `error`.
std::optional<std::string> glob_regex(std::string_view glob, std::string& error) {
  std::string out;
  std::size_t at = 0;
  while (at < glob.size()) {
    const bool component_start = at == 0 || glob[at - 1] == '/';
    if (component_start && glob.substr(at, 2) == "**" && (at + 2 == glob.size() || glob[at + 2] == '/')) {
      // A whole `**` component: any number of directories, including none.
      out += at + 2 == glob.size() ? ".*" : "(?:[^/]*/)*";
      at += at + 2 == glob.size() ? 2 : 3;
      continue;
    }
    const char c = glob[at];
    if (c == '*') {
      out += "[^/]*";
      ++at;
    } else if (c == '?') {
      out += "[^/]";
      ++at;
    } else if (c == '[') {
      auto close = at + 1;
      if (close < glob.size() && glob[close] == '!') ++close;
      if (close < glob.size() && glob[close] == ']') ++close;  // a leading `]` is literal
      close = glob.find(']', close);
      if (close == std::string_view::npos) {
        error = "unclosed `[`";
        return std::nullopt;
      }
      auto members = glob.substr(at + 1, close - at - 1);
      std::string set = "[";
      const bool negated = !members.empty() && members.front() == '!';
      if (negated) {
        set += "^/";  // a component never holds a `/`
        members.remove_prefix(1);
      }
      for (const char member : members) {
        if (member == '\\' || member == '^' || member == '[' || member == ']') set += '\\';
        set += member;
      }
      out += set + "]";
      at = close + 1;
    } else if (c == '\\' && at + 1 < glob.size()) {
      out += RE2::QuoteMeta(glob.substr(at + 1, 1));
      at += 2;
    } else {
      out += RE2::QuoteMeta(glob.substr(at, 1));
      ++at;
    }
  }
  return out;
}

fs::path normal_absolute(const fs::path& path) { return fs::absolute(path).lexically_normal(); }

}  // namespace

std::optional<PathGlob> PathGlob::compile(std::string_view pattern, const fs::path& base, std::string& error) {
  std::string_view glob = pattern;
  while (glob.starts_with("./")) glob.remove_prefix(2);
  const bool anchored = glob.starts_with('/');
  while (glob.starts_with('/')) glob.remove_prefix(1);
  while (glob.ends_with('/')) glob.remove_suffix(1);
  if (glob.empty()) {
    error = "names no file";
    return std::nullopt;
  }
  auto regex = glob_regex(glob, error);
  if (!regex) return std::nullopt;
  auto compiled = std::make_shared<const RE2>(*regex, RE2::Quiet);
  if (!compiled->ok()) {
    error = compiled->error();
    return std::nullopt;
  }
  PathGlob result;
  result.pattern_ = std::string(pattern);
  result.base_ = normal_absolute(base);
  result.any_depth_ = !anchored && glob.find('/') == std::string_view::npos;
  result.regex_ = std::move(compiled);
  return result;
}

bool PathGlob::matches(const fs::path& path) const {
  const auto absolute = normal_absolute(path);
  const auto relative = absolute.lexically_relative(base_);
  const bool inside = !relative.empty() && *relative.begin() != "..";
  if (!inside) return any_depth_ && RE2::FullMatch(absolute.filename().string(), *regex_);
  // The path itself or a directory it is in.
  std::string prefix;
  for (const auto& part : relative) {
    const auto name = part.string();
    if (name == ".") continue;
    prefix += (prefix.empty() ? "" : "/") + name;
    if (RE2::FullMatch(any_depth_ ? name : prefix, *regex_)) return true;
  }
  return false;
}

}  // namespace paralint
