// M008 xdist-group-without-loadgroup: tests use @pytest.mark.xdist_group, but groups only
// take effect with `--dist loadgroup`; every other mode (and `-d`, which means load)
// ignores them without a word. `--dist loadfile` keeps them together anyway when every
// xdist_group mark lies in one file. Without pytest-xdist there are no workers to group onto.

#include <algorithm>

#include "rules/markers/markers.hpp"

namespace paralint::rules {

namespace {

constexpr std::string_view kXdist = "pytest-xdist";

bool from_config(const CheckContext& context, const ParsedOption& option) {
  return !context.addopts.tokens[option.first_token].from_environment;
}

// An edit adding `--dist loadgroup` right after `option` in addopts, in the value's own form.
std::optional<Edit> add_loadgroup_after(const CheckContext& context, const ParsedOption& option) {
  const auto* entry = context.config.find("addopts");
  if (entry == nullptr || !from_config(context, option)) return std::nullopt;
  const auto text = entry->value.is_array() ? std::string(", \"--dist=loadgroup\"") : std::string(" --dist loadgroup");
  return Edit{context.config.source, {option.span.end, option.span.end}, text};
}

}  // namespace

void check_xdist_group_dist(const CheckContext& context, DiagnosticSink& sink) {
  const auto& uses = context.project.marker_uses;
  const auto first =
      std::find_if(uses.begin(), uses.end(), [](const SourceMention& use) { return use.name == "xdist_group"; });
  if (first == uses.end()) return;
  const auto* xdist = context.schemas.find(kXdist);
  if (xdist == nullptr) return;
  const auto use_location = Location::in(first->source, first->span);
  const auto where =
      first->file.lexically_relative(context.config.rootdir).string() + ":" + std::to_string(first->line);
  const auto presence = context.presence_of(*xdist);

  if (presence == Presence::Absent) {
    auto& diagnostic = sink.report(
        "M008", use_location,
        std::string(kXdist) + " " + absence(context, *xdist) +
            ": tests run in one process, xdist_group groups nothing, and pytest warns that the mark is unknown");
    diagnostic.help = "install pytest-xdist (and list it in required_plugins), or remove the xdist_group marks";
    return;
  }

  const auto* dist = context.addopts.find_dest(xdist->name, "dist");
  const auto* distload = context.addopts.find_dest(xdist->name, "distload");
  const auto* workers = context.addopts.find_dest(xdist->name, "numprocesses");
  const std::string unknown_note =
      presence == Presence::Unknown ? " (if pytest-xdist is installed; paralint does not know whether it is)" : "";
  auto finish = [&](Diagnostic& diagnostic) {
    if (presence == Presence::Unknown) diagnostic.severity = lowered(diagnostic.severity);
    if (!diagnostic.help) {
      diagnostic.help = "run with --dist loadgroup so that each xdist_group stays on one worker";
    }
  };

  if (distload != nullptr) {
    // pytest_cmdline_main: `-d` sets dist = "load" whatever --dist says.
    const auto location = from_config(context, *distload) ? context.at(distload->span) : use_location;
    auto& diagnostic = sink.report("M008", location,
                                   "tests use xdist_group (" + where +
                                       ") but -d in addopts means --dist load, which "
                                       "ignores the groups without a word" +
                                       unknown_note);
    finish(diagnostic);
    return;
  }
  if (dist != nullptr && dist->value) {
    if (*dist->value == "loadgroup") return;
    // loadfile sends each file's tests to one worker (LoadFileScheduling's scope is the path
    // before "::"), so groups that all lie in one file stay together there too.
    const bool one_file = std::all_of(uses.begin(), uses.end(), [&](const SourceMention& use) {
      return use.name != "xdist_group" || use.file == first->file;
    });
    if (*dist->value == "loadfile" && one_file) return;
    const auto location = from_config(context, *dist) ? context.at(dist->value_span) : use_location;
    auto& diagnostic =
        sink.report("M008", location,
                    "tests use xdist_group (" + where + ") but addopts sets --dist " + *dist->value +
                        ": only --dist loadgroup keeps a group on one worker, every other mode ignores the groups "
                        "without a word" +
                        unknown_note);
    if (from_config(context, *dist) && context.config.source &&
        context.config.source->slice(dist->value_span) == *dist->value) {
      diagnostic.fix = Fix{Applicability::Unsafe,
                           "use --dist loadgroup (tests without a group are spread as by load)",
                           {Edit{context.config.source, dist->value_span, "loadgroup"}}};
    }
    finish(diagnostic);
    return;
  }
  if (workers != nullptr) {
    const auto location = from_config(context, *workers) ? context.at(workers->span) : use_location;
    auto& diagnostic =
        sink.report("M008", location,
                    "tests use xdist_group (" + where + ") but addopts starts workers with " + workers->flag +
                        " and no --dist, so xdist uses --dist load, which ignores the "
                        "groups without a word" +
                        unknown_note);
    if (auto edit = add_loadgroup_after(context, *workers)) {
      diagnostic.fix = Fix{Applicability::Unsafe, "add --dist loadgroup", {*edit}};
    }
    finish(diagnostic);
    return;
  }
  // No distribution settings in the config: runs started with -n alone use --dist load.
  auto& diagnostic = sink.report("M008", use_location,
                                 "tests use xdist_group, but the config does not set --dist loadgroup: a run started "
                                 "with -n alone uses --dist load, which ignores the groups without a word" +
                                     unknown_note);
  diagnostic.severity = Severity::Info;
  if (auto edit = append_to_addopts(context, {"--dist=loadgroup"})) {
    diagnostic.fix =
        Fix{Applicability::Unsafe, "add --dist=loadgroup to addopts (it does nothing until -n is given)", {*edit}};
  }
  finish(diagnostic);
}

}  // namespace paralint::rules
