#include <gtest/gtest.h>

// Designated initializers name only the fields a test cares about; the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <yaml-cpp/yaml.h>

#include <random>

#include "migrate/core/error.h"
#include "migrate/ops/operation_yaml.h"

namespace migrate {
namespace {

void expect_round_trip(const std::vector<Operation>& ops) {
  for (const int indent : {0, 2, 6}) {
    const std::string yaml = emit_operations(ops, indent);
    std::vector<Operation> back;
    try {
      back = parse_operations_text(yaml.empty() ? "[]" : yaml, "emitted.yaml");
    } catch (const Error& e) {
      ADD_FAILURE() << e.what() << "\n" << yaml;
      return;
    }
    ASSERT_EQ(back.size(), ops.size()) << yaml;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      EXPECT_TRUE(back[i] == ops[i]) << "operation " << i + 1 << " differs after:\n" << yaml;
    }
  }
}

TEST(OperationEmit, SpecExampleLayout) {
  const std::string source = R"Y(- create_table:
    name: account
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: string(50), nullable: false}
      - {name: description, type: text}
- execute: "INSERT INTO account (name) VALUES ('admin')"
- drop_table: {name: account}
)Y";
  const auto ops = parse_operations_text(source, "spec.yaml");
  EXPECT_EQ(emit_operations(ops, 0), source);
  // Indentation shifts every line, as the script template needs under `upgrade:`.
  std::string indented;
  for (std::size_t start = 0; start < source.size();) {
    const auto end = source.find('\n', start);
    indented += "  " + source.substr(start, end - start + 1);
    start = end + 1;
  }
  EXPECT_EQ(emit_operations(ops, 2), indented);
  EXPECT_EQ(emit_operations({}, 2), "");
}

TEST(OperationEmit, MultiLineSqlIsALiteralBlock) {
  Execute op;
  op.sql = "CREATE TABLE a (\n  id integer\n);\nCREATE INDEX ix ON a (id);\n";
  EXPECT_EQ(emit_operations({op}, 2),
            "  - execute: |\n"
            "      CREATE TABLE a (\n"
            "        id integer\n"
            "      );\n"
            "      CREATE INDEX ix ON a (id);\n");
  expect_round_trip({op});
}

TEST(OperationEmit, LongOperationsUseBlockMappings) {
  CreateForeignKey op{"fk_orders_account_id_account",
                      "orders",
                      {"account_id"},
                      "account",
                      {"id"},
                      "cascade",
                      "cascade",
                      std::nullopt,
                      "shop"};
  EXPECT_EQ(emit_operations({op}, 0),
            "- create_foreign_key:\n"
            "    name: fk_orders_account_id_account\n"
            "    table: orders\n"
            "    columns: [account_id]\n"
            "    ref_table: account\n"
            "    ref_columns: [id]\n"
            "    ondelete: cascade\n"
            "    onupdate: cascade\n"
            "    schema: shop\n");
  expect_round_trip({op});
}

