// Golden SQL for the operations whose MySQL spelling differs from the standard (no server
// needed: rendered through the --sql sink), and the refusals that name what to change.
#include "dialects/mysql/render.h"

#include <sstream>

#include "dialects/mysql/offline.h"
#include "mysql_test_support.h"

namespace migrate::mysql {
namespace {

using Sql = std::vector<std::string>;
using Optional = std::optional<std::string>;

Sql sql(const Operation& op) {
  std::ostringstream out;
  OfflineConnection offline(out);
  return test::sql_of(testing::my(), op, offline);
}

std::string error_of(const Operation& op) {
  try {
    (void)sql(op);
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(MysqlRender, CreateTableIsInnoDbWithAutoIncrementBackticksAndComments) {
  const CreateTable op{
      .name = "account",
      .columns = {Column{.name = "id", .type = "integer", .primary_key = true},
                  Column{.name = "name",
                         .type = "string(50)",
                         .nullable = false,
                         .comment = "shown to people"},
                  Column{.name = "active", .type = "boolean", .default_ = Optional("TRUE")},
                  Column{.name = "key", .type = "uuid"}}};
  EXPECT_EQ(sql(op), (Sql{"CREATE TABLE `account` (\n"
                          "  `id` INTEGER AUTO_INCREMENT NOT NULL,\n"
                          "  `name` VARCHAR(50) NOT NULL COMMENT 'shown to people',\n"
                          "  `active` BOOL DEFAULT TRUE,\n"
                          "  `key` CHAR(36),\n"
                          "  PRIMARY KEY (`id`)\n"
                          ") ENGINE=InnoDB"}));
}

TEST(MysqlRender, IndexesAndConstraintsAreDroppedTheMysqlWay) {
  EXPECT_EQ(sql(DropIndex{.name = "ix_a", .table = "t"}), Sql{"DROP INDEX `ix_a` ON `t`"});
  EXPECT_EQ(sql(DropConstraint{.name = "fk", .table = "t", .type = ConstraintType::foreignkey}),
            Sql{"ALTER TABLE `t` DROP FOREIGN KEY `fk`"});
  EXPECT_EQ(sql(DropConstraint{.name = "uq", .table = "t", .type = ConstraintType::unique}),
            Sql{"ALTER TABLE `t` DROP INDEX `uq`"});
  EXPECT_EQ(sql(DropConstraint{.name = "pk", .table = "t", .type = ConstraintType::primary}),
            Sql{"ALTER TABLE `t` DROP PRIMARY KEY"});
  EXPECT_EQ(sql(DropConstraint{.name = "ck", .table = "t", .type = ConstraintType::check}),
            Sql{"ALTER TABLE `t` DROP CONSTRAINT `ck`"});
  // `concurrently` is PostgreSQL's; InnoDB builds in place by itself.
  EXPECT_EQ(sql(CreateIndex{.name = "ix",
                            .table = "t",
                            .columns = {"a", "(lower(b))"},
                            .unique = true,
                            .concurrently = true}),
            Sql{"CREATE UNIQUE INDEX `ix` ON `t` (`a`, (lower(b)))"});
}

TEST(MysqlRender, ExecuteTakesMysqlAndMariadbKeys) {
  EXPECT_EQ(sql(Execute{.per_dialect = {{"mysql", "SELECT 1"}, {"postgresql", "x"}}}),
            Sql{"SELECT 1"});
  EXPECT_EQ(sql(Execute{.per_dialect = {{"mariadb", "SELECT 2"}}}), Sql{"SELECT 2"});
  EXPECT_EQ(sql(Execute{.per_dialect = {{"sqlite", "SELECT 3"}}}), Sql{});
}

TEST(MysqlRender, AlterColumnUnderSqlRestatesTheWholeColumn) {
  EXPECT_EQ(sql(AlterColumn{.table = "t",
                            .name = "c",
                            .new_name = "d",
                            .type = "bigint",
                            .nullable = false,
                            .default_ = std::optional<Optional>(Optional("0"))}),
            (Sql{"ALTER TABLE `t` MODIFY COLUMN `c` BIGINT NOT NULL DEFAULT 0",
                 "ALTER TABLE `t` RENAME COLUMN `c` TO `d`"}));
  EXPECT_EQ(sql(AlterColumn{.table = "t", .name = "c", .new_name = "d"}),
            Sql{"ALTER TABLE `t` RENAME COLUMN `c` TO `d`"});
}

TEST(MysqlRender, WhatMysqlCannotDoIsRefusedNamingTheFix) {
  EXPECT_NE(error_of(AlterColumn{.table = "t", .name = "c", .type = "bigint"})
                .find("give type, nullable and default"),
            std::string::npos);
  EXPECT_NE(error_of(DropIndex{.name = "ix_a"}).find("drop_index 'ix_a' needs `table`"),
            std::string::npos);
  EXPECT_NE(error_of(DropConstraint{.name = "c", .table = "t"}).find("needs `type`"),
            std::string::npos);
  EXPECT_NE(error_of(CreateIndex{
                         .name = "ix", .table = "t", .columns = {"a"}, .where = Optional("a > 0")})
                .find("MySQL has no partial indexes"),
            std::string::npos);
  EXPECT_NE(error_of(AddColumn{.table = "t", .column = {.name = "d", .type = "interval"}})
                .find("no MySQL equivalent"),
            std::string::npos);
}

}  // namespace
}  // namespace migrate::mysql
