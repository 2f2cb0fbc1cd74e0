// The version table (SPEC §10): Alembic's DDL, found through the search_path or in a schema.
#include <gtest/gtest.h>

#include "pg_test_support.h"

namespace migrate::postgresql {
namespace {

using testing::pg;
using testing::PgTest;
using testing::rows;
using testing::value;

TEST_F(PgTest, VersionTableInTheDefaultSchema) {
  const TableName table{std::nullopt, "alembic_version"};
  EXPECT_FALSE(pg().table_exists(*conn_, table));
  conn_->execute(pg().create_version_table(table, false));
  EXPECT_TRUE(pg().table_exists(*conn_, table));
  conn_->execute(pg().create_version_table(table, true));  // IF NOT EXISTS: no error
  EXPECT_EQ(rows(*conn_,
                 "SELECT column_name, data_type, character_maximum_length, is_nullable "
                 "FROM information_schema.columns WHERE table_name = 'alembic_version'"),
            (std::vector<std::string>{"version_num|character varying|32|NO"}));
  EXPECT_EQ(value(*conn_,
                  "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = "
                  "'alembic_version'::regclass"),
            "alembic_version_pkc");
  EXPECT_TRUE(pg().table_exists(*conn_, {"public", "alembic_version"}));
  // A view of that name is not the version table.
  conn_->execute("CREATE VIEW v AS SELECT 1 AS x");
  EXPECT_FALSE(pg().table_exists(*conn_, {std::nullopt, "v"}));
}

TEST_F(PgTest, VersionTableInASchema) {
  conn_->execute("CREATE SCHEMA \"Ops\"");
  const TableName table{"Ops", "alembic_version"};
  EXPECT_FALSE(pg().table_exists(*conn_, table));
  conn_->execute(pg().create_version_table(table, true));
  EXPECT_TRUE(pg().table_exists(*conn_, table));
  // Not on the search_path, so not the unqualified one.
  EXPECT_FALSE(pg().table_exists(*conn_, {std::nullopt, "alembic_version"}));
  conn_->execute("INSERT INTO " + pg().qualified(table) + " VALUES ('abc')");
  EXPECT_EQ(value(*conn_, "SELECT version_num FROM \"Ops\".alembic_version"), "abc");
}

TEST_F(PgTest, AMissingSchemaIsAClearError) {
  try {
    (void)pg().table_exists(*conn_, {"nosuch", "alembic_version"});
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Schema 'nosuch' does not exist"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace migrate::postgresql
