#include "dialects/sqlite/sqlite_dialect.h"

#include <fmt/format.h>

#include "dialects/sqlite/catalog.h"
#include "dialects/sqlite/connection.h"
#include "dialects/sqlite/offline.h"
#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/reflect.h"
#include "dialects/sqlite/render.h"
#include "migrate/core/text.h"

namespace migrate::sqlite {
namespace {

// A schema on SQLite is an attached database; naming another one would fail as "no such table:
// x.sqlite_master", which does not say what to change.
void check_schema_attached(Connection& connection, const std::string& schema) {
  if (connection.offline()) return;
  std::vector<std::string> names;
  for (const auto& row : connection.query("SELECT name FROM pragma_database_list ORDER BY seq")) {
    if (!row.empty() && row[0]) names.push_back(*row[0]);
  }
  for (const auto& name : names) {
    if (iequals(name, schema)) return;
  }
  throw Error(
      fmt::format("SQLite has no schema '{}': its schemas are the attached databases ({}); leave "
                  "version_table_schema (and `schema:` fields) unset on SQLite",
                  schema, fmt::join(names, ", ")));
}

class SqliteDialect final : public Dialect {
 public:
  std::string_view name() const override { return "sqlite"; }

  // Schemas on SQLite are attached databases: `schema` fields may name one, but nothing is
  // created in them by name the way a server's schemas are.
  const Capabilities& capabilities() const override {
    static constexpr Capabilities kSqlite{.transactional_ddl = true,
                                          .concurrent_index_builds = false,
                                          .schemas = false,
                                          .partial_indexes = true,
                                          .lock = LockKind::transaction,
                                          .alter_cost = AlterCost::table_rebuild,
                                          .column_comments = false};
    return kSqlite;
  }

  std::unique_ptr<Connection> connect(const Url& url) const override {
    return SqliteConnection::open(url);
  }

  std::unique_ptr<Connection> offline(const Url& url, std::ostream& out) const override {
    check_url(url);
    return std::make_unique<OfflineConnection>(out);
  }

  // SQLite has no lock apart from its transactions: BEGIN IMMEDIATE (Connection::begin) takes
  // the database-wide write lock and holds it to COMMIT, which is exactly the migration lock
  // SPEC §10 asks for. The guard therefore holds nothing.
  std::unique_ptr<LockGuard> lock(Connection&, std::string_view) const override {
    return std::make_unique<LockGuard>();
  }

  // The wait for that write lock is the busy timeout: bound it by `wait` for this session.
  std::unique_ptr<LockGuard> lock_within(Connection& connection, std::string_view,
                                         std::chrono::milliseconds wait) const override {
    connection.execute(fmt::format("PRAGMA busy_timeout = {}", wait.count()));
    return std::make_unique<LockGuard>();
  }

  std::vector<Statement> render(const Operation& op, Connection& connection) const override {
    return renderer().render(op, connection);
  }

  std::string quote_identifier(std::string_view name) const override {
    return sqlite::quote_identifier(name);
  }
  std::string quote_literal(std::string_view text) const override {
    return sqlite::quote_literal(text);
  }
  std::string qualified(const TableName& table) const override {
    return sqlite::qualified(table.schema, table.name);
  }

  // Alembic's DDL, so that either tool can read the table (SPEC §10).
  std::string create_version_table(const TableName& table, bool if_not_exists) const override {
    return fmt::format(
        "CREATE TABLE {}{} (version_num VARCHAR(32) NOT NULL, CONSTRAINT {} PRIMARY KEY "
        "(version_num))",
        if_not_exists ? "IF NOT EXISTS " : "", qualified(table),
        sqlite::quote_identifier(table.name + "_pkc"));
  }

  bool table_exists(Connection& connection, const TableName& table) const override {
    if (table.schema) check_schema_attached(connection, *table.schema);
    const auto master = table.schema ? sqlite::quote_identifier(*table.schema) + ".sqlite_master"
                                     : std::string("sqlite_master");
    return !connection
                .query(fmt::format("SELECT 1 FROM {} WHERE type = 'table' AND name = {} COLLATE "
                                   "NOCASE",
                                   master, sqlite::quote_literal(table.name)))
                .empty();
  }

  SchemaModel reflect(Connection& connection, const TableName& version_table) const override {
    return sqlite::reflect(connection, version_table);
  }
  SchemaModel reflect_tables(Connection& connection, const TableName& version_table,
                             const std::vector<std::string>& tables) const override {
    return sqlite::reflect_tables(connection, version_table, tables);
  }

  std::vector<CatalogObject> catalog_objects(Connection& connection,
                                             const TableName&) const override {
    return sqlite::catalog_objects(connection);
  }

  std::unique_ptr<Connection> scratch(const Url&) const override {
    return SqliteConnection::open_memory("the scratch database for the target schema");
  }

  const DiffRules& diff_rules() const override { return sqlite::diff_rules(); }
};

}  // namespace

const Dialect& dialect() {
  static const SqliteDialect instance;
  return instance;
}

}  // namespace migrate::sqlite
