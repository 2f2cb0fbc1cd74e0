// The schema model, schema.yaml and the differ, without a database.
#include "migrate/schema/schema.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "migrate/core/error.h"
#include "migrate/ops/operation_yaml.h"
#include "migrate/schema/differ.h"
#include "migrate/schema/schema_yaml.h"

namespace migrate {
namespace {

std::string error_of(const std::string& yaml) {
  try {
    (void)parse_schema_yaml(yaml, "schema.yaml");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(NormaliseType, FoldsDatabaseSpellingsIntoGenericNames) {
  EXPECT_EQ(normalise_type("VARCHAR(50)"), "string(50)");
  EXPECT_EQ(normalise_type("character varying( 50 )"), "string(50)");
  EXPECT_EQ(normalise_type("string(50)"), "string(50)");
  EXPECT_EQ(normalise_type("int4"), "integer");
  EXPECT_EQ(normalise_type("INT"), "integer");
  EXPECT_EQ(normalise_type("int8"), "bigint");
  EXPECT_EQ(normalise_type("int2"), "smallint");
  EXPECT_EQ(normalise_type("NUMERIC(10, 2)"), "numeric(10,2)");
  EXPECT_EQ(normalise_type("decimal(10,2)"), "numeric(10,2)");
  EXPECT_EQ(normalise_type("timestamp without time zone"), "datetime");
  EXPECT_EQ(normalise_type("TIMESTAMP"), "datetime");
  EXPECT_EQ(normalise_type("timestamp with time zone"), "timestamptz");
  EXPECT_EQ(normalise_type("double precision"), "double");
  EXPECT_EQ(normalise_type("float8"), "double");
  EXPECT_EQ(normalise_type("bool"), "boolean");
  EXPECT_EQ(normalise_type("bytea"), "binary");
  EXPECT_EQ(normalise_type("BLOB"), "binary");
}

TEST(NormaliseType, KeepsOtherTypesLowerCased) {
  EXPECT_EQ(normalise_type("CHAR(32)"), "char(32)");
  EXPECT_EQ(normalise_type("jsonb"), "jsonb");
  EXPECT_EQ(normalise_type("int [ ]"), "int[]");
  // A generic name with arguments it does not take is not that generic type.
  EXPECT_EQ(normalise_type("integer(5)"), "integer(5)");
}

TEST(SqlKey, IgnoresSpacingCaseAndEnclosingParentheses) {
  EXPECT_EQ(sql_key("(ID>0)"), sql_key("id > 0"));
  EXPECT_EQ(sql_key("((status IN ('a','b')))"), sql_key("status in ('a', 'b')"));
  EXPECT_EQ(sql_key("\"quantity\" >= 0"), sql_key("quantity >= 0"));
  EXPECT_EQ(sql_key("datetime( 'now' )"), sql_key("datetime('now')"));
  // String contents are data: case and blanks in them matter.
  EXPECT_NE(sql_key("'New'"), sql_key("'new'"));
  EXPECT_NE(sql_key("'a  b'"), sql_key("'a b'"));
  EXPECT_EQ(trim_sql("  ((a > 0))  "), "a > 0");
  EXPECT_EQ(trim_sql("(a) + (b)"), "(a) + (b)");
}

TEST(SchemaYaml, ReadsTablesWithColumnsConstraintsAndIndexes) {
  const auto model = parse_schema_yaml(R"y(tables:
  - name: orders
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: account_id, type: integer, nullable: false, references: {table: account, column: id, ondelete: cascade}}
      - {name: code, type: VARCHAR(10), unique: true, default: "'x'"}
    checks:
      - {name: ck_orders_id, condition: "(id > 0)"}
    indexes:
      - {name: ix_orders_code, columns: [code], unique: true, where: code IS NOT NULL}
  - name: account
    columns:
      - {name: id, type: bigint, primary_key: true}
)y",
                                       "schema.yaml");
  ASSERT_EQ(model.tables.size(), 2u);
  EXPECT_EQ(model.tables[0].name, "account");  // sorted
  const SchemaTable& orders = model.tables[1];
  EXPECT_EQ(orders.primary_key, std::vector<std::string>{"id"});
  EXPECT_FALSE(orders.columns[0].nullable);
  EXPECT_TRUE(orders.columns[0].autoincrement);
  EXPECT_FALSE(orders.columns[1].autoincrement);
  EXPECT_EQ(orders.columns[2].type, "string(10)");
  EXPECT_EQ(orders.columns[2].default_, "'x'");
  ASSERT_EQ(orders.unique.size(), 1u);
  EXPECT_EQ(orders.unique[0].columns, std::vector<std::string>{"code"});
  ASSERT_EQ(orders.foreign_keys.size(), 1u);
  EXPECT_EQ(orders.foreign_keys[0].ref_table, "account");
  EXPECT_EQ(orders.foreign_keys[0].ondelete, "CASCADE");
  ASSERT_EQ(orders.checks.size(), 1u);
  EXPECT_EQ(orders.checks[0].condition, "id > 0");
  ASSERT_EQ(orders.indexes.size(), 1u);
  EXPECT_EQ(orders.indexes[0].where, "code IS NOT NULL");
  EXPECT_TRUE(orders.indexes[0].unique);
}

TEST(SchemaYaml, ErrorsNameFileLineAndTable) {
  EXPECT_EQ(error_of("tables:\n  - name: t\n    columns:\n      - {name: a, typ: text}\n"),
            "schema.yaml:4: table 1 (t): column 1: unknown field 'typ' (did you mean 'type'?); "
            "expected one of name, "
            "type, nullable, primary_key, autoincrement, default, unique, references, comment");
  EXPECT_EQ(error_of("tables:\n  - name: t\n    columns:\n      - {name: a, type: text}\n"
                     "    indexes:\n      - {name: ix, columns: [a], table: t}\n"),
            "schema.yaml:6: table 1 (t): index 1: unknown field 'table'; expected one of name, "
            "columns, unique, where, concurrently");
  EXPECT_EQ(error_of("tabels: []\n"),
            "schema.yaml:1: unknown key 'tabels'; a schema file has only 'tables'");
  EXPECT_EQ(error_of("tables: {}\n"),
            "schema.yaml:1: 'tables' must be a list of tables, not a mapping");
  EXPECT_NE(error_of("tables: [\n").find("schema.yaml:"), std::string::npos);
}

TEST(SchemaYaml, RejectsAnIncoherentSchema) {
  EXPECT_EQ(error_of("tables:\n  - name: t\n    columns:\n      - {name: a, type: integer, "
                     "references: missing.id}\n"),
            "schema.yaml: a foreign key of table 't' references table 'missing', which the schema "
            "does not declare");
  EXPECT_EQ(error_of("tables:\n  - name: t\n    columns:\n      - {name: a, type: integer}\n"
                     "    indexes:\n      - {name: ix, columns: [b]}\n"),
            "schema.yaml: index 'ix' of table 't' names column 'b', which the table does not have");
  EXPECT_EQ(error_of("tables:\n  - name: t\n    columns: [{name: a, type: text}]\n"
                     "  - name: t\n    columns: [{name: a, type: text}]\n"),
            "schema.yaml: table 't' is declared twice");
}

SchemaModel model(const std::string& yaml) { return parse_schema_yaml(yaml, "test.yaml"); }

template <typename T>
std::size_t position_of(const std::vector<Operation>& ops, const std::string& name) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (const auto* op = std::get_if<T>(&ops[i])) {
      if constexpr (requires { op->name; }) {
        if (op->name == name) return i;
      }
    }
  }
  return ops.size();
}

