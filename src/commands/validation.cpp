#include "commands/validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "migrate/core/error.h"
#include "migrate/script/script_checksum.h"

namespace migrate::commands {
namespace {

// The revisions the version table's rows imply: each row and everything below it, through
// parents and dependencies.
std::set<std::string> ancestry(const RevisionGraph& graph, const std::vector<std::string>& rows) {
  std::set<std::string> seen;
  std::vector<std::string> stack;
  for (const auto& row : rows) {
    if (graph.contains(row)) stack.push_back(row);
  }
  while (!stack.empty()) {
    std::string id = std::move(stack.back());
    stack.pop_back();
    if (!seen.insert(id).second) continue;
    for (const auto& parent : graph.at(id).down_revisions) stack.push_back(parent);
    for (const auto& dependency : graph.dependencies(id)) stack.push_back(dependency);
  }
  return seen;
}

// The last successful row of each revision (applied, or reverted since), and its last
// successful upgrade that ran a script (what `edited` compares with).
struct LastRows {
  std::map<std::string, const HistoryRow*> any;
  std::map<std::string, const HistoryRow*> upgrade;
};

LastRows last_rows(const std::vector<HistoryRow>& history) {
  LastRows last;
  for (const auto& row : history) {
    if (row.outcome != Outcome::success) continue;
    last.any[row.revision] = &row;
    if (row.direction == Direction::up && !row.checksum.empty()) last.upgrade[row.revision] = &row;
  }
  return last;
}

void find_missing(const Environment& env, const DatabaseRecord& record, const LastRows& last,
                  Validation& out) {
  const std::string where = env.directory().script_location().string();
  std::set<std::string> named;
  for (const auto& row : record.version_rows) {
    if (env.graph().contains(row) || !named.insert(row).second) continue;
    out.problems.push_back(
        {Finding::Kind::missing, row, "",
         fmt::format("the version table names it, but no script in {} has this id", where)});
  }
  for (const auto& [revision, row] : last.any) {
    if (row->direction != Direction::up || env.graph().contains(revision)) continue;
    if (!named.insert(revision).second) continue;
    out.problems.push_back(
        {Finding::Kind::missing, revision, "",
         fmt::format("the history table records it applied at {} and not reverted since, but no "
                     "script in {} has this id",
                     row->finished_at, where)});
  }
}

// The applied script's checksum now against the one recorded when it last ran.
void compare_checksum(const Environment& env, const ScriptInfo& info, const HistoryRow& row,
                      Validation& out) {
  std::string now;
  try {
    now = script_checksum(env.directory().load_script(info));
  } catch (const Error& e) {
    out.problems.push_back(
        {Finding::Kind::edited, info.revision.id, info.path.string(),
         fmt::format("applied at {}, and no longer loads: {}", row.finished_at, e.what())});
    return;
  }
  ++out.checked;
  if (now == row.checksum) return;
  out.problems.push_back(
      {Finding::Kind::edited, info.revision.id, info.path.string(),
       fmt::format("its operations changed since it was applied at {} (checksum {} then, {} now)",
                   row.finished_at, row.checksum.substr(0, 12), now.substr(0, 12))});
}

// A create_date migrate can order: "YYYY-MM-DD HH:MM:SS...", compared as text.
bool orderable(const std::string& date) {
  return date.size() >= 19 && date[4] == '-' && date[7] == '-' && date[10] == ' ';
}

void find_out_of_order(const Environment& env, const std::set<std::string>& applied,
                       Validation& out) {
  const ScriptInfo* newest = nullptr;
  for (const auto& id : applied) {
    const ScriptInfo& info = env.info(id);
    if (orderable(info.create_date) &&
        (newest == nullptr || info.create_date > newest->create_date))
      newest = &info;
  }
  if (newest == nullptr || !out.pending) return;
  for (const auto& step : *out.pending) {
    const ScriptInfo& info = env.info(step.revision);
    if (!orderable(info.create_date) || info.create_date >= newest->create_date) continue;
    out.problems.push_back(
        {Finding::Kind::out_of_order, info.revision.id, info.path.string(),
         fmt::format("not applied, but created {}, before applied revision {} (created {})",
                     info.create_date, newest->revision.id, newest->create_date)});
  }
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

DatabaseRecord read_record(const Environment& env, Database& db) {
  const VersionTable table = env.version_table(db);
  return DatabaseRecord{table.read(*db.connection), table.history_table().read(*db.connection)};
}

std::string_view Finding::kind_name() const {
  switch (kind) {
    case Kind::edited:
      return "edited";
    case Kind::missing:
      return "missing";
    case Kind::out_of_order:
      return "out of order";
  }
  return "";
}

std::string Finding::line() const {
  return fmt::format("{}: {} ({}): {}", kind_name(), revision, path.empty() ? "no file" : path,
                     detail);
}

Validation validate_record(const Environment& env, const DatabaseRecord& record) {
  Validation out;
  const LastRows last = last_rows(record.history);
  find_missing(env, record, last, out);
  const auto applied = ancestry(env.graph(), record.version_rows);
  for (const auto& revision : env.graph().revisions()) {
    if (applied.count(revision.id) == 0) continue;
    out.applied.push_back(revision.id);
    const auto row = last.upgrade.find(revision.id);
    if (row == last.upgrade.end()) {
      out.unknown.push_back(revision.id);
    } else {
      compare_checksum(env, env.info(revision.id), *row->second, out);
    }
  }
  const auto& rows = record.version_rows;
  if (std::all_of(rows.begin(), rows.end(),
                  [&env](const std::string& row) { return env.graph().contains(row); })) {
    out.pending = plan_upgrade(env.graph(), rows, env.graph().real_heads());
  }
  find_out_of_order(env, applied, out);
  return out;
}

std::string Validation::summary() const {
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& finding : problems) ++counts[static_cast<int>(finding.kind)];
  std::vector<std::string> parts;
  if (counts[0] > 0) parts.push_back(plural(counts[0], "edited script", "edited scripts"));
  if (counts[1] > 0) parts.push_back(plural(counts[1], "missing script", "missing scripts"));
  if (counts[2] > 0) {
    parts.push_back(plural(counts[2], "script out of order", "scripts out of order"));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string Validation::unknown_line() const {
  constexpr std::size_t kShown = 10;
  if (unknown.empty()) return {};
  std::vector<std::string> shown(unknown.begin(),
                                 unknown.begin() + std::min(unknown.size(), kShown));
  if (unknown.size() > kShown) shown.push_back(fmt::format("and {} more", unknown.size() - kShown));
  return fmt::format(
      "unknown: {} no history row (migrated by Alembic, or before migrate kept one), so {} "
      "cannot be checked: {}",
      plural(unknown.size(), "applied revision has", "applied revisions have"),
      unknown.size() == 1 ? "its script" : "their scripts", fmt::join(shown, ", "));
}

}  // namespace migrate::commands
