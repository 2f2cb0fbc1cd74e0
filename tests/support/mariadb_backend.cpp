// The MySQL/MariaDB test backend: one fresh database per create_database() in the throwaway test
// server (tests/mariadb_server.sh), inspected through MariaDB Connector/C and dropped when the
// backend goes.
#include <gtest/gtest.h>
#include <mysql.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <memory>
#include <random>
#include <stdexcept>

#include "support/backend.h"
#include "support/mariadb_test_url.h"

namespace migrate::test {
namespace {

std::atomic<int> counter{0};

// A database name no other test (in this process or a parallel one) can pick, readable in the
// server: t_<pid>_<n>_<random>_<test name>, at most MySQL's 64 characters.
std::string unique_database_name() {
  static const unsigned salt = std::random_device{}();
  std::string name = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
                     std::to_string(salt % 100000);
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    name += "_";
    for (const char c : std::string(info->name())) {
      name +=
          std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    }
  }
  name.resize(std::min<std::size_t>(name.size(), 64));
  return name;
}

std::string quote_name(const std::string& name) {
  std::string quoted = "`";
  for (const char c : name) {
    quoted += c;
    if (c == '`') quoted += '`';
  }
  return quoted + "`";
}

struct MysqlCloser {
  void operator()(MYSQL* connection) const { mysql_close(connection); }
};
using Connection = std::unique_ptr<MYSQL, MysqlCloser>;

struct ResultFreer {
  void operator()(MYSQL_RES* result) const { mysql_free_result(result); }
};

// A connection to `url`'s server and database (none when the URL has no path), in utf8mb4.
// Several statements may go in one string, as with the PostgreSQL backend.
Connection connect(const std::string& url) {
  const MysqlUrl parts = parse_mysql_url(url);
  Connection connection(mysql_init(nullptr));
  if (!connection) throw std::runtime_error("mysql_init failed (out of memory)");
  const unsigned timeout = 10;
  mysql_options(connection.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(connection.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
  // Only what the URL says: no option file, no $MYSQL_PWD.
  const unsigned protocol = MYSQL_PROTOCOL_TCP;
  mysql_options(connection.get(), MYSQL_OPT_PROTOCOL, &protocol);
  if (mysql_real_connect(connection.get(), parts.host.c_str(), parts.user.c_str(),
                         parts.password.c_str(),
                         parts.database.empty() ? nullptr : parts.database.c_str(), parts.port,
                         nullptr, CLIENT_MULTI_STATEMENTS) == nullptr) {
    // The message names the user and host, never the password.
    throw std::runtime_error("cannot connect to the MySQL/MariaDB test server at " + parts.host +
                             ":" + std::to_string(parts.port) + ": " +
                             mysql_error(connection.get()));
  }
  return connection;
}

// Runs `sql` (one or more statements) and returns the rows of the last statement that has any.
Rows run(MYSQL* connection, const std::string& sql) {
  const auto failed = [&](const char* what) {
    return std::runtime_error(std::string(what) + " failed: " + mysql_error(connection) +
                              "\nSQL: " + sql);
  };
  if (mysql_real_query(connection, sql.data(), sql.size()) != 0) throw failed("query");
  Rows rows;
  for (;;) {
    std::unique_ptr<MYSQL_RES, ResultFreer> result(mysql_store_result(connection));
    if (result) {
      rows.clear();
      const unsigned fields = mysql_num_fields(result.get());
      while (MYSQL_ROW row = mysql_fetch_row(result.get())) {
        const unsigned long* lengths = mysql_fetch_lengths(result.get());
        std::vector<std::optional<std::string>> cells;
        for (unsigned i = 0; i < fields; ++i) {
          cells.push_back(row[i] == nullptr
                              ? std::nullopt
                              : std::optional<std::string>(std::string(row[i], lengths[i])));
        }
        rows.push_back(std::move(cells));
      }
    } else if (mysql_field_count(connection) != 0) {
      throw failed("reading the result");
    }
    const int next = mysql_next_result(connection);
    if (next < 0) break;
    if (next > 0) throw failed("query");
  }
  return rows;
}

class MariadbBackend : public Backend {
 public:
  MariadbBackend() : admin_url_(mysql_test_url()), server_(parse_mysql_url(admin_url_)) {}

  ~MariadbBackend() override {
    connection_.reset();
    if (created_.empty()) return;
    // Dropping is housekeeping: a failure here must not fail (or crash) the test that ran.
    try {
      auto admin = connect(mysql_url_with_database(admin_url_, ""));
      // A session `migrate` left open holding a lock must not hang the test: give up instead.
      run(admin.get(), "SET SESSION lock_wait_timeout = 10");
      for (const auto& name : created_) {
        run(admin.get(), "DROP DATABASE IF EXISTS " + quote_name(name));
      }
    } catch (const std::exception&) {
    }
  }

  std::string name() const override { return "mysql"; }

  std::string create_database(const std::filesystem::path&) override {
    const std::string database = unique_database_name();
    auto admin = connect(mysql_url_with_database(admin_url_, ""));
    run(admin.get(), "CREATE DATABASE " + quote_name(database));
    created_.push_back(database);
    connection_.reset();
    database_ = database;
    url_ = mysql_url_with_database(admin_url_, database);
    return url_;
  }

  Rows query(const std::string& sql) override { return run(&connection(), sql); }

  void execute(const std::string& sql) override { run(&connection(), sql); }

  std::vector<std::string> tables() override {
    std::vector<std::string> names;
    for (const auto& row : query("SELECT table_name FROM information_schema.tables "
                                 "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
      names.push_back(*row[0]);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::vector<std::string> columns(const std::string& table) override {
    std::vector<std::string> names;
    for (const auto& row : query("SELECT column_name FROM information_schema.columns "
                                 "WHERE table_schema = DATABASE() AND table_name = " +
                                 literal(table) + " ORDER BY ordinal_position")) {
      names.push_back(*row[0]);
    }
    return names;
  }

  std::string schema_fingerprint() override {
    std::string text;
    const auto line = [&text](const Rows& rows, const std::string& prefix) {
      for (const auto& row : rows) {
        text += prefix;
        for (const auto& cell : row) text += cell.value_or("NULL") + " | ";
        text += "\n";
      }
    };
    // Names sort byte-wise (BINARY), as PostgreSQL's COLLATE "C": information_schema's own
    // collation ignores case.
    const auto names = tables();
    for (const auto& table : names) {
      // The history table is the online runs' bookkeeping, which --sql does not write.
      if (table == "alembic_version_history") continue;
      const std::string in_table =
          " WHERE table_schema = DATABASE() AND table_name = " + literal(table);
      line(query("SELECT table_name, table_comment FROM information_schema.tables" + in_table),
           "table ");
      // Name, type as written, NULL, default, extra (auto_increment, on update, generated),
      // generation expression, collation, comment: in order.
      line(query("SELECT column_name, column_type, is_nullable, column_default, extra, "
                 "generation_expression, collation_name, column_comment "
                 "FROM information_schema.columns" +
                 in_table + " ORDER BY ordinal_position"),
           "  column ");
      line(query("SELECT index_name, non_unique, seq_in_index, column_name, collation, sub_part, "
                 "index_type, index_comment FROM information_schema.statistics" +
                 in_table + " ORDER BY BINARY index_name, seq_in_index"),
           "  index ");
      line(query(
               "SELECT constraint_name, constraint_type FROM information_schema.table_constraints" +
               in_table + " ORDER BY BINARY constraint_name, constraint_type"),
           "  constraint ");
      line(query("SELECT constraint_name, ordinal_position, column_name, "
                 "position_in_unique_constraint, referenced_table_name, referenced_column_name "
                 "FROM information_schema.key_column_usage" +
                 in_table + " ORDER BY BINARY constraint_name, ordinal_position"),
           "  key ");
      line(query("SELECT constraint_name, referenced_table_name, unique_constraint_name, "
                 "match_option, update_rule, delete_rule "
                 "FROM information_schema.referential_constraints "
                 "WHERE constraint_schema = DATABASE() AND table_name = " +
                 literal(table) + " ORDER BY BINARY constraint_name"),
           "  foreign key ");
      line(query("SELECT constraint_name, level, check_clause "
                 "FROM information_schema.check_constraints "
                 "WHERE constraint_schema = DATABASE() AND table_name = " +
                 literal(table) + " ORDER BY BINARY constraint_name, level"),
           "  check ");
    }
    if (std::find(names.begin(), names.end(), "alembic_version") != names.end()) {
      line(query("SELECT version_num FROM alembic_version ORDER BY BINARY version_num"),
           "version ");
    }
    return text;
  }

  // The tables, then the sequences (MariaDB) and scheduled events, which are not tables.
  std::string catalog_fingerprint() override {
    std::string text = schema_fingerprint();
    for (const auto& name : query("SELECT table_name FROM information_schema.tables WHERE "
                                  "table_schema = DATABASE() AND table_type = 'SEQUENCE' "
                                  "ORDER BY BINARY table_name")) {
      text += "sequence " + name[0].value_or("");
      // A sequence reads as a one-row table of its settings.
      const Rows settings = query(
          "SELECT start_value, minimum_value, maximum_value, increment, cache_size, "
          "cycle_option FROM `" +
          name[0].value_or("") + "`");
      for (const auto& cell : settings.at(0)) text += " | " + cell.value_or("NULL");
      text += "\n";
    }
    for (const auto& row : query("SELECT event_name, status, interval_value, interval_field, "
                                 "starts, event_definition FROM information_schema.events WHERE "
                                 "event_schema = DATABASE() ORDER BY BINARY event_name")) {
      text += "event";
      for (const auto& cell : row) text += " | " + cell.value_or("NULL");
      text += "\n";
    }
    return text;
  }

  Result run_sql_file(const std::filesystem::path& file) override {
    if (url_.empty()) throw std::logic_error("run_sql_file before create_database()");
    // The client stops at the first failing statement (no --force). The password goes through
    // the environment, never the command line; --no-defaults keeps ~/.my.cnf out.
    return run_program(
        {"/usr/bin/mariadb", "--no-defaults", "--protocol=tcp", "--host=" + server_.host,
         "--port=" + std::to_string(server_.port), "--user=" + server_.user,
         "--default-character-set=utf8mb4", "--batch", "--database=" + database_},
        RunOptions{.cwd = file.parent_path(),
                   .env = {{"MYSQL_PWD", server_.password}},
                   .stdin_text = read_file(file)});
  }

  std::string unreachable_url(const std::filesystem::path&) override {
    // The server's own address with a wrong password: the server is there, the login fails.
    return "mysql://" + (server_.user.empty() ? std::string("root") : server_.user) + ":secret@" +
           server_.host + ":" + std::to_string(server_.port) + "/nosuch";
  }

 private:
  MYSQL& connection() {
    if (url_.empty()) throw std::logic_error("query before create_database()");
    if (!connection_) connection_ = connect(url_);
    return *connection_;
  }

  // `text` as an SQL string literal.
  std::string literal(const std::string& text) {
    std::string escaped(text.size() * 2 + 1, '\0');
    escaped.resize(
        mysql_real_escape_string(&connection(), escaped.data(), text.data(), text.size()));
    return "'" + escaped + "'";
  }

  std::string admin_url_;
  MysqlUrl server_;
  std::string url_;
  std::string database_;
  std::vector<std::string> created_;
  Connection connection_;
};

}  // namespace

std::unique_ptr<Backend> make_mysql_backend() { return std::make_unique<MariadbBackend>(); }

}  // namespace migrate::test
