#pragma once
// A database the end-to-end tests point `migrate` at and then inspect with the database's own
// client library. One implementation per dialect; every end-to-end test runs on each.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/process.h"

namespace migrate::test {

using Rows = std::vector<std::vector<std::optional<std::string>>>;

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // A fresh, empty database for one test; `dir` is the test's own temporary directory.
  virtual std::string create_database(const std::filesystem::path& dir) = 0;
  // Runs a query on the database made by the last create_database().
  virtual Rows query(const std::string& sql) = 0;
  virtual void execute(const std::string& sql) = 0;
  // User tables (the version table included), sorted.
  virtual std::vector<std::string> tables() = 0;
  // Column names of a table, in order.
  virtual std::vector<std::string> columns(const std::string& table) = 0;
  // Everything about the schema that `--sql` output must reproduce, as comparable text; not the
  // history table, which only online runs write.
  virtual std::string schema_fingerprint() = 0;
  // The schema as the catalog describes it, whoever wrote the DDL and however it was spelled
  // (the import oracle compares what Alembic built with what `migrate` built). Default:
  // schema_fingerprint(), which is already catalog-based where it does not keep SQLite's
  // CREATE text.
  virtual std::string catalog_fingerprint() { return schema_fingerprint(); }
  // Runs a SQL file with the database's own command-line client (sqlite3, psql -1 -f).
  virtual Result run_sql_file(const std::filesystem::path& file) = 0;
  // A URL that cannot connect (bad credentials, missing directory, ...), and what it must not leak.
  virtual std::string unreachable_url(const std::filesystem::path& dir) = 0;
};

std::unique_ptr<Backend> make_backend(const std::string& name);
// Names of every dialect the suite runs on.
std::vector<std::string> backend_names();

}  // namespace migrate::test
