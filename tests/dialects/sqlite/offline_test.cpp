// The --sql sink: printed SQL, run by SQLite on a fresh database, builds what the online run
// builds, table rebuilds included (SPEC §11).
#include "dialects/sqlite/offline.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <sstream>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

using testing::rows;
using testing::value;

// Runs `ops` in one transaction as the runtime does: checks are queries, skipped offline
// (MigrationContext), statements are executed (printed, under --sql).
void run(Connection& connection, const std::vector<Operation>& ops) {
  Transaction transaction(connection);
  for (const auto& op : ops) {
    for (const auto& statement : testing::sqlite().render(op, connection)) {
      if (!statement.must_return_no_rows) {
        connection.execute(statement.sql);
      } else if (!connection.offline()) {
        EXPECT_TRUE(connection.query(statement.sql).empty()) << statement.sql;
      }
    }
  }
  transaction.commit();
}

std::vector<Operation> migration() {
  return {
      CreateTable{.name = "author",
                  .columns = {Column{.name = "id", .type = "integer", .primary_key = true},
                              Column{.name = "name", .type = "string(80)", .nullable = false}}},
      CreateTable{.name = "book",
                  .columns = {Column{.name = "id", .type = "integer", .primary_key = true},
                              Column{.name = "author_id",
                                     .type = "integer",
                                     .references = ForeignKeyRef{"author", "id", "CASCADE"}},
                              Column{.name = "title", .type = "text"},
                              Column{.name = "order", .type = "integer"}},
                  .checks = {CheckConstraint{"ck_order", "\"order\" >= 0"}}},
      CreateIndex{.name = "ix_book_title", .table = "book", .columns = {"title"}},
      Execute{.sql = "CREATE TRIGGER book_title AFTER INSERT ON book BEGIN UPDATE book SET title "
                     "= upper(title) WHERE id = new.id; END -- shout"},
      BulkInsert{.table = "author", .rows = {{{"name", Value{Value::Kind::string, "O'Neil"}}}}},
      BulkInsert{.table = "book",
                 .rows = {{{"author_id", Value{Value::Kind::integer, "1"}},
                           {"title", Value{Value::Kind::string, "a; b"}},
                           {"order", Value{Value::Kind::integer, "1"}}}}},
      AlterColumn{.table = "author",
                  .name = "name",
                  .type = "text",
                  .default_ = std::optional<std::string>("'anon'")},
      AddColumn{.table = "book",
                .column = Column{.name = "isbn", .type = "string(13)", .unique = true}},
      AddColumn{.table = "book", .column = Column{.name = "pages", .type = "integer"}},
      DropConstraint{.name = "ck_order", .table = "book", .type = ConstraintType::check},
      CreateUniqueConstraint{.name = "uq_book_title", .table = "book", .columns = {"title"}},
      DropColumn{.table = "book", .name = "pages"},
      AlterColumn{.table = "book", .name = "title", .new_name = "heading", .nullable = false},
      Execute{.sql = "INSERT INTO author (name) VALUES ('x');"},
  };
}

class OfflineReplay : public testing::TempDir {};

TEST_F(OfflineReplay, PrintedSqlBuildsTheSameDatabaseAsOnline) {
  auto online = testing::connect(url("online.db"));
  run(*online, migration());

  std::ostringstream out;
  auto offline = testing::sqlite().offline(Url::parse(url("never-opened.db")), out);
  EXPECT_TRUE(offline->offline());
  run(*offline, migration());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "never-opened.db"));
  EXPECT_NE(out.str().find("ALTER TABLE _migrate_tmp_book RENAME TO book;\n"), std::string::npos)
      << out.str();

  {
    // What a DBA would do with sqlite3: run the whole script on a fresh database.
    SQLite::Database fresh((dir_ / "replayed.db").string(),
                           SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    fresh.exec(out.str());
  }
  auto replayed = testing::connect(url("replayed.db"));
  EXPECT_EQ(testing::schema_of(*replayed), testing::schema_of(*online));
  const std::string data =
      "SELECT author.id, name, book.id, heading, \"order\", isbn FROM author LEFT JOIN book ON "
      "book.author_id = author.id ORDER BY author.id";
  EXPECT_EQ(rows(*replayed, data), rows(*online, data));
  EXPECT_EQ(rows(*online, data),
            (std::vector<std::string>{"1|O'Neil|1|A; B|1|NULL", "2|x|NULL|NULL|NULL|NULL"}));
  // And the shadow agrees with both.
  EXPECT_EQ(testing::schema_of(*offline), testing::schema_of(*online));
}

TEST(Offline, TextLayout) {
  std::ostringstream out;
  auto offline = testing::sqlite().offline(Url::parse("sqlite://"), out);
  offline->begin();
  offline->execute("CREATE TABLE a (x)");
  offline->execute("CREATE TABLE b (y);  \n");
  offline->execute("CREATE TABLE c (z) -- note");
  offline->execute("INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)");
  offline->execute("  -- only a comment\n");
  offline->commit();
  EXPECT_EQ(out.str(),
            "BEGIN;\n"
            "CREATE TABLE a (x);\n"
            "CREATE TABLE b (y);\n"
            "CREATE TABLE c (z) -- note\n;\n"
            "INSERT INTO a VALUES (1); INSERT INTO b VALUES (2);\n"
            "COMMIT;\n");
  // Queries answer from the shadow.
  EXPECT_TRUE(testing::sqlite().table_exists(*offline, {std::nullopt, "c"}));
  EXPECT_EQ(value(*offline, "SELECT count(*) FROM a"), "1");
}

TEST(Offline, SqlAboutObjectsOutsideTheMigrationsIsStillPrinted) {
  std::ostringstream out;
  auto offline = testing::sqlite().offline(Url::parse("sqlite://"), out);
  // `legacy` exists in the real database, not in the shadow built from the migrations.
  EXPECT_NO_THROW(offline->execute("ALTER TABLE legacy ADD COLUMN x"));
  EXPECT_EQ(out.str(), "ALTER TABLE legacy ADD COLUMN x;\n");
  // A rebuild needs the table in the shadow; otherwise it says which table is missing.
  try {
    (void)testing::sqlite().render(AlterColumn{.table = "missing", .name = "x", .type = "text"},
                                   *offline);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "Cannot alter table 'missing': it does not exist in the database");
  }
}

TEST(Offline, RollbackPrintsNothingAndUndoesTheShadow) {
  std::ostringstream out;
  auto offline = testing::sqlite().offline(Url::parse("sqlite://"), out);
  {
    Transaction transaction(*offline);
    offline->execute("CREATE TABLE a (x)");
  }
  EXPECT_EQ(out.str(), "BEGIN;\nCREATE TABLE a (x);\n");
  EXPECT_FALSE(testing::sqlite().table_exists(*offline, {std::nullopt, "a"}));
}

}  // namespace
}  // namespace migrate::sqlite
