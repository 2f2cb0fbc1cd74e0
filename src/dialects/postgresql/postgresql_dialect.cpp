#include "dialects/postgresql/postgresql_dialect.h"

#include <fmt/format.h>

#include "dialects/postgresql/catalog.h"
#include "dialects/postgresql/connection.h"
#include "dialects/postgresql/lock.h"
#include "dialects/postgresql/offline.h"
#include "dialects/postgresql/quoting.h"
#include "dialects/postgresql/reflect.h"
#include "dialects/postgresql/render.h"
#include "dialects/postgresql/scratch.h"
#include "dialects/postgresql/session_options.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"

namespace migrate::postgresql {
namespace {

// Relation kinds that are tables: ordinary and partitioned.
constexpr const char* kTableKinds = "('r', 'p')";

class PostgresqlDialect final : public Dialect {
 public:
  std::string_view name() const override { return "postgresql"; }

  const Capabilities& capabilities() const override {
    static constexpr Capabilities kPostgresql{.transactional_ddl = true,
                                              .concurrent_index_builds = true,
                                              .schemas = true,
                                              .partial_indexes = true,
                                              .lock = LockKind::session,
                                              .lock_timeout = true,
                                              .statement_timeout = true,
                                              .not_valid_constraints = true,
                                              .alter_cost = AlterCost::locked_in_place};
    return kPostgresql;
  }

  std::unique_ptr<Connection> connect(const Url& url) const override {
    return PgConnection::open(url);
  }

  std::unique_ptr<Connection> offline(const Url&, std::ostream& out) const override {
    return std::make_unique<OfflineConnection>(out);
  }

  std::unique_ptr<LockGuard> lock(Connection& connection, std::string_view key) const override {
    return advisory_lock(connection, key);
  }

  std::unique_ptr<LockGuard> lock_within(Connection& connection, std::string_view key,
                                         std::chrono::milliseconds wait) const override {
    return advisory_lock_within(connection, key, wait);
  }

  std::optional<ConnectionRoom> connection_room(Connection& connection) const override {
    // What an ordinary login may use: superuser_reserved_connections are not for it.
    const auto rows = connection.query(
        "SELECT current_setting('max_connections')::int - "
        "current_setting('superuser_reserved_connections')::int, "
        "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')");
    if (rows.empty() || rows.front().size() < 2) return std::nullopt;
    return ConnectionRoom{std::stoul(rows.front()[0].value_or("0")),
                          std::stoul(rows.front()[1].value_or("0"))};
  }

  // One login serves every URL that differs from it only in the `options` settings' values
  // (a tenant's search_path): the session is reset and those settings set again.
  bool can_switch(const Url& from, const Url& to) const override {
    return switchable_options(from, to).has_value();
  }

  // RESET search_path in a migration must find the target's own schema: only a login with the
  // same settings has it as the reset value (set_config() changes the value, not the default).
  bool may_migrate_on(const Url& login, const Url& to) const override {
    return can_switch(login, to) && login.query() == to.query();
  }

  void switch_connection(Connection& connection, const Url& from, const Url& to) const override {
    const auto settings = switchable_options(from, to);
    auto* pg = dynamic_cast<PgConnection*>(&connection);
    if (!settings || pg == nullptr) {
      Dialect::switch_connection(connection, from, to);  // throws
      return;
    }
    pg->switch_to(to, *settings);
  }

  std::vector<Statement> render(const Operation& op, Connection& connection) const override {
    return renderer().render(op, connection);
  }

  // Session settings rather than SET LOCAL: they must also bound the statements that run outside
  // a transaction (CREATE INDEX CONCURRENTLY, `transactional: false` scripts).
  std::vector<std::string> timeout_statements(Connection&,
                                              const Timeouts& timeouts) const override {
    std::vector<std::string> sql;
    if (timeouts.lock)
      sql.push_back(fmt::format("SET lock_timeout = '{}ms'", timeouts.lock->count()));
    if (timeouts.statement) {
      sql.push_back(fmt::format("SET statement_timeout = '{}ms'", timeouts.statement->count()));
    }
    return sql;
  }

