// The stairway walk (stairway.h).
#include "commands/stairway.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "migrate/core/error.h"
#include "migrate/ops/tables_named.h"
#include "migrate/schema/differ.h"

namespace migrate::commands {
namespace {

// What a step's failure says after "FAILED: test: <revision>: ".
constexpr std::string_view kUp = "upgrade failed: ";
constexpr std::string_view kDown = "downgrade failed: ";
constexpr std::string_view kUpAgain = "upgrade after its downgrade failed: ";

// The tables the revision's upgrade and downgrade name; nullopt: compare the whole schema.
std::optional<std::vector<std::string>> compared_tables(const Script& script) {
  auto tables = tables_named(script.upgrade);
  if (!tables) return std::nullopt;
  // A downgrade that cannot be derived fails when it runs; the upgrade's tables are all there
  // is to compare until then.
  const auto downgrade = script.downgrade ? script.downgrade : reverse_all(script.upgrade);
  if (!downgrade) return tables;
  const auto more = tables_named(*downgrade);
  if (!more) return std::nullopt;
  for (const auto& table : *more) {
    if (std::find(tables->begin(), tables->end(), table) == tables->end()) tables->push_back(table);
  }
  return tables;
}

SchemaModel snapshot(Database& db, const TableName& version_table,
                     const std::optional<std::vector<std::string>>& tables) {
  return tables ? db.dialect->reflect_tables(*db.connection, version_table, *tables)
                : db.dialect->reflect(*db.connection, version_table);
}

// The target that takes `revision` alone down: its first parent, on its own branch, so that
// neither a sibling branch nor the other parents of a merge move.
std::string down_target(const Revision& revision) {
  return fmt::format("{}@{}", revision.id,
                     revision.down_revisions.empty() ? "base" : revision.down_revisions.front());
}

// Runs `target`; what went wrong, or nullopt when exactly the one step of `revision` ran.
std::optional<std::string> run_one(MigrationContext& context, Direction direction,
                                   const std::string& target, const std::string& revision) {
  const std::size_t before = context.steps_run().size();
  try {
    context.run(direction, target);
  } catch (const Error& e) {
    return e.what();
  }
  const auto& steps = context.steps_run();
  if (steps.size() == before + 1 && steps.back().revision == revision) return std::nullopt;
  std::vector<std::string> ran;
  for (std::size_t i = before; i < steps.size(); ++i) ran.push_back(steps[i].revision);
  return fmt::format("'{}' ran {} step{} ({}) instead of this revision alone", target, ran.size(),
                     ran.size() == 1 ? "" : "s", fmt::join(ran, ", "));
}

// What differs between the schema before the upgrade and after the downgrade, in autogenerate's
// words ("added column 'account.email'": the downgrade left it), plus primary keys, which
// autogenerate does not compare.
std::vector<std::string> differences(const SchemaModel& before, const SchemaModel& after,
                                     const DiffRules& rules) {
  std::vector<std::string> found;
  for (auto& change : diff(before, after, rules).changes) {
    found.push_back(change_words(std::move(change)));
  }
  for (const auto& table : before.tables) {
    const SchemaTable* now = after.find(table.name);
    if (now != nullptr && now->primary_key != table.primary_key) {
      found.push_back(fmt::format("changed primary key of '{}' from ({}) to ({})", table.name,
                                  fmt::join(table.primary_key, ", "),
                                  fmt::join(now->primary_key, ", ")));
    }
  }
  return found;
}

}  // namespace

StairwayResult walk_stairway(Database& db, MigrationContext& context,
                             const TableName& version_table, const std::vector<Script>& scripts) {
  StairwayResult result;
  for (const Script& script : scripts) {
    const std::string& id = script.info.revision.id;
    const auto tables = compared_tables(script);
    const SchemaModel before = snapshot(db, version_table, tables);
    const auto fail = [&](std::string_view step, const std::string& message) {
      result.steps.push_back({"stairway", id, fmt::format("{}{}", step, message)});
      return result;
    };
    if (auto failed = run_one(context, Direction::up, id, id)) return fail(kUp, *failed);
    if (auto failed = run_one(context, Direction::down, down_target(script.info.revision), id)) {
      return fail(kDown, *failed);
    }
    const SchemaModel after = snapshot(db, version_table, tables);
    if (after != before) {
      for (auto& difference : differences(before, after, db.dialect->diff_rules())) {
        result.traces.push_back({"no_trace", id, "downgrade left a trace: " + difference});
      }
    }
    if (auto failed = run_one(context, Direction::up, id, id)) return fail(kUpAgain, *failed);
  }
  return result;
}

}  // namespace migrate::commands
