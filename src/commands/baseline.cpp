// baseline: the first revision of a database that has no history yet (SPEC §14). The tables,
// indexes and constraints are the differ's "empty -> reflected" operations; what the operations
// cannot express (views, functions, triggers, types, sequences) is `execute` SQL the dialect
// takes from the database's own catalog. The database is stamped only once the script is
// written, and the script removed again if the stamp fails: all or nothing.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "commands/embedded.h"
#include "commands/environment.h"
#include "commands/json_report.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"
#include "migrate/core/text.h"
#include "migrate/ops/operation_yaml.h"
#include "migrate/runtime/lock_wait_notice.h"
#include "migrate/script/script_writer.h"

namespace migrate::commands {
namespace {

namespace fs = std::filesystem;

// A baseline is the root of the history; next to other revisions it would be a second root
// whose upgrade creates tables the first one's already created.
void refuse_existing_revisions(const Environment& env) {
  const auto& revisions = env.graph().revisions();
  if (revisions.empty()) return;
  throw Error(fmt::format(
      "The script directory {} already has {} revision{} (head {}); baseline writes the first "
      "revision of a project with no history. Use 'migrate revision --autogenerate' to add to "
      "it, or baseline into an empty script directory",
      env.directory().version_locations().front().string(), revisions.size(),
      revisions.size() == 1 ? "" : "s", fmt::join(env.graph().heads(), ", ")));
}

void refuse_history(const std::vector<std::string>& heads, const VersionTable& version_table,
                    const Database& db) {
  if (heads.empty()) return;
  throw Error(fmt::format(
      "The database {} already has a history: {} holds {}; baseline is for a database no "
      "migration tool has stamped",
      db.url.masked(), version_table.name().name, fmt::join(heads, ", ")));
}

bool same_name(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

// Whether a catalog object creates `name` itself, as one of `field`'s names.
bool created_by_object(const std::vector<CatalogObject>& objects, std::string_view name,
                       std::vector<std::string> CatalogObject::*field) {
  return std::any_of(objects.begin(), objects.end(), [&](const CatalogObject& object) {
    const auto& names = object.*field;
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& other) { return same_name(other, name); });
  });
}

// The reflected tables and indexes less those a catalog object creates itself (SQLite's virtual
// tables, PostgreSQL's GiST indexes).
SchemaModel left_to_operations(SchemaModel model, const std::vector<CatalogObject>& objects) {
  std::erase_if(model.tables, [&](const SchemaTable& table) {
    return created_by_object(objects, table.name, &CatalogObject::tables);
  });
  for (auto& table : model.tables) {
    std::erase_if(table.indexes, [&](const SchemaIndex& index) {
      return created_by_object(objects, index.name, &CatalogObject::indexes);
    });
  }
  return model;
}

Operation create(const CatalogObject& object) {
  return Execute{.sql = object.create_sql, .per_dialect = {}};
}
Operation drop(const CatalogObject& object) {
  return Execute{.sql = object.drop_sql, .per_dialect = {}};
}

// Upgrade: objects the tables need, the tables, then the objects that need the tables; the
// downgrade undoes them in the reverse order.
void add_catalog_objects(const std::vector<CatalogObject>& objects, SchemaDiff& changes) {
  std::vector<Operation> upgrade;
  std::vector<Operation> downgrade;
  using Phase = CatalogObject::Phase;
  for (const auto& object : objects) {
    if (object.phase == Phase::before_tables) upgrade.push_back(create(object));
  }
  upgrade.insert(upgrade.end(), changes.upgrade.begin(), changes.upgrade.end());
  for (const auto& object : objects) {
    if (object.phase == Phase::after_tables) upgrade.push_back(create(object));
  }
  for (auto it = objects.rbegin(); it != objects.rend(); ++it) {
    if (it->phase == Phase::after_tables) downgrade.push_back(drop(*it));
  }
  downgrade.insert(downgrade.end(), changes.downgrade.begin(), changes.downgrade.end());
  for (auto it = objects.rbegin(); it != objects.rend(); ++it) {
    if (it->phase == Phase::before_tables) downgrade.push_back(drop(*it));
  }
  changes.upgrade = std::move(upgrade);
  changes.downgrade = std::move(downgrade);
}

// The whole schema as operations, with what was found reported on stderr.
SchemaDiff schema_operations(const Database& db, const VersionTable& version_table,
                             const Output& out) {
  const std::vector<CatalogObject> objects =
      db.dialect->catalog_objects(*db.connection, version_table.name());
  const SchemaModel model =
      left_to_operations(db.dialect->reflect(*db.connection, version_table.name()), objects);
  SchemaDiff changes = diff(SchemaModel{}, model, db.dialect->diff_rules());
  for (const auto& warning : changes.warnings) out.warn(warning);
  for (const auto& object : objects) {
    out.progress(fmt::format("Detected {} '{}'", object.kind, object.name));
  }
  out.progress(fmt::format("Found {} table{} and {} other object{}", model.tables.size(),
                           model.tables.size() == 1 ? "" : "s", objects.size(),
                           objects.size() == 1 ? "" : "s"));
  add_catalog_objects(objects, changes);
  return changes;
}

// Stamps `rev_id` in one transaction, checking again under the lock that nobody stamped the
// database meanwhile.
void stamp_baseline(Database& db, const VersionTable& version_table, const std::string& rev_id) {
  Transaction transaction(*db.connection);
  refuse_history(version_table.read(*db.connection), version_table, db);
  db.connection->execute(version_table.create_sql());
  for (const auto& sql : version_table.replace_sql({}, {rev_id})) db.connection->execute(sql);
  transaction.commit();
}

}  // namespace

fs::path baseline(const GlobalOptions& global, const BaselineOptions& options, const Output& out) {
  const Environment env(global, out);
  refuse_existing_revisions(env);
  NewRevision next;
  next.rev_id = options.rev_id.value_or(generate_rev_id());
  validate_rev_id(next.rev_id);
  next.message = options.message;
  next.version_path = env.directory().version_locations().front();

  auto db = connect(env);
  const VersionTable version_table = env.version_table(db);
  std::unique_ptr<LockGuard> lock;
  {
    const LockWaitNotice notice(
        out, fmt::format("Waiting for the migration lock on {}: another run holds it",
                         version_table.lock_key()));
    lock = db.dialect->lock(*db.connection, version_table.lock_key());
  }
  refuse_history(version_table.read(*db.connection), version_table, db);

  const SchemaDiff changes = schema_operations(db, version_table, out);
  next.upgrade_yaml = emit_operations(changes.upgrade);
  next.downgrade_yaml = emit_operations(changes.downgrade);
  const fs::path path = write_revision(env.config(), next, std::chrono::system_clock::now(),
                                       embedded::kScriptTemplate);
  out.progress(fmt::format("Generating {} ...  done", path.string()));
  try {
    stamp_baseline(db, version_table, next.rev_id);
  } catch (const Error&) {
    std::error_code ignored;
    fs::remove(path, ignored);
    throw;
  }
  out.progress(fmt::format("Stamped the database at {}", next.rev_id));
  if (json::wanted(global)) out.data(json::written(next.rev_id, fs::absolute(path)));
  return path;
}

}  // namespace migrate::commands
