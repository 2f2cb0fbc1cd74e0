// The live connection: opening (and failing to open) databases, transactions, error messages,
// and BEGIN IMMEDIATE as the migration lock (SPEC §10).
#include "dialects/sqlite/connection.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

using testing::connect;
using testing::rows;
using testing::value;

class SqliteConnectionTest : public testing::TempDir {};

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

TEST_F(SqliteConnectionTest, CreatesTheFileAndKeepsData) {
  const auto url = this->url("new.db");
  {
    auto db = connect(url);
    EXPECT_FALSE(db->offline());
    db->execute("CREATE TABLE t (a); INSERT INTO t VALUES (1); INSERT INTO t VALUES (NULL)");
  }
  EXPECT_TRUE(std::filesystem::exists(dir_ / "new.db"));
  auto again = connect(url);
  const auto result = again->query("SELECT a FROM t ORDER BY a");
  ASSERT_EQ(result.size(), 2U);
  EXPECT_EQ(result[0][0], std::nullopt);
  EXPECT_EQ(result[1][0], std::optional<std::string>("1"));
}

TEST_F(SqliteConnectionTest, RelativePathsStartFromTheCurrentDirectory) {
  const auto saved = std::filesystem::current_path();
  std::filesystem::current_path(dir_);
  {
    auto db = connect("sqlite:///relative.db");
    db->execute("CREATE TABLE t (a)");
  }
  std::filesystem::current_path(saved);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "relative.db"));
}

TEST_F(SqliteConnectionTest, MemoryUrlsArePrivateDatabases) {
  auto a = connect("sqlite://");
  auto b = connect("sqlite:///:memory:");
  a->execute("CREATE TABLE t (x)");
  EXPECT_EQ(value(*a, "SELECT count(*) FROM sqlite_master"), "1");
  EXPECT_EQ(value(*b, "SELECT count(*) FROM sqlite_master"), "0");
}

TEST_F(SqliteConnectionTest, MissingDirectoryNamesTheUrl) {
  const auto url = this->url("no/such/dir/x.db");
  EXPECT_EQ(error_of([&] { connect(url); }),
            "Cannot open SQLite database '" + url + "': directory '" +
                (dir_ / "no/such/dir").string() +
                "' does not exist (relative paths start from the current directory)");
}

TEST_F(SqliteConnectionTest, FileThatIsNotADatabaseNamesTheUrl) {
  std::ofstream(dir_ / "notes.txt") << "These are not the pages you are looking for.\n"
                                       "Definitely not a SQLite header, just plain text.\n";
  const auto url = this->url("notes.txt");
  EXPECT_EQ(error_of([&] { connect(url); }),
            "Cannot open SQLite database '" + url + "': file is not a database");
}

TEST_F(SqliteConnectionTest, UrlParametersAreChecked) {
  EXPECT_EQ(error_of([&] { connect("sqlite:///:memory:?timeout=soon"); }),
            "Bad ?timeout=soon in SQLite URL 'sqlite:///:memory:?timeout=soon': expected a "
            "number of seconds (0 or more)");
  EXPECT_NE(error_of([&] { connect("sqlite://?timeout=-1"); }).find("Bad ?timeout=-1"),
            std::string::npos);
  EXPECT_EQ(error_of([&] { connect("sqlite://?mode=ro"); }),
            "Unknown parameter 'mode' in SQLite URL 'sqlite://?mode=ro'; the only one supported "
            "is ?timeout=SECONDS");
  EXPECT_EQ(error_of([&] { connect("sqlite://?timeout=2.5"); }), "<no error>");
}

TEST_F(SqliteConnectionTest, ErrorsCarrySqlitesMessage) {
  auto db = connect("sqlite://");
  EXPECT_EQ(error_of([&] { db->execute("SELECT * FROM nope"); }), "no such table: nope");
  EXPECT_EQ(error_of([&] { db->query("SELEC 1"); }), "near \"SELEC\": syntax error");
  db->execute("CREATE TABLE t (a UNIQUE); INSERT INTO t VALUES (1)");
  EXPECT_EQ(error_of([&] { db->execute("INSERT INTO t VALUES (1)"); }),
            "UNIQUE constraint failed: t.a");
}

