#include <gtest/gtest.h>

#include "dialects/sqlite/sql_tokenizer.h"
#include "dialects/sqlite/table_definition.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

std::vector<std::string> texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& token : tokens) out.push_back(token.text);
  return out;
}

TEST(Tokenizer, QuotingsStringsCommentsAndOperators) {
  const auto tokens = tokenize(
      "SELECT \"a \"\"b\", `c``d`, [e f], 'it''s', X'0A', 1.5e-3, -- gone\n a||b /* gone */ <> "
      "?1;");
  EXPECT_EQ(texts(tokens), (std::vector<std::string>{
                               "SELECT", "\"a \"\"b\"", ",", "`c``d`", ",", "[e f]", ",", "'it''s'",
                               ",", "X'0A'", ",", "1.5e-3", ",", "a", "||", "b", "<>", "?1", ";"}));
  EXPECT_EQ(tokens[1].unquoted(), "a \"b");
  EXPECT_EQ(tokens[3].unquoted(), "c`d");
  EXPECT_EQ(tokens[5].unquoted(), "e f");
  EXPECT_EQ(tokens[7].unquoted(), "it's");
  EXPECT_EQ(tokens[1].kind, Token::Kind::quoted);
  EXPECT_EQ(tokens[7].kind, Token::Kind::string);
  EXPECT_TRUE(tokens[0].is("select"));
  EXPECT_FALSE(tokens[1].is("a \"\"b"));
}

TEST(Tokenizer, TerminatorNeededForPrintedSql) {
  EXPECT_EQ(missing_terminator("CREATE TABLE t (a)"), ";");
  EXPECT_EQ(missing_terminator("CREATE TABLE t (a);"), "");
  EXPECT_EQ(missing_terminator("CREATE TABLE t (a); -- done"), "");
  EXPECT_EQ(missing_terminator("CREATE TABLE t (a) -- trailing"), "\n;");
  EXPECT_EQ(missing_terminator("INSERT INTO t VALUES ('--;')"), ";");
  EXPECT_EQ(missing_terminator("CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END"), ";");
}

TEST(CreateTableParser, ColumnsTypesAndConstraints) {
  const auto table = parse_create_table(R"(CREATE TABLE "t" (
      id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
      [Name, with comma] NVARCHAR(160) COLLATE NOCASE NOT NULL DEFAULT 'a,b' UNIQUE,
      price NUMERIC(10, 2) CHECK (price > (0 + 0)) DEFAULT (1.5 * 2),
      parent INT REFERENCES t (id) ON DELETE SET NULL ON UPDATE SET DEFAULT NOT DEFERRABLE,
      "untyped",
      total AS (price * 2) STORED,
      note TEXT CONSTRAINT note_nn NOT NULL DEFAULT NULL
    ))");
  ASSERT_EQ(table.columns.size(), 7U);
  EXPECT_TRUE(table.constraints.empty());

  EXPECT_EQ(table.columns[0].name, "id");
  EXPECT_EQ(table.columns[0].type, "INTEGER");
  ASSERT_EQ(table.columns[0].constraints.size(), 2U);
  EXPECT_EQ(table.columns[0].constraints[1].text, "PRIMARY KEY AUTOINCREMENT");

  const auto& name = table.columns[1];
  EXPECT_EQ(name.name, "Name, with comma");
  EXPECT_EQ(name.type, "NVARCHAR(160)");
  ASSERT_EQ(name.constraints.size(), 4U);
  EXPECT_EQ(name.constraints[0].kind, ConstraintKind::collate);
  EXPECT_EQ(name.constraints[1].kind, ConstraintKind::not_null);
  EXPECT_EQ(name.constraints[2].text, "DEFAULT 'a,b'");
  EXPECT_EQ(name.constraints[3].kind, ConstraintKind::unique);

  const auto& price = table.columns[2];
  EXPECT_EQ(price.type, "NUMERIC(10, 2)");
  ASSERT_EQ(price.constraints.size(), 2U);
  EXPECT_EQ(price.constraints[0].text, "CHECK (price > (0 + 0))");
  EXPECT_EQ(price.constraints[1].text, "DEFAULT (1.5 * 2)");

  const auto& parent = table.columns[3];
  ASSERT_EQ(parent.constraints.size(), 1U);
  EXPECT_EQ(parent.constraints[0].kind, ConstraintKind::foreign_key);
  EXPECT_EQ(parent.constraints[0].text,
            "REFERENCES t (id) ON DELETE SET NULL ON UPDATE SET DEFAULT NOT DEFERRABLE");

  EXPECT_EQ(table.columns[4].name, "untyped");
  EXPECT_EQ(table.columns[4].type, "");

  EXPECT_TRUE(table.columns[5].has(ConstraintKind::generated));
  EXPECT_EQ(table.columns[5].constraints[0].text, "AS (price * 2) STORED");

  const auto& note = table.columns[6];
  ASSERT_EQ(note.constraints.size(), 2U);
  EXPECT_EQ(note.constraints[0].name, "note_nn");
  EXPECT_EQ(note.constraints[0].kind, ConstraintKind::not_null);
  EXPECT_EQ(note.constraints[1].text, "DEFAULT NULL");
}

