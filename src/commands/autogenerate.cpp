// The declared-versus-database comparison (autogenerate.h), behind `check` and
// `revision --autogenerate`.
#include "commands/autogenerate.h"

#include <fmt/format.h>

#include "migrate/commands/commands.h"
#include "migrate/core/error.h"
#include "migrate/core/file.h"
#include "migrate/graph/plan.h"
#include "migrate/ops/dialect_filter.h"
#include "migrate/schema/schema_yaml.h"

namespace migrate::commands {
namespace {

namespace fs = std::filesystem;

// Checked before connecting: a mistyped path should not wait for a database.
fs::path target_path(const Environment& env, const std::optional<fs::path>& option) {
  fs::path path;
  if (option) {
    path = fs::absolute(*option);
  } else if (auto configured = env.config().target_schema()) {
    path = *configured;
  } else {
    throw Error(
        fmt::format("No target schema to compare with; set target_schema in [{}] of {} or pass "
                    "--target-schema FILE (a .yaml or .sql file)",
                    env.config().section(), env.config().file().string()));
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw Error(fmt::format(
        "The target schema '{}' does not exist; check {}", path.string(),
        option ? "--target-schema" : "target_schema in " + env.config().file().string()));
  }
  return path;
}

// A .sql target schema: plain DDL, run in a scratch database of the same dialect and reflected,
// so that any DDL the database accepts works and no SQL parser is needed (SPEC §12).
SchemaModel declared_from_sql(const Database& db, const fs::path& path,
                              const TableName& version_table) {
  const std::string sql =
      read_file(path, fmt::format("Cannot read the target schema '{}'; check target_schema or "
                                  "--target-schema",
                                  path.string()));
  auto scratch = db.dialect->scratch(db.url);
  try {
    scratch->execute(sql);
  } catch (const Error& e) {
    throw Error(fmt::format("Running the target schema {} in a scratch database failed: {}",
                            path.string(), e.what()));
  }
  SchemaModel model = db.dialect->reflect(*scratch, version_table);
  validate(model, path.string());
  return model;
}

}  // namespace

SchemaModel declared_schema(const Database& db, const fs::path& path,
                            const TableName& version_table) {
  const auto extension = path.extension().string();
  if (extension == ".yaml" || extension == ".yml") {
    return load_schema_yaml(path, dialect_keys(db.dialect->name()));
  }
  if (extension == ".sql") return declared_from_sql(db, path, version_table);
  throw Error(
      fmt::format("The target schema {} must be a .yaml, .yml or .sql file", path.string()));
}

SchemaDiff compare_with_target_schema(const Environment& env,
                                      const std::optional<fs::path>& target_schema) {
  const fs::path path = target_path(env, target_schema);
  auto db = connect(env);
  const VersionTable version_table = env.version_table(db);
  const auto heads = current_heads(env, db);
  // Comparing a database that misses migrations would write them a second time.
  if (!plan_upgrade(env.graph(), heads, env.graph().real_heads()).empty()) {
    const auto& all_heads = env.graph().real_heads();
    throw Error(fmt::format(
        "Target database is not up to date: it is at {}, and the head{} {} {}; run 'migrate "
        "upgrade {}' first",
        heads.empty() ? std::string("base") : fmt::format("{}", fmt::join(heads, ", ")),
        all_heads.size() == 1 ? "" : "s", all_heads.size() == 1 ? "is" : "are",
        fmt::join(all_heads, ", "), all_heads.size() == 1 ? "head" : "heads"));
  }
  const SchemaModel declared = declared_schema(db, path, version_table.name());
  const SchemaModel reflected = db.dialect->reflect(*db.connection, version_table.name());
  return diff(reflected, declared, db.dialect->diff_rules());
}

}  // namespace migrate::commands
