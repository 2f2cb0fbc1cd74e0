#pragma once
// A live SQLite connection over SQLiteCpp (SPEC §3, §10).
//
// URL: sqlite:///relative/path.db (relative to the current directory, as in Alembic),
// sqlite:////absolute/path.db, or sqlite:// and sqlite:///:memory: for a private in-memory
// database. The file is created if absent; its directory must exist.
//
// Query parameters:
//   ?timeout=SECONDS  how long to wait for a lock held by another process before failing
//                     (SQLite's busy timeout; default 60, fractions allowed, 0 = fail at once).
//
// begin() is BEGIN IMMEDIATE: it takes SQLite's write lock up front, so two `migrate upgrade`
// runs serialise there (the second waits up to the timeout, then finds nothing left to do)
// instead of both reading the version table and then colliding. PRAGMA foreign_keys stays OFF
// on this connection; rebuild.h explains why the table rebuild needs that.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/connection.h"

namespace SQLite {
class Database;  // keeps SQLiteCpp's headers out of the files that include this one
}

namespace migrate {
class Url;
}

namespace migrate::sqlite {

// The table rebuild (rebuild.h) builds the new shape under this prefix plus the table's name;
// the database's messages name the user's table instead.
inline constexpr std::string_view kRebuildTablePrefix = "_migrate_tmp_";

// Throws Error for a SQLite URL with a host, user, password or port: `sqlite://u:p@h/db` would
// otherwise open ./db without a word.
void check_url(const Url& url);

class SqliteConnection final : public Connection {
 public:
  // Throws Error naming url.masked(): a missing directory, a file that is not a database, a bad
  // ?timeout, an unknown query parameter.
  static std::unique_ptr<SqliteConnection> open(const Url& url);
  // A private in-memory database, named `label` in messages (the --sql sink's shadow).
  static std::unique_ptr<SqliteConnection> open_memory(std::string label);

  ~SqliteConnection() override;

  void execute(std::string_view sql) override;
  std::vector<Row> query(std::string_view sql) override;
  void begin() override;
  void commit() override;
  void rollback() noexcept override;
  // sqlite3_interrupt, which SQLite allows from any thread.
  void interrupt() noexcept override;

 private:
  SqliteConnection(std::unique_ptr<SQLite::Database> database, std::string label,
                   double timeout_seconds);

  // Runs `action`, turning SQLiteCpp's exceptions into migrate::Error.
  template <typename Action>
  auto translate(Action&& action);

  std::unique_ptr<SQLite::Database> database_;
  std::string label_;  // the masked URL
  double timeout_seconds_;
};

}  // namespace migrate::sqlite
