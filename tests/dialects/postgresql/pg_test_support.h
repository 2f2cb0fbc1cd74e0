#pragma once
// Shared helpers for the PostgreSQL dialect tests: a fresh database per test in the test
// cluster (support/pg_test_url.h: without a running cluster the test fails, it is never
// skipped), connections opened the way the runtime opens them, and a runner that executes a
// rendered operation as the runtime does.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "dialect_suite/helpers.h"
#include "dialects/postgresql/postgresql_dialect.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"
#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"
#include "support/pg_test_url.h"

// Tests build operations with designated initializers naming only the fields that matter;
// g++ 12 warns about every field left to its default, which is the point here.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace migrate::postgresql::testing {

// `default: null` in alter_column: given (outer), with no value (inner).
inline const std::optional<std::optional<std::string>> kDropDefault{std::in_place};

inline const Dialect& pg() { return migrate::postgresql::dialect(); }

inline std::unique_ptr<Connection> connect(const std::string& url) {
  return pg().connect(Url::parse(url));
}

// The shared helpers (tests/dialect_suite/helpers.h), bound to PostgreSQL.
inline void apply(Connection& connection, const Operation& op) {
  (void)test::apply(pg(), connection, op);
}
inline std::vector<std::string> sql_of(const Operation& op, Connection& connection) {
  return test::sql_of(pg(), op, connection);
}
using test::rows;
using test::value;

// A database of its own for one test, created in the test cluster and dropped (with any
// session still on it) at the end.
class FreshDatabase {
 public:
  FreshDatabase() : admin_url_(test::pg_test_url()), name_(unique_name()) {
    testing::connect(admin_url_)->execute("CREATE DATABASE " + name_);
    url_ = test::pg_url_with_database(admin_url_, name_);
  }
  ~FreshDatabase() {
    try {
      testing::connect(admin_url_)->execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // Housekeeping only: the cluster is thrown away after the run anyway.
    }
  }
  FreshDatabase(const FreshDatabase&) = delete;
  FreshDatabase& operator=(const FreshDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& admin_url() const { return admin_url_; }
  const std::string& name() const { return name_; }
  std::unique_ptr<Connection> connect() const { return testing::connect(url_); }

 private:
  static std::string unique_name() {
    static std::atomic<int> counter{0};
    static const unsigned salt = std::random_device{}() % 1000000;
    return "migrate_pg_" + std::to_string(getpid()) + "_" + std::to_string(salt) + "_" +
           std::to_string(counter++);
  }

  std::string admin_url_;
  std::string name_;
  std::string url_;
};

// A test with a fresh database and a connection to it.
class PgTest : public ::testing::Test {
 protected:
  FreshDatabase db_;
  std::unique_ptr<Connection> conn_ = db_.connect();
};

}  // namespace migrate::postgresql::testing