  std::string quote_identifier(std::string_view name) const override {
    return postgresql::quote_identifier(name);
  }
  std::string quote_literal(std::string_view text) const override {
    return postgresql::quote_literal(text);
  }
  std::string qualified(const TableName& table) const override {
    return postgresql::qualified(table.schema, table.name);
  }

  // Alembic's DDL, so that either tool can read the table (SPEC §10).
  std::string create_version_table(const TableName& table, bool if_not_exists) const override {
    return fmt::format(
        "CREATE TABLE {}{} (version_num VARCHAR(32) NOT NULL, CONSTRAINT {} PRIMARY KEY "
        "(version_num))",
        if_not_exists ? "IF NOT EXISTS " : "", qualified(table),
        postgresql::quote_identifier(table.name + "_pkc"));
  }

  // Without a schema, the table the search_path finds (as an unqualified name in SQL would);
  // with one, that schema's table, and an error when the schema itself is missing: Alembic
  // does not create it, and "relation does not exist" would hide what to fix.
  bool table_exists(Connection& connection, const TableName& table) const override {
    const auto name = postgresql::quote_literal(table.name);
    if (!table.schema) {
      return !connection
                  .query(
                      fmt::format("SELECT 1 FROM pg_catalog.pg_class c WHERE c.relname = {} "
                                  "AND c.relkind IN {} AND pg_catalog.pg_table_is_visible(c.oid)",
                                  name, kTableKinds))
                  .empty();
    }
    const auto schema = postgresql::quote_literal(*table.schema);
    const auto rows = connection.query(
        fmt::format("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = {0}), "
                    "EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                    "ON n.oid = c.relnamespace WHERE n.nspname = {0} AND c.relname = {1} "
                    "AND c.relkind IN {2})",
                    schema, name, kTableKinds));
    if (rows.empty() || rows.front().size() != 2) return false;  // the --sql sink
    if (rows.front()[0] != "t") {
      throw Error(fmt::format(
          "Schema '{0}' does not exist, so table '{0}.{1}' cannot be read or created; create "
          "the schema first (CREATE SCHEMA {2}) or correct version_table_schema",
          *table.schema, table.name, postgresql::quote_identifier(*table.schema)));
    }
    return rows.front()[1] == "t";
  }

  std::optional<std::string> schema_of(Connection& connection,
                                       std::string_view table) const override {
    const auto rows = connection.query(fmt::format(
        "SELECT COALESCE((SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace "
        "n ON n.oid = c.relnamespace WHERE c.relname = {} AND c.relkind IN {} AND "
        "pg_catalog.pg_table_is_visible(c.oid) LIMIT 1), pg_catalog.current_schema())",
        postgresql::quote_literal(table), kTableKinds));
    if (rows.empty() || rows.front().empty()) return std::nullopt;
    return rows.front().front();
  }

  SchemaModel reflect(Connection& connection, const TableName& version_table) const override {
    return postgresql::reflect(connection, version_table);
  }

  std::vector<CatalogObject> catalog_objects(Connection& connection,
                                             const TableName& version_table) const override {
    return postgresql::catalog_objects(connection, version_table);
  }
  SchemaModel reflect_tables(Connection& connection, const TableName& version_table,
                             const std::vector<std::string>& tables) const override {
    return postgresql::reflect(connection, version_table, &tables);
  }

  std::unique_ptr<Connection> scratch(const Url& url) const override { return open_scratch(url); }

  const DiffRules& diff_rules() const override { return postgresql::diff_rules(); }
};

}  // namespace

const Dialect& dialect() {
  static const PostgresqlDialect instance;
  return instance;
}

}  // namespace migrate::postgresql