TEST(OperationEmit, EveryOperationRoundTrips) {
  CreateTable table;
  table.name = "orders";
  table.schema = "shop";
  table.if_not_exists = true;
  table.columns = {
      {.name = "id", .type = "integer", .primary_key = true, .autoincrement = false},
      {.name = "account_id",
       .type = "integer",
       .nullable = false,
       .references = ForeignKeyRef{"account", "id", std::nullopt, std::nullopt}},
      {.name = "owner",
       .type = "numeric(10, 2)",
       .default_ = "0",
       .unique = true,
       .references = ForeignKeyRef{"users", "id", "cascade", "set null"},
       .comment = "who: owns it # really"},
  };
  table.primary_key = {"id", "account_id"};
  table.primary_key_name = "pk_orders";
  table.unique = {{std::nullopt, {"owner"}}, {"uq_x", {"owner", "id"}}};
  table.foreign_keys = {
      {"fk", {"owner"}, "users", {"id"}, "cascade", std::nullopt, "auth"},
      {std::nullopt, {"account_id"}, "account", {"id"}, std::nullopt, "restrict", std::nullopt}};
  table.checks = {{"ck", "id > 0"}, {std::nullopt, "owner <> 'x'"}};

  CreateTable unnamed_unique;
  unnamed_unique.name = "t";
  unnamed_unique.columns = {{.name = "a", .type = "int[]"}};
  unnamed_unique.unique = {{std::nullopt, {"a"}}, {std::nullopt, {"a", "b"}}};
  unnamed_unique.primary_key = {"a"};

  AlterColumn drop_default{"t",
                           "c",
                           std::nullopt,
                           std::nullopt,
                           std::nullopt,
                           std::nullopt,
                           std::optional<std::string>()};
  AlterColumn everything{
      "t", "c", "s", "d", "varchar(20)", false, std::optional<std::string>("'none'")};

  Execute per_dialect;
  per_dialect.per_dialect = {{"postgresql", "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\""},
                             {"sqlite", "SELECT 1;\nSELECT 2"}};

  using K = Value::Kind;
  BulkInsert rows{"t",
                  "s",
                  {{{"id", {K::integer, "1"}},
                    {"name", {K::string, "12"}},
                    {"flag", {K::boolean, "false"}},
                    {"nothing", {K::null, ""}},
                    {"ratio", {K::real, "1.5"}},
                    {"whole", {K::real, "2"}},
                    {"text", {K::string, "null"}},
                    {"odd key: yes", {K::string, "a,b"}}},
                   {{"id", {K::integer, "-2"}}, {"name", {K::string, "line\nbreak"}}}}};

  expect_round_trip({
      table,
      unnamed_unique,
      DropTable{"t", "s", true},
      DropTable{"t", std::nullopt, false},
      RenameTable{"a", "b", "s"},
      AddColumn{"t", {.name = "c", .type = "text", .nullable = true, .default_ = "''"}, "s"},
      DropColumn{"t", "c", std::nullopt},
      AlterColumn{"t", "c", std::nullopt, "d", std::nullopt, std::nullopt, std::nullopt},
      drop_default,
      everything,
      CreateIndex{"ix", "t", {"a", "(lower(b))"}, true, "a > 0", true, "s"},
      DropIndex{"ix", "t", "s", true},
      DropIndex{"ix", std::nullopt, std::nullopt, false},
      CreateUniqueConstraint{"uq", "t", {"a"}, "s"},
      CreatePrimaryKey{"pk", "t", {"a", "b"}, std::nullopt},
      CreateForeignKey{"fk", "t", {"a"}, "r", {"id"}, std::nullopt, "cascade", "rs", std::nullopt},
      CreateCheckConstraint{"ck", "t", "a IN ('x', 'y')", "s"},
      DropConstraint{"c", "t", ConstraintType::any, std::nullopt},
      DropConstraint{"c", "t", ConstraintType::foreignkey, "s"},
      DropConstraint{"c", "t", ConstraintType::unique, std::nullopt},
      DropConstraint{"c", "t", ConstraintType::check, std::nullopt},
      DropConstraint{"c", "t", ConstraintType::primary, std::nullopt},
      rows,
      Execute{"SELECT 1", {}},
      per_dialect,
  });
}

TEST(OperationEmit, TrickyStringsRoundTrip) {
  const std::vector<std::string> strings = {
      "null",
      "Null",
      "~",
      "true",
      "False",
      "yes",
      "no",
      "on",
      "off",
      "y",
      "n",
      "12",
      "-3",
      "1.5",
      "1e3",
      ".5",
      "0x1f",
      ".inf",
      "-",
      "- a",
      "a: b",
      "a:b",
      "a #b",
      "#x",
      "&a",
      "*a",
      "!x",
      "%x",
      "@x",
      "`x",
      "'q'",
      "\"dq\"",
      "a\\b",
      "[a]",
      "{a}",
      "a, b",
      " lead",
      "trail ",
      "tab\there",
      "\ttab first",
      "cr\r\nlf",
      "bell\x07",
      "del\x7f",
      "é ü 漢字",
      "a\n\nb",
      "ends with newline\n",
      "two newlines\n\n",
      "\nleading newline",
      "  \n  ",
      "x\n   \ny",
      "line\n\tindented by tab",
      "--- \n...",
      "? key",
      "| block",
      "> folded",
      "a = b",
      "<>",
      "CURRENT_TIMESTAMP",
      "now()",
      "string(50)",
  };
  std::vector<Operation> ops;
  for (const std::string& s : strings) {
    ops.push_back(Execute{s, {}});
    ops.push_back(CreateCheckConstraint{"ck", s, s, s});
    using K = Value::Kind;
    ops.push_back(BulkInsert{"t", std::nullopt, {{{s, {K::string, s}}}}});
    ops.push_back(
        AddColumn{"t", {.name = "c", .type = s, .default_ = s, .comment = s}, std::nullopt});
  }
  expect_round_trip(ops);
}

// Property-style: random strings over an alphabet of YAML's special characters.
TEST(OperationEmit, RandomStringsRoundTrip) {
  std::mt19937 random(20261123);
  const std::string alphabet = "ab01 \t\n:#-?&*!|>'\"%@`,[]{}\\.~=()\r_+";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(1, 12);
  std::vector<Operation> ops;
  for (int i = 0; i < 400; ++i) {
    std::string s;
    for (int n = length(random); n > 0; --n) s += alphabet[pick(random)];
    using K = Value::Kind;
    ops.push_back(Execute{s, {}});
    ops.push_back(BulkInsert{"t", std::nullopt, {{{s, {K::string, s}}}}});
    ops.push_back(CreateIndex{s, "t", {s, "b"}, false, s, false, std::nullopt});
  }
  expect_round_trip(ops);
}

