#include "dialects/sqlite/quoting.h"

#include <gtest/gtest.h>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

using testing::apply;
using testing::memory;
using testing::rows;
using testing::value;

TEST(Quoting, PlainLowercaseNamesStayBare) {
  EXPECT_EQ(quote_identifier("account"), "account");
  EXPECT_EQ(quote_identifier("user_id2"), "user_id2");
  EXPECT_EQ(quote_identifier("_x$"), "_x$");
}

TEST(Quoting, KeywordsOddNamesAndCaseAreQuoted) {
  EXPECT_EQ(quote_identifier("order"), "\"order\"");
  EXPECT_EQ(quote_identifier("ORDER"), "\"ORDER\"");
  EXPECT_EQ(quote_identifier("select"), "\"select\"");
  EXPECT_EQ(quote_identifier("returning"), "\"returning\"");
  EXPECT_EQ(quote_identifier("Account"), "\"Account\"");
  EXPECT_EQ(quote_identifier("my table"), "\"my table\"");
  EXPECT_EQ(quote_identifier("1abc"), "\"1abc\"");
  EXPECT_EQ(quote_identifier(""), "\"\"");
  EXPECT_EQ(quote_identifier("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(quote_identifier("a,b"), "\"a,b\"");
}

TEST(Quoting, KeywordListIsSqlites) {
  EXPECT_TRUE(is_keyword("order"));
  EXPECT_TRUE(is_keyword("Current_Timestamp"));
  EXPECT_TRUE(is_keyword("WITHOUT"));
  EXPECT_FALSE(is_keyword("account"));
  EXPECT_FALSE(is_keyword("rowid"));
}

TEST(Quoting, LiteralsDoubleSingleQuotes) {
  EXPECT_EQ(quote_literal("plain"), "'plain'");
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
  EXPECT_EQ(quote_literal(""), "''");
  EXPECT_EQ(testing::sqlite().quote_literal("a'b'"), "'a''b'''");
}

TEST(Quoting, QualifiedNamesUseTheSchema) {
  EXPECT_EQ(testing::sqlite().qualified({std::nullopt, "t"}), "t");
  EXPECT_EQ(testing::sqlite().qualified({"aux", "Order"}), "aux.\"Order\"");
}

// Odd names survive every kind of statement on a real database.
TEST(Quoting, OddNamesRoundTripThroughSqlite) {
  auto db = memory();
  const std::string table = "my \"odd\" table";
  apply(*db, CreateTable{.name = table,
                         .columns = {Column{.name = "id", .type = "integer", .primary_key = true},
                                     Column{.name = "order", .type = "text"},
                                     Column{.name = "two words", .type = "text"},
                                     Column{.name = "a,b", .type = "integer"}}});
  apply(*db, CreateIndex{.name = "ix \"q\"", .table = table, .columns = {"order", "a,b"}});
  apply(*db, BulkInsert{.table = table,
                        .rows = {{{"order", Value{Value::Kind::string, "it's"}},
                                  {"two words", Value{Value::Kind::string, "x"}},
                                  {"a,b", Value{Value::Kind::integer, "-3"}}}}});
  apply(*db, AlterColumn{.table = table, .name = "a,b", .nullable = false});
  apply(*db, AlterColumn{.table = table, .name = "order", .new_name = "select"});
  EXPECT_EQ(
      rows(*db, "SELECT id, \"select\", \"two words\", \"a,b\" FROM \"my \"\"odd\"\" table\""),
      std::vector<std::string>{"1|it's|x|-3"});
  EXPECT_EQ(value(*db, "SELECT name FROM sqlite_master WHERE type = 'index'"), "ix \"q\"");
  EXPECT_EQ(value(*db,
                  "SELECT \"notnull\" FROM pragma_table_info('my \"odd\" table') WHERE name "
                  "= 'a,b'"),
            "1");
  apply(*db, RenameTable{.name = table, .new_name = "Order"});
  apply(*db, DropTable{.name = "Order"});
  EXPECT_EQ(value(*db, "SELECT count(*) FROM sqlite_master"), "0");
}

}  // namespace
}  // namespace migrate::sqlite
