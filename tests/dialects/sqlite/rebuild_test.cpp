// The table rebuild behind alter_column and the constraint operations: rows, indexes, triggers,
// views and foreign keys (outgoing and incoming) survive; the result enforces the new shape.
#include "dialects/sqlite/rebuild.h"

#include <gtest/gtest.h>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

using testing::apply;
using testing::memory;
using testing::rows;
using testing::succeeds;
using testing::value;

constexpr const char* kShop = R"(
  CREATE TABLE customer (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    score INT DEFAULT 0,
    updated TEXT
  );
  CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    total NUMERIC
  );
  CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER,
    body TEXT,
    FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE SET NULL
  );
  CREATE INDEX ix_customer_email ON customer (email);
  CREATE UNIQUE INDEX ix_customer_name ON customer (lower(name)) WHERE name <> '';
  CREATE TRIGGER customer_touch AFTER UPDATE OF name ON customer
  BEGIN
    UPDATE customer SET updated = 'touched' WHERE id = new.id;
  END;
  CREATE TRIGGER orders_log AFTER INSERT ON orders
  BEGIN
    UPDATE customer SET score = score + 1 WHERE id = new.customer_id;
  END;
  CREATE VIEW big_customers AS SELECT c.name, count(*) AS n FROM customer c JOIN orders o
    ON o.customer_id = c.id GROUP BY c.name;
  INSERT INTO customer (id, name, email, score) VALUES (1, 'ann', 'a@x', 3), (2, 'bob', NULL, 0),
    (7, 'cy', 'c@x', 5);
  INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 9.5), (11, 1, 1), (12, 2, 4);
  INSERT INTO note (customer_id, body) VALUES (1, 'vip'), (7, 'new');
)";

class Rebuild : public ::testing::Test {
 protected:
  void SetUp() override { db_->execute(kShop); }

  std::vector<std::string> objects() {
    return rows(*db_, "SELECT type, name FROM sqlite_master ORDER BY type, name");
  }

  std::unique_ptr<Connection> db_ = memory();
};

TEST_F(Rebuild, AlterColumnKeepsRowsIndexesTriggersViewsAndForeignKeys) {
  const auto before = objects();
  const auto customers = rows(*db_, "SELECT id, name, email, score FROM customer ORDER BY id");
  apply(*db_, AlterColumn{.table = "customer", .name = "email", .type = "string(100)"});
  apply(*db_, AlterColumn{.table = "customer",
                          .name = "score",
                          .nullable = false,
                          .default_ = std::optional<std::string>("1 + 1")});
  apply(*db_, AlterColumn{.table = "orders", .name = "total", .type = "numeric(10,2)"});

  EXPECT_EQ(objects(), before);
  EXPECT_EQ(rows(*db_, "SELECT id, name, email, score FROM customer ORDER BY id"), customers);
  EXPECT_EQ(rows(*db_,
                 "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('customer')"
                 " WHERE name IN ('email', 'score')"),
            (std::vector<std::string>{"email|VARCHAR(100)|0|NULL", "score|INT|1|1 + 1"}));
  EXPECT_EQ(value(*db_, "SELECT type FROM pragma_table_info('orders') WHERE name = 'total'"),
            "NUMERIC(10, 2)");
  // Children kept their rows although customer was dropped and re-created.
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM orders"), "3");
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM note WHERE customer_id IS NOT NULL"), "2");
  // Foreign keys: outgoing from orders (rebuilt) and incoming to customer (rebuilt).
  EXPECT_EQ(
      rows(*db_, "SELECT \"table\", \"from\", on_delete FROM pragma_foreign_key_list('orders')"),
      std::vector<std::string>{"customer|customer_id|CASCADE"});
  EXPECT_EQ(rows(*db_, "SELECT \"table\", on_delete FROM pragma_foreign_key_list('note')"),
            std::vector<std::string>{"customer|SET NULL"});
  // Indexes still work and are still unique and partial.
  EXPECT_EQ(
      rows(*db_,
           "SELECT name, \"unique\", partial FROM pragma_index_list('customer') ORDER BY name"),
      (std::vector<std::string>{"ix_customer_email|0|0", "ix_customer_name|1|1"}));
  EXPECT_FALSE(succeeds(*db_, "INSERT INTO customer (name) VALUES ('ANN')"));
  // The default applies to new rows.
  db_->execute("INSERT INTO customer (id, name) VALUES (20, 'dee')");
  EXPECT_EQ(value(*db_, "SELECT score FROM customer WHERE id = 20"), "2");
  // Triggers on the rebuilt table and on other tables still fire; the view still reads.
  db_->execute("UPDATE customer SET name = 'bobby' WHERE id = 2");
  EXPECT_EQ(value(*db_, "SELECT updated FROM customer WHERE id = 2"), "touched");
  db_->execute("INSERT INTO orders (customer_id, total) VALUES (7, 2)");
  EXPECT_EQ(value(*db_, "SELECT score FROM customer WHERE id = 7"), "6");
  EXPECT_EQ(rows(*db_, "SELECT name, n FROM big_customers ORDER BY name"),
            (std::vector<std::string>{"ann|2", "bobby|1", "cy|1"}));
  EXPECT_TRUE(rows(*db_, "PRAGMA foreign_key_check").empty());
  // And the foreign keys still act once enforced.
  db_->execute("PRAGMA foreign_keys=ON");
  db_->execute("DELETE FROM customer WHERE id = 1");
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM orders WHERE customer_id = 1"), "0");
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM note WHERE customer_id IS NULL"), "1");
  EXPECT_FALSE(succeeds(*db_, "INSERT INTO orders (customer_id) VALUES (99)"));
}