TEST(OperationEmit, ExecuteWithBothFormsIsAnError) {
  Execute op;
  op.sql = "SELECT 1";
  op.per_dialect["sqlite"] = "SELECT 2";
  EXPECT_THROW((void)emit_operations({op}, 0), Error);
}

}  // namespace
}  // namespace migrate

namespace migrate {
namespace {

// `dialect:` beside an operation's key: parsed into its source, written back beside it, and read
// the same again; `mariadb` is read as `mysql`, names sorted.
TEST(OperationEmit, DialectFiltersRoundTripBesideTheirOperation) {
  const std::string yaml =
      "- add_column: {table: t, column: {name: j, type: JSONB}}\n"
      "  dialect: [postgresql]\n"
      "- execute: SELECT 1\n"
      "- create_table:\n"
      "    name: u\n"
      "    columns:\n"
      "      - {name: id, type: integer, primary_key: true}\n"
      "  lint: {ignore: [drop-column]}\n"
      "  dialect: {not: [postgresql, mariadb]}\n"
      "- drop_index: {name: i}\n"
      "  dialect: sqlite\n";
  std::vector<OperationSource> sources;
  const auto ops = parse_operations(YAML::Load(yaml), "a.yaml", "upgrade", &sources);
  ASSERT_EQ(sources.size(), 4u);
  EXPECT_EQ(sources[0].dialects, (DialectFilter{{"postgresql"}, false}));
  EXPECT_TRUE(sources[1].dialects.everywhere());
  EXPECT_EQ(sources[2].dialects, (DialectFilter{{"mysql", "postgresql"}, true}));
  EXPECT_EQ(sources[2].lint_ignore, std::vector<std::string>{"drop-column"});
  EXPECT_EQ(sources[3].dialects, (DialectFilter{{"sqlite"}, false}));
  EXPECT_TRUE(sources[2].dialects.matches("sqlite"));
  EXPECT_TRUE(sources[2].dialects.matches("oracle")) << "`not` takes in dialects added later";
  EXPECT_FALSE(sources[2].dialects.matches("mysql"));
  EXPECT_FALSE(sources[0].dialects.matches("mysql"));

  const std::string emitted = emit_operations(ops, 2, &sources);
  EXPECT_NE(emitted.find("    dialect: {not: [mysql, postgresql]}\n"), std::string::npos)
      << emitted;
  EXPECT_EQ(emitted.find("lint"), std::string::npos) << "lint: is no part of the checksum";
  std::vector<OperationSource> back;
  const auto again = parse_operations(YAML::Load(emitted), "b.yaml", "upgrade", &back);
  EXPECT_EQ(again, ops);
  ASSERT_EQ(back.size(), sources.size());
  for (std::size_t i = 0; i < back.size(); ++i) EXPECT_EQ(back[i].dialects, sources[i].dialects);
  EXPECT_EQ(emit_operations(ops, 2), emit_operations(ops, 2, nullptr));
}

TEST(OperationEmit, KeepForDialectDropsWhatDoesNotRunThere) {
  std::vector<OperationSource> sources;
  auto ops = parse_operations(YAML::Load("- drop_table: {name: a}\n"
                                         "  dialect: [postgresql]\n"
                                         "- drop_table: {name: b}\n"
                                         "- drop_table: {name: c}\n"
                                         "  dialect: {not: [postgresql]}\n"),
                              "a.yaml", "upgrade", &sources);
  keep_for_dialect(ops, sources, "mysql");
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(std::get<DropTable>(ops[0]).name, "b");
  EXPECT_EQ(std::get<DropTable>(ops[1]).name, "c");
  EXPECT_EQ(sources.size(), 2u);
}

// A filter that names no dialect, or one migrate does not know, is refused with file:line.
TEST(OperationEmit, BadDialectFiltersAreRefused) {
  const auto error = [](const std::string& yaml) {
    try {
      (void)parse_operations_text(yaml, "a.yaml");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("- drop_table: {name: a}\n  dialect: [postgresql, oracle]\n"),
            "a.yaml:2: upgrade operation 1: unknown dialect 'oracle' in 'dialect'; expected one "
            "of postgresql, sqlite, mysql, mariadb");
  EXPECT_NE(error("- drop_table: {name: a}\n  dialect: []\n")
                .find("a.yaml:2: upgrade operation "
                      "1: 'dialect' must name "
                      "dialects"),
            std::string::npos);
  EXPECT_NE(error("- drop_table: {name: a}\n  dialect: {only: [sqlite]}\n")
                .find("'dialect' as a mapping must be `{not: [dialect, ...]}`"),
            std::string::npos);
  EXPECT_NE(error("- drop_table: {name: a}\n  dialect: [sqlite]\n  extra: 1\n")
                .find("expected a mapping with one key naming the operation"),
            std::string::npos);
}

}  // namespace
}  // namespace migrate
