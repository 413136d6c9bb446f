// P003 measured-profile-differs: `paralint bench` measured the project's suite, and the
// worker count or distribution mode addopts asks for is not the one it measured fastest on
// this machine (or addopts starts workers where serial was fastest). Runs only with a bench
// report (`fix --profile measured --bench-report FILE`): the fact is the measurement.

#include <fmt/format.h>

#include "rules/config_edits.hpp"
#include "rules/parallel/parallel.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

// The option's value replaced in place, where the file writes it verbatim and the option
// owns its tokens.
std::optional<Edit> replace_value(const CheckContext& context, const ParsedOption& option, const std::string& value) {
  if (option.clustered || !owns_its_tokens(context, option)) return std::nullopt;
  const auto span = value_subspan(option, 0);
  if (!option.value || span.size() != option.value->size()) return std::nullopt;
  return Edit{context.config.source, span, value};
}

std::string asked_for(const XdistRun* run) {
  if (run == nullptr || run->numprocesses == nullptr) return "no worker";
  std::string text = "-n " + run->numprocesses->value.value_or("");
  if (run->dist != nullptr) text += " --dist " + run->dist->value.value_or("");
  return text;
}

}  // namespace

void check_measured_profile_differs(const CheckContext& context, DiagnosticSink& sink) {
  if (context.measured == nullptr || !context.config.source) return;
  const auto& measured = *context.measured;
  const auto resolved = resolve_xdist_run(context);
  const XdistRun* run = resolved ? &*resolved : nullptr;
  const auto where = addopts_location(context);
  if (!where) return;
  const auto source = measured.report.filename().string();

  if (measured.arguments.empty()) {
    if (run == nullptr || run->numprocesses == nullptr || !run->distributes) return;
    auto& diagnostic = sink.report(
        "P003", *where,
        fmt::format("addopts starts workers ({}), but `paralint bench` measured serial fastest ({}: {})", asked_for(run),
                    source, measured.reason));
    diagnostic.help = "take -n (and --dist) out of addopts, or measure again on the machines the suite runs on";
    auto fix = take_out_option(context, "P003", *run->numprocesses, "paralint bench measured serial fastest");
    if (fix && run->dist != nullptr) {
      auto dist = take_out_option(context, "P003", *run->dist, "paralint bench measured serial fastest");
      if (!dist) return;
      fix->edits.insert(fix->edits.end(), dist->edits.begin(), dist->edits.end());
    }
    if (fix) {
      fix->applicability = Applicability::Safe;  // selecting the measured profile asks for it
      fix->message = "take out -n and --dist, kept as comments";
      diagnostic.fix = std::move(*fix);
    }
    return;
  }

  const auto workers = measured.workers();
  const auto dist = measured.dist();
  const bool same_workers = run != nullptr && run->numprocesses != nullptr && run->numprocesses->value == workers;
  const bool same_dist = dist.empty() || (run != nullptr && run->dist != nullptr && run->dist->value == dist);
  if (same_workers && same_dist) return;
  // Workers started another way (--tx, -d) are the user's own set-up: said, not rewritten.
  const bool other_setup = run != nullptr && (run->first_tx != nullptr || run->distload != nullptr);
  auto& diagnostic = sink.report(
      "P003", *where,
      fmt::format("addopts asks for {}, but `paralint bench` measured `{}` fastest on this machine ({}: {})",
                  asked_for(run), measured.profile, source, measured.reason));
  diagnostic.help = "set `" + measured.profile + "` in addopts; the measurement holds for machines like this one";
  if (other_setup) return;

  std::vector<Edit> edits;
  std::vector<std::string> missing;
  // The option's value replaced where addopts has it, else the option added: false when the
  // file's spelling cannot be rewritten safely.
  const auto set = [&](const ParsedOption* option, std::string_view flag, const std::string& value) {
    if (option == nullptr) {
      missing.insert(missing.end(), {std::string(flag), value});
      return true;
    }
    if (option->value == value) return true;
    auto edit = replace_value(context, *option, value);
    if (edit) edits.push_back(std::move(*edit));
    return edit.has_value();
  };
  if (!set(run != nullptr ? run->numprocesses : nullptr, "-n", workers)) return;
  if (!dist.empty() && !set(run != nullptr ? run->dist : nullptr, "--dist", dist)) return;
  if (!missing.empty()) {
    auto edit = append_to_addopts(context, missing);
    if (!edit) return;
    edits.push_back(std::move(*edit));
  }
  diagnostic.fix = Fix{Applicability::Safe, "set " + measured.profile + " in addopts", std::move(edits)};
}

}  // namespace paralint::rules
