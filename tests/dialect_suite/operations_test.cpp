// Every operation of SPEC §6, applied and then reflected, gives the schema declared for it; and a
// schema migrated from nothing reflects with no difference from its declaration.
#include "dialect_suite/contract.h"
#include "migrate/schema/differ.h"
#include "migrate/schema/schema_yaml.h"

namespace migrate::test {
namespace {

using Optional = std::optional<std::string>;

// Each operation once, in an order where each one's table exists.
std::vector<Operation> every_operation() {
  return {
      CreateTable{.name = "account",
                  .columns = {{.name = "id", .type = "integer", .primary_key = true},
                              {.name = "email", .type = "string(100)", .nullable = false},
                              {.name = "name", .type = "string(50)"},
                              {.name = "score", .type = "integer", .default_ = Optional("0")}}},
      CreateTable{.name = "legacy", .columns = {{.name = "id", .type = "integer"}}},
      RenameTable{.name = "legacy", .new_name = "old_stuff"},
      DropTable{.name = "old_stuff"},
      AddColumn{.table = "account", .column = {.name = "nickname", .type = "text"}},
      DropColumn{.table = "account", .name = "name"},
      AlterColumn{.table = "account", .name = "score", .type = "bigint", .nullable = false},
      AlterColumn{.table = "account", .name = "nickname", .new_name = "display_name"},
      CreateIndex{
          .name = "ix_account_email", .table = "account", .columns = {"email"}, .unique = true},
      CreateTable{.name = "tag",
                  .columns = {{.name = "id", .type = "integer", .primary_key = true},
                              {.name = "code", .type = "string(20)", .nullable = false},
                              {.name = "account_id", .type = "integer"}}},
      CreateUniqueConstraint{.name = "uq_tag_code", .table = "tag", .columns = {"code"}},
      CreateForeignKey{.name = "fk_tag_account",
                       .table = "tag",
                       .columns = {"account_id"},
                       .ref_table = "account",
                       .ref_columns = {"id"},
                       .ondelete = "cascade"},
      // Not on `id`: MariaDB refuses a check on an AUTO_INCREMENT column.
      CreateCheckConstraint{.name = "ck_tag_code", .table = "tag", .condition = "code <> ''"},
      // Not on account_id: MySQL keeps an index there for the foreign key.
      CreateIndex{.name = "ix_tag_code", .table = "tag", .columns = {"code"}},
      DropIndex{.name = "ix_tag_code", .table = "tag"},
      CreateTable{.name = "plain",
                  .columns = {{.name = "a", .type = "integer", .nullable = false},
                              {.name = "b", .type = "integer"}}},
      CreatePrimaryKey{.name = "pk_plain", .table = "plain", .columns = {"a"}},
      CreateCheckConstraint{.name = "ck_plain_b", .table = "plain", .condition = "b > 0"},
      DropConstraint{.name = "ck_plain_b", .table = "plain", .type = ConstraintType::check},
      BulkInsert{
          .table = "account",
          .rows = {{{"id", Value{.kind = Value::Kind::integer, .text = "1"}},
                    {"email", Value{.kind = Value::Kind::string, .text = "a@example.com"}}}}},
      Execute{.sql = "UPDATE account SET display_name = 'first' WHERE id = 1"},
  };
}

const char* kExpected = R"(tables:
  - name: account
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: string(100), nullable: false}
      - {name: score, type: bigint, nullable: false, default: "0"}
      - {name: display_name, type: text}
    indexes:
      - {name: ix_account_email, columns: [email], unique: true}
  - name: tag
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: code, type: string(20), nullable: false}
      - {name: account_id, type: integer}
    unique:
      - {name: uq_tag_code, columns: [code]}
    foreign_keys:
      - {name: fk_tag_account, columns: [account_id], ref_table: account, ref_columns: [id], ondelete: cascade}
    checks:
      - {name: ck_tag_code, condition: "code <> ''"}
  - name: plain
    columns:
      - {name: a, type: integer, nullable: false, autoincrement: false}
      - {name: b, type: integer}
    primary_key: {name: pk_plain, columns: [a]}
)";

TEST_P(DialectContract, EveryOperationAppliedReflectsAsDeclared) {
  auto connection = connect();
  Transaction transaction(*connection);
  for (const auto& op : every_operation()) {
    ASSERT_NO_THROW(apply(*connection, op)) << operation_name(op);
  }
  transaction.commit();
  EXPECT_EQ(differences(*connection, parse_schema_yaml(kExpected, "expected.yaml")), "");
  EXPECT_EQ(value(*connection, "SELECT display_name FROM account WHERE id = 1"), "first");
  // Seen through the database's own client too.
  EXPECT_EQ(backend().tables(), (std::vector<std::string>{"account", "plain", "tag"}));
}

// The shop schema, less what the dialect cannot hold: partial indexes where there are none,
// and checks on an autoincrementing key (MariaDB refuses them).
SchemaModel shop_schema(const Dialect& dialect) {
  auto model =
      load_schema_yaml(std::filesystem::path(MIGRATE_SOURCE_DIR) / "tests/data/schemas/shop.yaml");
  if (dialect.capabilities().partial_indexes) return model;
  for (auto& table : model.tables) {
    std::erase_if(table.indexes, [](const SchemaIndex& index) { return index.where.has_value(); });
    std::erase_if(table.checks, [&](const CheckConstraint& check) {
      return std::any_of(table.columns.begin(), table.columns.end(), [&](const SchemaColumn& c) {
        return c.autoincrement && sql_key(check.condition).find(c.name) != std::string::npos;
      });
    });
  }
  return model;
}

TEST_P(DialectContract, SchemaMigratedFromNothingReflectsWithNoDifference) {
  const auto declared = shop_schema(dialect());
  auto connection = connect();
  const SchemaDiff plan = diff(reflect(*connection), declared, dialect().diff_rules());
  ASSERT_FALSE(plan.upgrade.empty());
  {
    Transaction transaction(*connection);
    for (const auto& op : plan.upgrade) apply(*connection, op);
    transaction.commit();
  }
  EXPECT_EQ(differences(*connection, declared), "");
  // And the downgrade the differ wrote takes it all away again.
  {
    Transaction transaction(*connection);
    for (const auto& op : plan.downgrade) apply(*connection, op);
    transaction.commit();
  }
  EXPECT_TRUE(reflect(*connection).tables.empty());
}

}  // namespace
}  // namespace migrate::test
