// Every operation on a real MariaDB server: native DDL does what the operation says, MODIFY
// COLUMN keeps what the operation does not change, and what was applied reflects as declared.
#include "migrate/schema/differ.h"
#include "migrate/schema/schema_yaml.h"
#include "mysql_test_support.h"
#include "support/mariadb_test_url.h"

namespace migrate::mysql {
namespace {

using testing::apply;
using testing::MysqlTest;
using testing::rows;
using testing::value;
using Optional = std::optional<std::string>;

std::string differences(Connection& connection, const SchemaModel& declared) {
  const auto reflected =
      testing::my().reflect(connection, TableName{std::nullopt, "alembic_version"});
  std::string out;
  for (const auto& change : diff(reflected, declared, testing::my().diff_rules()).changes) {
    out += change + "\n";
  }
  return out;
}

TEST_F(MysqlTest, AlterColumnKeepsWhatItDoesNotChange) {
  conn_->execute(
      "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, n VARCHAR(10) NOT NULL DEFAULT 'x' "
      "COMMENT 'the n')");
  apply(*conn_, AlterColumn{.table = "t", .name = "n", .type = "string(20)"});
  EXPECT_EQ(rows(*conn_,
                 "SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLUMN_COMMENT FROM "
                 "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' "
                 "AND COLUMN_NAME = 'n'"),
            std::vector<std::string>{"varchar(20)|NO|'x'|the n"});
  apply(
      *conn_,
      AlterColumn{
          .table = "t", .name = "n", .nullable = true, .default_ = std::make_optional(Optional())});
  EXPECT_EQ(rows(*conn_,
                 "SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLUMN_COMMENT FROM "
                 "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' "
                 "AND COLUMN_NAME = 'n'"),
            std::vector<std::string>{"varchar(20)|YES|NULL|the n"});
  apply(*conn_, AlterColumn{.table = "t", .name = "id", .type = "bigint"});
  EXPECT_EQ(value(*conn_,
                  "SELECT EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                  "AND TABLE_NAME = 't' AND COLUMN_NAME = 'id'"),
            "auto_increment");
  apply(*conn_, AlterColumn{.table = "t", .name = "n", .new_name = "label"});
  EXPECT_EQ(backend_->columns("t"), (std::vector<std::string>{"id", "label"}));
}

TEST_F(MysqlTest, DropConstraintFindsItsKind) {
  conn_->execute(
      "CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (id INT PRIMARY KEY, p_id INT, code "
      "INT, CONSTRAINT fk_c_p FOREIGN KEY (p_id) REFERENCES p (id), CONSTRAINT uq_c_code UNIQUE "
      "(code), CONSTRAINT ck_c_code CHECK (code > 0))");
  for (const char* name : {"fk_c_p", "uq_c_code", "ck_c_code"}) {
    apply(*conn_, DropConstraint{.name = name, .table = "c"});
  }
  EXPECT_EQ(value(*conn_,
                  "SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE "
                  "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c' AND CONSTRAINT_TYPE <> "
                  "'PRIMARY KEY'"),
            "0");
}

const char* kDeclared = R"(tables:
  - name: account
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: string(100), nullable: false}
      - {name: score, type: bigint, nullable: false, default: "0"}
      - {name: active, type: boolean, default: "1"}
      - {name: display_name, type: text}
    indexes:
      - {name: ix_account_score, columns: [score]}
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
)";

TEST_F(MysqlTest, EveryOperationAppliedReflectsAsDeclared) {
  const std::vector<Operation> ops = {
      CreateTable{.name = "account",
                  .columns = {{.name = "id", .type = "integer", .primary_key = true},
                              {.name = "email", .type = "string(100)", .nullable = false},
                              {.name = "name", .type = "string(50)"},
                              {.name = "score", .type = "integer", .default_ = Optional("0")}}},
      CreateTable{.name = "legacy", .columns = {{.name = "id", .type = "integer"}}},
      RenameTable{.name = "legacy", .new_name = "old_stuff"},
      DropTable{.name = "old_stuff"},
      AddColumn{.table = "account", .column = {.name = "nickname", .type = "text"}},
      AddColumn{.table = "account",
                .column = {.name = "active", .type = "boolean", .default_ = Optional("1")}},
      DropColumn{.table = "account", .name = "name"},
      AlterColumn{.table = "account", .name = "score", .type = "bigint", .nullable = false},
      AlterColumn{.table = "account", .name = "nickname", .new_name = "display_name"},
      CreateIndex{.name = "ix_account_score", .table = "account", .columns = {"score"}},
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
      // MariaDB refuses a check on an AUTO_INCREMENT column.
      CreateCheckConstraint{.name = "ck_tag_code", .table = "tag", .condition = "code <> ''"},
      CreateIndex{.name = "ix_tag_code", .table = "tag", .columns = {"code"}},
      DropIndex{.name = "ix_tag_code", .table = "tag"},
      BulkInsert{.table = "account",
                 .rows = {{{"id", Value{.kind = Value::Kind::integer, .text = "1"}},
                           {"email", Value{.kind = Value::Kind::string, .text = "a@example.com"}},
                           {"active", Value{.kind = Value::Kind::boolean, .text = "true"}}}}},
      Execute{.sql = "UPDATE account SET display_name = 'first' WHERE id = 1"},
  };
  for (const auto& op : ops) ASSERT_NO_THROW(apply(*conn_, op)) << operation_name(op);
  EXPECT_EQ(differences(*conn_, parse_schema_yaml(kDeclared, "declared.yaml")), "");
  EXPECT_EQ(rows(*conn_, "SELECT display_name, active, score FROM account"),
            std::vector<std::string>{"first|1|0"});
  EXPECT_EQ(backend_->tables(), (std::vector<std::string>{"account", "tag"}));
}

TEST_F(MysqlTest, VersionTableIsAlembicsAndFoundInTheConnectionsDatabase) {
  const TableName table{std::nullopt, "alembic_version"};
  EXPECT_FALSE(testing::my().table_exists(*conn_, table));
  conn_->execute(testing::my().create_version_table(table, true));
  EXPECT_TRUE(testing::my().table_exists(*conn_, table));
  EXPECT_EQ(testing::my().schema_of(*conn_, "alembic_version"),
            test::parse_mysql_url(url_).database);
  EXPECT_EQ(rows(*conn_,
                 "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY FROM "
                 "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                 "'alembic_version'"),
            std::vector<std::string>{"version_num|varchar(32)|NO|PRI"});
  EXPECT_EQ(value(*conn_,
                  "SELECT CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE "
                  "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'alembic_version'"),
            "PRIMARY");
}

TEST_F(MysqlTest, VersionTableSchemaNamingNoDatabaseSaysWhichSettingToFix) {
  try {
    (void)testing::my().table_exists(*conn_, TableName{"nosuch", "alembic_version"});
    FAIL() << "a missing database must be an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Database 'nosuch' does not exist"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("version_table_schema"), std::string::npos);
  }
  EXPECT_FALSE(testing::my().table_exists(
      *conn_, TableName{test::parse_mysql_url(url_).database, "alembic_version"}));
}

}  // namespace
}  // namespace migrate::mysql
