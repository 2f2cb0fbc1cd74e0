#pragma once
// The dialect contract. A dialect is a folder under src/dialects/ implementing this interface and
// one line in src/dialects/registry.cpp; nothing outside those folders names a dialect.
//
// Adding one (README.rst, "Adding a dialect"): implement every method, deriving its SQL from
// dialects::SqlRenderer; keep the client library's headers inside the folder; add one line to
// tests/dialect_suite/instantiations.cpp, whose contract suite it must pass, and a Backend to
// tests/support/backends.cpp, which runs the end-to-end suite (tests/cli) on it too.
#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/core/error.h"
#include "migrate/dialects/connection.h"
#include "migrate/ops/operation.h"
#include "migrate/schema/differ.h"
#include "migrate/schema/schema.h"

namespace migrate {

class Url;

// One SQL statement to run for an operation.
struct Statement {
  std::string sql;
  // A check, not a change: the statement is a query that must return no rows (SQLite's
  // `PRAGMA foreign_key_check` after a table rebuild); rows mean the operation failed, and the
  // failure says `violation` and names the first rows, their columns labelled by `row_labels`.
  bool must_return_no_rows = false;
  std::string violation = {};
  std::vector<std::string> row_labels = {};
};

struct TableName {
  std::optional<std::string> schema;
  std::string name;
};

// The progress table (SPEC §13) and the history table (SPEC §15) sit beside the version table
// and are named after it; reflection leaves all three out.
inline std::string progress_table_name(const std::string& version_table) {
  return version_table + "_progress";
}
inline std::string history_table_name(const std::string& version_table) {
  return version_table + "_history";
}

// A database object the operations cannot express (a view, function, trigger, type, sequence),
// as `migrate baseline` recreates it (SPEC §14): SQL taken from the database's own catalog.
struct CatalogObject {
  // Where it goes relative to the tables the operations create: types, sequences and the
  // functions that defaults use come before them; views, triggers and the rest after.
  enum class Phase { before_tables, after_tables };
  Phase phase = Phase::after_tables;
  std::string kind;  // "view", "function", "trigger", "type", "sequence", ... for messages
  std::string name;  // as the catalog names it; a trigger as `table.trigger`
  std::string create_sql;
  std::string drop_sql;
  // Tables the object creates itself (SQLite's virtual tables and their shadow tables): the
  // operations must leave them out.
  std::vector<std::string> tables = {};
  // Indexes the object is (a PostgreSQL GiST or GIN index, which create_index cannot say):
  // the operations must leave them out.
  std::vector<std::string> indexes = {};

  friend bool operator==(const CatalogObject&, const CatalogObject&) = default;
};

// How a dialect keeps two runs against one database apart (SPEC §10).
enum class LockKind {
  transaction,  // the write transaction is the lock, taken by each begin() (SQLite's BEGIN
                // IMMEDIATE): heads are read again in every transaction
  session,      // a named lock the session holds for the whole command (pg_advisory_lock)
};

// What changing an existing table's columns or constraints costs while it holds the table, for
// `migrate lint` (SPEC §15).
enum class AlterCost {
  // In place under a lock that blocks writes for as long as it runs: a scan of every row to check
  // a new constraint, a rewrite for most type changes (PostgreSQL).
  locked_in_place,
  // A copy of the whole table while writes wait (MySQL's ALGORITHM=COPY) for a type or
  // nullability change or a primary key change; an index is built in place.
  table_copy,
  // migrate rebuilds the table: creates the new one, copies every row, swaps it in (SQLite).
  table_rebuild,
};

// Config lock_timeout and statement_timeout (SPEC §15); unset: the server's own.
struct Timeouts {
  std::optional<std::chrono::milliseconds> lock;
  std::optional<std::chrono::milliseconds> statement;
};

// What a database can do, so that the runtime and the commands ask what it can do instead of
// which one it is.
struct Capabilities {
  // DDL runs inside a transaction and rolls back with it, so a failed migration leaves nothing
  // behind. Without it, statements commit one by one and the version table moves after each
  // migration (MigrationContext::run_autocommit).
  bool transactional_ddl = true;
  // Indexes can be built without locking out writes (CREATE INDEX CONCURRENTLY), outside any
  // transaction.
  bool concurrent_index_builds = false;
  // Tables live in schemas, which `schema` fields and version_table_schema name.
  bool schemas = false;
  // An index may cover only the rows a WHERE clause picks (create_index's `where`).
  bool partial_indexes = true;
  LockKind lock = LockKind::transaction;
  // The column type for text of any length (the progress table's SQL): `text` is 64 KB on MySQL.
  std::string_view unbounded_text = "text";
  // A session can bound how long a statement waits for a lock, and how long one runs
  // (Dialect::timeout_statements).
  bool lock_timeout = false;
  bool statement_timeout = false;
  // A foreign key or check can be added without checking existing rows, and validated later
  // without a long lock (CreateForeignKey::not_valid).
  bool not_valid_constraints = false;
  AlterCost alter_cost = AlterCost::locked_in_place;
  // Columns carry comments (a column's `comment`, alter_column's `comment`); where they do not,
  // comments are left out silently, as SQLAlchemy leaves them out, so one script serves all.
  bool column_comments = true;
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  [[nodiscard]] virtual const Capabilities& capabilities() const = 0;

