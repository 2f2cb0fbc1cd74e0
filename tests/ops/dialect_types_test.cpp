// Per-dialect column types: parsed from `type: {dialect: type, default: type}`, written back the
// same way, and resolved to one type per dialect (its entry, else the default, else an error).
#include <gtest/gtest.h>

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "migrate/core/error.h"
#include "migrate/ops/operation_yaml.h"

namespace migrate {
namespace {

const char* kOps = R"Y(- create_table:
    name: t
    columns:
      - {name: a, type: {postgresql: double precision, default: float}}
      - {name: b, type: {mysql: BLOB, sqlite: BLOB}}
- add_column:
    table: t
    column: {name: c, type: {mariadb: DATETIME, default: timestamptz}}
- alter_column: {table: t, name: a, type: {sqlite: REAL}}
)Y";

TEST(DialectTypes, ParsedIntoTheDefaultAndTheEntries) {
  const auto ops = parse_operations_text(kOps, "a.yaml", "upgrade");
  const auto& table = std::get<CreateTable>(ops[0]);
  EXPECT_EQ(table.columns[0].type, "float");
  EXPECT_EQ(table.columns[0].dialect_types, (DialectTypes{{"postgresql", "double precision"}}));
  EXPECT_EQ(table.columns[1].type, "");
  EXPECT_EQ(std::get<AlterColumn>(ops[2]).type, "");  // a change of type, with no default
}

TEST(DialectTypes, EmittedAsWrittenAndReadBackTheSame) {
  const auto ops = parse_operations_text(kOps, "a.yaml", "upgrade");
  const std::string yaml = emit_operations(ops, 0);
  EXPECT_NE(yaml.find("type: {postgresql: double precision, default: float}"), std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("type: {sqlite: REAL}"), std::string::npos) << yaml;
  EXPECT_TRUE(parse_operations_text(yaml, "b.yaml", "upgrade") == ops) << yaml;
}

TEST(DialectTypes, ResolvedToTheEntryTheDefaultOrAnError) {
  const auto ops = parse_operations_text(kOps, "a.yaml", "upgrade");
  const auto on_postgresql = std::get<CreateTable>(resolve_types_leniently(ops[0], {"postgresql"}));
  EXPECT_EQ(on_postgresql.columns[0].type, "double precision");
  EXPECT_TRUE(on_postgresql.columns[0].dialect_types.empty());
  const auto on_sqlite = std::get<CreateTable>(resolve_types(ops[0], {"sqlite"}));
  EXPECT_EQ(on_sqlite.columns[0].type, "float");
  EXPECT_EQ(on_sqlite.columns[1].type, "BLOB");
  // An alias key is looked up after the dialect's own name.
  EXPECT_EQ(std::get<AddColumn>(resolve_types(ops[1], {"mysql", "mariadb"})).column.type,
            "DATETIME");
  EXPECT_EQ(std::get<AlterColumn>(resolve_types(ops[2], {"sqlite"})).type, "REAL");
  try {
    (void)resolve_types(ops[0], {"postgresql", "x"});
    ADD_FAILURE() << "column b has no type for postgresql";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "column 'b' of table 't' has no type for postgresql: its type names mysql, "
                 "sqlite and no default");
  }
  // Lint keeps going with what it knows: no type.
  EXPECT_EQ(on_postgresql.columns[1].type, "");
  // A plain type is every dialect's.
  const auto plain = parse_operations_text(
      "- add_column: {table: t, column: {name: c, type: text}}", "c.yaml", "upgrade");
  EXPECT_TRUE(resolve_types(plain[0], {"postgresql"}) == plain[0]);
}

}  // namespace
}  // namespace migrate
