#include <gtest/gtest.h>

// Designated initializers name only the fields a test cares about; the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

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
