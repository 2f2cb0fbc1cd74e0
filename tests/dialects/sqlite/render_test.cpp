// Every operation renders, runs on a real SQLite database, and leaves the schema SQLite then
// reports through sqlite_master and the table pragmas.
#include "dialects/sqlite/render.h"

#include <gtest/gtest.h>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

using testing::apply;
using testing::memory;
using testing::rows;
using testing::succeeds;
using testing::value;

std::vector<std::string> sql_of(const Operation& op, Connection& connection) {
  std::vector<std::string> out;
  for (const auto& statement : testing::sqlite().render(op, connection)) {
    out.push_back(statement.sql);
  }
  return out;
}

CreateTable account() {
  return CreateTable{.name = "account",
                     .columns = {Column{.name = "id", .type = "integer", .primary_key = true},
                                 Column{.name = "name", .type = "string(50)", .nullable = false},
                                 Column{.name = "description", .type = "text"}}};
}

TEST(RenderCreateTable, SpecExample) {
  auto db = memory();
  EXPECT_EQ(sql_of(account(), *db),
            std::vector<std::string>{"CREATE TABLE account (\n  id INTEGER NOT NULL PRIMARY KEY,\n"
                                     "  name VARCHAR(50) NOT NULL,\n  description TEXT\n)"});
  apply(*db, account());
  EXPECT_EQ(
      rows(*db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info('account')"),
      (std::vector<std::string>{"id|INTEGER|1|1", "name|VARCHAR(50)|1|0", "description|TEXT|0|0"}));
}

TEST(RenderCreateTable, EveryClause) {
  auto db = memory();
  apply(*db,
        CreateTable{.name = "parent",
                    .columns = {Column{.name = "id", .type = "integer", .primary_key = true}}});
  const CreateTable op{
      .name = "child",
      .columns = {Column{.name = "a", .type = "integer"}, Column{.name = "b", .type = "string(10)"},
                  Column{.name = "created", .type = "datetime", .default_ = "CURRENT_TIMESTAMP"},
                  Column{.name = "n", .type = "integer", .default_ = "-1"},
                  Column{.name = "s", .type = "text", .default_ = "'x'"},
                  Column{.name = "code", .type = "text", .unique = true},
                  Column{.name = "parent_id",
                         .type = "integer",
                         .references = ForeignKeyRef{"parent", "id", "cascade", "set null"}}},
      .primary_key = {"a", "b"},
      .primary_key_name = "pk_child",
      .unique = {UniqueConstraint{"uq_child_b", {"b", "n"}}, UniqueConstraint{std::nullopt, {"s"}}},
      .foreign_keys = {ForeignKey{.name = "fk_child_n",
                                  .columns = {"n"},
                                  .ref_table = "parent",
                                  .ref_columns = {"id"},
                                  .ondelete = "RESTRICT"}},
      .checks = {CheckConstraint{"ck_n", "n >= -1"},
                 CheckConstraint{std::nullopt, "length(b) > 0"}},
      .if_not_exists = true};
  EXPECT_EQ(sql_of(op, *db).front(),
            "CREATE TABLE IF NOT EXISTS child (\n"
            "  a INTEGER NOT NULL,\n"
            "  b VARCHAR(10) NOT NULL,\n"
            "  created DATETIME DEFAULT (CURRENT_TIMESTAMP),\n"
            "  n INTEGER DEFAULT -1,\n"
            "  s TEXT DEFAULT 'x',\n"
            "  code TEXT UNIQUE,\n"
            "  parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL,\n"
            "  CONSTRAINT pk_child PRIMARY KEY (a, b),\n"
            "  CONSTRAINT uq_child_b UNIQUE (b, n),\n"
            "  UNIQUE (s),\n"
            "  CONSTRAINT fk_child_n FOREIGN KEY (n) REFERENCES parent (id) ON DELETE RESTRICT,\n"
            "  CONSTRAINT ck_n CHECK (n >= -1),\n"
            "  CHECK (length(b) > 0)\n"
            ")");
  apply(*db, op);
  apply(*db, op);  // IF NOT EXISTS
  EXPECT_EQ(rows(*db, "SELECT name, pk FROM pragma_table_info('child') WHERE pk > 0"),
            (std::vector<std::string>{"a|1", "b|2"}));
  EXPECT_EQ(rows(*db,
                 "SELECT \"from\", \"table\", \"to\", on_update, on_delete FROM "
                 "pragma_foreign_key_list('child') ORDER BY \"from\""),
            (std::vector<std::string>{"n|parent|id|NO ACTION|RESTRICT",
                                      "parent_id|parent|id|SET NULL|CASCADE"}));
  EXPECT_EQ(value(*db, "SELECT count(*) FROM pragma_index_list('child') WHERE \"unique\""), "4");
  db->execute("INSERT INTO child (a, b, s) VALUES (1, 'x', 'one')");
  EXPECT_EQ(rows(*db, "SELECT n, created IS NOT NULL FROM child"),
            std::vector<std::string>{"-1|1"});
  EXPECT_FALSE(succeeds(*db, "INSERT INTO child (a, b, n, s) VALUES (2, 'y', -5, 'two')"));
  EXPECT_FALSE(succeeds(*db, "INSERT INTO child (a, b, s) VALUES (1, 'x', 'three')"));
  EXPECT_FALSE(succeeds(*db, "INSERT INTO child (a, b, s) VALUES (3, '', 'four')"));
}

TEST(RenderCreateTable, BadReferentialActionIsRejected) {
  auto db = memory();
  CreateTable op = account();
  op.columns[1].references = ForeignKeyRef{"x", "id", "DROP TABLE x", std::nullopt};
  try {
    (void)sql_of(op, *db);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'ondelete: DROP TABLE x' is not a referential action"),
              std::string::npos)
        << e.what();
  }
}

