#include "dialects/mysql/mysql_dialect.h"

#include <fmt/format.h>

#include "dialects/mysql/catalog.h"
#include "dialects/mysql/connection.h"
#include "dialects/mysql/lock.h"
#include "dialects/mysql/offline.h"
#include "dialects/mysql/quoting.h"
#include "dialects/mysql/reflect.h"
#include "dialects/mysql/render.h"
#include "dialects/mysql/scratch.h"
#include "dialects/mysql/timeouts.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"

namespace migrate::mysql {
namespace {

class MysqlDialect final : public Dialect {
 public:
  std::string_view name() const override { return "mysql"; }

  // DDL commits by itself: the runtime goes statement by statement (SPEC §13). A schema is a
  // database here, which `schema` fields and version_table_schema may name.
  const Capabilities& capabilities() const override {
    static constexpr Capabilities kMysql{.transactional_ddl = false,
                                         .concurrent_index_builds = false,
                                         .schemas = true,
                                         .partial_indexes = false,
                                         .lock = LockKind::session,
                                         .unbounded_text = "LONGTEXT",
                                         .lock_timeout = true,
                                         .statement_timeout = true,
                                         .not_valid_constraints = false,
                                         .alter_cost = AlterCost::table_copy};
    return kMysql;
  }

  std::unique_ptr<Connection> connect(const Url& url) const override {
    return MysqlConnection::open(url);
  }

  std::unique_ptr<Connection> offline(const Url&, std::ostream& out) const override {
    return std::make_unique<OfflineConnection>(out);
  }

  // One login serves every database on its server: the session is reset and the database
  // selected (a fleet of databases, one per tenant).
  bool can_switch(const Url& from, const Url& to) const override {
    return from.scheme() == to.scheme() && from.user() == to.user() &&
           from.password() == to.password() && from.host() == to.host() &&
           from.port() == to.port() && from.query() == to.query() && !to.database().empty();
  }

  void switch_connection(Connection& connection, const Url& from, const Url& to) const override {
    auto* mysql = dynamic_cast<MysqlConnection*>(&connection);
    if (!can_switch(from, to) || mysql == nullptr) {
      Dialect::switch_connection(connection, from, to);  // throws
      return;
    }
    mysql->switch_to(to);
  }

  std::unique_ptr<LockGuard> lock(Connection& connection, std::string_view key) const override {
    const auto rows = connection.query("SELECT DATABASE()");
    const std::string database =
        rows.empty() || rows.front().empty() ? std::string() : rows.front().front().value_or("");
    return named_lock(connection, lock_name(database, key));
  }

  std::unique_ptr<LockGuard> lock_within(Connection& connection, std::string_view key,
                                         std::chrono::milliseconds wait) const override {
    const auto rows = connection.query("SELECT DATABASE()");
    const std::string database =
        rows.empty() || rows.front().empty() ? std::string() : rows.front().front().value_or("");
    return named_lock_within(connection, lock_name(database, key), wait);
  }

  std::optional<ConnectionRoom> connection_room(Connection& connection) const override {
    // Threads_connected counts every session, whoever's (PROCESSLIST shows only one's own).
    const auto allowed = connection.query("SELECT @@max_connections");
    const auto in_use = connection.query("SHOW GLOBAL STATUS LIKE 'Threads_connected'");
    if (allowed.empty() || allowed.front().empty() || in_use.empty() || in_use.front().size() < 2) {
      return std::nullopt;
    }
    return ConnectionRoom{std::stoul(allowed.front()[0].value_or("0")),
                          std::stoul(in_use.front()[1].value_or("0"))};
  }

  std::vector<Statement> render(const Operation& op, Connection& connection) const override {
    return renderer().render(op, connection);
  }

  std::vector<std::string> timeout_statements(Connection& connection,
                                              const Timeouts& timeouts) const override {
    return mysql::timeout_statements(connection, timeouts);
  }

  std::string quote_identifier(std::string_view name) const override {
    return mysql::quote_identifier(name);
  }
  std::string quote_literal(std::string_view text) const override {
    return mysql::quote_literal(text);
  }
  std::string qualified(const TableName& table) const override {
    return mysql::qualified(table.schema, table.name);
  }

  // Alembic's DDL, so that either tool can read the table (SPEC §10).
  std::string create_version_table(const TableName& table, bool if_not_exists) const override {
    return fmt::format(
        "CREATE TABLE {}{} (version_num VARCHAR(32) NOT NULL, CONSTRAINT {} PRIMARY KEY "
        "(version_num))",
        if_not_exists ? "IF NOT EXISTS " : "", qualified(table),
        mysql::quote_identifier(table.name + "_pkc"));
  }

  // With a schema (a database here), that database must exist: "Unknown database" from the
  // CREATE TABLE that follows would not say which setting to fix.
  bool table_exists(Connection& connection, const TableName& table) const override {
    if (table.schema && !connection.offline() &&
        connection
            .query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
                   mysql::quote_literal(*table.schema))
            .empty()) {
      throw Error(fmt::format(
          "Database '{0}' does not exist, so table '{0}.{1}' cannot be read or created; create it "
          "first (CREATE DATABASE {2}) or correct version_table_schema",
          *table.schema, table.name, mysql::quote_identifier(*table.schema)));
    }
    return !connection
                .query(fmt::format(
                    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = {} AND "
                    "TABLE_NAME = {}",
                    table.schema ? mysql::quote_literal(*table.schema) : "DATABASE()",
                    mysql::quote_literal(table.name)))
                .empty();
  }

  std::optional<std::string> schema_of(Connection& connection, std::string_view) const override {
    const auto rows = connection.query("SELECT DATABASE()");
    if (rows.empty() || rows.front().empty()) return std::nullopt;
    return rows.front().front();
  }

  SchemaModel reflect(Connection& connection, const TableName& version_table) const override {
    return mysql::reflect(connection, version_table);
  }

  std::vector<CatalogObject> catalog_objects(Connection& connection,
                                             const TableName& version_table) const override {
    return mysql::catalog_objects(connection, version_table);
  }

  std::unique_ptr<Connection> scratch(const Url& url) const override { return open_scratch(url); }

  const DiffRules& diff_rules() const override { return mysql::diff_rules(); }
};

}  // namespace

const Dialect& dialect() {
  static const MysqlDialect instance;
  return instance;
}

}  // namespace migrate::mysql