TEST_F(Rebuild, StatementsFollowSqlitesProcedure) {
  const auto statements = testing::sqlite().render(
      AlterColumn{.table = "customer", .name = "email", .nullable = false}, *db_);
  std::vector<std::string> sql;
  std::vector<std::string> checks;
  for (const auto& statement : statements) {
    (statement.must_return_no_rows ? checks : sql).push_back(statement.sql);
  }
  ASSERT_EQ(sql.size(), 9U);
  EXPECT_EQ(sql[0], "PRAGMA legacy_alter_table=ON");
  EXPECT_EQ(sql[1],
            "CREATE TABLE _migrate_tmp_customer (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT "
            "NULL,\n  email TEXT NOT NULL,\n  score INT DEFAULT 0,\n  updated TEXT\n)");
  EXPECT_EQ(sql[2],
            "INSERT INTO _migrate_tmp_customer (id, name, email, score, updated) SELECT id, name, "
            "email, score, updated FROM customer");
  EXPECT_EQ(sql[3], "DROP TABLE customer");
  EXPECT_EQ(sql[4], "ALTER TABLE _migrate_tmp_customer RENAME TO customer");
  EXPECT_EQ(sql[5], "PRAGMA legacy_alter_table=OFF");
  EXPECT_EQ(sql[6], "CREATE INDEX ix_customer_email ON customer (email)");
  EXPECT_EQ(sql[7].rfind("CREATE UNIQUE INDEX ix_customer_name", 0), 0U);
  EXPECT_EQ(sql[8].rfind("CREATE TRIGGER customer_touch", 0), 0U);
  EXPECT_EQ(checks, (std::vector<std::string>{"PRAGMA foreign_key_check(customer)",
                                              "PRAGMA foreign_key_check(note)",
                                              "PRAGMA foreign_key_check(orders)"}));
}

TEST_F(Rebuild, NoLegacyPragmaWithoutViewsOrForeignTriggers) {
  auto db = memory();
  db->execute("CREATE TABLE t (a INT); CREATE TRIGGER own AFTER INSERT ON t BEGIN SELECT 1; END");
  const auto statements =
      testing::sqlite().render(AlterColumn{.table = "t", .name = "a", .type = "text"}, *db);
  for (const auto& statement : statements) {
    EXPECT_EQ(statement.sql.find("legacy_alter_table"), std::string::npos) << statement.sql;
  }
  apply(*db, AlterColumn{.table = "t", .name = "a", .type = "text"});
  EXPECT_EQ(value(*db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), "1");
}

