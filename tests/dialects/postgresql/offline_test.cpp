// The --sql sink (SPEC §11): what it prints, and that psql -1 -f of that output builds the same
// schema as running the operations online.
#include "dialects/postgresql/offline.h"

#include <gtest/gtest.h>

#include <sstream>

#include "pg_test_support.h"
#include "support/process.h"

namespace migrate::postgresql {
namespace {

using testing::apply;
using testing::FreshDatabase;
using testing::pg;
using testing::rows;

TEST(Offline, PrintsStatementsTerminatedOnce) {
  std::ostringstream out;
  auto sink = pg().offline(Url::parse("postgresql://u:secret@h/db"), out);
  EXPECT_TRUE(sink->offline());
  sink->begin();
  sink->execute("CREATE TABLE a (id integer)");
  sink->execute("INSERT INTO a VALUES (1);\n\n");
  sink->execute("  -- only a comment\n");
  sink->execute("SELECT 1 -- trailing comment");
  sink->execute("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql");
  EXPECT_TRUE(sink->query("SELECT * FROM a").empty());
  sink->commit();
  sink->begin();
  sink->execute("DROP TABLE a");
  sink->rollback();  // prints nothing
  EXPECT_EQ(out.str(),
            "BEGIN;\n"
            "CREATE TABLE a (id integer);\n"
            "INSERT INTO a VALUES (1);\n"
            "SELECT 1 -- trailing comment\n;\n"
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
            "COMMIT;\n"
            "BEGIN;\n"
            "DROP TABLE a;\n");
  // The version table is never there offline; asking prints nothing either.
  EXPECT_FALSE(pg().table_exists(*sink, {std::nullopt, "alembic_version"}));
  EXPECT_FALSE(pg().table_exists(*sink, {"ops", "alembic_version"}));
}

// Everything about a database's schema that the --sql output must reproduce, as text.
std::vector<std::string> fingerprint(Connection& c) {
  std::vector<std::string> out;
  const auto add = [&](const std::string& sql) {
    for (auto& line : rows(c, sql)) out.push_back(std::move(line));
  };
  add("SELECT table_schema, table_name, column_name, data_type, character_maximum_length, "
      "numeric_precision, is_nullable, column_default, is_identity, "
      "col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position) "
      "FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', "
      "'information_schema') ORDER BY 1, 2, ordinal_position");
  add("SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE "
      "connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) "
      "ORDER BY 1, 2");
  add("SELECT indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog') ORDER BY 1");
  add("SELECT version_num FROM app.alembic_version ORDER BY 1");
  add("SELECT id, name FROM app.account ORDER BY 1");
  return out;
}

std::vector<Operation> migration() {
  return {
      CreateTable{
          .name = "account",
          .schema = "app",
          .columns = {Column{.name = "id", .type = "integer", .primary_key = true},
                      Column{.name = "name",
                             .type = "string(50)",
                             .nullable = false,
                             .comment = "who's this"},
                      Column{.name = "created", .type = "timestamptz", .default_ = "now()"}}},
      CreateTable{.name = "Order",
                  .schema = "app",
                  .columns = {Column{.name = "id", .type = "bigint", .primary_key = true},
                              Column{.name = "account_id", .type = "integer"},
                              Column{.name = "total", .type = "numeric(10,2)"}},
                  .foreign_keys = {ForeignKey{.name = "fk_order_account",
                                              .columns = {"account_id"},
                                              .ref_table = "account",
                                              .ref_columns = {"id"},
                                              .ondelete = "cascade",
                                              .ref_schema = "app"}},
                  .checks = {CheckConstraint{"ck_total", "total >= 0"}}},
      AddColumn{
          .table = "account", .column = Column{.name = "email", .type = "text"}, .schema = "app"},
      AlterColumn{.table = "account",
                  .name = "email",
                  .schema = "app",
                  .type = "string(200)",
                  .nullable = false,
                  .default_ = std::optional<std::string>("''")},
      CreateIndex{.name = "ix_email",
                  .table = "account",
                  .columns = {"(lower(email))"},
                  .unique = true,
                  .where = "email <> ''",
                  .schema = "app"},
      CreateUniqueConstraint{
          .name = "uq_name", .table = "account", .columns = {"name"}, .schema = "app"},
      BulkInsert{.table = "account",
                 .schema = "app",
                 .rows = {{{"name", Value{Value::Kind::string, "O'Neil; -- x"}}},
                          {{"id", Value{Value::Kind::integer, "10"}},
                           {"name", Value{Value::Kind::string, "ten"}}}}},
      Execute{.sql = "CREATE VIEW app.names AS SELECT name FROM app.account; -- a view"},
      RenameTable{.name = "Order", .new_name = "orders", .schema = "app"},
  };
}

TEST(Offline, PsqlRunOfTheOutputGivesTheSameSchemaAsOnline) {
  const TableName version{"app", "alembic_version"};
  FreshDatabase online;
  {
    auto c = online.connect();
    c->execute("CREATE SCHEMA app");
    Transaction transaction(*c);
    c->execute(pg().create_version_table(version, true));
    for (const auto& op : migration()) apply(*c, op);
    c->execute("INSERT INTO app.alembic_version (version_num) VALUES ('1975ea83b712')");
    transaction.commit();
  }

  std::ostringstream script;
  {
    auto sink = pg().offline(Url::parse(online.url()), script);
    sink->execute("CREATE SCHEMA app");
    Transaction transaction(*sink);
    sink->execute(pg().create_version_table(version, true));
    for (const auto& op : migration()) apply(*sink, op);
    sink->execute("INSERT INTO app.alembic_version (version_num) VALUES ('1975ea83b712')");
    transaction.commit();
  }
  test::TempDir dir;
  const auto file = dir.path() / "upgrade.sql";
  test::write_file(file, script.str());
  FreshDatabase offline;
  const auto result = test::run_program({"/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1",
                                         "-f", file.string(), offline.url()},
                                        {.cwd = dir.path()});
  ASSERT_EQ(result.exit_code, 0) << result.err << "\n" << script.str();

  auto a = online.connect();
  auto b = offline.connect();
  const auto expected = fingerprint(*a);
  EXPECT_GT(expected.size(), 15u);
  EXPECT_EQ(fingerprint(*b), expected) << script.str();
}

}  // namespace
}  // namespace migrate::postgresql
