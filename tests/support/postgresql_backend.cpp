// The PostgreSQL test backend: one fresh database per create_database() in the throwaway test
// cluster (tests/pg_cluster.sh), inspected through libpqxx and dropped when the backend goes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <memory>
#include <pqxx/pqxx>
#include <random>
#include <stdexcept>

#include "support/backend.h"
#include "support/pg_test_url.h"

namespace migrate::test {
namespace {

std::atomic<int> counter{0};

// A database name no other test (in this process or a parallel one) can pick, readable in the
// cluster: t_<pid>_<n>_<random>_<test name>, at most PostgreSQL's 63 bytes.
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
  name.resize(std::min<std::size_t>(name.size(), 63));
  return name;
}

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
  auto connection = std::make_unique<pqxx::connection>(url);
  // Keep NOTICEs ("... does not exist, skipping") out of the test output.
  pqxx::nontransaction(*connection).exec("SET client_min_messages = warning");
  return connection;
}

Rows to_rows(const pqxx::result& result) {
  Rows rows;
  for (const auto& row : result) {
    std::vector<std::optional<std::string>> cells;
    for (const auto& field : row) {
      cells.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

class PostgresqlBackend : public Backend {
 public:
  PostgresqlBackend() : admin_url_(pg_test_url()) {}

  ~PostgresqlBackend() override {
    connection_.reset();
    if (created_.empty()) return;
    // Dropping is housekeeping: a failure here must not fail (or crash) the test that ran.
    try {
      auto admin = connect(admin_url_);
      for (const auto& name : created_) {
        pqxx::nontransaction(*admin).exec("DROP DATABASE IF EXISTS " + admin->quote_name(name) +
                                          " WITH (FORCE)");
      }
    } catch (const std::exception&) {
    }
  }

  std::string name() const override { return "postgresql"; }

  std::string create_database(const std::filesystem::path&) override {
    const std::string database = unique_database_name();
    auto admin = connect(admin_url_);
    pqxx::nontransaction(*admin).exec("CREATE DATABASE " + admin->quote_name(database));
    created_.push_back(database);
    connection_.reset();
    url_ = pg_url_with_database(admin_url_, database);
    return url_;
  }

  Rows query(const std::string& sql) override {
    return to_rows(pqxx::nontransaction(connection()).exec(sql));
  }

  void execute(const std::string& sql) override { pqxx::nontransaction(connection()).exec(sql); }

  std::vector<std::string> tables() override {
    std::vector<std::string> names;
    for (const auto& row :
         query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
               "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')")) {
      names.push_back(*row[0]);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::vector<std::string> columns(const std::string& table) override {
    std::vector<std::string> names;
    for (const auto& row :
         query("SELECT a.attname FROM pg_attribute a WHERE a.attrelid = " + table_oid(table) +
               " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
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
    for (const auto& table : tables()) {
      // The history table is the online runs' bookkeeping, which --sql does not write.
      if (table == "alembic_version_history") continue;
      const std::string oid = table_oid(table);
      text += "table " + table + " | " +
              query("SELECT COALESCE(obj_description(" + oid + ", 'pg_class'), '')")[0][0].value_or(
                  "") +
              "\n";
      // Name, type as written, NOT NULL, default, identity, generated, comment: in order.
      line(query("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                 "pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
                 "col_description(a.attrelid, a.attnum) FROM pg_attribute a "
                 "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                 "WHERE a.attrelid = " +
                 oid + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"),
           "  column ");
      line(query("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                 "WHERE conrelid = " +
                 oid + " ORDER BY conname COLLATE \"C\""),
           "  constraint ");
      line(query("SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                 "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = " +
                 oid + " ORDER BY c.relname COLLATE \"C\""),
           "  index ");
    }
    const auto names = tables();
    if (std::find(names.begin(), names.end(), "alembic_version") != names.end()) {
      line(query("SELECT version_num FROM alembic_version ORDER BY version_num COLLATE \"C\""),
           "version ");
    }
    return text;
  }

  // The tables, their row-level security and policies, then the enum types (CREATE TYPE ... AS
  // ENUM), which outlive a DROP TABLE.
  std::string catalog_fingerprint() override {
    std::string text = schema_fingerprint();
    for (const auto& row :
         query("SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN "
               "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND "
               "(c.relrowsecurity OR c.relforcerowsecurity) ORDER BY c.relname COLLATE \"C\"")) {
      text += "row security " + row[0].value_or("") + " | " + row[1].value_or("") + " | " +
              row[2].value_or("") + "\n";
    }
    for (const auto& row :
         query("SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check "
               "FROM pg_policies WHERE schemaname = current_schema() "
               "ORDER BY tablename COLLATE \"C\", policyname COLLATE \"C\"")) {
      text += "policy";
      for (const auto& cell : row) text += " | " + cell.value_or("NULL");
      text += "\n";
    }
    for (const auto& row :
         query("SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) "
               "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid "
               "JOIN pg_namespace n ON n.oid = t.typnamespace "
               "WHERE n.nspname = current_schema() GROUP BY t.typname ORDER BY t.typname")) {
      text += "enum type " + row[0].value_or("") + " | " + row[1].value_or("") + "\n";
    }
    return text;
  }

  Result run_sql_file(const std::filesystem::path& file) override {
    return run_program(
        {"/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", file.string(), url_},
        RunOptions{.cwd = file.parent_path(), .env = {}, .stdin_text = std::nullopt});
  }

  std::string unreachable_url(const std::filesystem::path&) override {
    // The cluster's own URL with a wrong password: the server is there, the login fails.
    const auto authority = admin_url_.find("://") + 3;
    const auto at = admin_url_.find('@', authority);
    if (at == std::string::npos) {
      return admin_url_.substr(0, authority) + "postgres:secret-wrong@" +
             admin_url_.substr(authority);
    }
    const auto colon = admin_url_.find(':', authority);
    return admin_url_.substr(0, std::min(colon, at)) + ":secret-wrong" + admin_url_.substr(at);
  }

 private:
  pqxx::connection& connection() {
    if (url_.empty()) throw std::logic_error("query before create_database()");
    if (!connection_) connection_ = connect(url_);
    return *connection_;
  }

  // The oid of public.<table> as SQL, or 0 when there is no such table.
  std::string table_oid(const std::string& table) {
    const auto rows = query(
        "SELECT COALESCE((SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = "
        "c.relnamespace WHERE n.nspname = 'public' AND c.relname = " +
        connection().quote(table) + "), 0)");
    return *rows[0][0];
  }

  std::string admin_url_;
  std::string url_;
  std::vector<std::string> created_;
  std::unique_ptr<pqxx::connection> connection_;
};

}  // namespace

std::unique_ptr<Backend> make_postgresql_backend() { return std::make_unique<PostgresqlBackend>(); }

}  // namespace migrate::test
