#include "migrate/ops/operation_yaml.h"

#include <gtest/gtest.h>

// Designated initializers name only the fields a test cares about; the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "migrate/core/error.h"

namespace migrate {
namespace {

std::vector<Operation> parse(const std::string& yaml) {
  return parse_operations_text(yaml, "v/a.yaml", "upgrade");
}

template <typename T>
T parse_one(const std::string& yaml) {
  const auto ops = parse(yaml);
  EXPECT_EQ(ops.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<T>(ops.at(0))) << operation_name(ops.at(0));
  return std::get<T>(ops.at(0));
}

std::string error_of(const std::string& yaml) {
  try {
    parse(yaml);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(OperationYaml, SpecExample) {
  const auto ops = parse(R"Y(
- create_table:
    name: account
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: string(50), nullable: false}
      - {name: description, type: text}
- execute: "INSERT INTO account (name) VALUES ('admin')"
)Y");
  ASSERT_EQ(ops.size(), 2u);
  CreateTable expected;
  expected.name = "account";
  expected.columns = {{.name = "id", .type = "integer", .primary_key = true},
                      {.name = "name", .type = "string(50)", .nullable = false},
                      {.name = "description", .type = "text"}};
  EXPECT_EQ(std::get<CreateTable>(ops[0]), expected);
  EXPECT_EQ(std::get<Execute>(ops[1]).sql, "INSERT INTO account (name) VALUES ('admin')");
  EXPECT_STREQ(operation_name(ops[0]), "create_table");
  EXPECT_STREQ(operation_name(ops[1]), "execute");
}

TEST(OperationYaml, EmptyListIsNoOperations) { EXPECT_TRUE(parse("[]").empty()); }

TEST(OperationYaml, CreateTableWithEveryField) {
  const auto op = parse_one<CreateTable>(R"Y(
- create_table:
    name: orders
    schema: shop
    if_not_exists: true
    columns:
      - name: id
        type: integer
        autoincrement: false
        comment: the key
      - {name: account_id, type: integer, nullable: false, references: account.id}
      - {name: code, type: string(10), unique: true, default: "'x'"}
      - {name: owner, type: integer, references: {table: users, column: id, ondelete: cascade, onupdate: restrict}}
    primary_key: {name: pk_orders, columns: [id]}
    unique: [[code, owner], [owner]]
    foreign_keys:
      - {name: fk_orders_account, columns: [account_id], ref_table: account, ref_columns: [id], ondelete: cascade}
      - {columns: [owner], ref_table: users, ref_columns: [id], onupdate: "no action", ref_schema: auth}
    checks:
      - {name: ck_orders_id, condition: "id > 0"}
      - {condition: "owner <> 0"}
)Y");
  EXPECT_EQ(op.name, "orders");
  EXPECT_EQ(op.schema, "shop");
  EXPECT_TRUE(op.if_not_exists);
  ASSERT_EQ(op.columns.size(), 4u);
  EXPECT_EQ(op.columns[0].autoincrement, false);
  EXPECT_EQ(op.columns[0].comment, "the key");
  EXPECT_EQ(op.columns[1].references, (ForeignKeyRef{"account", "id", std::nullopt, std::nullopt}));
  EXPECT_FALSE(op.columns[1].is_nullable());
  EXPECT_TRUE(op.columns[2].unique);
  EXPECT_EQ(op.columns[2].default_, "'x'");
  EXPECT_EQ(op.columns[3].references, (ForeignKeyRef{"users", "id", "cascade", "restrict"}));
  EXPECT_EQ(op.primary_key_name, "pk_orders");
  EXPECT_EQ(op.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(op.unique, (std::vector<UniqueConstraint>{{std::nullopt, {"code", "owner"}},
                                                      {std::nullopt, {"owner"}}}));
  ASSERT_EQ(op.foreign_keys.size(), 2u);
  EXPECT_EQ(op.foreign_keys[0], (ForeignKey{"fk_orders_account",
                                            {"account_id"},
                                            "account",
                                            {"id"},
                                            "cascade",
                                            std::nullopt,
                                            std::nullopt}));
  EXPECT_EQ(
      op.foreign_keys[1],
      (ForeignKey{std::nullopt, {"owner"}, "users", {"id"}, std::nullopt, "no action", "auth"}));
  EXPECT_EQ(op.checks, (std::vector<CheckConstraint>{{"ck_orders_id", "id > 0"},
                                                     {std::nullopt, "owner <> 0"}}));
}

TEST(OperationYaml, CreateTableUniqueAndPrimaryKeyForms) {
  const auto op = parse_one<CreateTable>(R"Y(
- create_table:
    name: t
    columns: [{name: a, type: integer}, {name: b, type: integer}]
    primary_key: [a, b]
    unique:
      - {name: uq_t_b, columns: [b]}
      - [a]
)Y");
  EXPECT_EQ(op.primary_key, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(op.primary_key_name, std::nullopt);
  EXPECT_EQ(op.unique, (std::vector<UniqueConstraint>{{"uq_t_b", {"b"}}, {std::nullopt, {"a"}}}));
}

TEST(OperationYaml, TableAndColumnOperations) {
  EXPECT_EQ(parse_one<DropTable>("- drop_table: {name: t, schema: s, if_exists: true}"),
            (DropTable{"t", "s", true}));
  EXPECT_EQ(parse_one<DropTable>("- drop_table: {name: t}"), (DropTable{"t", std::nullopt, false}));
  EXPECT_EQ(parse_one<RenameTable>("- rename_table: {name: a, new_name: b, schema: s}"),
            (RenameTable{"a", "b", "s"}));
  const auto add = parse_one<AddColumn>(
      "- add_column: {table: t, column: {name: c, type: text, nullable: false}, schema: s}");
  EXPECT_EQ(add.table, "t");
  EXPECT_EQ(add.column, (Column{.name = "c", .type = "text", .nullable = false}));
  EXPECT_EQ(add.schema, "s");
  EXPECT_EQ(parse_one<DropColumn>("- drop_column: {table: t, name: c}"),
            (DropColumn{"t", "c", std::nullopt}));
}

TEST(OperationYaml, AlterColumnDefaultNullDropsIt) {
  const auto rename = parse_one<AlterColumn>("- alter_column: {table: t, name: a, new_name: b}");
  EXPECT_EQ(rename.new_name, "b");
  EXPECT_FALSE(rename.default_.has_value());

  const auto drop_default =
      parse_one<AlterColumn>("- alter_column: {table: t, name: a, default: null}");
  ASSERT_TRUE(drop_default.default_.has_value());
  EXPECT_FALSE(drop_default.default_->has_value());

  const auto all = parse_one<AlterColumn>(
      "- alter_column: {table: t, name: a, type: bigint, nullable: true, default: '0', schema: s}");
  EXPECT_EQ(all.type, "bigint");
  EXPECT_EQ(all.nullable, true);
  EXPECT_EQ(all.default_, std::optional<std::string>("0"));
  EXPECT_EQ(all.schema, "s");
}

TEST(OperationYaml, IndexesAndConstraints) {
  EXPECT_EQ(
      parse_one<CreateIndex>("- create_index: {name: ix, table: t, columns: [a, (lower(b))], "
                             "unique: true, where: \"a > 0\", concurrently: true, schema: s}"),
      (CreateIndex{"ix", "t", {"a", "(lower(b))"}, true, "a > 0", true, "s"}));
  EXPECT_EQ(parse_one<DropIndex>("- drop_index: {name: ix}"),
            (DropIndex{"ix", std::nullopt, std::nullopt, false}));
  EXPECT_EQ(
      parse_one<DropIndex>("- drop_index: {name: ix, table: t, schema: s, concurrently: true}"),
      (DropIndex{"ix", "t", "s", true}));
  EXPECT_EQ(parse_one<CreateUniqueConstraint>(
                "- create_unique_constraint: {name: uq, table: t, columns: [a, b]}"),
            (CreateUniqueConstraint{"uq", "t", {"a", "b"}, std::nullopt}));
  EXPECT_EQ(
      parse_one<CreatePrimaryKey>("- create_primary_key: {name: pk, table: t, columns: [id]}"),
      (CreatePrimaryKey{"pk", "t", {"id"}, std::nullopt}));
  EXPECT_EQ(
      parse_one<CreateForeignKey>(
          "- create_foreign_key: {name: fk, table: t, columns: [a], ref_table: r, "
          "ref_columns: [id], ondelete: cascade, onupdate: set null, ref_schema: rs, schema: s}"),
      (CreateForeignKey{"fk", "t", {"a"}, "r", {"id"}, "cascade", "set null", "rs", "s"}));
  EXPECT_EQ(parse_one<CreateCheckConstraint>(
                "- create_check_constraint: {name: ck, table: t, condition: \"a > 0\"}"),
            (CreateCheckConstraint{"ck", "t", "a > 0", std::nullopt}));
  EXPECT_EQ(parse_one<DropConstraint>("- drop_constraint: {name: c, table: t}").type,
            ConstraintType::any);
  const std::vector<std::pair<std::string, ConstraintType>> types = {
      {"foreignkey", ConstraintType::foreignkey},
      {"unique", ConstraintType::unique},
      {"check", ConstraintType::check},
      {"primary", ConstraintType::primary}};
  for (const auto& [word, type] : types) {
    EXPECT_EQ(
        parse_one<DropConstraint>("- drop_constraint: {name: c, table: t, type: " + word + "}"),
        (DropConstraint{"c", "t", type, std::nullopt}));
  }
}

TEST(OperationYaml, ExecuteForms) {
  EXPECT_EQ(parse_one<Execute>("- execute: SELECT 1").sql, "SELECT 1");
  const auto block = parse_one<Execute>(
      "- execute: |\n    CREATE TABLE a (id int);\n    CREATE TABLE b (id int);\n");
  EXPECT_EQ(block.sql, "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
  const auto one = parse_one<Execute>("- execute: {sql: VACUUM, dialect: sqlite}");
  EXPECT_EQ(one.sql, std::nullopt);
  EXPECT_EQ(one.per_dialect, (std::map<std::string, std::string>{{"sqlite", "VACUUM"}}));
  EXPECT_EQ(parse_one<Execute>("- execute: {sql: SELECT 2}").sql, "SELECT 2");
  const auto many = parse_one<Execute>(
      "- execute: {postgresql: CREATE EXTENSION x, sqlite: SELECT 1, mysql: SELECT 2}");
  EXPECT_EQ(many.sql, std::nullopt);
  EXPECT_EQ(
      many.per_dialect,
      (std::map<std::string, std::string>{
          {"postgresql", "CREATE EXTENSION x"}, {"sqlite", "SELECT 1"}, {"mysql", "SELECT 2"}}));
}

TEST(OperationYaml, BulkInsertValuesKeepTheirKind) {
  const auto op = parse_one<BulkInsert>(R"Y(
- bulk_insert:
    table: t
    schema: s
    rows:
      - {z: 1, a: null, b: ~, c: true, d: False, e: -3, f: +4, g: 0x1f, h: 0o17}
      - {i: 1.5, j: 1e3, k: .5, l: "12", m: 'true', n: plain text, o: !!str 5, p: yes, q: "null", r: +2.5}
      - {s: !!float 2, t: !!int 7, u: !!null "", v: !!bool true, w:}
)Y");
  EXPECT_EQ(op.table, "t");
  EXPECT_EQ(op.schema, "s");
  using K = Value::Kind;
  using Row = std::vector<std::pair<std::string, Value>>;
  ASSERT_EQ(op.rows.size(), 3u);
  EXPECT_EQ(op.rows[0], (Row{{"z", {K::integer, "1"}},
                             {"a", {K::null, ""}},
                             {"b", {K::null, ""}},
                             {"c", {K::boolean, "true"}},
                             {"d", {K::boolean, "false"}},
                             {"e", {K::integer, "-3"}},
                             {"f", {K::integer, "4"}},
                             {"g", {K::integer, "31"}},
                             {"h", {K::integer, "15"}}}));
  EXPECT_EQ(op.rows[1], (Row{{"i", {K::real, "1.5"}},
                             {"j", {K::real, "1e3"}},
                             {"k", {K::real, ".5"}},
                             {"l", {K::string, "12"}},
                             {"m", {K::string, "true"}},
                             {"n", {K::string, "plain text"}},
                             {"o", {K::string, "5"}},
                             {"p", {K::string, "yes"}},
                             {"q", {K::string, "null"}},
                             {"r", {K::real, "2.5"}}}));
  EXPECT_EQ(op.rows[2], (Row{{"s", {K::real, "2"}},
                             {"t", {K::integer, "7"}},
                             {"u", {K::null, ""}},
                             {"v", {K::boolean, "true"}},
                             {"w", {K::null, ""}}}));
  EXPECT_TRUE(parse_one<BulkInsert>("- bulk_insert: {table: t, rows: []}").rows.empty());
}

// ---- errors: every one names file:line, the list, the index and the operation ----

TEST(OperationYamlErrors, ListShape) {
  EXPECT_EQ(error_of("create_table: {name: t}"),
            "v/a.yaml:1: 'upgrade' must be a list of operations, not a mapping");
  EXPECT_EQ(
      error_of("- drop_table: {name: a}\n- drop_table\n"),
      "v/a.yaml:2: upgrade operation 2: expected a mapping with one key naming the operation, "
      "e.g. `- drop_table: {name: t}`, not 'drop_table'");
  EXPECT_EQ(error_of("- {drop_table: {name: a}, drop_index: {name: b}}\n"),
            "v/a.yaml:1: upgrade operation 1: expected a mapping with one key naming the "
            "operation, e.g. `- drop_table: {name: t}`, not a mapping with 2 keys (are the "
            "operation's fields indented under its name, deeper than the name itself?)");
  EXPECT_EQ(error_of("- drop_table: {name: a}\n- create_tabel: {name: t}\n"),
            "v/a.yaml:2: upgrade operation 2: unknown operation 'create_tabel' (did you mean "
            "'create_table'?); known operations: "
            "create_table, drop_table, rename_table, add_column, drop_column, alter_column, "
            "create_index, drop_index, create_unique_constraint, create_primary_key, "
            "create_foreign_key, create_check_constraint, drop_constraint, bulk_insert, execute");
  EXPECT_EQ(error_of("- drop_table: account\n"),
            "v/a.yaml:1: upgrade operation 1 (drop_table): expected a mapping of fields, not "
            "'account'");
  EXPECT_EQ(
      error_of("- drop_table: [x]\n"),
      "v/a.yaml:1: upgrade operation 1 (drop_table): expected a mapping of fields, not a list");
}

TEST(OperationYamlErrors, MalformedYamlNamesTheLine) {
  const std::string error = error_of("- drop_table: {name: a}\n- drop_table: {name: [b}\n");
  EXPECT_EQ(error.rfind("v/a.yaml:2: ", 0), 0u) << error;
  EXPECT_EQ(error.find("yaml-cpp"), std::string::npos) << error;
}

TEST(OperationYamlErrors, Fields) {
  EXPECT_EQ(error_of("- drop_table: {name: t, if_exist: true}"),
            "v/a.yaml:1: upgrade operation 1 (drop_table): unknown field 'if_exist' (did you mean "
            "'if_exists'?); expected one "
            "of name, schema, if_exists");
  EXPECT_EQ(error_of("- drop_table: {schema: s}"),
            "v/a.yaml:1: upgrade operation 1 (drop_table): missing required field 'name'");
  EXPECT_EQ(error_of("- drop_table: {name: t, name: u}"),
            "v/a.yaml:1: upgrade operation 1 (drop_table): field 'name' is given twice");
  EXPECT_EQ(error_of("- drop_table: {name: ''}"),
            "v/a.yaml:1: upgrade operation 1 (drop_table): field 'name' must not be empty");
  EXPECT_EQ(error_of("- drop_table: {name: {a: b}}"),
            "v/a.yaml:1: upgrade operation 1 (drop_table): field 'name' must be a string, not a "
            "mapping");
  EXPECT_EQ(
      error_of("- drop_table: {name: null}"),
      "v/a.yaml:1: upgrade operation 1 (drop_table): field 'name' must be a string, not null");
  EXPECT_EQ(error_of("- drop_table: {name: t, if_exists: \"true\"}"),
            "v/a.yaml:1: upgrade operation 1 (drop_table): field 'if_exists' must be true or "
            "false, not 'true'");
  EXPECT_EQ(error_of("- drop_table:\n    name: t\n    if_exists: yes\n"),
            "v/a.yaml:3: upgrade operation 1 (drop_table): field 'if_exists' must be true or "
            "false, not 'yes'");
}

TEST(OperationYamlErrors, WrongTypesInsideCreateTable) {
  EXPECT_EQ(error_of("- create_table:\n    name: t\n    columns: id\n"),
            "v/a.yaml:3: upgrade operation 1 (create_table): field 'columns' must be a non-empty "
            "list of columns, not 'id'");
  EXPECT_EQ(error_of("- create_table:\n    name: t\n    columns: []\n"),
            "v/a.yaml:3: upgrade operation 1 (create_table): field 'columns' must be a non-empty "
            "list of columns, not a list");
  EXPECT_EQ(error_of("- create_table:\n    name: t\n    columns:\n      - {name: a, type: int}\n"
                     "      - {name: b, type: int, unique: maybe}\n"),
            "v/a.yaml:5: upgrade operation 1 (create_table): column 2: field 'unique' must be true "
            "or false, not 'maybe'");
  EXPECT_EQ(error_of("- create_table:\n    name: t\n    columns:\n      - {name: a, tpye: int}\n"),
            "v/a.yaml:4: upgrade operation 1 (create_table): column 1: unknown field 'tpye' (did "
            "you mean 'type'?); "
            "expected one of name, type, nullable, primary_key, autoincrement, default, unique, "
            "references, comment");
  EXPECT_EQ(error_of("- create_table:\n    name: t\n    columns:\n      - {name: a}\n"),
            "v/a.yaml:4: upgrade operation 1 (create_table): column 1: missing required field "
            "'type'");
  EXPECT_EQ(error_of("- create_table: {name: t, columns: [{name: a, type: int, references: a}]}"),
            "v/a.yaml:1: upgrade operation 1 (create_table): column 1: field 'references' must be "
            "\"table.column\" or a mapping, not 'a'");
  EXPECT_EQ(
      error_of(
          "- create_table: {name: t, columns: [{name: a, type: int, references: {table: x}}]}"),
      "v/a.yaml:1: upgrade operation 1 (create_table): column 1: references: missing "
      "required field 'column'");
  EXPECT_EQ(error_of("- create_table: {name: t, columns: [{name: a, type: int}], unique: [a]}"),
            "v/a.yaml:1: upgrade operation 1 (create_table): unique 1: expected a mapping of "
            "fields, not 'a'");
  EXPECT_EQ(error_of("- create_table: {name: t, columns: [{name: a, type: int}], unique: a}"),
            "v/a.yaml:1: upgrade operation 1 (create_table): field 'unique' must be a list, not "
            "'a'");
  EXPECT_EQ(error_of("- create_table: {name: t, columns: [{name: a, type: int}], primary_key: a}"),
            "v/a.yaml:1: upgrade operation 1 (create_table): field 'primary_key' must be a "
            "non-empty list of names, e.g. [a, b], not 'a'");
  EXPECT_EQ(error_of("- create_table: {name: t, columns: [{name: a, type: int}], "
                     "foreign_keys: [{columns: [a], ref_table: r}]}"),
            "v/a.yaml:1: upgrade operation 1 (create_table): foreign key 1: missing required "
            "field 'ref_columns'");
  EXPECT_EQ(
      error_of("- create_table: {name: t, columns: [{name: a, type: int}], checks: [{name: c}]}"),
      "v/a.yaml:1: upgrade operation 1 (create_table): check 1: missing required field "
      "'condition'");
}

TEST(OperationYamlErrors, OtherOperations) {
  EXPECT_EQ(error_of("- create_index: {name: ix, table: t, columns: [[a]]}"),
            "v/a.yaml:1: upgrade operation 1 (create_index): field 'columns' must list names, not "
            "a list");
  EXPECT_EQ(error_of("- alter_column: {table: t, name: a}"),
            "v/a.yaml:1: upgrade operation 1 (alter_column): nothing to alter; give new_name, "
            "type, nullable, default or comment");
  EXPECT_EQ(error_of("- drop_constraint: {name: c, table: t, type: fk}"),
            "v/a.yaml:1: upgrade operation 1 (drop_constraint): field 'type' must be foreignkey, "
            "unique, check or primary, not 'fk'");
  EXPECT_EQ(error_of("- add_column: {table: t, column: [a]}"),
            "v/a.yaml:1: upgrade operation 1 (add_column): column: expected a mapping of fields, "
            "not a list");
  EXPECT_EQ(error_of("- execute:\n"),
            "v/a.yaml:1: upgrade operation 1 (execute): expected a SQL string, {sql, dialect} or "
            "{postgresql: ..., sqlite: ...}, not null");
  EXPECT_EQ(error_of("- execute: {sql: x, dialect: oracle}"),
            "v/a.yaml:1: upgrade operation 1 (execute): unknown dialect 'oracle'; expected one of "
            "postgresql, sqlite, mysql, mariadb");
  EXPECT_EQ(error_of("- execute: {postgres: x}"),
            "v/a.yaml:1: upgrade operation 1 (execute): unknown field 'postgres' (did you mean "
            "'postgresql'?); expected one of "
            "postgresql, sqlite, mysql, mariadb");
  EXPECT_EQ(error_of("- execute: {sql: x, sqlite: y}"),
            "v/a.yaml:1: upgrade operation 1 (execute): unknown field 'sqlite'; expected one of "
            "sql, dialect");
  EXPECT_EQ(error_of("- bulk_insert: {table: t, rows: {a: 1}}"),
            "v/a.yaml:1: upgrade operation 1 (bulk_insert): field 'rows' must be a list of "
            "mappings, not a mapping");
  EXPECT_EQ(error_of("- bulk_insert:\n    table: t\n    rows:\n      - {a: 1}\n      - {a: [1]}\n"),
            "v/a.yaml:5: upgrade operation 1 (bulk_insert): row 2: value of 'a' must be a scalar, "
            "not a list");
  EXPECT_EQ(error_of("- bulk_insert: {table: t, rows: [{}]}"),
            "v/a.yaml:1: upgrade operation 1 (bulk_insert): row 1: must give at least one "
            "column: value");
  EXPECT_EQ(error_of("- bulk_insert: {table: t, rows: [{a: .inf}]}"),
            "v/a.yaml:1: upgrade operation 1 (bulk_insert): row 1: value of 'a' '.inf' has no SQL "
            "literal; quote it to insert a string");
  EXPECT_EQ(error_of("- bulk_insert: {table: t, rows: [{a: !!int x}]}"),
            "v/a.yaml:1: upgrade operation 1 (bulk_insert): row 1: value of 'a' is tagged !!int "
            "but is not an integer");
}

TEST(OperationYamlErrors, EmptyValuesPointAtTheirKey) {
  EXPECT_EQ(
      error_of("- drop_table:\n    name:\n    schema: s\n"),
      "v/a.yaml:2: upgrade operation 1 (drop_table): field 'name' must be a string, not null");
  EXPECT_EQ(error_of("- drop_table: {name: a}\n- create_index:\n    name: ix\n    table: t\n"
                     "    columns:\n"),
            "v/a.yaml:5: upgrade operation 2 (create_index): field 'columns' must be a non-empty "
            "list of names, e.g. [a, b], not null");
}

TEST(OperationYamlErrors, ListNameAppearsInMessages) {
  try {
    (void)parse_operations_text("- drop_table: {}", "x.yaml", "downgrade");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "x.yaml:1: downgrade operation 1 (drop_table): missing required field 'name'");
  }
}

}  // namespace
}  // namespace migrate