TEST(Differ, IdenticalModelsHaveNoChanges) {
  const auto m =
      model("tables:\n  - name: t\n    columns: [{name: id, type: integer, primary_key: true}]\n");
  EXPECT_TRUE(diff(m, m).empty());
  EXPECT_TRUE(diff(m, m).upgrade.empty());
}

TEST(Differ, CreatesParentsBeforeChildrenAndDropsInReverse) {
  const auto to = model(R"y(tables:
  - name: a_child
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: parent_id, type: integer, references: z_parent.id}
  - name: z_parent
    columns: [{name: id, type: integer, primary_key: true}]
)y");
  const auto result = diff(SchemaModel{}, to);
  EXPECT_EQ(result.changes, (std::vector<std::string>{"Detected added table 'z_parent'",
                                                      "Detected added table 'a_child'"}));
  EXPECT_LT(position_of<CreateTable>(result.upgrade, "z_parent"),
            position_of<CreateTable>(result.upgrade, "a_child"));
  // The downgrade drops the child first.
  ASSERT_EQ(result.downgrade.size(), 2u);
  EXPECT_EQ(std::get<DropTable>(result.downgrade[0]).name, "a_child");
  const auto back = diff(to, SchemaModel{});
  EXPECT_EQ(std::get<DropTable>(back.upgrade[0]).name, "a_child");
  EXPECT_EQ(back.drops.size(), 2u);
}

TEST(Differ, BreaksAForeignKeyCycleWithALaterCreateForeignKey) {
  const auto to = model(R"y(tables:
  - name: a
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: b_id, type: integer, references: b.id}
  - name: b
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: a_id, type: integer, references: a.id}
)y");
  const auto result = diff(SchemaModel{}, to);
  ASSERT_EQ(result.upgrade.size(), 3u);
  ASSERT_TRUE(std::holds_alternative<CreateForeignKey>(result.upgrade[2]));
  const auto& late = std::get<CreateForeignKey>(result.upgrade[2]);
  EXPECT_FALSE(late.name.empty());
  // The table created first carries no key to the table created second.
  const auto& first = std::get<CreateTable>(result.upgrade[0]);
  EXPECT_TRUE(first.foreign_keys.empty());
  EXPECT_EQ(late.table, first.name);
}

