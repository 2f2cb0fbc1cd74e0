// Alembic's version table (SPEC §10): created, read, updated and emptied through VersionTable,
// and what the database's own client sees.
#include "migrate/runtime/version_table.h"

#include <algorithm>

#include "dialect_suite/contract.h"

namespace migrate::test {
namespace {

std::vector<std::string> rows_seen_by_client(Backend& backend) {
  std::vector<std::string> ids;
  for (const auto& row : backend.query("SELECT version_num FROM alembic_version")) {
    ids.push_back(*row.at(0));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST_P(DialectContract, VersionTableIsCreatedReadUpdatedAndEmptied) {
  auto connection = connect();
  VersionTable table(dialect(), TableName{std::nullopt, "alembic_version"});
  table.resolve_schema(*connection);
  EXPECT_TRUE(table.read(*connection).empty()) << "no table yet reads as no rows";
  connection->execute(table.create_sql());
  connection->execute(table.create_sql());  // IF NOT EXISTS: a second run changes nothing
  EXPECT_TRUE(table.read(*connection).empty());

  for (const auto& sql : table.change_sql(HeadChange{.inserts = {"a1"}})) connection->execute(sql);
  EXPECT_EQ(table.read(*connection), std::vector<std::string>{"a1"});
  for (const auto& sql : table.change_sql(HeadChange{.updates = {{"a1", "b2"}}})) {
    connection->execute(sql);
  }
  for (const auto& sql : table.replace_sql({"b2"}, {"c3", "d4"})) connection->execute(sql);
  EXPECT_EQ(table.read(*connection), (std::vector<std::string>{"c3", "d4"}));
  EXPECT_EQ(rows_seen_by_client(backend()), (std::vector<std::string>{"c3", "d4"}));
  // Alembic's DDL: a primary key on version_num.
  EXPECT_ANY_THROW(connection->execute("INSERT INTO alembic_version (version_num) VALUES ('c3')"));

  connection->execute(table.purge_sql());
  EXPECT_TRUE(table.read(*connection).empty());
  EXPECT_TRUE(rows_seen_by_client(backend()).empty());
}

}  // namespace
}  // namespace migrate::test