TEST(CreateTableParser, TableConstraintsWithNamesAndComments) {
  const auto table = parse_create_table(R"(CREATE TABLE IF NOT EXISTS main.x
(
    -- a comment, with a comma (and a paren
    a INTEGER, /* another, ( */ b TEXT,
    CONSTRAINT [PK_x] PRIMARY KEY (a, b DESC),
    CONSTRAINT "uq ""x""" UNIQUE (b),
    CHECK (length(b) > 0 AND b <> 'x,y'),
    FOREIGN KEY (a) REFERENCES other (id) ON DELETE CASCADE
) WITHOUT ROWID)");
  ASSERT_EQ(table.columns.size(), 2U);
  ASSERT_EQ(table.constraints.size(), 4U);
  EXPECT_EQ(table.constraints[0].name, "PK_x");
  EXPECT_EQ(table.constraints[0].kind, ConstraintKind::primary_key);
  EXPECT_EQ(table.constraints[0].mentions, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(table.constraints[1].name, "uq \"x\"");
  EXPECT_EQ(table.constraints[1].mentions, (std::vector<std::string>{"b"}));
  EXPECT_FALSE(table.constraints[2].name);
  EXPECT_EQ(table.constraints[2].text, "CHECK (length(b) > 0 AND b <> 'x,y')");
  EXPECT_EQ(table.constraints[3].kind, ConstraintKind::foreign_key);
  EXPECT_EQ(table.constraints[3].mentions, (std::vector<std::string>{"a"}));
  EXPECT_EQ(table.options, "WITHOUT ROWID");
  EXPECT_TRUE(table.is_referenced("a"));
  EXPECT_TRUE(table.has_primary_key());
}

TEST(CreateTableParser, RenderRoundTripsThroughSqlite) {
  const auto table = parse_create_table(
      "CREATE TABLE t (a INTEGER PRIMARY KEY, \"b c\" TEXT DEFAULT (datetime('now')) NOT NULL, "
      "CONSTRAINT ck CHECK (a > 0))");
  EXPECT_EQ(table.render("t2"),
            "CREATE TABLE t2 (\n  a INTEGER PRIMARY KEY,\n  \"b c\" TEXT DEFAULT "
            "(datetime('now')) NOT NULL,\n  CONSTRAINT ck CHECK (a > 0)\n)");
}

TEST(CreateTableParser, EditsDropColumnAndItsConstraints) {
  auto table = parse_create_table(
      "CREATE TABLE t (a INT, b INT CHECK (b > a), c INT, UNIQUE (a, c), CHECK (c > 0), "
      "CONSTRAINT keep CHECK (b IS NOT NULL))");
  table.drop_column("t", "a");
  EXPECT_EQ(table.render("t"),
            "CREATE TABLE t (\n  b INT,\n  c INT,\n  CHECK (c > 0),\n  CONSTRAINT keep CHECK (b "
            "IS NOT NULL)\n)");
  EXPECT_THROW(table.drop_column("t", "missing"), Error);
}

TEST(CreateTableParser, DropConstraintHonoursTheType) {
  auto table = parse_create_table(
      "CREATE TABLE t (a INT CONSTRAINT fk_a REFERENCES p (id), b INT, CONSTRAINT ck CHECK (b > "
      "0))");
  try {
    table.drop_constraint("t", "ck", ConstraintType::unique);
    FAIL() << "a check constraint must not match type unique";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Table 't' has no unique constraint named 'ck'; it has no named one (SQLite can "
                 "only drop constraints that were given a name)");
  }
  try {
    table.drop_constraint("t", "nope", ConstraintType::any);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("its named ones are: ck, fk_a"), std::string::npos)
        << e.what();
  }
  table.drop_constraint("t", "FK_A", ConstraintType::foreignkey);
  table.drop_constraint("t", "ck", ConstraintType::check);
  EXPECT_EQ(table.render("t"), "CREATE TABLE t (\n  a INT,\n  b INT\n)");
}

// A superset on purpose (keywords and function names too): deciding that an index uses a column
// it does not only drops or rebuilds more, never less.
TEST(CreateTableParser, IndexMentions) {
  EXPECT_EQ(index_mentions("CREATE UNIQUE INDEX ix ON t (a, lower(\"b\")) WHERE c > 0"),
            (std::vector<std::string>{"a", "lower", "b", "WHERE", "c"}));
}

TEST(CreateTableParser, RejectsCreateTableAsSelect) {
  EXPECT_THROW(parse_create_table("CREATE TABLE t AS SELECT 1 AS x"), Error);
}

}  // namespace
}  // namespace migrate::sqlite
