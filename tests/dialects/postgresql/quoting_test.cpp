// Identifier and literal quoting, the type map and the --sql terminator rules (no server).
#include "dialects/postgresql/quoting.h"

#include <gtest/gtest.h>

#include "dialects/common/type_map.h"
#include "dialects/postgresql/sql_text.h"
#include "dialects/postgresql/types.h"

namespace migrate::postgresql {
namespace {

TEST(Quoting, PlainLowercaseNamesStayBare) {
  EXPECT_EQ(quote_identifier("account"), "account");
  EXPECT_EQ(quote_identifier("_x9$"), "_x9$");
  // Unreserved and column-name keywords are valid bare names.
  EXPECT_EQ(quote_identifier("name"), "name");
  EXPECT_EQ(quote_identifier("time"), "time");
  EXPECT_EQ(quote_identifier("values"), "values");
}

TEST(Quoting, EverythingElseIsDoubleQuoted) {
  EXPECT_EQ(quote_identifier("Account"), "\"Account\"");
  EXPECT_EQ(quote_identifier("my table"), "\"my table\"");
  EXPECT_EQ(quote_identifier("9lives"), "\"9lives\"");
  EXPECT_EQ(quote_identifier("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(quote_identifier(""), "\"\"");
  EXPECT_EQ(quote_identifier("café"), "\"café\"");
  for (const char* reserved : {"user", "order", "select", "table", "check", "default", "left",
                               "concurrently", "current_user", "with"}) {
    EXPECT_EQ(quote_identifier(reserved), std::string("\"") + reserved + "\"") << reserved;
  }
  EXPECT_TRUE(is_reserved_keyword("Select"));
  EXPECT_FALSE(is_reserved_keyword("account"));
}

TEST(Quoting, LiteralsAndQualifiedNames) {
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
  EXPECT_EQ(quote_literal("back\\slash"), "'back\\slash'");
  EXPECT_EQ(quote_literal(""), "''");
  EXPECT_EQ(qualified(std::nullopt, "t"), "t");
  EXPECT_EQ(qualified(std::string(""), "t"), "t");
  EXPECT_EQ(qualified(std::string("Sales"), "order"), "\"Sales\".\"order\"");
}

TEST(Types, GenericNamesMapToPostgresql) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"integer", "INTEGER"},
      {"bigint", "BIGINT"},
      {"smallint", "SMALLINT"},
      {"string(50)", "VARCHAR(50)"},
      {"string", "VARCHAR"},
      {"text", "TEXT"},
      {"boolean", "BOOLEAN"},
      {"float", "REAL"},
      {"double", "DOUBLE PRECISION"},
      {"numeric(10,2)", "NUMERIC(10, 2)"},
      {"numeric( 10 , 2 )", "NUMERIC(10, 2)"},
      {"numeric", "NUMERIC"},
      {"date", "DATE"},
      {"datetime", "TIMESTAMP WITHOUT TIME ZONE"},
      {"timestamptz", "TIMESTAMP WITH TIME ZONE"},
      {"time", "TIME WITHOUT TIME ZONE"},
      {"interval", "INTERVAL"},
      {"binary", "BYTEA"},
      {"json", "JSON"},
      {"uuid", "UUID"},
      {"Integer", "INTEGER"},
      {"STRING(5)", "VARCHAR(5)"},
  };
  for (const auto& [generic, expected] : cases) EXPECT_EQ(render_type(generic), expected);
}

TEST(Types, AnythingElseIsVerbatim) {
  for (const char* type : {"jsonb", "inet", "int[]", "varchar(10)", "string(5)[]",
                           "timestamp(3) with time zone", "text COLLATE \"C\""}) {
    EXPECT_EQ(render_type(type), type);
  }
  EXPECT_EQ(render_type("  jsonb "), "jsonb");
  // A generic name with arguments it does not take is not that generic type.
  EXPECT_EQ(render_type("integer(4)"), "integer(4)");
  EXPECT_EQ(render_type("string(x)"), "string(x)");
}

// The types that become identity columns (SqlRenderer::autoincrements): a verbatim PostgreSQL
// name such as `int4` does not, as on SQLite: verbatim means "exactly this type".
TEST(Types, IntegerTypes) {
  using dialects::is_generic_integer_type;
  EXPECT_TRUE(is_generic_integer_type("integer"));
  EXPECT_TRUE(is_generic_integer_type("BIGINT"));
  EXPECT_TRUE(is_generic_integer_type("smallint"));
  EXPECT_FALSE(is_generic_integer_type("int4"));
  EXPECT_FALSE(is_generic_integer_type("numeric(10,0)"));
  EXPECT_FALSE(is_generic_integer_type("text"));
}

TEST(SqlText, TerminatorIsAddedOnlyWhenMissing) {
  EXPECT_EQ(missing_terminator("SELECT 1"), ";");
  EXPECT_EQ(missing_terminator("SELECT 1;"), "");
  EXPECT_EQ(missing_terminator("SELECT 1; "), "");
  EXPECT_EQ(missing_terminator("SELECT 1; -- done"), "");
  EXPECT_EQ(missing_terminator("SELECT 1 -- no ; here"), "\n;");
  EXPECT_EQ(missing_terminator("SELECT 1 /* ; */"), ";");
  EXPECT_EQ(missing_terminator("SELECT ';'"), ";");
  EXPECT_EQ(missing_terminator("SELECT \"a;\" FROM t"), ";");
  EXPECT_EQ(missing_terminator("SELECT E'it\\'s;'"), ";");
  EXPECT_EQ(missing_terminator("SELECT '--'"), ";");
  EXPECT_EQ(missing_terminator("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"),
            ";");
  EXPECT_EQ(missing_terminator("DO $body$ BEGIN PERFORM 1; END $body$;"), "");
  EXPECT_EQ(missing_terminator("SELECT a$b FROM t"), ";");
  EXPECT_EQ(missing_terminator("SELECT 1 /* nested /* ; */ still; */"), ";");
}

TEST(SqlText, BlankMeansOnlyCommentsAndSpace) {
  EXPECT_TRUE(scan_end("").blank);
  EXPECT_TRUE(scan_end("  \n\t").blank);
  EXPECT_TRUE(scan_end("-- nothing\n/* at all */").blank);
  EXPECT_FALSE(scan_end("-- something\nSELECT 1").blank);
  EXPECT_FALSE(scan_end(";").blank);
}

}  // namespace
}  // namespace migrate::postgresql