// The YAML parser already refuses such values; the renderer must not trust that alone, since
// anything it passes through becomes SQL text.
TEST(RenderBulkInsert, ValuesThatAreNotWhatTheirKindSaysAreRejected) {
  auto db = memory();
  for (const auto& bad : {Value{Value::Kind::real, ".inf"}, Value{Value::Kind::integer, "1); --"},
                          Value{Value::Kind::boolean, "yes"}}) {
    const BulkInsert op{.table = "t", .rows = {{{"n", bad}}}};
    try {
      (void)sql_of(op, *db);
      FAIL() << bad.text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("bulk_insert into 't': value '" + bad.text +
                                           "' for column 'n' is not a valid"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(sql_of(BulkInsert{.table = "t",
                              .rows = {{{"a", Value{Value::Kind::real, "-2.5e+3"}},
                                        {"b", Value{Value::Kind::boolean, "TRUE"}},
                                        {"c", Value{Value::Kind::string, "it's"}}}}},
                   *db),
            std::vector<std::string>{"INSERT INTO t (a, b, c) VALUES (-2.5e+3, 1, 'it''s')"});
}

TEST(Autoincrement, IntegerKeyAliasesRowidAndAcceptsExplicitIds) {
  auto db = memory();
  apply(*db, CreateTable{.name = "t",
                         .columns = {Column{.name = "id", .type = "bigint", .primary_key = true},
                                     Column{.name = "v", .type = "text"}}});
  EXPECT_EQ(value(*db, "SELECT sql FROM sqlite_master WHERE name = 't'"),
            "CREATE TABLE t (\n  id INTEGER NOT NULL PRIMARY KEY,\n  v TEXT\n)");
  apply(*db, BulkInsert{.table = "t",
                        .rows = {{{"v", Value{Value::Kind::string, "implicit"}}},
                                 {{"id", Value{Value::Kind::integer, "10"}},
                                  {"v", Value{Value::Kind::string, "explicit"}}},
                                 {{"v", Value{Value::Kind::string, "next"}}}}});
  EXPECT_EQ(rows(*db, "SELECT id, v, id = rowid FROM t ORDER BY id"),
            (std::vector<std::string>{"1|implicit|1", "10|explicit|1", "11|next|1"}));
}

TEST(Autoincrement, TableLevelSingleKeyAndNamedKey) {
  auto db = memory();
  apply(*db, CreateTable{.name = "t",
                         .columns = {Column{.name = "id", .type = "integer"}},
                         .primary_key = {"id"},
                         .primary_key_name = "pk_t"});
  EXPECT_EQ(value(*db, "SELECT sql FROM sqlite_master WHERE name = 't'"),
            "CREATE TABLE t (\n  id INTEGER NOT NULL CONSTRAINT pk_t PRIMARY KEY\n)");
  db->execute("INSERT INTO t DEFAULT VALUES");
  EXPECT_EQ(value(*db, "SELECT id FROM t"), "1");
}

TEST(Autoincrement, NotForAutoincrementFalseCompositeOrNonInteger) {
  auto db = memory();
  apply(*db,
        CreateTable{
            .name = "a",
            .columns = {Column{
                .name = "id", .type = "integer", .primary_key = true, .autoincrement = false}}});
  apply(*db, CreateTable{.name = "b",
                         .columns = {Column{.name = "x", .type = "integer", .primary_key = true},
                                     Column{.name = "y", .type = "integer", .primary_key = true}}});
  apply(*db,
        CreateTable{.name = "c",
                    .columns = {Column{.name = "code", .type = "string(3)", .primary_key = true}}});
  EXPECT_EQ(rows(*db, "SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY name"),
            (std::vector<std::string>{
                "CREATE TABLE a (\n  id INTEGER NOT NULL,\n  PRIMARY KEY (id)\n)",
                "CREATE TABLE b (\n  x INTEGER NOT NULL,\n  y INTEGER NOT NULL,\n  PRIMARY KEY (x, "
                "y)\n)",
                "CREATE TABLE c (\n  code VARCHAR(3) NOT NULL,\n  PRIMARY KEY (code)\n)"}));
  // Without the alias, SQLite does not number the key: NOT NULL rejects the insert.
  EXPECT_FALSE(succeeds(*db, "INSERT INTO b (x) VALUES (1)"));
}

TEST(RenderTable, DropAndRename) {
  auto db = memory();
  apply(*db, account());
  EXPECT_EQ(sql_of(RenameTable{.name = "account", .new_name = "Order"}, *db),
            std::vector<std::string>{"ALTER TABLE account RENAME TO \"Order\""});
  apply(*db, RenameTable{.name = "account", .new_name = "Order"});
  EXPECT_EQ(value(*db, "SELECT name FROM sqlite_master"), "Order");
  EXPECT_EQ(sql_of(DropTable{.name = "Order", .if_exists = true}, *db),
            std::vector<std::string>{"DROP TABLE IF EXISTS \"Order\""});
  apply(*db, DropTable{.name = "Order"});
  apply(*db, DropTable{.name = "Order", .if_exists = true});
  EXPECT_THROW(apply(*db, DropTable{.name = "Order"}), Error);
}

TEST(RenderTable, AttachedSchema) {
  auto db = memory();
  db->execute("ATTACH DATABASE ':memory:' AS aux");
  CreateTable op = account();
  op.schema = "aux";
  apply(*db, op);
  apply(*db,
        CreateIndex{.name = "ix_name", .table = "account", .columns = {"name"}, .schema = "aux"});
  apply(*db, BulkInsert{.table = "account",
                        .schema = "aux",
                        .rows = {{{"name", Value{Value::Kind::string, "n"}},
                                  {"description", Value{Value::Kind::string, "d"}}}}});
  EXPECT_TRUE(testing::sqlite().table_exists(*db, {"aux", "account"}));
  EXPECT_FALSE(testing::sqlite().table_exists(*db, {std::nullopt, "account"}));
  // A rebuild in the attached database keeps its index there.
  apply(*db, AlterColumn{.table = "account",
                         .name = "description",
                         .schema = "aux",
                         .nullable = false,
                         .default_ = std::optional<std::string>("''")});
  EXPECT_EQ(rows(*db, "SELECT type, name FROM aux.sqlite_master ORDER BY name"),
            (std::vector<std::string>{"table|account", "index|ix_name"}));
  EXPECT_EQ(rows(*db, "SELECT name, description FROM aux.account"),
            std::vector<std::string>{"n|d"});
  apply(*db, RenameTable{.name = "account", .new_name = "acct", .schema = "aux"});
  apply(*db, DropIndex{.name = "ix_name", .schema = "aux"});
  apply(*db, DropTable{.name = "acct", .schema = "aux"});
  EXPECT_EQ(value(*db, "SELECT count(*) FROM aux.sqlite_master"), "0");
}

TEST(RenderColumn, AddColumnNativeWhenSqliteAllowsIt) {
  auto db = memory();
  apply(*db, account());
  db->execute("INSERT INTO account (name) VALUES ('a')");
  const AddColumn op{
      .table = "account",
      .column = Column{.name = "age", .type = "integer", .nullable = false, .default_ = "0"}};
  EXPECT_EQ(sql_of(op, *db), std::vector<std::string>{
                                 "ALTER TABLE account ADD COLUMN age INTEGER NOT NULL DEFAULT 0"});
  apply(*db, op);
  apply(*db, AddColumn{.table = "account",
                       .column = Column{.name = "ref",
                                        .type = "integer",
                                        .references = ForeignKeyRef{"account", "id"}}});
  EXPECT_EQ(rows(*db, "SELECT name, age, ref FROM account"), std::vector<std::string>{"a|0|NULL"});
}

TEST(RenderColumn, AddColumnByRebuildWhenSqliteRefuses) {
  auto db = memory();
  apply(*db, account());
  db->execute("INSERT INTO account (name) VALUES ('a'), ('b')");
  // Non-constant default, UNIQUE, NOT NULL without default: each needs the rebuild.
  apply(*db,
        AddColumn{.table = "account",
                  .column = Column{
                      .name = "created", .type = "datetime", .default_ = "CURRENT_TIMESTAMP"}});
  apply(*db, AddColumn{.table = "account",
                       .column = Column{.name = "code", .type = "text", .unique = true}});
  EXPECT_EQ(rows(*db, "SELECT id, name, created IS NOT NULL, code FROM account ORDER BY id"),
            (std::vector<std::string>{"1|a|1|NULL", "2|b|1|NULL"}));
  EXPECT_EQ(value(*db, "SELECT count(*) FROM pragma_index_list('account') WHERE \"unique\""), "1");
  // NOT NULL with no default cannot fill the existing rows: SQLite says so.
  try {
    apply(*db, AddColumn{.table = "account",
                         .column = Column{.name = "req", .type = "text", .nullable = false}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("NOT NULL constraint failed"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(
      apply(*db, AddColumn{.table = "account",
                           .column = Column{.name = "k", .type = "integer", .primary_key = true}}),
      Error);
}

TEST(RenderColumn, AddIntegerKeyToKeylessTableNumbersRows) {
  auto db = memory();
  db->execute("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x'), ('y')");
  apply(*db, AddColumn{.table = "t",
                       .column = Column{.name = "id", .type = "integer", .primary_key = true}});
  EXPECT_EQ(rows(*db, "SELECT id, v FROM t ORDER BY id"), (std::vector<std::string>{"1|x", "2|y"}));
}

TEST(RenderColumn, DropColumnNativeOrByRebuild) {
  auto db = memory();
  db->execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, plain TEXT, indexed TEXT, uniq TEXT UNIQUE, "
      "checked INT, other INT, CHECK (checked > other));"
      "CREATE INDEX ix_indexed ON t (indexed); CREATE INDEX ix_other ON t (other);"
      "INSERT INTO t VALUES (1, 'p', 'i', 'u', 5, 1)");
  EXPECT_EQ(sql_of(DropColumn{.table = "t", .name = "plain"}, *db),
            std::vector<std::string>{"ALTER TABLE t DROP COLUMN plain"});
  apply(*db, DropColumn{.table = "t", .name = "plain"});
  EXPECT_GT(sql_of(DropColumn{.table = "t", .name = "indexed"}, *db).size(), 1U);
  apply(*db, DropColumn{.table = "t", .name = "indexed"});
  apply(*db, DropColumn{.table = "t", .name = "uniq"});
  apply(*db, DropColumn{.table = "t", .name = "checked"});
  EXPECT_EQ(rows(*db, "SELECT name FROM pragma_table_info('t')"),
            (std::vector<std::string>{"id", "other"}));
  EXPECT_EQ(rows(*db, "SELECT name FROM sqlite_master WHERE type = 'index'"),
            std::vector<std::string>{"ix_other"});
  EXPECT_EQ(value(*db, "SELECT sql FROM sqlite_master WHERE name = 't'"),
            "CREATE TABLE \"t\" (\n  id INTEGER PRIMARY KEY,\n  other INT\n)");
  EXPECT_EQ(rows(*db, "SELECT * FROM t"), std::vector<std::string>{"1|1"});
  EXPECT_THROW(apply(*db, DropColumn{.table = "t", .name = "nope"}), Error);
  EXPECT_THROW(apply(*db, DropColumn{.table = "missing", .name = "x"}), Error);
}

TEST(RenderColumn, AlterColumnRenameIsNative) {
  auto db = memory();
  apply(*db, account());
  EXPECT_EQ(sql_of(AlterColumn{.table = "account", .name = "name", .new_name = "full name"}, *db),
            std::vector<std::string>{"ALTER TABLE account RENAME COLUMN name TO \"full name\""});
  apply(*db,
        AlterColumn{.table = "account", .name = "name", .new_name = "full name", .type = "text"});
  EXPECT_EQ(rows(*db, "SELECT name, type FROM pragma_table_info('account') WHERE cid = 1"),
            std::vector<std::string>{"full name|TEXT"});
  EXPECT_TRUE(sql_of(AlterColumn{.table = "account", .name = "id"}, *db).empty());
}

TEST(RenderIndex, CreateAndDrop) {
  auto db = memory();
  apply(*db, account());
  const CreateIndex op{.name = "ix_lower",
                       .table = "account",
                       .columns = {"(lower(name))", "description"},
                       .unique = true,
                       .where = "description IS NOT NULL",
                       .concurrently = true};
  EXPECT_EQ(sql_of(op, *db),
            std::vector<std::string>{"CREATE UNIQUE INDEX ix_lower ON account ((lower(name)), "
                                     "description) WHERE description IS NOT NULL"});
  apply(*db, op);
  EXPECT_EQ(rows(*db, "SELECT name, \"unique\", partial FROM pragma_index_list('account')"),
            std::vector<std::string>{"ix_lower|1|1"});
  db->execute("INSERT INTO account (name, description) VALUES ('A', 'd')");
  EXPECT_FALSE(succeeds(*db, "INSERT INTO account (name, description) VALUES ('a', 'd')"));
  EXPECT_TRUE(succeeds(*db, "INSERT INTO account (name) VALUES ('a')"));
  apply(*db, DropIndex{.name = "ix_lower", .table = "account"});
  EXPECT_EQ(value(*db, "SELECT count(*) FROM pragma_index_list('account')"), "0");
}

TEST(RenderData, BulkInsertLiterals) {
  auto db = memory();
  db->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BOOLEAN, i INT, r REAL, s TEXT, n TEXT)");
  const BulkInsert op{.table = "t",
                      .rows = {{{"b", Value{Value::Kind::boolean, "true"}},
                                {"i", Value{Value::Kind::integer, "-42"}},
                                {"r", Value{Value::Kind::real, "1.5e3"}},
                                {"s", Value{Value::Kind::string, "O'Brien; DROP TABLE t"}},
                                {"n", Value{}}},
                               {{"b", Value{Value::Kind::boolean, "false"}}},
                               {}}};
  EXPECT_EQ(sql_of(op, *db),
            (std::vector<std::string>{
                "INSERT INTO t (b, i, r, s, n) VALUES (1, -42, 1.5e3, 'O''Brien; DROP TABLE t', "
                "NULL)",
                "INSERT INTO t (b) VALUES (0)", "INSERT INTO t DEFAULT VALUES"}));
  apply(*db, op);
  EXPECT_EQ(rows(*db, "SELECT b, i, r, s, n FROM t ORDER BY id"),
            (std::vector<std::string>{"1|-42|1500.0|O'Brien; DROP TABLE t|NULL",
                                      "0|NULL|NULL|NULL|NULL", "NULL|NULL|NULL|NULL|NULL"}));
  EXPECT_THROW((void)sql_of(BulkInsert{.table = "t",
                                       .rows = {{{"i", Value{Value::Kind::integer, "1); DROP"}}}}},
                            *db),
               Error);
}

TEST(RenderData, ExecutePlainPerDialectOrNothing) {
  auto db = memory();
  EXPECT_EQ(sql_of(Execute{.sql = "CREATE TABLE a (x); CREATE TABLE b (y)"}, *db),
            std::vector<std::string>{"CREATE TABLE a (x); CREATE TABLE b (y)"});
  apply(*db, Execute{.sql = "CREATE TABLE a (x); CREATE TABLE b (y)"});
  EXPECT_EQ(value(*db, "SELECT count(*) FROM sqlite_master"), "2");
  EXPECT_EQ(
      sql_of(Execute{.per_dialect = {{"postgresql", "SELECT 1"}, {"sqlite", "SELECT 2"}}}, *db),
      std::vector<std::string>{"SELECT 2"});
  EXPECT_TRUE(sql_of(Execute{.per_dialect = {{"postgresql", "SELECT 1"}}}, *db).empty());
}

TEST(VersionTable, AlembicDdlAndExistence) {
  auto db = memory();
  const auto& dialect = testing::sqlite();
  EXPECT_EQ(dialect.create_version_table({std::nullopt, "alembic_version"}, true),
            "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
  EXPECT_FALSE(dialect.table_exists(*db, {std::nullopt, "alembic_version"}));
  db->execute(dialect.create_version_table({std::nullopt, "alembic_version"}, false));
  db->execute(dialect.create_version_table({std::nullopt, "alembic_version"}, true));
  EXPECT_TRUE(dialect.table_exists(*db, {std::nullopt, "alembic_version"}));
  EXPECT_THROW(db->execute(dialect.create_version_table({std::nullopt, "alembic_version"}, false)),
               Error);
  db->execute("INSERT INTO alembic_version VALUES ('abc')");
  EXPECT_FALSE(succeeds(*db, "INSERT INTO alembic_version VALUES ('abc')"));
  EXPECT_EQ(dialect.create_version_table({"aux", "My Versions"}, false),
            "CREATE TABLE aux.\"My Versions\" (version_num VARCHAR(32) NOT NULL, CONSTRAINT "
            "\"My Versions_pkc\" PRIMARY KEY (version_num))");
}

TEST(Lock, GuardHoldsNothing) {
  auto db = memory();
  auto guard = testing::sqlite().lock(*db, "alembic_version");
  ASSERT_NE(guard, nullptr);
  auto other = memory();
  other->begin();  // nothing was locked
  other->commit();
}

}  // namespace
}  // namespace migrate::sqlite
