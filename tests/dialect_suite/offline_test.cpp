// --sql (SPEC §11) prints what the online command runs: the same operations render to the same
// statements through the dialect's offline sink as through a live connection.
#include <sstream>

#include "dialect_suite/contract.h"

namespace migrate::test {
namespace {

using Optional = std::optional<std::string>;

const std::vector<Operation>& operations() {
  static const std::vector<Operation> ops = {
      CreateTable{.name = "account",
                  .columns = {{.name = "id", .type = "integer", .primary_key = true},
                              {.name = "email", .type = "string(100)", .nullable = false},
                              {.name = "score", .type = "integer"}}},
      AddColumn{.table = "account", .column = {.name = "nickname", .type = "text"}},
      // The whole column, as MySQL's MODIFY COLUMN needs without a database to ask.
      AlterColumn{.table = "account",
                  .name = "score",
                  .type = "integer",
                  .nullable = false,
                  .default_ = Optional("0")},
      CreateIndex{.name = "ix_account_email", .table = "account", .columns = {"email"}},
      CreateTable{.name = "tag",
                  .columns = {{.name = "id", .type = "integer", .primary_key = true},
                              {.name = "account_id", .type = "integer"}}},
      CreateForeignKey{.name = "fk_tag_account",
                       .table = "tag",
                       .columns = {"account_id"},
                       .ref_table = "account",
                       .ref_columns = {"id"}},
      DropColumn{.table = "account", .name = "nickname"},
      DropConstraint{.name = "fk_tag_account", .table = "tag", .type = ConstraintType::foreignkey},
      DropIndex{.name = "ix_account_email", .table = "account"},
      RenameTable{.name = "tag", .new_name = "label"},
      DropTable{.name = "label"},
  };
  return ops;
}

TEST_P(DialectContract, SqlRenderingEqualsWhatRunsOnline) {
  std::vector<std::string> online;
  {
    auto connection = connect();
    Transaction transaction(*connection);
    for (const auto& op : operations()) {
      for (auto& sql : apply(*connection, op)) online.push_back(std::move(sql));
    }
    transaction.commit();
  }
  std::ostringstream printed;
  std::vector<std::string> offline;
  {
    auto sink = dialect().offline(Url::parse(url()), printed);
    Transaction transaction(*sink);
    for (const auto& op : operations()) {
      for (auto& sql : apply(*sink, op)) offline.push_back(std::move(sql));
    }
    transaction.commit();
  }
  EXPECT_EQ(offline, online);
  // Every statement that changes something is in the printed script.
  for (const auto& sql : online) {
    if (sql.rfind("PRAGMA foreign_key_check", 0) == 0) continue;  // a check, run online only
    EXPECT_NE(printed.str().find(sql), std::string::npos) << sql;
  }
}

}  // namespace
}  // namespace migrate::test