TEST_F(Rebuild, NotNullOverNullRowsFailsAndRollsBack) {
  const auto before = testing::schema_of(*db_);
  {
    Transaction transaction(*db_);
    try {
      apply(*db_, AlterColumn{.table = "customer", .name = "email", .nullable = false});
      FAIL() << "bob has no email";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("NOT NULL constraint failed: customer.email"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(testing::schema_of(*db_), before);
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM customer"), "3");
}

TEST_F(Rebuild, ForeignKeyCheckFlagsRowsThatBreakAKey) {
  db_->execute("INSERT INTO orders (id, customer_id) VALUES (50, 99)");  // foreign keys are off
  const auto statements = testing::sqlite().render(
      AlterColumn{.table = "orders", .name = "total", .type = "text"}, *db_);
  ASSERT_FALSE(statements.empty());
  EXPECT_TRUE(statements.back().must_return_no_rows);
  EXPECT_EQ(statements.back().sql, "PRAGMA foreign_key_check(orders)");
  try {
    apply(*db_, AlterColumn{.table = "orders", .name = "total", .type = "text"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "check returned rows: PRAGMA foreign_key_check(orders)");
  }
  // Rebuilding the parent checks its children too.
  EXPECT_THROW(apply(*db_, AlterColumn{.table = "customer", .name = "email", .type = "text"}),
               Error);
}

TEST_F(Rebuild, IntegerKeyKeepsItsRowidAliasOnTypeChange) {
  apply(*db_, AlterColumn{.table = "customer", .name = "id", .type = "bigint"});
  EXPECT_EQ(value(*db_, "SELECT type FROM pragma_table_info('customer') WHERE name = 'id'"),
            "INTEGER");
  db_->execute("INSERT INTO customer (name) VALUES ('eve')");
  EXPECT_EQ(value(*db_, "SELECT id FROM customer WHERE name = 'eve'"), "8");
}

TEST_F(Rebuild, DropDefault) {
  apply(*db_, AlterColumn{
                  .table = "customer", .name = "score", .default_ = std::optional<std::string>()});
  EXPECT_EQ(value(*db_,
                  "SELECT dflt_value IS NULL FROM pragma_table_info('customer') WHERE name "
                  "= 'score'"),
            "1");
  // 3 + 0 + 5, plus one per order from the orders_log trigger.
  EXPECT_EQ(value(*db_, "SELECT sum(score) FROM customer"), "11");
}

TEST_F(Rebuild, UniqueConstraintCreateAndDrop) {
  apply(*db_,
        CreateUniqueConstraint{.name = "uq_email", .table = "customer", .columns = {"email"}});
  EXPECT_FALSE(succeeds(*db_, "INSERT INTO customer (name, email) VALUES ('x', 'a@x')"));
  EXPECT_THROW(
      apply(*db_,
            CreateUniqueConstraint{.name = "uq_email", .table = "customer", .columns = {"name"}}),
      Error);
  EXPECT_THROW(
      apply(*db_, CreateUniqueConstraint{.name = "uq_x", .table = "customer", .columns = {"nope"}}),
      Error);
  apply(*db_,
        DropConstraint{.name = "uq_email", .table = "customer", .type = ConstraintType::unique});
  EXPECT_TRUE(succeeds(*db_, "INSERT INTO customer (name, email) VALUES ('x', 'a@x')"));
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM orders"), "3");
}

TEST_F(Rebuild, CheckConstraintCreateAndDrop) {
  apply(*db_,
        CreateCheckConstraint{.name = "ck_score", .table = "customer", .condition = "score >= 0"});
  EXPECT_FALSE(succeeds(*db_, "INSERT INTO customer (name, score) VALUES ('neg', -1)"));
  EXPECT_TRUE(succeeds(*db_, "INSERT INTO customer (name, score) VALUES ('pos', 1)"));
  // Existing rows must satisfy it: SQLite checks them during the copy. (In a transaction, as the
  // runtime runs it, so that the half-done rebuild rolls back.)
  {
    Transaction transaction(*db_);
    EXPECT_THROW(apply(*db_,
                       CreateCheckConstraint{
                           .name = "ck_big", .table = "customer", .condition = "score > 100"}),
                 Error);
  }
  apply(*db_, DropConstraint{.name = "ck_score", .table = "customer"});
  EXPECT_TRUE(succeeds(*db_, "INSERT INTO customer (name, score) VALUES ('neg', -1)"));
}

TEST_F(Rebuild, ForeignKeyCreateAndDrop) {
  db_->execute(
      "CREATE TABLE tag (id INTEGER PRIMARY KEY, customer_id INT, label TEXT);"
      "INSERT INTO tag VALUES (1, 2, 'x')");
  apply(*db_, CreateForeignKey{.name = "fk_tag_customer",
                               .table = "tag",
                               .columns = {"customer_id"},
                               .ref_table = "customer",
                               .ref_columns = {"id"},
                               .ondelete = "CASCADE"});
  EXPECT_EQ(rows(*db_,
                 "SELECT \"table\", \"from\", \"to\", on_delete FROM "
                 "pragma_foreign_key_list('tag')"),
            std::vector<std::string>{"customer|customer_id|id|CASCADE"});
  db_->execute("INSERT INTO tag VALUES (2, 42, 'orphan')");
  EXPECT_EQ(rows(*db_, "SELECT \"table\", rowid FROM pragma_foreign_key_check('tag')"),
            std::vector<std::string>{"tag|2"});
  db_->execute("DELETE FROM tag WHERE id = 2");
  // Adding a key that existing rows break is flagged by the check.
  db_->execute("INSERT INTO tag VALUES (3, 1, 'y')");
  {
    Transaction transaction(*db_);
    EXPECT_THROW(apply(*db_, CreateForeignKey{.name = "fk_tag_label",
                                              .table = "tag",
                                              .columns = {"label"},
                                              .ref_table = "customer",
                                              .ref_columns = {"id"}}),
                 Error);
  }
  apply(*db_, DropConstraint{
                  .name = "fk_tag_customer", .table = "tag", .type = ConstraintType::foreignkey});
  EXPECT_TRUE(rows(*db_, "SELECT * FROM pragma_foreign_key_list('tag')").empty());
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM tag"), "2");
}

TEST_F(Rebuild, PrimaryKeyCreateAndDrop) {
  db_->execute("CREATE TABLE pair (a INT, b INT, v TEXT); INSERT INTO pair VALUES (1, 1, 'x')");
  apply(*db_, CreatePrimaryKey{.name = "pk_pair", .table = "pair", .columns = {"a", "b"}});
  EXPECT_EQ(rows(*db_, "SELECT name, pk, \"notnull\" FROM pragma_table_info('pair') WHERE pk > 0"),
            (std::vector<std::string>{"a|1|1", "b|2|1"}));
  EXPECT_FALSE(succeeds(*db_, "INSERT INTO pair VALUES (1, 1, 'dup')"));
  EXPECT_FALSE(succeeds(*db_, "INSERT INTO pair VALUES (NULL, 1, 'null key')"));
  EXPECT_THROW(apply(*db_, CreatePrimaryKey{.name = "pk2", .table = "pair", .columns = {"v"}}),
               Error);
  apply(*db_, DropConstraint{.name = "pk_pair", .table = "pair", .type = ConstraintType::primary});
  EXPECT_TRUE(succeeds(*db_, "INSERT INTO pair VALUES (1, 1, 'dup')"));
}

TEST_F(Rebuild, DropConstraintErrorsNameTableAndConstraint) {
  db_->execute("CREATE TABLE k (a INT, CONSTRAINT ck_a CHECK (a > 0))");
  try {
    apply(*db_, DropConstraint{.name = "uq_missing", .table = "k"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Table 'k' has no constraint named 'uq_missing'; its named ones are: ck_a "
                 "(SQLite can only drop constraints that were given a name)");
  }
  try {
    apply(*db_, DropConstraint{.name = "ck_a", .table = "k", .type = ConstraintType::foreignkey});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no foreign key constraint named 'ck_a'"),
              std::string::npos);
  }
  try {
    apply(*db_, DropConstraint{.name = "ck_a", .table = "nope"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "Cannot alter table 'nope': it does not exist in the database");
  }
}

TEST_F(Rebuild, DropColumnWithIndexesAndConstraintsLikePostgresql) {
  apply(*db_, DropColumn{.table = "customer", .name = "email"});
  EXPECT_EQ(rows(*db_, "SELECT name FROM sqlite_master WHERE type = 'index'"),
            std::vector<std::string>{"ix_customer_name"});
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM customer"), "3");
  EXPECT_EQ(value(*db_, "SELECT count(*) FROM orders"), "3");
}

TEST_F(Rebuild, GeneratedColumnsAreNotCopiedAndProtectTheirSources) {
  auto db = memory();
  db->execute(
      "CREATE TABLE g (a INT, b INT, c INT GENERATED ALWAYS AS (a * 2) VIRTUAL, d INT AS (b + 1) "
      "STORED); CREATE INDEX ix_b ON g (b); INSERT INTO g (a, b) VALUES (1, 2)");
  apply(*db, AlterColumn{.table = "g", .name = "b", .type = "bigint"});
  EXPECT_EQ(rows(*db, "SELECT a, b, c, d FROM g"), std::vector<std::string>{"1|2|2|3"});
  try {
    apply(*db, DropColumn{.table = "g", .name = "b"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("generated column 'd' is computed from it"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(Rebuild, VirtualTablesAreRefused) {
  auto db = memory();
  db->execute("CREATE VIRTUAL TABLE v USING fts5 (body)");
  EXPECT_THROW(apply(*db, AlterColumn{.table = "v", .name = "body", .type = "text"}), Error);
}

}  // namespace
}  // namespace migrate::sqlite