  // "sqlite", "postgresql": the key of `execute: {sqlite: ...}` and of `{sql, dialect}`.
  virtual std::string_view name() const = 0;

  // Opens a connection. Throws Error naming url.masked() and the database's reason.
  virtual std::unique_ptr<Connection> connect(const Url& url) const = 0;
  // The --sql sink: statements are written to `out`, each terminated by ";\n". A dialect whose
  // rendering needs the current table shape keeps a shadow database to answer queries.
  virtual std::unique_ptr<Connection> offline(const Url& url, std::ostream& out) const = 0;

  // Takes the database-wide migration lock for the whole command (SPEC §10), blocking until it
  // is free. `key` identifies the version table.
  virtual std::unique_ptr<LockGuard> lock(Connection& connection, std::string_view key) const = 0;
  // The same lock, giving up after `wait` with nullptr (a fleet's --lock-wait). The default
  // waits as lock() does, for dialects whose lock is their transaction's (bounded by its own
  // busy timeout).
  virtual std::unique_ptr<LockGuard> lock_within(Connection& connection, std::string_view key,
                                                 std::chrono::milliseconds wait) const {
    (void)wait;
    return lock(connection, key);
  }

  // How many connections the server allows and how many are open now, for a fleet's -j check;
  // nullopt where there is no such limit (SQLite).
  struct ConnectionRoom {
    std::size_t allowed = 0;
    std::size_t in_use = 0;
  };
  [[nodiscard]] virtual std::optional<ConnectionRoom> connection_room(
      Connection& connection) const {
    (void)connection;
    return std::nullopt;
  }

  // Whether a connection opened for `from` can become a connection to `to` without a new login,
  // so that a fleet's worker keeps one login for all its targets: a check of the two URLs only.
  // The default: never (every target needs its own connection).
  [[nodiscard]] virtual bool can_switch(const Url& from, const Url& to) const {
    (void)from;
    (void)to;
    return false;
  }
  // Whether a connection opened for `login`, and switched since, may run a migration for `to`:
  // reads are the same on it, but a migration's own statements may put the session back to what
  // the login set (PostgreSQL's RESET and DISCARD restore the login's `options` settings, which
  // are another target's). Where not, the fleet opens a connection for `to` to run it.
  [[nodiscard]] virtual bool may_migrate_on(const Url& login, const Url& to) const {
    (void)login;
    (void)to;
    return true;
  }
  // Makes `connection`, opened (or last switched) for `from`, a clean connection to `to`, as if
  // just opened for it: session state reset, nothing of the last target's left. Called only when
  // can_switch(from, to) and the connection is idle (no transaction open, no lock held). Throws
  // Error when the switch fails; the caller then closes the connection.
  virtual void switch_connection(Connection& connection, const Url& from, const Url& to) const {
    (void)connection;
    (void)from;
    (void)to;
    throw Error("This database cannot switch an open connection to another target");
  }

