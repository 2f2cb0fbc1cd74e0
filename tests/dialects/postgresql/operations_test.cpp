// Every operation on a real server, checked in pg_catalog / information_schema.
#include <gtest/gtest.h>

#include "pg_test_support.h"

namespace migrate::postgresql {
namespace {

using testing::apply;
using testing::PgTest;
using testing::rows;
using testing::value;
using Lines = std::vector<std::string>;

// name|data_type|is_nullable|column_default|is_identity for each column, in order.
Lines columns(Connection& c, const std::string& table, const std::string& schema = "public") {
  return rows(c,
              "SELECT column_name, data_type, is_nullable, coalesce(column_default, ''), "
              "is_identity FROM information_schema.columns WHERE table_schema = '" +
                  schema + "' AND table_name = '" + table + "' ORDER BY ordinal_position");
}

// contype|conname|definition for each constraint of a table.
Lines constraints(Connection& c, const std::string& qualified_table) {
  return rows(c,
              "SELECT contype, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE "
              "conrelid = '" +
                  qualified_table + "'::regclass ORDER BY contype, conname");
}

CreateTable parent() {
  return CreateTable{.name = "parent",
                     .columns = {Column{.name = "id", .type = "integer", .primary_key = true},
                                 Column{.name = "name", .type = "string(20)", .nullable = false}}};
}

TEST_F(PgTest, CreateTableWithEveryClause) {
  apply(*conn_, parent());
  apply(*conn_,
        CreateTable{
            .name = "Child",
            .columns = {Column{.name = "a", .type = "integer"},
                        Column{.name = "b", .type = "string(10)"},
                        Column{.name = "created", .type = "datetime", .default_ = "now()"},
                        Column{.name = "code", .type = "text", .unique = true, .comment = "a code"},
                        Column{.name = "user",
                               .type = "integer",
                               .references = ForeignKeyRef{"parent", "id", "cascade", {}}}},
            .primary_key = {"a", "b"},
            .primary_key_name = "pk_child",
            .unique = {UniqueConstraint{"uq_ab", {"a", "code"}}},
            .foreign_keys = {ForeignKey{.name = "fk_named",
                                        .columns = {"a"},
                                        .ref_table = "parent",
                                        .ref_columns = {"id"},
                                        .onupdate = "restrict",
                                        .ref_schema = "public"}},
            .checks = {CheckConstraint{"positive", "a > 0"}}});
  EXPECT_EQ(columns(*conn_, "Child"), (Lines{"a|integer|NO||NO", "b|character varying|NO||NO",
                                             "created|timestamp without time zone|YES|now()|NO",
                                             "code|text|YES||NO", "user|integer|YES||NO"}));
  EXPECT_EQ(constraints(*conn_, "\"Child\""),
            (Lines{"c|positive|CHECK ((a > 0))",
                   "f|Child_user_fkey|FOREIGN KEY (\"user\") REFERENCES parent(id) ON DELETE "
                   "CASCADE",
                   "f|fk_named|FOREIGN KEY (a) REFERENCES parent(id) ON UPDATE RESTRICT",
                   "p|pk_child|PRIMARY KEY (a, b)", "u|Child_code_key|UNIQUE (code)",
                   "u|uq_ab|UNIQUE (a, code)"}));
  EXPECT_EQ(value(*conn_, "SELECT col_description('\"Child\"'::regclass, 4)"), "a code");
  // IF NOT EXISTS on an existing table is not an error.
  CreateTable again = parent();
  again.if_not_exists = true;
  EXPECT_NO_THROW(apply(*conn_, again));
  EXPECT_THROW(apply(*conn_, parent()), Error);
}

TEST_F(PgTest, IdentityColumnsAcceptImplicitAndExplicitIds) {
  apply(*conn_, parent());
  EXPECT_EQ(columns(*conn_, "parent").front(), "id|integer|NO||YES");
  conn_->execute("INSERT INTO parent (name) VALUES ('a')");
  conn_->execute("INSERT INTO parent (id, name) VALUES (100, 'b')");
  conn_->execute("INSERT INTO parent (name) VALUES ('c')");
  EXPECT_EQ(rows(*conn_, "SELECT id, name FROM parent ORDER BY name"),
            (Lines{"1|a", "100|b", "2|c"}));
  // bulk_insert with and without ids.
  apply(*conn_, BulkInsert{.table = "parent",
                           .rows = {{{"id", Value{Value::Kind::integer, "7"}},
                                     {"name", Value{Value::Kind::string, "O'd"}}},
                                    {{"name", Value{Value::Kind::string, "e"}}}}});
  EXPECT_EQ(rows(*conn_, "SELECT id, name FROM parent WHERE name IN ('O''d', 'e') ORDER BY id"),
            (Lines{"3|e", "7|O'd"}));
}

TEST_F(PgTest, DropAndRenameTable) {
  apply(*conn_, parent());
  apply(*conn_, RenameTable{.name = "parent", .new_name = "Parent Table"});
  EXPECT_EQ(value(*conn_, "SELECT to_regclass('\"Parent Table\"') IS NOT NULL"), "t");
  apply(*conn_, DropTable{.name = "Parent Table"});
  EXPECT_EQ(value(*conn_, "SELECT to_regclass('\"Parent Table\"') IS NULL"), "t");
  EXPECT_NO_THROW(apply(*conn_, DropTable{.name = "nosuch", .if_exists = true}));
  EXPECT_THROW(apply(*conn_, DropTable{.name = "nosuch"}), Error);
}

TEST_F(PgTest, AddAndDropColumn) {
  apply(*conn_, parent());
  conn_->execute("INSERT INTO parent (name) VALUES ('a'), ('b')");
  apply(*conn_, AddColumn{.table = "parent",
                          .column = Column{.name = "score",
                                           .type = "numeric(5,2)",
                                           .nullable = false,
                                           .default_ = "0",
                                           .unique = false,
                                           .comment = "points"}});
  apply(*conn_, AddColumn{.table = "parent",
                          .column = Column{.name = "Ref",
                                           .type = "integer",
                                           .unique = true,
                                           .references = ForeignKeyRef{"parent", "id", {}, {}}}});
  EXPECT_EQ(columns(*conn_, "parent"), (Lines{"id|integer|NO||YES", "name|character varying|NO||NO",
                                              "score|numeric|NO|0|NO", "Ref|integer|YES||NO"}));
  EXPECT_EQ(value(*conn_, "SELECT col_description('parent'::regclass, 3)"), "points");
  EXPECT_EQ(rows(*conn_,
                 "SELECT contype FROM pg_constraint WHERE conrelid = 'parent'::regclass "
                 "ORDER BY contype"),
            (Lines{"f", "p", "u"}));
  apply(*conn_, DropColumn{.table = "parent", .name = "Ref"});
  apply(*conn_, DropColumn{.table = "parent", .name = "score"});
  EXPECT_EQ(columns(*conn_, "parent").size(), 2u);
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM parent"), "2");
}

TEST_F(PgTest, AddAnIdentityKeyToATableWithRows) {
  conn_->execute("CREATE TABLE t (name text); INSERT INTO t VALUES ('a'), ('b')");
  apply(*conn_, AddColumn{.table = "t",
                          .column = Column{.name = "id", .type = "integer", .primary_key = true}});
  EXPECT_EQ(rows(*conn_, "SELECT id, name FROM t ORDER BY id"), (Lines{"1|a", "2|b"}));
  conn_->execute("INSERT INTO t (name) VALUES ('c')");
  EXPECT_EQ(value(*conn_, "SELECT id FROM t WHERE name = 'c'"), "3");
}

TEST_F(PgTest, AlterColumnTypeKeepsTheRows) {
  conn_->execute(
      "CREATE TABLE t (id integer PRIMARY KEY, amount text DEFAULT 'none', n integer); "
      "INSERT INTO t VALUES (1, '12', 5), (2, '30', NULL)");
  // text -> integer has no implicit cast: USING makes it work, and the rows stay.
  apply(*conn_, AlterColumn{.table = "t",
                            .name = "amount",
                            .type = "integer",
                            .default_ = std::optional<std::string>("0")});
  EXPECT_EQ(rows(*conn_, "SELECT id, amount + 1 FROM t ORDER BY id"), (Lines{"1|13", "2|31"}));
  apply(*conn_, AlterColumn{.table = "t",
                            .name = "n",
                            .type = "bigint",
                            .default_ = std::optional<std::string>("7")});
  EXPECT_THROW(apply(*conn_, AlterColumn{.table = "t", .name = "n", .nullable = false}), Error);
  conn_->execute("UPDATE t SET n = 0 WHERE n IS NULL");
  apply(*conn_, AlterColumn{.table = "t", .name = "n", .nullable = false});
  apply(
      *conn_,
      AlterColumn{
          .table = "t", .name = "amount", .new_name = "Total", .default_ = testing::kDropDefault});
  EXPECT_EQ(columns(*conn_, "t"),
            (Lines{"id|integer|NO||NO", "Total|integer|YES||NO", "n|bigint|NO|7|NO"}));
  // A value that does not convert: PostgreSQL's error, and nothing changed.
  conn_->execute("ALTER TABLE t ALTER COLUMN \"Total\" TYPE text; UPDATE t SET \"Total\" = 'x'");
  EXPECT_THROW(apply(*conn_, AlterColumn{.table = "t", .name = "Total", .type = "integer"}), Error);
}

TEST_F(PgTest, IndexesIncludingConcurrentlyOutsideATransaction) {
  conn_->execute("CREATE TABLE t (id integer, name text, deleted boolean)");
  apply(*conn_, CreateIndex{.name = "ix_name", .table = "t", .columns = {"name", "id"}});
  apply(*conn_, CreateIndex{.name = "ix_lower",
                            .table = "t",
                            .columns = {"(lower(name))"},
                            .unique = true,
                            .where = "NOT deleted"});
  // CONCURRENTLY in autocommit (a `transactional: false` script).
  apply(*conn_,
        CreateIndex{.name = "ix_conc", .table = "t", .columns = {"id"}, .concurrently = true});
  EXPECT_EQ(rows(*conn_, "SELECT indexdef FROM pg_indexes WHERE tablename = 't' ORDER BY 1"),
            (Lines{"CREATE INDEX ix_conc ON public.t USING btree (id)",
                   "CREATE INDEX ix_name ON public.t USING btree (name, id)",
                   "CREATE UNIQUE INDEX ix_lower ON public.t USING btree (lower(name)) WHERE "
                   "(NOT deleted)"}));
  apply(*conn_, DropIndex{.name = "ix_conc", .concurrently = true});
  apply(*conn_, DropIndex{.name = "ix_name", .table = "t"});
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM pg_indexes WHERE tablename = 't'"), "1");
  // Inside a transaction PostgreSQL refuses CONCURRENTLY with its own message.
  Transaction transaction(*conn_);
  try {
    apply(*conn_,
          CreateIndex{.name = "ix2", .table = "t", .columns = {"id"}, .concurrently = true});
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot run inside a transaction block"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(PgTest, ConstraintsAddedAndDropped) {
  apply(*conn_, parent());
  conn_->execute("CREATE TABLE c (a integer NOT NULL, b integer, p integer)");
  apply(*conn_, CreatePrimaryKey{.name = "pk_c", .table = "c", .columns = {"a"}});
  apply(*conn_, CreateUniqueConstraint{.name = "uq_c", .table = "c", .columns = {"b", "p"}});
  apply(*conn_, CreateForeignKey{.name = "fk_c",
                                 .table = "c",
                                 .columns = {"p"},
                                 .ref_table = "parent",
                                 .ref_columns = {"id"},
                                 .ondelete = "set null"});
  apply(*conn_, CreateCheckConstraint{.name = "ck_c", .table = "c", .condition = "b <> 0"});
  EXPECT_EQ(constraints(*conn_, "c"),
            (Lines{"c|ck_c|CHECK ((b <> 0))",
                   "f|fk_c|FOREIGN KEY (p) REFERENCES parent(id) ON DELETE SET NULL",
                   "p|pk_c|PRIMARY KEY (a)", "u|uq_c|UNIQUE (b, p)"}));
  EXPECT_THROW(conn_->execute("INSERT INTO c VALUES (1, 0, NULL)"), Error);
  for (const auto& [name, type] :
       std::vector<std::pair<std::string, ConstraintType>>{{"ck_c", ConstraintType::check},
                                                           {"fk_c", ConstraintType::foreignkey},
                                                           {"pk_c", ConstraintType::primary},
                                                           {"uq_c", ConstraintType::any}}) {
    apply(*conn_, DropConstraint{.name = name, .table = "c", .type = type});
  }
  EXPECT_TRUE(constraints(*conn_, "c").empty());
  EXPECT_THROW(apply(*conn_, DropConstraint{.name = "nosuch", .table = "c"}), Error);
}

TEST_F(PgTest, BulkInsertLiteralsAndExecute) {
  conn_->execute(
      "CREATE TABLE t (id integer, ok boolean, ratio double precision, note text, day date, "
      "doc jsonb)");
  using K = Value::Kind;
  apply(*conn_,
        BulkInsert{.table = "t",
                   .rows = {{{"id", Value{K::integer, "-1"}},
                             {"ok", Value{K::boolean, "true"}},
                             {"ratio", Value{K::real, "2.5e-1"}},
                             {"note", Value{K::string, "it's \\n"}},
                             {"day", Value{K::string, "2024-02-29"}},
                             {"doc", Value{K::string, "{\"a\": 1}"}}},
                            {{"ok", Value{K::boolean, "false"}}, {"note", Value{K::null, ""}}}}});
  EXPECT_EQ(rows(*conn_, "SELECT id, ok, ratio, note, day, doc->>'a' FROM t ORDER BY ok"),
            (Lines{"NULL|f|NULL|NULL|NULL|NULL", "-1|t|0.25|it's \\n|2024-02-29|1"}));
  apply(*conn_, Execute{.per_dialect = {{"sqlite", "DROP TABLE t"},
                                        {"postgresql", "DELETE FROM t WHERE ok; DELETE FROM t"}}});
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM t"), "0");
  apply(*conn_, Execute{.per_dialect = {{"sqlite", "DROP TABLE t"}}});  // not for us
  EXPECT_EQ(value(*conn_, "SELECT to_regclass('t') IS NOT NULL"), "t");
}

// The YAML parser already refuses such values; the renderer must not trust that alone, since
// anything it passes through becomes SQL text.
TEST_F(PgTest, BulkInsertValuesThatAreNotWhatTheirKindSaysAreRejected) {
  using K = Value::Kind;
  for (const auto& bad :
       {Value{K::real, ".inf"}, Value{K::integer, "1); --"}, Value{K::boolean, "yes"}}) {
    const BulkInsert op{.table = "t", .rows = {{{"n", bad}}}};
    try {
      (void)testing::sql_of(op, *conn_);
      FAIL() << bad.text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("bulk_insert into 't': value '" + bad.text +
                                           "' for column 'n' is not a valid"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(testing::sql_of(BulkInsert{.table = "t",
                                       .rows = {{{"a", Value{K::real, "-2.5e+3"}},
                                                 {"b", Value{K::boolean, "TRUE"}},
                                                 {"c", Value{K::string, "it's"}}}}},
                            *conn_),
            std::vector<std::string>{"INSERT INTO t (a, b, c) VALUES (-2.5e+3, TRUE, 'it''s')"});
}

TEST_F(PgTest, SchemaQualifiedOperations) {
  conn_->execute("CREATE SCHEMA app; CREATE SCHEMA \"Other\"");
  apply(*conn_,
        CreateTable{.name = "parent",
                    .schema = "Other",
                    .columns = {Column{.name = "id", .type = "integer", .primary_key = true}}});
  apply(*conn_,
        CreateTable{.name = "t",
                    .schema = "app",
                    .columns = {Column{.name = "id", .type = "bigint", .primary_key = true},
                                Column{.name = "p", .type = "integer", .comment = "parent"}},
                    .foreign_keys = {ForeignKey{.columns = {"p"},
                                                .ref_table = "parent",
                                                .ref_columns = {"id"},
                                                .ref_schema = "Other"}}});
  apply(*conn_,
        AddColumn{.table = "t", .column = Column{.name = "x", .type = "text"}, .schema = "app"});
  apply(*conn_, AlterColumn{.table = "t", .name = "x", .schema = "app", .type = "string(5)"});
  apply(*conn_, CreateIndex{.name = "ix_x", .table = "t", .columns = {"x"}, .schema = "app"});
  apply(*conn_,
        CreateUniqueConstraint{.name = "uq_x", .table = "t", .columns = {"x"}, .schema = "app"});
  apply(*conn_, CreateCheckConstraint{
                    .name = "ck_x", .table = "t", .condition = "x <> ''", .schema = "app"});
  apply(*conn_,
        BulkInsert{
            .table = "t", .schema = "app", .rows = {{{"x", Value{Value::Kind::string, "abc"}}}}});
  EXPECT_EQ(columns(*conn_, "t", "app"),
            (Lines{"id|bigint|NO||YES", "p|integer|YES||NO", "x|character varying|YES||NO"}));
  EXPECT_EQ(value(*conn_,
                  "SELECT count(*) FROM pg_indexes WHERE schemaname = 'app' AND "
                  "indexname = 'ix_x'"),
            "1");
  EXPECT_EQ(value(*conn_, "SELECT id || x FROM app.t"), "1abc");
  apply(*conn_, DropConstraint{.name = "uq_x", .table = "t", .schema = "app"});
  apply(*conn_, DropIndex{.name = "ix_x", .schema = "app"});
  apply(*conn_, DropColumn{.table = "t", .name = "x", .schema = "app"});
  apply(*conn_, RenameTable{.name = "t", .new_name = "t2", .schema = "app"});
  EXPECT_EQ(value(*conn_, "SELECT to_regclass('app.t2') IS NOT NULL"), "t");
  apply(*conn_, DropTable{.name = "t2", .schema = "app"});
  apply(*conn_, DropTable{.name = "parent", .schema = "Other"});
  EXPECT_EQ(value(*conn_, "SELECT count(*) FROM pg_tables WHERE schemaname IN ('app', 'Other')"),
            "0");
}

}  // namespace
}  // namespace migrate::postgresql
