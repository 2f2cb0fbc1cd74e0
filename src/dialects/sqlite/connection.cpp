#include "dialects/sqlite/connection.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <charconv>
#include <climits>
#include <cmath>
#include <filesystem>

#include "migrate/config/url.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

constexpr double kDefaultTimeoutSeconds = 60;

double parse_timeout(const Url& url) {
  double seconds = kDefaultTimeoutSeconds;
  for (const auto& [key, value] : url.query()) {
    if (key != "timeout") {
      throw Error(
          fmt::format("Unknown parameter '{}' in SQLite URL '{}'; the only one supported "
                      "is ?timeout=SECONDS",
                      key, url.masked()));
    }
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
        !std::isfinite(seconds) || seconds < 0) {
      throw Error(
          fmt::format("Bad ?timeout={} in SQLite URL '{}': expected a number of seconds "
                      "(0 or more)",
                      value, url.masked()));
    }
  }
  return seconds;
}

LockTimeout locked(const std::string& label, double timeout_seconds) {
  return LockTimeout(fmt::format(
      "SQLite database '{}' is locked by another process: gave up after waiting {} s (the busy "
      "timeout); retry when it is done, or wait longer with ?timeout=SECONDS in the URL",
      label, timeout_seconds));
}

// "NOT NULL constraint failed: _migrate_tmp_account.name" is about the user's table account.
std::string without_rebuild_prefix(std::string message) {
  for (auto pos = message.find(kRebuildTablePrefix); pos != std::string::npos;
       pos = message.find(kRebuildTablePrefix, pos)) {
    message.erase(pos, kRebuildTablePrefix.size());
  }
  return message;
}

int to_milliseconds(double seconds) {
  return static_cast<int>(std::min(std::round(seconds * 1000), static_cast<double>(INT_MAX)));
}

// Outside a transaction SQLite loads the schema for a statement in one read transaction and
// runs it in another. Another run committing schema changes in between, again and again (its
// COMMIT waits on our load with SQLite's PENDING lock, which keeps our next read out until it
// has committed), fails the statement with SQLITE_SCHEMA "database schema has changed" once
// sqlite3_step has re-prepared SQLITE_MAX_SCHEMA_RETRY times: a second `migrate upgrade` waiting
// on the first one failed that way. One read transaction for both (begun by PRAGMA
// schema_version, which compares no schema cookie) cannot see the schema change between them;
// a writer waits a moment, within its busy timeout. Inside a transaction it does nothing.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SQLite::Database& database)
      : database_(&database), own_(sqlite3_get_autocommit(database.getHandle()) != 0) {
    if (!own_) return;
    database.exec("BEGIN");
    database.exec("PRAGMA schema_version");
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot() {
    // Only reads happened: ending the transaction either way changes nothing, and a failure to
    // end it leaves a connection the caller closes after its error.
    if (own_ && sqlite3_get_autocommit(database_->getHandle()) == 0) {
      sqlite3_exec(database_->getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  void end() {
    if (own_) database_->exec("COMMIT");
    own_ = false;
  }

 private:
  SQLite::Database* database_;
  bool own_;
};

std::vector<Row> read_rows(SQLite::Database& database, std::string_view sql) {
  SQLite::Statement statement(database, std::string(sql));
  std::vector<Row> rows;
  while (statement.executeStep()) {
    Row row;
    for (int i = 0; i < statement.getColumnCount(); ++i) {
      const auto column = statement.getColumn(i);
      if (column.isNull()) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(column.getString());
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void prepare(SQLite::Database& database) {
  // Some builds default foreign keys ON (SQLITE_DEFAULT_FOREIGN_KEYS). Migrate's table rebuild
  // drops and re-creates tables, which with foreign keys on would cascade into child tables
  // (rebuild.h), and the pragma cannot be changed once a transaction is open: so it is set off
  // here, once, for the connection's life.
  database.exec("PRAGMA foreign_keys=OFF");
  // Reading the schema is the first access to the file: it fails here, with the URL in the
  // message, when the file is not a SQLite database. It reads in one snapshot (ReadSnapshot).
  ReadSnapshot snapshot(database);
  database.exec("SELECT count(*) FROM sqlite_master");
  snapshot.end();
}

}  // namespace

SqliteConnection::SqliteConnection(std::unique_ptr<SQLite::Database> database, std::string label,
                                   double timeout_seconds)
    : database_(std::move(database)), label_(std::move(label)), timeout_seconds_(timeout_seconds) {}

SqliteConnection::~SqliteConnection() = default;

void check_url(const Url& url) {
  if (url.host() || url.user() || url.password() || url.port()) {
    throw Error(
        fmt::format("SQLite URL '{}' names a host or credentials, which SQLite does not use: write "
                    "sqlite:///relative/path.db or sqlite:////absolute/path.db",
                    url.masked()));
  }
}

std::unique_ptr<SqliteConnection> SqliteConnection::open(const Url& url) {
  check_url(url);
  const double timeout = parse_timeout(url);
  const std::string path = url.is_memory() ? ":memory:" : url.database();
  if (!url.is_memory()) {
    const auto directory = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!directory.empty() && !std::filesystem::is_directory(directory, error)) {
      throw Error(
          fmt::format("Cannot open SQLite database '{}': directory '{}' does not exist "
                      "(relative paths start from the current directory)",
                      url.masked(), directory.string()));
    }
  }
  try {
    auto database = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, to_milliseconds(timeout));
    prepare(*database);
    return std::unique_ptr<SqliteConnection>(
        new SqliteConnection(std::move(database), url.masked(), timeout));
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) throw locked(url.masked(), timeout);
    throw Error(fmt::format("Cannot open SQLite database '{}': {}", url.masked(), e.what()));
  }
}

std::unique_ptr<SqliteConnection> SqliteConnection::open_memory(std::string label) {
  try {
    auto database = std::make_unique<SQLite::Database>(
        ":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    prepare(*database);
    return std::unique_ptr<SqliteConnection>(
        new SqliteConnection(std::move(database), std::move(label), 0));
  } catch (const SQLite::Exception& e) {
    throw Error(fmt::format("Cannot open an in-memory SQLite database: {}", e.what()));
  }
}

template <typename Action>
auto SqliteConnection::translate(Action&& action) {
  try {
    return action();
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) throw locked(label_, timeout_seconds_);
    throw Error(without_rebuild_prefix(e.what()));
  }
}

void SqliteConnection::execute(std::string_view sql) {
  translate([&] { database_->exec(std::string(sql)); });
}

std::vector<Row> SqliteConnection::query(std::string_view sql) {
  return translate([&] {
    ReadSnapshot snapshot(*database_);
    std::vector<Row> rows = read_rows(*database_, sql);
    snapshot.end();
    return rows;
  });
}

void SqliteConnection::begin() {
  // IMMEDIATE takes the write lock now, waiting up to the busy timeout (SPEC §10).
  translate([&] { database_->exec("BEGIN IMMEDIATE"); });
}

void SqliteConnection::commit() {
  translate([&] { database_->exec("COMMIT"); });
}

void SqliteConnection::interrupt() noexcept { sqlite3_interrupt(database_->getHandle()); }

void SqliteConnection::rollback() noexcept {
  try {
    // Only when a transaction is open: a failed statement may already have rolled it back.
    if (sqlite3_get_autocommit(database_->getHandle()) == 0) database_->exec("ROLLBACK");
  } catch (...) {
    // Nothing to report from here: the connection is closed right after a failure, and
    // closing discards whatever the transaction held.
  }
}

}  // namespace migrate::sqlite