  // SQL for one operation against the database as it stands now: the dialect may query the
  // connection for the current shape of a table (SQLite's rebuild). Statements are returned,
  // not run, so the runtime can report the failing one and --sql can print them.
  [[nodiscard]] virtual std::vector<Statement> render(const Operation& op,
                                                      Connection& connection) const = 0;

  // Statements that set `timeouts` for the rest of the session, run once the migration lock is
  // held so that they bound the migrations and not the wait for migrate's own lock. Only what
  // capabilities() says the database has; none by default.
  [[nodiscard]] virtual std::vector<std::string> timeout_statements(
      Connection& connection, const Timeouts& timeouts) const {
    (void)connection;
    (void)timeouts;
    return {};
  }

  // Identifier and literal quoting.
  [[nodiscard]] virtual std::string quote_identifier(std::string_view name) const = 0;
  [[nodiscard]] virtual std::string quote_literal(std::string_view text) const = 0;
  [[nodiscard]] virtual std::string qualified(const TableName& table) const = 0;

  // Version table (SPEC §10).
  [[nodiscard]] virtual std::string create_version_table(const TableName& table,
                                                         bool if_not_exists) const = 0;
  virtual bool table_exists(Connection& connection, const TableName& table) const = 0;
  // The schema that the unqualified name `table` means on this connection now (the schema of
  // the table the search path finds, else the one new tables go to), so that the runtime can
  // name the version table fully before a migration changes the search path. nullopt where
  // names are not searched (SQLite).
  [[nodiscard]] virtual std::optional<std::string> schema_of(Connection& connection,
                                                             std::string_view table) const {
    (void)connection;
    (void)table;
    return std::nullopt;
  }

  // Autogenerate and check (SPEC §12).
  //
  // The database's tables as a model normalised so that it compares equal to the declared form
  // of the same schema; the version table is never part of it.
  [[nodiscard]] virtual SchemaModel reflect(Connection& connection,
                                            const TableName& version_table) const = 0;
  // reflect() for the tables `tables` names only (regardless of case), so that a caller who
  // knows what changed (`migrate test`, after each downgrade) need not read the whole schema.
  // The default reflects everything and keeps those; a dialect overrides it where asking the
  // catalog for fewer tables is cheaper.
  [[nodiscard]] virtual SchemaModel reflect_tables(Connection& connection,
                                                   const TableName& version_table,
                                                   const std::vector<std::string>& tables) const {
    return only_tables(reflect(connection, version_table), tables);
  }
  // The objects reflect() does not hold, in an order that creates each after what it depends
  // on (drop them in reverse), from the same schema reflect() reads; none by default.
  [[nodiscard]] virtual std::vector<CatalogObject> catalog_objects(
      Connection& connection, const TableName& version_table) const {
    (void)connection;
    (void)version_table;
    return {};
  }
  // A private, empty database of this dialect (SQLite: in memory; PostgreSQL: a temporary
  // database on the server of `url`, dropped when the connection is destroyed), where a `.sql`
  // target schema is run and then reflected, and where `migrate test` runs the migrations.
  [[nodiscard]] virtual std::unique_ptr<Connection> scratch(const Url& url) const = 0;
  // What "the same type" and "the same default" mean on this database (differ.h).
  [[nodiscard]] virtual const DiffRules& diff_rules() const = 0;
};

namespace dialects {

// The dialect for a URL's scheme. Throws Error listing the supported schemes.
const Dialect& find(const Url& url);
// Every supported URL scheme, for messages and --help.
std::vector<std::string> supported_schemes();

// What --version says of each dialect: built into this program, or a program of its own in
// lib/migrate/ beside it, and whether that program is there.
struct DialectStatus {
  std::string name;
  bool built_in = false;
  std::string program;  // its path, when not built in
  bool found = false;
};
std::vector<DialectStatus> dialect_status();

}  // namespace dialects
}  // namespace migrate
