#pragma once
// Shared helpers for the SQLite dialect tests: a temporary directory, connections opened the way
// the runtime opens them (dialect().connect(Url::parse(...))), and a runner that executes a
// rendered operation as the runtime does (checks must return no rows).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dialect_suite/helpers.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"
#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"
#include "support/process.h"

// Tests build operations with designated initializers naming only the fields that matter;
// g++ 12 warns about every field left to its default, which is the point here.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace migrate::sqlite::testing {

inline const Dialect& sqlite() { return migrate::sqlite::dialect(); }

inline std::unique_ptr<Connection> connect(const std::string& url) {
  return sqlite().connect(Url::parse(url));
}

inline std::unique_ptr<Connection> memory() { return connect("sqlite://"); }

// The shared helpers (tests/dialect_suite/helpers.h), bound to SQLite.
inline void apply(Connection& connection, const Operation& op) {
  (void)test::apply(sqlite(), connection, op);
}
using test::rows;
using test::value;

// The schema as SQLite describes it, for comparing two databases: sqlite_master's rows, then
// per table its columns, indexes and foreign keys.
inline std::vector<std::string> schema_of(Connection& connection) {
  auto out =
      rows(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  for (const auto& table :
       rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    for (const auto& pragma : {"table_info", "index_list", "foreign_key_list"}) {
      for (const auto& line :
           rows(connection, "SELECT * FROM pragma_" + std::string(pragma) + "('" + table + "')")) {
        out.push_back(table + ":" + pragma + ":" + line);
      }
    }
  }
  return out;
}

inline bool succeeds(Connection& connection, const std::string& sql) {
  try {
    connection.execute(sql);
    return true;
  } catch (const Error&) {
    return false;
  }
}

// A fresh directory per test (tests/support's TempDir), removed afterwards.
class TempDir : public ::testing::Test {
 protected:
  std::string url(const std::string& file) const { return "sqlite:///" + (dir_ / file).string(); }

  test::TempDir temp_;
  const std::filesystem::path& dir_ = temp_.path();
};

}  // namespace migrate::sqlite::testing
