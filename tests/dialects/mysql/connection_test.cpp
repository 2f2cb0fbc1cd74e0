// Connecting to MySQL/MariaDB (SPEC §3): URL parameters, and failures that are one clear line
// naming the masked URL and the server's reason, never the password.
#include "dialects/mysql/connection.h"

#include <chrono>

#include "dialects/mysql/quoting.h"
#include "mysql_test_support.h"
#include "support/mariadb_test_url.h"

namespace migrate::mysql {
namespace {

using testing::connect;
using testing::MysqlTest;
using testing::rows;
using testing::value;

std::string error_of(const std::string& url) {
  try {
    connect(url);
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

TEST_F(MysqlTest, ConnectsWithUtf8mb4AndRunsStatementsAndQueries) {
  EXPECT_EQ(value(*conn_, "SELECT @@character_set_client"), "utf8mb4");
  EXPECT_EQ(value(*conn_, "SELECT DATABASE()"), test::parse_mysql_url(url_).database);
  conn_->execute("CREATE TABLE t (a INT, b VARCHAR(10)); INSERT INTO t VALUES (1, 'x'), (2, NULL)");
  EXPECT_EQ(rows(*conn_, "SELECT a, b FROM t ORDER BY a"),
            (std::vector<std::string>{"1|x", "2|NULL"}));
  // Backslashes and quotes in literals read back as written (quoting.h).
  conn_->execute("INSERT INTO t VALUES (3, " + quote_literal("a\\b'c") + ")");
  EXPECT_EQ(value(*conn_, "SELECT b FROM t WHERE a = 3"), "a\\b'c");
}

TEST_F(MysqlTest, AFailingStatementAmongSeveralLeavesThoseBeforeItRun) {
  try {
    conn_->execute("CREATE TABLE t1 (a INT); CREATE TABLE t1 (a INT); CREATE TABLE t2 (a INT)");
    FAIL() << "the second CREATE must fail";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos) << e.what();
  }
  EXPECT_EQ(backend_->tables(), std::vector<std::string>{"t1"});
  // The connection is still usable.
  EXPECT_EQ(value(*conn_, "SELECT 1"), "1");
}

TEST_F(MysqlTest, TransactionsHoldData) {
  conn_->execute("CREATE TABLE t (a INT)");
  conn_->begin();
  conn_->execute("INSERT INTO t VALUES (1)");
  conn_->rollback();
  EXPECT_EQ(value(*conn_, "SELECT COUNT(*) FROM t"), "0");
  conn_->begin();
  conn_->execute("INSERT INTO t VALUES (2)");
  conn_->commit();
  EXPECT_EQ(value(*conn_, "SELECT COUNT(*) FROM t"), "1");
}

TEST_F(MysqlTest, WrongPasswordDatabaseOrPortIsOneLineWithoutThePassword) {
  const auto server = test::parse_mysql_url(test::mysql_test_url());
  const std::string base = "mysql://root:secret@127.0.0.1:" + std::to_string(server.port);
  const std::string denied = error_of(base + "/nosuch");
  EXPECT_EQ(denied.rfind("Could not connect to mysql://root:***@127.0.0.1:", 0), 0u) << denied;
  EXPECT_NE(denied.find("Access denied"), std::string::npos) << denied;
  EXPECT_EQ(denied.find("secret"), std::string::npos) << denied;
  const std::string missing =
      error_of(test::mysql_url_with_database(test::mysql_test_url(), "no_such_database_here"));
  EXPECT_NE(missing.find("no_such_database_here"), std::string::npos) << missing;
  EXPECT_EQ(missing.find(server.password), std::string::npos) << missing;
  const auto start = std::chrono::steady_clock::now();
  const std::string refused = error_of("mariadb://root:secret@127.0.0.1:1/db?connect_timeout=2");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(refused.rfind("Could not connect to mariadb://root:***@127.0.0.1:1/db", 0), 0u)
      << refused;
}

TEST_F(MysqlTest, BadParametersAreNamed) {
  EXPECT_NE(error_of(url_ + "?sslmode=require").find("Unknown parameter 'sslmode'"),
            std::string::npos);
  EXPECT_NE(error_of(url_ + "?ssl_mode=sometimes").find("Bad ?ssl_mode=sometimes"),
            std::string::npos);
  EXPECT_NE(error_of(url_ + "?connect_timeout=soon").find("Bad ?connect_timeout=soon"),
            std::string::npos);
  // A working one of each.
  EXPECT_EQ(
      value(*connect(url_ + "?charset=utf8mb4&connect_timeout=5&ssl_mode=disabled"), "SELECT 1"),
      "1");
}

}  // namespace
}  // namespace migrate::mysql
