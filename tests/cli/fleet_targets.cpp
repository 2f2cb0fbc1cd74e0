#include "cli/fleet_targets.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <stdexcept>

#include "dialects/mysql/lock.h"
#include "dialects/postgresql/lock.h"
#include "support/mariadb_test_url.h"

namespace migrate::test {
namespace {

bool is_bookkeeping(const std::string& table) {
  return table == "alembic_version" || table == "alembic_version_history";
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

// The states of targets that are schemas (PostgreSQL) or databases (MariaDB) of one server,
// `containers[i]` holding target `names[i]`: one query for the tables, then one UNION for the
// version rows and one for the applied counts of those that have the tables.
std::map<std::string, TargetState> read_states(Backend& db, const std::vector<std::string>& names,
                                               const std::vector<std::string>& containers,
                                               const std::string& column,
                                               const std::string& count_cast) {
  std::map<std::string, std::string> name_of;
  std::map<std::string, TargetState> states;
  std::vector<std::string> quoted;
  for (std::size_t i = 0; i < names.size(); ++i) {
    name_of[containers[i]] = names[i];
    states[names[i]];
    quoted.push_back("'" + containers[i] + "'");
  }
  std::vector<std::string> versions, counts;
  for (const auto& row :
       db.query("SELECT " + column + ", table_name FROM information_schema.tables WHERE " + column +
                " IN (" + joined(quoted, ",") + ")")) {
    const std::string& container = *row[0];
    const std::string& table = *row[1];
    const std::string q = "'" + name_of[container] + "'";
    if (table == "alembic_version") {
      versions.push_back("SELECT " + q + ", version_num FROM " + container + ".alembic_version");
    } else if (!is_bookkeeping(table)) {
      states[name_of[container]].tables.insert(table);
      if (table == "applied") {
        counts.push_back("SELECT " + q + ", COUNT(*)" + count_cast + " FROM " + container +
                         ".applied");
      }
    }
  }
  if (!versions.empty()) {
    for (const auto& row : db.query(joined(versions, " UNION ALL "))) {
      states[*row[0]].versions.push_back(*row[1]);
    }
  }
  if (!counts.empty()) {
    for (const auto& row : db.query(joined(counts, " UNION ALL "))) {
      states[*row[0]].applied = std::stol(*row[1]);
    }
  }
  return states;
}

// --- SQLite: one file per target under data/, created by migrate on first connect ----------

class SqliteTargets final : public Targets {
 public:
  explicit SqliteTargets(std::filesystem::path dir) : data_(std::move(dir) / "data") {}

  std::string config_lines() const override {
    return "sqlalchemy.url = sqlite:///%(here)s/data/%(x.tenant)s.db\n";
  }

  void create(const std::vector<std::string>&) override {
    std::filesystem::create_directories(data_);
  }

  void execute_in(const std::string& target, const std::string& sql) override {
    SQLite::Database(file(target), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE).exec(sql);
  }

  std::map<std::string, TargetState> states(const std::vector<std::string>& names) override {
    std::map<std::string, TargetState> states;
    for (const auto& name : names) {
      auto& state = states[name];
      if (!std::filesystem::exists(file(name))) continue;
      SQLite::Database db(file(name), SQLite::OPEN_READONLY);
      db.setBusyTimeout(10000);
      SQLite::Statement tables(db,
                               "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                               "LIKE 'sqlite\\_%' ESCAPE '\\'");
      while (tables.executeStep()) {
        const std::string table = tables.getColumn(0).getString();
        if (!is_bookkeeping(table)) state.tables.insert(table);
        if (table == "alembic_version") {
          SQLite::Statement rows(db, "SELECT version_num FROM alembic_version");
          while (rows.executeStep()) state.versions.push_back(rows.getColumn(0).getString());
        }
      }
      if (state.tables.count("applied") != 0) {
        state.applied = db.execAndGet("SELECT COUNT(*) FROM applied").getInt();
      }
    }
    return states;
  }

  std::shared_ptr<void> hold_lock(const std::string& target) override {
    // migrate's BEGIN IMMEDIATE is its lock on SQLite: hold SQLite's write lock on the file.
    auto db = std::make_shared<SQLite::Database>(file(target),
                                                 SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db->exec("BEGIN IMMEDIATE");
    return db;  // closing it rolls back and releases
  }

  std::string slow_sql(double seconds) const override {
    // SQLite has no sleep: count through a recursive CTE (about 3.5 million rows a second here;
    // SQLite is not instrumented by the sanitizer build, so it stays about as long there).
    return fmt::format(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {}) "
        "SELECT COUNT(*) FROM c",
        static_cast<long>(seconds * 3'500'000));
  }

 private:
  std::string file(const std::string& target) const { return (data_ / (target + ".db")).string(); }
  std::filesystem::path data_;
};

// --- PostgreSQL: one schema per target in the test's database ------------------------------

class PostgresqlTargets final : public Targets {
 public:
  PostgresqlTargets(std::string url, Backend& db) : url_(std::move(url)), db_(&db) {}

  std::string config_lines() const override {
    // %% is a literal % in the INI file: the URL carries options=-csearch_path%3D<tenant>.
    return "sqlalchemy.url = " + url_ + (url_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%%3D%(x.tenant)s\nversion_table_schema = %(x.tenant)s\n";
  }

  void create(const std::vector<std::string>& names) override {
    std::string sql;
    for (const auto& name : names) sql += "CREATE SCHEMA " + name + ";";
    db_->execute(sql);
  }

  void execute_in(const std::string& target, const std::string& sql) override {
    db_->execute("SET search_path TO " + target + "; " + sql + "; RESET search_path");
  }

  std::map<std::string, TargetState> states(const std::vector<std::string>& names) override {
    return read_states(*db_, names, names, "table_schema", "::bigint");
  }

  std::shared_ptr<void> hold_lock(const std::string& target) override {
    const auto id = postgresql::lock_id(target + ".alembic_version");
    db_->query(fmt::format("SELECT pg_advisory_lock({})", id));
    Backend* db = db_;
    return std::shared_ptr<void>(
        nullptr, [db, id](void*) { db->query(fmt::format("SELECT pg_advisory_unlock({})", id)); });
  }

  std::string slow_sql(double seconds) const override {
    return fmt::format("SELECT pg_sleep({})", seconds);
  }

  std::string session_change_sql() const override { return "SET search_path = public"; }
  std::string restore_session_sql() const override { return "RESET search_path"; }

 private:
  std::string url_;
  Backend* db_;
};

// --- MariaDB: one database per target, on the test's server --------------------------------

std::string unique_prefix() {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return fmt::format("f{}_{}_{}_", getpid(), salt, counter++);
}

class MysqlTargets final : public Targets {
 public:
  MysqlTargets(std::string url, Backend& db)
      : url_(std::move(url)), db_(&db), prefix_(unique_prefix()) {}

  ~MysqlTargets() override {
    if (created_.empty()) return;
    try {  // housekeeping: must not fail the test that ran
      std::string sql = "SET SESSION lock_wait_timeout = 10;";
      for (const auto& name : created_) sql += "DROP DATABASE IF EXISTS `" + name + "`;";
      db_->execute(sql);
    } catch (const std::exception&) {
    }
  }

  std::string config_lines() const override {
    return "sqlalchemy.url = " + mysql_url_with_database(url_, prefix_ + "%(x.tenant)s") + "\n";
  }

  void create(const std::vector<std::string>& names) override {
    std::string sql;
    for (const auto& name : names) {
      sql += "CREATE DATABASE `" + prefix_ + name + "`;";
      created_.push_back(prefix_ + name);
    }
    db_->execute(sql);
  }

  void execute_in(const std::string& target, const std::string& sql) override {
    const std::string home = parse_mysql_url(url_).database;
    db_->execute("USE `" + prefix_ + target + "`; " + sql + "; USE `" + home + "`");
  }

  std::map<std::string, TargetState> states(const std::vector<std::string>& names) override {
    std::vector<std::string> databases;
    for (const auto& name : names) databases.push_back(prefix_ + name);
    return read_states(*db_, names, databases, "table_schema", "");
  }

  std::shared_ptr<void> hold_lock(const std::string& target) override {
    const auto name = mysql::lock_name(prefix_ + target, "alembic_version");
    const auto rows = db_->query("SELECT GET_LOCK('" + name + "', 0)");
    if (rows.empty() || rows[0][0] != "1") throw std::runtime_error("GET_LOCK refused " + name);
    Backend* db = db_;
    return std::shared_ptr<void>(
        nullptr, [db, name](void*) { db->query("DO RELEASE_LOCK('" + name + "')"); });
  }

  std::string slow_sql(double seconds) const override {
    return fmt::format("DO SLEEP({})", seconds);
  }

  std::string session_change_sql() const override {
    return "USE `" + parse_mysql_url(url_).database + "`";
  }

 private:
  std::string url_;
  Backend* db_;
  std::string prefix_;
  std::vector<std::string> created_;
};

}  // namespace

std::unique_ptr<Targets> make_targets(const std::string& dialect, const std::filesystem::path& dir,
                                      const std::string& url, Backend& db) {
  if (dialect == "sqlite") return std::make_unique<SqliteTargets>(dir);
  if (dialect == "postgresql") return std::make_unique<PostgresqlTargets>(url, db);
  if (dialect == "mysql") return std::make_unique<MysqlTargets>(url, db);
  throw std::invalid_argument("no fleet targets for " + dialect);
}

std::vector<std::string> target_names(int count) {
  std::vector<std::string> names;
  for (int i = 1; i <= count; ++i) names.push_back(fmt::format("t{:03d}", i));
  return names;
}

bool at_head(const TargetState& state) {
  return state.versions == std::vector<std::string>{kFleetHead} && state.tables == kFleetTables &&
         state.applied == 3;
}

bool untouched(const TargetState& state) { return state.versions.empty() && state.tables.empty(); }

std::string describe(const TargetState& state) {
  std::string text = "versions [";
  for (const auto& v : state.versions) text += v + " ";
  text += "] tables [";
  for (const auto& t : state.tables) text += t + " ";
  return text + "] applied " + std::to_string(state.applied);
}

}  // namespace migrate::test
