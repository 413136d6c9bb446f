// libFuzzer target for the edit engine: random fixes on random bytes never crash, a fix is
// taken whole or not at all, the edits of two fixes taken never meet, and every byte outside
// the edits taken is in the output, in order, with the output exactly as long as the edits say.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "paralint/fix/edits.hpp"

using namespace paralint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const auto fix_count = input.ConsumeIntegralInRange<std::size_t>(0, 8);
  std::vector<std::vector<std::pair<std::uint16_t, std::uint16_t>>> spans(fix_count);
  std::vector<std::vector<std::string>> replacements(fix_count);
  for (std::size_t i = 0; i < fix_count; ++i) {
    const auto edit_count = input.ConsumeIntegralInRange<std::size_t>(0, 3);
    for (std::size_t j = 0; j < edit_count; ++j) {
      spans[i].emplace_back(input.ConsumeIntegral<std::uint16_t>(), input.ConsumeIntegral<std::uint16_t>());
      replacements[i].push_back(input.ConsumeRandomLengthString(16));
    }
  }
  const auto source = std::make_shared<const SourceText>("/fuzz/pytest.ini", input.ConsumeRemainingBytesAsString());
  const auto length = source->bytes().size();
  std::vector<Fix> fixes(fix_count);
  for (std::size_t i = 0; i < fix_count; ++i) {
    for (std::size_t j = 0; j < spans[i].size(); ++j) {
      // Mostly inside the text, sometimes just past it: those fixes must be refused.
      const std::size_t begin = spans[i][j].first % (length + 2);
      const std::size_t end = begin + spans[i][j].second % 8;
      fixes[i].edits.push_back({source, {begin, end}, replacements[i][j]});
    }
  }
  std::vector<const Fix*> offered;
  for (const auto& fix : fixes) offered.push_back(&fix);
  const auto chosen = choose_fixes(offered);
  if (chosen.applied + chosen.deferred + chosen.invalid != fix_count) std::abort();
  if (chosen.files.empty()) return 0;
  const auto& taken = chosen.files.begin()->second.edits;

  std::vector<bool> kept(length, true);
  std::size_t expected_length = length;
  for (std::size_t i = 0; i < taken.size(); ++i) {
    const auto& edit = taken[i];
    if (edit.span.end > length || edit.span.begin > edit.span.end) std::abort();
    if (i > 0 && taken[i - 1].span.begin > edit.span.begin) std::abort();  // sorted
    for (std::size_t at = edit.span.begin; at < edit.span.end; ++at) {
      if (!kept[at]) std::abort();  // two edits taken delete one byte
      kept[at] = false;
    }
    expected_length = expected_length - (edit.span.end - edit.span.begin) + edit.replacement.size();
  }
  const auto output = apply_edits(source->bytes(), taken);
  if (output.size() != expected_length) std::abort();
  std::size_t found = 0;
  for (std::size_t at = 0; at < length; ++at) {
    if (!kept[at]) continue;
    found = output.find(source->bytes()[at], found);
    if (found == std::string::npos) std::abort();
    ++found;
  }
  return 0;
}
