#include "paralint/bench/bench_analysis.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace paralint {

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

namespace {

bool failing(const std::string& outcome) { return outcome == "failed" || outcome == "error"; }

// Appends `item` unless `items` holds it: the lists reported keep their first-seen order.
void append_once(std::vector<std::string>& items, const std::string& item) {
  if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
}

ProfileSummary summarise(const ProfileMeasurements& measured) {
  ProfileSummary summary;
  std::vector<double> walls;
  std::vector<double> collections;
  std::vector<double> workers;
  for (const auto& run : measured.runs) {
    if (!run.failure.empty()) {
      append_once(summary.failures, run.failure);
      continue;
    }
    walls.push_back(run.wall_seconds);
    if (run.collection_seconds) collections.push_back(*run.collection_seconds);
    workers.push_back(measured.profile.serial() ? 1.0 : static_cast<double>(run.workers_started));
  }
  summary.measured_runs = static_cast<unsigned>(walls.size());
  if (walls.empty()) return summary;
  summary.median = median_of(walls);
  summary.min = *std::min_element(walls.begin(), walls.end());
  summary.max = *std::max_element(walls.begin(), walls.end());
  if (!collections.empty()) summary.collection_median = median_of(collections);
  summary.workers = std::max(1U, static_cast<unsigned>(median_of(workers)));
  return summary;
}

// Whether a distribution mode runs each xdist_group's tests on one worker: loadgroup by the
// marker; loadfile and loadscope because they never split a file or a scope (a module, or
// a class), so a group inside one stays together; the others send single tests anywhere.
bool keeps_groups(const std::string& dist, const std::map<std::string, std::vector<std::string>>& groups) {
  if (dist == "loadgroup") return true;
  const auto unit_of = [&](const std::string& node_id) -> std::string {
    if (dist == "loadfile") return node_id.substr(0, node_id.find("::"));
    if (dist == "loadscope") return node_id.substr(0, node_id.rfind("::"));
    return node_id;
  };
  return std::all_of(groups.begin(), groups.end(), [&](const auto& group) {
    const auto& tests = group.second;
    return std::all_of(tests.begin(), tests.end(), [&](const std::string& test) { return unit_of(test) == unit_of(tests.front()); });
  });
}

std::vector<ParallelHazard> find_hazards(const std::vector<ProfileMeasurements>& profiles) {
  // A test counts as passing serially only when every measured serial run passed it.
  std::map<std::string, bool> serial_passes;
  for (const auto& run : profiles.front().runs) {
    if (!run.failure.empty()) continue;
    for (const auto& [node_id, test] : run.tests) {
      const auto [entry, inserted] = serial_passes.emplace(node_id, test.outcome == "passed");
      if (!inserted) entry->second = entry->second && test.outcome == "passed";
    }
  }
  std::map<std::string, ParallelHazard> by_test;
  for (std::size_t index = 1; index < profiles.size(); ++index) {
    for (const auto& run : profiles[index].runs) {
      if (!run.failure.empty()) continue;
      for (const auto& [node_id, test] : run.tests) {
        const auto serial = serial_passes.find(node_id);
        if (!failing(test.outcome) || serial == serial_passes.end() || !serial->second) continue;
        auto& hazard = by_test[node_id];
        hazard.node_id = node_id;
        if (hazard.outcome.empty() || hazard.outcome == "not run") hazard.outcome = test.outcome;
        append_once(hazard.profiles, profiles[index].profile.name);
      }
      // A test that passes serially and never ran here (its module failed to collect on a
      // worker, the workers collected different tests, a crash ended the run): the run is
      // faster for not running it.
      for (const auto& [node_id, passes] : serial_passes) {
        if (!passes || run.tests.contains(node_id)) continue;
        auto& hazard = by_test[node_id];
        hazard.node_id = node_id;
        if (hazard.outcome.empty()) hazard.outcome = "not run";
        append_once(hazard.profiles, profiles[index].profile.name);
      }
    }
  }
  std::vector<ParallelHazard> hazards;
  hazards.reserve(by_test.size());
  for (auto& [node_id, hazard] : by_test) hazards.push_back(std::move(hazard));
  return hazards;
}

std::string seconds(double value) { return fmt::format("{:.2f} s", value); }

Recommendation serial_because(std::string reason) { return {"serial", {}, std::move(reason)}; }

Recommendation recommend(const std::vector<ProfileMeasurements>& profiles, const std::vector<ProfileSummary>& summaries,
                         const std::vector<ParallelHazard>& hazards, bool xdist_installed) {
  if (!xdist_installed) {
    return serial_because("pytest-xdist is not installed in this interpreter: only the serial run was measured");
  }
  std::set<std::string> excluded;
  for (const auto& hazard : hazards) excluded.insert(hazard.profiles.begin(), hazard.profiles.end());
  // Tests marked xdist_group must share a worker: a mode that would split a group is fast
  // by ignoring what the suite asks for.
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& run : profiles.front().runs) {
    if (run.failure.empty() && !run.groups.empty()) groups = run.groups;
  }
  std::size_t grouped = 0;
  for (const auto& [name, tests] : groups) grouped += tests.size();
  std::vector<std::string> splitting;
  for (std::size_t index = 1; index < profiles.size() && grouped > 0; ++index) {
    const auto& dist = profiles[index].profile.dist;
    if (keeps_groups(dist, groups)) continue;
    excluded.insert(profiles[index].profile.name);
    append_once(splitting, dist);
  }
  std::string grouped_note;
  if (!splitting.empty()) {
    std::string modes;
    for (const auto& mode : splitting) modes += (modes.empty() ? "--dist " : ", ") + mode;
    grouped_note = fmt::format("; {} test{} marked xdist_group, which {} would split over workers", grouped,
                               grouped == 1 ? " is" : "s are", modes);
  }
  std::optional<std::size_t> best;
  for (std::size_t index = 1; index < profiles.size(); ++index) {
    if (!summaries[index].speedup || excluded.contains(profiles[index].profile.name)) continue;
    if (!best || summaries[index].median < summaries[*best].median) best = index;
  }
  if (!best) {
    bool keeping_measured = false;
    for (std::size_t index = 1; index < profiles.size(); ++index) {
      keeping_measured = keeping_measured || (keeps_groups(profiles[index].profile.dist, groups) && summaries[index].speedup);
    }
    return serial_because(excluded.empty()                   ? "no parallel profile was measured"
                          : grouped > 0 && !keeping_measured ? "no profile that keeps each xdist_group on one worker was measured" + grouped_note
                                                             : "every measured parallel profile has tests that fail (or do not run) only in parallel");
  }
  if (*summaries[*best].speedup < kWorthwhileSpeedup) {
    return serial_because(fmt::format("no parallel profile ran {}x faster than serial (the fastest, {}, {:.2f}x): "
                                      "starting workers costs about what they save",
                                      kWorthwhileSpeedup, profiles[*best].profile.name, *summaries[*best].speedup));
  }
  // As fast as the best within the spread of its runs (or 5%): the fewest workers win.
  const auto& fastest = summaries[*best];
  const double noise = std::max(fastest.max, fastest.median * 1.05);
  auto chosen = *best;
  for (std::size_t index = 1; index < profiles.size(); ++index) {
    if (!summaries[index].speedup || excluded.contains(profiles[index].profile.name)) continue;
    if (summaries[index].median <= noise && summaries[index].workers < summaries[chosen].workers) chosen = index;
  }
  const auto& summary = summaries[chosen];
  const auto& profile = profiles[chosen].profile;
  auto reason = fmt::format("median {} against {} serial: {:.2f}x faster, {:.0f}% efficiency with {} worker{}",
                            seconds(summary.median), seconds(summaries.front().median), *summary.speedup,
                            *summary.efficiency * 100, summary.workers, summary.workers == 1 ? "" : "s");
  if (chosen != *best) {
    reason += fmt::format("; {} measured {} with {} workers, within the spread of the runs", profiles[*best].profile.name,
                          seconds(fastest.median), fastest.workers);
  }
  if (!hazards.empty()) reason += "; the profiles where tests fail (or do not run) only in parallel are left out";
  reason += grouped_note;
  return {profile.name, profile.arguments, reason};
}

}  // namespace

BenchAnalysis analyse(const std::vector<ProfileMeasurements>& profiles, bool xdist_installed) {
  BenchAnalysis analysis;
  for (const auto& profile : profiles) analysis.summaries.push_back(summarise(profile));
  if (profiles.empty() || analysis.summaries.front().measured_runs == 0) return analysis;
  const double serial = analysis.summaries.front().median;
  for (auto& summary : analysis.summaries) {
    if (summary.measured_runs == 0 || summary.median <= 0) continue;
    summary.speedup = serial / summary.median;
    summary.efficiency = *summary.speedup / summary.workers;
  }
  analysis.hazards = find_hazards(profiles);
  analysis.recommendation = recommend(profiles, analysis.summaries, analysis.hazards, xdist_installed);
  return analysis;
}

}  // namespace paralint