TEST_F(SqliteConnectionTest, ForeignKeysStayOff) {
  auto db = connect(url("fk.db"));
  EXPECT_EQ(value(*db, "PRAGMA foreign_keys"), "0");
}

TEST_F(SqliteConnectionTest, TransactionsCommitAndRollBack) {
  auto db = connect(url("tx.db"));
  db->execute("CREATE TABLE t (a)");
  {
    Transaction transaction(*db);
    db->execute("INSERT INTO t VALUES (1)");
    transaction.commit();
  }
  {
    Transaction transaction(*db);
    db->execute("INSERT INTO t VALUES (2)");
    db->execute("CREATE TABLE u (b)");
  }  // rolled back: DDL too, SQLite's DDL is transactional
  EXPECT_EQ(rows(*db, "SELECT a FROM t"), std::vector<std::string>{"1"});
  EXPECT_EQ(value(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'u'"), "0");
  db->rollback();  // no transaction open: harmless
  db->begin();
  EXPECT_NE(error_of([&] { db->begin(); }).find("within a transaction"), std::string::npos);
  db->rollback();
}

TEST_F(SqliteConnectionTest, BeginImmediateLocksOutASecondConnection) {
  auto first = connect(url("lock.db"));
  first->execute("CREATE TABLE t (a)");
  auto second = connect(url("lock.db") + "?timeout=0.2");
  first->begin();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error_of([&] { second->begin(); }),
            "SQLite database '" + url("lock.db") +
                "?timeout=0.2' is locked by another process: gave up after waiting 0.2 s (the "
                "busy timeout); retry when it is done, or wait longer with ?timeout=SECONDS in the "
                "URL");
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
  // Reading is still possible while the writer holds its lock (rollback journal: until commit).
  EXPECT_EQ(value(*second, "SELECT count(*) FROM t"), "0");
  first->commit();
  second->begin();
  second->execute("INSERT INTO t VALUES (1)");
  second->commit();
}

TEST_F(SqliteConnectionTest, OpeningALockedDatabaseGivesTheSameMessageAsBeginning) {
  auto first = connect(url("excl.db"));
  first->execute("CREATE TABLE t (a)");
  // An exclusive lock keeps even readers out, so the second connection fails while opening.
  first->execute("BEGIN EXCLUSIVE");
  EXPECT_EQ(error_of([&] { connect(url("excl.db") + "?timeout=0.1"); }),
            "SQLite database '" + url("excl.db") +
                "?timeout=0.1' is locked by another process: gave up after waiting 0.1 s (the "
                "busy timeout); retry when it is done, or wait longer with ?timeout=SECONDS in the "
                "URL");
  first->rollback();
}

TEST_F(SqliteConnectionTest, HostsAndCredentialsAreRefused) {
  for (const char* bad : {"sqlite://user:secret@host/db", "sqlite://host/db", "sqlite://:5/db"}) {
    const std::string message = error_of([&] { connect(bad); });
    EXPECT_NE(message.find("names a host or credentials"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret"), std::string::npos) << message;
  }
}

TEST_F(SqliteConnectionTest, SecondConnectionWaitsForTheFirstWithinTheTimeout) {
  auto first = connect(url("wait.db"));
  first->execute("CREATE TABLE t (a)");
  auto second = connect(url("wait.db") + "?timeout=10");
  first->begin();
  first->execute("INSERT INTO t VALUES (1)");
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    first->commit();
  });
  const auto start = std::chrono::steady_clock::now();
  second->begin();  // blocks until the first commits
  const auto waited = std::chrono::steady_clock::now() - start;
  releaser.join();
  EXPECT_GE(waited, std::chrono::milliseconds(200));
  // The one that waited sees what the first committed (SPEC §10: it then finds nothing to do).
  EXPECT_EQ(value(*second, "SELECT count(*) FROM t"), "1");
  second->commit();
}

TEST_F(SqliteConnectionTest, DialectBasics) {
  const auto& dialect = testing::sqlite();
  EXPECT_EQ(dialect.name(), "sqlite");
  EXPECT_EQ(&dialects::find(Url::parse("sqlite://")), &dialect);
}

}  // namespace
}  // namespace migrate::sqlite
