#include "paralint/fix/unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace paralint {

namespace {

constexpr std::size_t kContextLines = 3;

// Lines with their line breaks (`\n`, `\r\n` or a lone `\r`, as SourceText counts them).
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    lines.push_back(text.substr(start, i + 1 - start));
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

enum class Op { Keep, Remove, Add };

// The shortest edit script from `a` to `b` (Myers 1986, "An O(ND) Difference Algorithm"):
// each round d keeps, per diagonal, the furthest point reached with d changes; the rounds'
// frontiers are kept to walk back from the end.
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const auto n = static_cast<std::ptrdiff_t>(a.size());
  const auto m = static_cast<std::ptrdiff_t>(b.size());
  const std::ptrdiff_t offset = n + m + 1;
  std::vector<std::ptrdiff_t> furthest(static_cast<std::size_t>(2 * offset + 1), 0);
  std::vector<std::vector<std::ptrdiff_t>> rounds;
  auto at = [&](std::vector<std::ptrdiff_t>& v, std::ptrdiff_t k) -> std::ptrdiff_t& {
    return v[static_cast<std::size_t>(k + offset)];
  };
  for (std::ptrdiff_t d = 0; d <= n + m; ++d) {
    rounds.push_back(furthest);
    bool done = false;
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      const bool down = k == -d || (k != d && at(furthest, k - 1) < at(furthest, k + 1));
      std::ptrdiff_t x = down ? at(furthest, k + 1) : at(furthest, k - 1) + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      at(furthest, k) = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) break;
  }
  // Walk back through the rounds, from (n, m) to (0, 0).
  std::vector<Op> script;
  std::ptrdiff_t x = n;
  std::ptrdiff_t y = m;
  for (auto d = static_cast<std::ptrdiff_t>(rounds.size()) - 1; d >= 0; --d) {
    auto& before = rounds[static_cast<std::size_t>(d)];
    const std::ptrdiff_t k = x - y;
    const bool down = k == -d || (k != d && at(before, k - 1) < at(before, k + 1));
    const std::ptrdiff_t previous_k = down ? k + 1 : k - 1;
    const std::ptrdiff_t previous_x = d == 0 ? 0 : at(before, previous_k);
    const std::ptrdiff_t previous_y = d == 0 ? 0 : previous_x - previous_k;
    while (x > previous_x && y > previous_y) {
      script.push_back(Op::Keep);
      --x;
      --y;
    }
    if (d > 0) script.push_back(down ? Op::Add : Op::Remove);
    x = previous_x;
    y = previous_y;
  }
  std::reverse(script.begin(), script.end());
  return script;
}

// A diff line: the mark, the line without its break, then `\n`, and the marker diff prints
// when the line has no break at all.
void append_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  if (line.ends_with('\n') || line.ends_with('\r')) {
    out.append(line);
    if (!line.ends_with('\n')) out += '\n';  // a lone CR ends the line in the file, not in the diff
  } else {
    out.append(line);
    out += "\n\\ No newline at end of file\n";
  }
}

// "start,count" as a hunk header gives it: an empty range names the line before it.
std::string range(std::size_t start, std::size_t count) {
  if (count == 1) return std::to_string(start + 1);
  return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name) {
  if (before == after) return {};
  const auto a = lines_of(before);
  const auto b = lines_of(after);
  const auto script = edit_script(a, b);

  // Positions in a and b where each script entry starts.
  std::vector<std::size_t> in_a(script.size() + 1, 0);
  std::vector<std::size_t> in_b(script.size() + 1, 0);
  for (std::size_t i = 0; i < script.size(); ++i) {
    in_a[i + 1] = in_a[i] + (script[i] != Op::Add ? 1 : 0);
    in_b[i + 1] = in_b[i] + (script[i] != Op::Remove ? 1 : 0);
  }
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", name, name);
  std::size_t i = 0;
  while (i < script.size()) {
    if (script[i] == Op::Keep) {
      ++i;
      continue;
    }
    // A hunk: from this change, through changes less than two contexts apart.
    std::size_t end = i;
    std::size_t last_change = i;
    while (end < script.size()) {
      if (script[end] != Op::Keep) last_change = end;
      if (end - last_change > 2 * kContextLines) break;
      ++end;
    }
    const std::size_t first = i >= kContextLines ? i - kContextLines : 0;
    const std::size_t stop = std::min(script.size(), last_change + 1 + kContextLines);
    out += fmt::format("@@ -{} +{} @@\n", range(in_a[first], in_a[stop] - in_a[first]),
                       range(in_b[first], in_b[stop] - in_b[first]));
    for (std::size_t j = first; j < stop; ++j) {
      switch (script[j]) {
        case Op::Keep: append_line(out, ' ', a[in_a[j]]); break;
        case Op::Remove: append_line(out, '-', a[in_a[j]]); break;
        case Op::Add: append_line(out, '+', b[in_b[j]]); break;
      }
    }
    i = stop;
  }
  return out;
}

}  // namespace paralint
