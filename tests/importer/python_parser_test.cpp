#include "importer/python_parser.h"

#include <gtest/gtest.h>

#include "importer/python_tokenizer.h"
#include "migrate/core/error.h"

namespace migrate::importer {
namespace {

TEST(PythonTokenizer, DecodesEveryStringForm) {
  const auto tokens = tokenize("x = r'a\\d' u\"b\\n\" '''tri\nple''' b'\\x41' 'caf\\u00e9'\n");
  ASSERT_GE(tokens.size(), 7u);
  EXPECT_EQ(tokens[2].text, "a\\d");
  EXPECT_EQ(tokens[3].text, "b\n");
  EXPECT_EQ(tokens[4].text, "tri\nple");
  EXPECT_EQ(tokens[4].line, 1);
  EXPECT_EQ(tokens[4].end_line, 2);
  EXPECT_EQ(tokens[5].text, "A");
  EXPECT_EQ(tokens[5].prefix, "b");
  EXPECT_EQ(tokens[6].text, "caf\xC3\xA9");
}

TEST(PythonTokenizer, BlocksAndBracketsGiveIndentsAndNoNewlinesInside) {
  const auto tokens = tokenize("def f():\n    g(1,\n  2)\n\n    # c\nh\n");
  std::string kinds;
  for (const auto& t : tokens) {
    kinds += t.kind == Token::Kind::indent    ? "I"
             : t.kind == Token::Kind::dedent  ? "D"
             : t.kind == Token::Kind::newline ? "N"
             : t.kind == Token::Kind::end     ? "E"
                                              : ".";
  }
  EXPECT_EQ(kinds, ".....NI......ND.NE");
}

TEST(PythonTokenizer, UnterminatedStringNamesItsLine) {
  try {
    (void)tokenize("a = 1\nb = 'oops\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "line 2: unterminated string");
  }
}

TEST(PythonParser, ReadsAssignmentsCallsAndImplicitConcatenation) {
  const Module m = parse_python(
      "\"\"\"doc\"\"\"\nimport sqlalchemy as sa\nrevision: str = 'ab' 'cd'\n"
      "down_revision = ('a', 'b')\nop.f(x=1, y=[True, None], z={'k': -2.5})\n");
  ASSERT_EQ(m.body.size(), 5u);
  EXPECT_EQ(m.body[0].value->text, "doc");
  EXPECT_EQ(m.body[1].kind, Stmt::Kind::import);
  EXPECT_EQ(m.body[2].targets, std::vector<std::string>{"revision"});
  EXPECT_EQ(m.body[2].value->text, "abcd");
  EXPECT_EQ(m.body[3].value->kind, Expr::Kind::tuple);
  const Expr& call = *m.body[4].value;
  EXPECT_EQ(call.items[0]->dotted(), "op.f");
  ASSERT_NE(call.keyword("z"), nullptr);
  EXPECT_EQ(call.keyword("z")->items[1]->text, "-");
}

TEST(PythonParser, KeepsWhatItCannotReadAsUnparsedWithLinesAndText) {
  const Module m = parse_python(
      "def upgrade():\n    op.execute('a')\n    for x in rows:\n        op.execute(x)\n"
      "    y = rows[0]\n    op.execute(f'{y}')\n");
  ASSERT_EQ(m.body.size(), 1u);
  const Body& body = m.body[0].body;
  ASSERT_EQ(body.size(), 4u);
  EXPECT_EQ(body[0].kind, Stmt::Kind::expr);
  EXPECT_EQ(body[1].kind, Stmt::Kind::unparsed);
  EXPECT_EQ(body[1].line, 3);
  EXPECT_EQ(body[1].source, "    for x in rows:\n        op.execute(x)");
  EXPECT_EQ(body[2].kind, Stmt::Kind::unparsed);
  EXPECT_EQ(body[2].line, 5);
  EXPECT_EQ(body[3].kind, Stmt::Kind::unparsed);
}

TEST(PythonParser, ReadsWithAndIfElifElse) {
  const Module m = parse_python(
      "with op.batch_alter_table('t') as b:\n    b.drop_column('c')\n"
      "if name == 'sqlite':\n    pass\nelif name in ('mysql', 'mariadb'):\n    pass\n"
      "else:\n    pass\n");
  ASSERT_EQ(m.body.size(), 2u);
  EXPECT_EQ(m.body[0].kind, Stmt::Kind::with);
  EXPECT_EQ(m.body[0].name, "b");
  EXPECT_EQ(m.body[0].body.size(), 1u);
  ASSERT_EQ(m.body[1].kind, Stmt::Kind::if_);
  ASSERT_EQ(m.body[1].arms.size(), 3u);
  EXPECT_EQ(m.body[1].arms[1].first->text, "in");
  EXPECT_EQ(m.body[1].arms[2].first, nullptr);
}

}  // namespace
}  // namespace migrate::importer
