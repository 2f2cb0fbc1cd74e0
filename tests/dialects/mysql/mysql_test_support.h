#pragma once
// Shared helpers for the MySQL/MariaDB dialect tests: a fresh database per test on the
// throwaway server (tests/mariadb_server.sh; without it the test fails, never skips), opened the
// way the runtime opens it.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "dialect_suite/helpers.h"
#include "dialects/mysql/mysql_dialect.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"
#include "migrate/dialects/connection.h"
#include "support/backend.h"
#include "support/process.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace migrate::mysql::testing {

inline const Dialect& my() { return migrate::mysql::dialect(); }

inline std::unique_ptr<Connection> connect(const std::string& url) {
  return my().connect(Url::parse(url));
}

inline void apply(Connection& connection, const Operation& op) {
  (void)test::apply(my(), connection, op);
}
using test::rows;
using test::value;

// A test with a database of its own (dropped afterwards) and a connection to it.
class MysqlTest : public ::testing::Test {
 protected:
  std::unique_ptr<test::Backend> backend_ = test::make_backend("mysql");
  test::TempDir dir_;
  std::string url_ = backend_->create_database(dir_.path());
  std::unique_ptr<Connection> conn_ = connect(url_);
};

}  // namespace migrate::mysql::testing
