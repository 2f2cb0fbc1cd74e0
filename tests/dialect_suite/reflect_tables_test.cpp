// reflect_tables(): the whole reflection cut down to the tables named, whatever their case, on
// every dialect. `migrate test` trusts it to see everything a revision changed in its tables.
#include <cctype>

#include "dialect_suite/contract.h"

namespace migrate::test {
namespace {

using Optional = std::optional<std::string>;

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Three tables with every part a table can have: keys, a unique constraint, an index, a check,
// and foreign keys between them.
std::vector<Operation> three_tables() {
  return {
      CreateTable{.name = "account",
                  .columns = {{.name = "id", .type = "integer", .primary_key = true},
                              {.name = "email", .type = "string(100)", .nullable = false},
                              {.name = "score", .type = "integer", .default_ = Optional("0")}}},
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
                       .ref_columns = {"id"}},
      CreateCheckConstraint{.name = "ck_tag_code", .table = "tag", .condition = "code <> ''"},
      CreateTable{.name = "note",
                  .columns = {{.name = "id", .type = "integer", .primary_key = true},
                              {.name = "tag_id", .type = "integer"}},
                  .foreign_keys = {{.name = "fk_note_tag",
                                    .columns = {"tag_id"},
                                    .ref_table = "tag",
                                    .ref_columns = {"id"}}}},
  };
}

TEST_P(DialectContract, ReflectTablesIsTheWholeReflectionCutToThoseTables) {
  auto connection = connect();
  {
    Transaction transaction(*connection);
    for (const auto& op : three_tables()) apply(*connection, op);
    transaction.commit();
  }
  const TableName version_table{std::nullopt, "alembic_version"};
  const SchemaModel whole = reflect(*connection);
  ASSERT_EQ(whole.tables.size(), 3u);
  for (const std::vector<std::string>& names :
       {std::vector<std::string>{"tag"}, {"account", "note"}, {"note", "tag", "account"}}) {
    std::vector<std::string> shouted;
    for (const auto& name : names) shouted.push_back(upper(name));
    EXPECT_EQ(dialect().reflect_tables(*connection, version_table, shouted),
              only_tables(whole, names))
        << names.front();
  }
  EXPECT_TRUE(dialect().reflect_tables(*connection, version_table, {"missing"}).tables.empty());
  EXPECT_TRUE(dialect().reflect_tables(*connection, version_table, {}).tables.empty());
}

}  // namespace
}  // namespace migrate::test