TEST(Differ, ColumnChangesAndTheirExactInverse) {
  const auto from = model(R"y(tables:
  - name: t
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: string(50)}
      - {name: old, type: text, default: "'x'"}
    indexes:
      - {name: ix_t_name, columns: [name]}
)y");
  const auto to = model(R"y(tables:
  - name: t
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: text, nullable: false, default: "'n'"}
      - {name: added, type: integer}
    indexes:
      - {name: ix_t_name, columns: [name], unique: true}
)y");
  const auto result = diff(from, to);
  EXPECT_EQ(result.changes,
            (std::vector<std::string>{
                "Detected changed index 'ix_t_name' on 't'", "Detected added column 't.added'",
                "Detected type change from string(50) to text on 't.name'",
                "Detected NOT NULL on column 't.name'",
                "Detected server default on column 't.name'", "Detected removed column 't.old'"}));
  EXPECT_EQ(result.drops.size(), 1u);
  // Applying the downgrade's operations as written gives the `from` shape back: check the
  // inverse of the alter and the re-added column carry the old definitions.
  bool saw_alter = false;
  bool saw_readd = false;
  for (const auto& op : result.downgrade) {
    if (const auto* alter = std::get_if<AlterColumn>(&op)) {
      saw_alter = true;
      EXPECT_EQ(alter->type, "string(50)");
      EXPECT_EQ(alter->nullable, true);
      ASSERT_TRUE(alter->default_.has_value());
      EXPECT_FALSE(alter->default_->has_value());
    }
    if (const auto* add = std::get_if<AddColumn>(&op)) {
      saw_readd = true;
      EXPECT_EQ(add->column.name, "old");
      EXPECT_EQ(add->column.default_, "'x'");
    }
  }
  EXPECT_TRUE(saw_alter);
  EXPECT_TRUE(saw_readd);
  // The generated YAML parses back to the same operations.
  EXPECT_EQ(parse_operations_text(emit_operations(result.upgrade), "up.yaml"), result.upgrade);
  EXPECT_EQ(parse_operations_text(emit_operations(result.downgrade), "down.yaml"),
            result.downgrade);
}

TEST(Differ, ConstraintsMatchByContentAndDeclaredName) {
  const auto from = model(R"y(tables:
  - name: p
    columns: [{name: id, type: integer, primary_key: true}]
  - name: t
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: p_id, type: integer}
      - {name: a, type: integer}
    foreign_keys:
      - {name: fk_old, columns: [p_id], ref_table: p, ref_columns: [id]}
    unique:
      - {name: uq_whatever, columns: [a]}
)y");
  const auto to = model(R"y(tables:
  - name: p
    columns: [{name: id, type: integer, primary_key: true}]
  - name: t
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: p_id, type: integer}
      - {name: a, type: integer}
    foreign_keys:
      - {name: fk_old, columns: [p_id], ref_table: p, ref_columns: [id], ondelete: CASCADE}
    unique:
      - {columns: [a]}
    checks:
      - {condition: a > 0}
)y");
  const auto result = diff(from, to);
  // An unnamed declared unique constraint matches whatever the database calls it; a changed
  // ondelete is a drop plus an add.
  EXPECT_EQ(result.changes,
            (std::vector<std::string>{"Detected removed foreign key (p_id)(id) on table t",
                                      "Detected added check constraint 'ck_t_1' on 't'",
                                      "Detected added foreign key (p_id)(id) on table t"}));
  ASSERT_TRUE(std::holds_alternative<DropConstraint>(result.upgrade.front()));
  ASSERT_TRUE(std::holds_alternative<CreateForeignKey>(result.upgrade.back()));
  EXPECT_EQ(std::get<CreateForeignKey>(result.upgrade.back()).ondelete, "CASCADE");
}

TEST(Differ, WarnsAboutWhatNoOperationCanDo) {
  const auto from = model(R"y(tables:
  - name: t
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: a, type: integer, unique: true}
)y");
  const auto to = model(R"y(tables:
  - name: t
    columns:
      - {name: id, type: integer}
      - {name: a, type: integer, primary_key: true}
)y");
  const auto result = diff(from, to);
  EXPECT_EQ(result.changes,
            (std::vector<std::string>{"Detected removed unique constraint on '['a']'",
                                      "Detected NULL on column 't.id'",
                                      "Detected NOT NULL on column 't.a'"}));
  ASSERT_EQ(result.warnings.size(), 2u);
  EXPECT_NE(result.warnings[0].find("has no name"), std::string::npos);
  EXPECT_NE(result.warnings[1].find("primary key of 't' differs"), std::string::npos);
}

}  // namespace
}  // namespace migrate
