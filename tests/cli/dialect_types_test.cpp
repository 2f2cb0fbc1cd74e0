// Per-dialect column types (`type: {postgresql: ..., default: ...}`), end to end on every
// dialect: each database gets its own entry or the default, in create_table, add_column and
// alter_column; `check` compares against the type for the connected dialect; a dialect the
// mapping leaves out fails the run before anything changes; a malformed mapping fails at load.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "cli/e2e.h"
#include "migrate/config/url.h"
#include "migrate/dialects/dialect.h"
#include "migrate/ops/dialect_filter.h"
#include "migrate/schema/schema.h"

namespace migrate::test {
namespace {

class DialectTypes : public E2E {
 protected:
  std::string dialect() const { return std::string(dialects::find(Url::parse(url())).name()); }

  // A dialect other than the connected one.
  std::string other_dialect() const {
    for (const char* name : {"sqlite", "postgresql", "mysql"}) {
      if (name != dialect()) return name;
    }
    return {};
  }

  // The type of table.column as the dialect reflects it (normalised).
  std::string reflected_type(const std::string& table, const std::string& column) const {
    const Url parsed = Url::parse(url());
    const Dialect& d = dialects::find(parsed);
    auto connection = d.connect(parsed);
    const SchemaModel model = d.reflect(*connection, TableName{std::nullopt, "alembic_version"});
    const SchemaTable* found = model.find(table);
    if (found == nullptr) return "(no table " + table + ")";
    for (const auto& c : found->columns) {
      if (c.name == column) return c.type;
    }
    return "(no column " + column + ")";
  }
};

TEST_P(DialectTypes, EachDialectGetsItsOwnEntryOrTheDefault) {
  // The other dialect's entry is not a type at all: this database must never see it.
  const std::string mapped = "{" + dialect() + ": bigint, " + other_dialect() +
                             ": \"NOT A TYPE(\", default: \"NOT A TYPE(\"}";
  revision("1_t.yaml", "1", "",
           "  - create_table:\n"
           "      name: t\n"
           "      columns:\n"
           "        - {name: id, type: integer, primary_key: true}\n"
           "        - {name: a, type: " +
               mapped +
               "}\n"
               "        - {name: b, type: bigint}\n"
               "        - {name: c, type: {" +
               other_dialect() +
               ": \"NOT A TYPE(\", default: text}}\n"
               "        - {name: d, type: text}\n"
               "  - add_column: {table: t, column: {name: e, type: " +
               mapped +
               "}}\n"
               "  - add_column: {table: t, column: {name: f, type: integer}}\n"
               "  - alter_column: {table: t, name: f, type: " +
               mapped + ", nullable: true, default: null}\n");
  const Result up = migrate({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(reflected_type("t", "a"), reflected_type("t", "b"));
  EXPECT_EQ(reflected_type("t", "c"), reflected_type("t", "d"));
  EXPECT_EQ(reflected_type("t", "e"), reflected_type("t", "b"));
  EXPECT_EQ(reflected_type("t", "f"), reflected_type("t", "b"));
  EXPECT_EQ(versions(), std::vector<std::string>{"1"});

  // check compares against the type this dialect gets from a mapping in the declared schema.
  const std::string declared =
      "tables:\n  - name: t\n    columns:\n"
      "      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: a, type: " +
      mapped +
      "}\n"
      "      - {name: b, type: bigint}\n"
      "      - {name: c, type: text}\n      - {name: d, type: text}\n"
      "      - {name: e, type: bigint}\n      - {name: f, type: bigint}\n";
  write_file(dir() / "schema.yaml", declared);
  const Result clean = migrate({"check", "--target-schema", "schema.yaml"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  std::string drifted = declared;
  drifted.replace(drifted.find(dialect() + ": bigint"), dialect().size() + 8, dialect() + ": text");
  write_file(dir() / "schema.yaml", drifted);
  const Result drift = migrate({"check", "--target-schema", "schema.yaml"});
  EXPECT_EQ(drift.exit_code, 1) << drift.out << drift.err;
  EXPECT_NE(drift.out.find("'t.a'"), std::string::npos) << drift.out;
}

// An alias (mariadb for mysql) is the dialect's entry everywhere: upgrade, check and lint.
TEST_P(DialectTypes, AnAliasKeyIsTheDialectsEntryInCheckAndLintToo) {
  const auto keys = dialect_keys(dialect());
  if (keys.size() < 2) GTEST_SKIP() << dialect() << " has no alias";
  const std::string mapped = "{" + keys[1] + ": bigint, default: \"NOT A TYPE(\"}";
  revision("1_t.yaml", "1", "",
           "  - create_table:\n"
           "      name: t\n"
           "      columns:\n"
           "        - {name: id, type: integer, primary_key: true}\n"
           "        - {name: a, type: " +
               mapped + "}\n");
  const Result up = migrate({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  write_file(dir() / "schema.yaml",
             "tables:\n  - name: t\n    columns:\n"
             "      - {name: id, type: integer, primary_key: true}\n"
             "      - {name: a, type: " +
                 mapped + "}\n");
  const Result check = migrate({"check", "--target-schema", "schema.yaml"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const Result lint = migrate({"lint"});
  EXPECT_EQ(lint.out.find("NOT A TYPE"), std::string::npos) << lint.out;
}

TEST_P(DialectTypes, ADialectWithoutAnEntryOrDefaultFailsBeforeAnythingChanges) {
  revision("1_t.yaml", "1", "",
           "  - create_table:\n"
           "      name: first\n"
           "      columns: [{name: id, type: integer, primary_key: true}]\n"
           "  - create_table:\n"
           "      name: t\n"
           "      columns: [{name: amount, type: {" +
               other_dialect() + ": bigint}}]\n");
  const Result up = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(up, "column 'amount' of table 't' has no type for " + dialect()));
  EXPECT_TRUE(failed_with(up, "-> 1"));
  // --sql fails the same way, before printing the table.
  const Result offline = migrate({"upgrade", "head", "--sql"});
  EXPECT_TRUE(failed_with(offline, "has no type for " + dialect()));
  if (capabilities().transactional_ddl) {
    EXPECT_TRUE(versions().empty());
    const auto tables = db().tables();
    EXPECT_EQ(std::count(tables.begin(), tables.end(), "first"), 0);
  }
}

TEST_P(DialectTypes, AMalformedMappingFailsAtLoadWithFileAndLine) {
  const std::array<std::pair<std::string, std::string>, 4> cases{{
      {"{oracle: NUMBER, default: float}", "unknown field 'oracle'"},
      {"{}", "not an empty mapping"},
      {"{default: float}", "names no dialect"},
      {"{postgresql: [a, b]}", "must be a string"},
  }};
  for (const auto& [type, why] : cases) {
    revision("1_t.yaml", "1", "",
             "  - create_table:\n"
             "      name: t\n"
             "      columns:\n"
             "        - name: amount\n"
             "          type: " +
                 type + "\n");
    const Result up = migrate({"upgrade", "head"});
    EXPECT_TRUE(failed_with(up, "1_t.yaml:10")) << type;
    EXPECT_TRUE(failed_with(up, why)) << type;
    EXPECT_TRUE(versions().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Dialects, DialectTypes, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
