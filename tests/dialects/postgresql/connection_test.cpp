// The libpqxx connection on a real server: statements, transactions, errors, connecting.
#include "dialects/postgresql/connection.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>

#include "pg_test_support.h"

namespace migrate::postgresql {
namespace {

using testing::FreshDatabase;
using testing::PgTest;
using testing::rows;
using testing::value;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an Error";
  return {};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(PgTest, ExecuteAndQuery) {
  conn_->execute(
      "CREATE TABLE t (id integer, name text); INSERT INTO t VALUES (1, 'a'); "
      "INSERT INTO t VALUES (2, NULL)");
  EXPECT_EQ(rows(*conn_, "SELECT id, name FROM t ORDER BY id"),
            (std::vector<std::string>{"1|a", "2|NULL"}));
  // Several statements: the rows of the last one.
  EXPECT_EQ(rows(*conn_, "SELECT 1; SELECT 'x', 'y'"), (std::vector<std::string>{"x|y"}));
  EXPECT_TRUE(conn_->query("SELECT 1 WHERE false").empty());
  EXPECT_EQ(value(*conn_, "SELECT 'ünïcødé'"), "ünïcødé");
  EXPECT_FALSE(conn_->offline());
  // An `execute` that is only a comment (or nothing) runs as an empty query.
  EXPECT_NO_THROW(conn_->execute("-- nothing to do"));
  EXPECT_NO_THROW(conn_->execute(""));
}

TEST_F(PgTest, ErrorsCarryTheServersMessageOnOneLine) {
  const auto message = error_of([&] { conn_->execute("SELECT nosuch"); });
  EXPECT_EQ(message, "column \"nosuch\" does not exist");
  conn_->execute("CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1)");
  EXPECT_EQ(error_of([&] { conn_->execute("INSERT INTO t VALUES (1)"); }),
            "duplicate key value violates unique constraint \"t_pkey\" (Key (id)=(1) already "
            "exists.)");
  EXPECT_TRUE(contains(error_of([&] { (void)conn_->query("selec 1"); }), "syntax error"));
}

TEST_F(PgTest, NoticesAreNotPrinted) {
  ::testing::internal::CaptureStderr();
  conn_->execute("CREATE TABLE IF NOT EXISTS t (id integer)");
  conn_->execute("CREATE TABLE IF NOT EXISTS t (id integer)");
  conn_->execute("DROP TABLE IF EXISTS nosuch");
  conn_->execute("COMMIT");  // WARNING: there is no transaction in progress
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST_F(PgTest, OutsideBeginEveryStatementCommits) {
  conn_->execute("CREATE TABLE t (id integer)");
  conn_->execute("INSERT INTO t VALUES (1)");
  auto other = db_.connect();
  EXPECT_EQ(value(*other, "SELECT count(*) FROM t"), "1");
}

TEST_F(PgTest, BeginCommitAndRollback) {
  conn_->execute("CREATE TABLE t (id integer)");
  auto other = db_.connect();
  conn_->begin();
  conn_->execute("INSERT INTO t VALUES (1)");
  EXPECT_EQ(value(*other, "SELECT count(*) FROM t"), "0");  // not yet committed
  conn_->commit();
  EXPECT_EQ(value(*other, "SELECT count(*) FROM t"), "1");

  conn_->begin();
  conn_->execute("INSERT INTO t VALUES (2)");
  conn_->execute("CREATE TABLE u (id integer)");  // transactional DDL
  conn_->rollback();
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM t"), "1");
  EXPECT_EQ(value(*conn_, "SELECT to_regclass('u') IS NULL"), "t");
  conn_->rollback();  // nothing open: a no-op
}

TEST_F(PgTest, FailedStatementThenRollbackLeavesTheConnectionUsable) {
  conn_->execute("CREATE TABLE t (id integer PRIMARY KEY)");
  {
    Transaction transaction(*conn_);
    conn_->execute("INSERT INTO t VALUES (1)");
    EXPECT_THROW(conn_->execute("INSERT INTO t VALUES (1)"), Error);
    // Until the rollback, the server refuses everything in the aborted transaction.
    EXPECT_TRUE(
        contains(error_of([&] { conn_->execute("SELECT 1"); }), "current transaction is aborted"));
  }  // the destructor rolls back
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM t"), "0");
  conn_->begin();
  conn_->execute("INSERT INTO t VALUES (2)");
  conn_->commit();
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM t"), "1");
}

TEST_F(PgTest, CommitAfterAFailedStatementIsAnError) {
  conn_->execute("CREATE TABLE t (id integer PRIMARY KEY)");
  conn_->begin();
  conn_->execute("INSERT INTO t VALUES (1)");
  EXPECT_THROW(conn_->execute("INSERT INTO nosuch VALUES (1)"), Error);
  // COMMIT would answer ROLLBACK without an error; migrate must not report success.
  EXPECT_TRUE(contains(error_of([&] { conn_->commit(); }), "Cannot commit"));
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM t"), "0");
}

TEST_F(PgTest, DeferredConstraintFailingAtCommit) {
  conn_->execute(
      "CREATE TABLE p (id integer PRIMARY KEY); CREATE TABLE c (p integer REFERENCES p "
      "DEFERRABLE INITIALLY DEFERRED)");
  conn_->begin();
  conn_->execute("INSERT INTO c VALUES (7)");
  EXPECT_TRUE(contains(error_of([&] { conn_->commit(); }), "foreign key constraint"));
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM c"), "0");
}

TEST_F(PgTest, ALostSessionIsAnErrorNotASilentReconnect) {
  const auto pid = value(*conn_, "SELECT pg_backend_pid()");
  conn_->begin();
  auto admin = testing::connect(db_.admin_url());
  admin->execute("SELECT pg_terminate_backend(" + pid + ")");
  EXPECT_TRUE(contains(error_of([&] { conn_->execute("SELECT 1"); }), "connection"));
  // Reconnecting would run the rest of the "transaction" in autocommit, without the lock.
  EXPECT_THROW(conn_->execute("SELECT 1"), Error);
  conn_->rollback();  // must not throw
}

// A URL for the test cluster with some parts replaced.
struct ClusterUrl {
  Url admin = Url::parse(test::pg_test_url());
  std::string user = admin.user().value_or("postgres");
  std::string host = admin.host().value_or("127.0.0.1");
  int port = admin.port().value_or(5432);
  std::string password = admin.password().value_or("");

  std::string make(const std::string& password_part, int port_part, const std::string& database,
                   const std::string& query = "") const {
    return "postgresql://" + user + (password_part.empty() ? "" : ":" + password_part) + "@" +
           host + ":" + std::to_string(port_part) + "/" + database + query;
  }
};

// Connecting to `url` fails within `seconds`, with "Could not connect to <masked url>:", the
// server's reason, and no password.
void expect_connect_error(const std::string& url, const std::string& reason, double seconds,
                          const std::string& secret) {
  const auto start = std::chrono::steady_clock::now();
  const auto message = error_of([&] { (void)testing::connect(url); });
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took.count(), seconds) << message;
  EXPECT_EQ(message.rfind("Could not connect to " + Url::parse(url).masked() + ": ", 0), 0u)
      << message;
  EXPECT_TRUE(contains(message, reason)) << message;
  EXPECT_FALSE(contains(message, secret)) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(PgConnect, WrongPasswordDatabaseAndPort) {
  const ClusterUrl cluster;
  const std::string wrong = "Wr0ng-Passw0rd";
  expect_connect_error(cluster.make(wrong, cluster.port, "postgres"),
                       "password authentication failed", 10, wrong);
  expect_connect_error(cluster.make(cluster.password, cluster.port, "no_such_db_here"),
                       "database \"no_such_db_here\" does not exist", 10, cluster.password);
  // Port 1 on the loopback: nobody listens there.
  expect_connect_error(cluster.make(cluster.password, 1, "postgres"), "Connection refused", 10,
                       cluster.password);
  expect_connect_error(cluster.make(cluster.password, cluster.port, "postgres", "?bogus=1"),
                       "invalid connection option \"bogus\"", 10, cluster.password);
}

TEST(PgConnect, ConnectTimeoutBoundsASilentServer) {
  // A socket that listens but never answers: the kernel completes the TCP handshake, then
  // libpq waits for a reply that never comes, until connect_timeout.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const ClusterUrl cluster;
  expect_connect_error(
      cluster.make("pw", ntohs(address.sin_port), "postgres", "?connect_timeout=2&sslmode=disable"),
      "timeout", 8, "pw@");
  close(fd);
}

TEST(PgConnect, WithoutAPasswordInTheUrlPgpasswordApplies) {
  const ClusterUrl cluster;
  ASSERT_FALSE(cluster.password.empty());
  setenv("PGPASSWORD", cluster.password.c_str(), 1);
  std::unique_ptr<Connection> connection;
  EXPECT_NO_THROW(connection = testing::connect(cluster.make("", cluster.port, "postgres")));
  unsetenv("PGPASSWORD");
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(value(*connection, "SELECT 1"), "1");
}

TEST(PgConnect, ApplicationNameDefaultsToMigrate) {
  FreshDatabase db;
  auto connection = db.connect();
  EXPECT_EQ(value(*connection, "SELECT current_setting('application_name')"), "migrate");
  EXPECT_EQ(value(*connection, "SELECT current_setting('client_encoding')"), "UTF8");
}

}  // namespace
}  // namespace migrate::postgresql
