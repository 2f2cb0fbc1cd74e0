#include "dialects/sqlite/types.h"

#include <gtest/gtest.h>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

TEST(Types, GenericNamesMapAsSqlAlchemyDoesOnSqlite) {
  EXPECT_EQ(render_type("integer"), "INTEGER");
  EXPECT_EQ(render_type("bigint"), "BIGINT");
  EXPECT_EQ(render_type("smallint"), "SMALLINT");
  EXPECT_EQ(render_type("string(50)"), "VARCHAR(50)");
  EXPECT_EQ(render_type("string"), "VARCHAR");
  EXPECT_EQ(render_type("text"), "TEXT");
  EXPECT_EQ(render_type("boolean"), "BOOLEAN");
  EXPECT_EQ(render_type("float"), "FLOAT");
  EXPECT_EQ(render_type("double"), "DOUBLE");
  EXPECT_EQ(render_type("numeric(10,2)"), "NUMERIC(10, 2)");
  EXPECT_EQ(render_type("numeric"), "NUMERIC");
  EXPECT_EQ(render_type("date"), "DATE");
  EXPECT_EQ(render_type("datetime"), "DATETIME");
  EXPECT_EQ(render_type("timestamptz"), "DATETIME");
  EXPECT_EQ(render_type("time"), "TIME");
  EXPECT_EQ(render_type("interval"), "DATETIME");
  EXPECT_EQ(render_type("binary"), "BLOB");
  EXPECT_EQ(render_type("json"), "JSON");
  EXPECT_EQ(render_type("uuid"), "CHAR(32)");
}

TEST(Types, GenericNamesAreCaseInsensitiveAndSpaceTolerant) {
  EXPECT_EQ(render_type("INTEGER"), "INTEGER");
  EXPECT_EQ(render_type("String(20)"), "VARCHAR(20)");
  EXPECT_EQ(render_type(" Numeric ( 8 , 3 ) "), "NUMERIC(8, 3)");
  EXPECT_EQ(render_type("UUID"), "CHAR(32)");
}

TEST(Types, AnythingElseIsVerbatim) {
  EXPECT_EQ(render_type("jsonb"), "jsonb");
  EXPECT_EQ(render_type("NVARCHAR(160)"), "NVARCHAR(160)");
  EXPECT_EQ(render_type("int[]"), "int[]");
  EXPECT_EQ(render_type("unsigned big int"), "unsigned big int");
  // A generic name with arguments it does not take is not the generic type.
  EXPECT_EQ(render_type("integer(4)"), "integer(4)");
  EXPECT_EQ(render_type("string(a)"), "string(a)");
}

TEST(Types, IntegerTypesForAutoincrement) {
  EXPECT_TRUE(is_integer_type("integer"));
  EXPECT_TRUE(is_integer_type("BIGINT"));
  EXPECT_TRUE(is_integer_type("smallint"));
  EXPECT_FALSE(is_integer_type("numeric"));
  EXPECT_FALSE(is_integer_type("string(10)"));
}

TEST(Types, CreateTableDeclaresMappedTypes) {
  auto db = testing::memory();
  testing::apply(*db, CreateTable{.name = "t",
                                  .columns = {Column{.name = "a", .type = "uuid"},
                                              Column{.name = "b", .type = "numeric(10,2)"},
                                              Column{.name = "c", .type = "interval"},
                                              Column{.name = "d", .type = "jsonb"},
                                              Column{.name = "e", .type = "string(5)"}}});
  EXPECT_EQ(testing::rows(*db, "SELECT name, type FROM pragma_table_info('t')"),
            (std::vector<std::string>{"a|CHAR(32)", "b|NUMERIC(10, 2)", "c|DATETIME", "d|jsonb",
                                      "e|VARCHAR(5)"}));
}

}  // namespace
}  // namespace migrate::sqlite
