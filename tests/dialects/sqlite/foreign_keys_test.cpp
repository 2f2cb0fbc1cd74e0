// Foreign keys on SQLite: what it accepts that the other databases refuse, and keys that share
// a column.
#include <gtest/gtest.h>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

using testing::apply;
using testing::memory;

std::string error_of(Connection& db, const Operation& op) {
  try {
    apply(db, op);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

class ForeignKeys : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->execute("CREATE TABLE owner (id INTEGER PRIMARY KEY, code TEXT UNIQUE)");
    db_->execute("CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_id INTEGER)");
  }
  std::unique_ptr<Connection> db_ = memory();
};

TEST_F(ForeignKeys, ReferenceToAMissingTableOrColumnIsRefused) {
  EXPECT_EQ(error_of(*db_, CreateForeignKey{.name = "fk_pet_owner",
                                            .table = "pet",
                                            .columns = {"owner_id"},
                                            .ref_table = "nosuch",
                                            .ref_columns = {"id"}}),
            "Foreign key 'fk_pet_owner' references table 'nosuch', which does not exist");
  EXPECT_EQ(error_of(*db_, CreateForeignKey{.name = "fk_pet_owner",
                                            .table = "pet",
                                            .columns = {"owner_id"},
                                            .ref_table = "owner",
                                            .ref_columns = {"uid"}}),
            "Foreign key 'fk_pet_owner' references column 'uid' of table 'owner', which has no "
            "such column (it has id, code)");
  EXPECT_EQ(
      error_of(*db_,
               AddColumn{.table = "pet",
                         .column = {.name = "vet_id",
                                    .type = "integer",
                                    .references = ForeignKeyRef{.table = "vet", .column = "id"}}}),
      "Foreign key of column 'pet.vet_id' references table 'vet', which does not exist");
  CreateTable missing{.name = "toy", .columns = {{.name = "id", .type = "integer"}}};
  missing.foreign_keys.push_back(
      {.name = "fk_toy", .columns = {"id"}, .ref_table = "box", .ref_columns = {"id"}});
  EXPECT_EQ(error_of(*db_, missing),
            "Foreign key 'fk_toy' references table 'box', which does not exist");
  // Nothing was created by the refused operations.
  EXPECT_EQ(testing::value(*db_, "SELECT count(*) FROM sqlite_master WHERE name = 'toy'"), "0");
}

TEST_F(ForeignKeys, ReferencesToWhatExistsOrIsBeingCreatedPass) {
  apply(*db_, CreateForeignKey{.name = "fk_pet_owner",
                               .table = "pet",
                               .columns = {"owner_id"},
                               .ref_table = "OWNER",
                               .ref_columns = {"ID"}});
  CreateTable tree{.name = "tree",
                   .columns = {{.name = "id", .type = "integer", .primary_key = true},
                               {.name = "parent_id",
                                .type = "integer",
                                .references = ForeignKeyRef{.table = "tree", .column = "id"}}}};
  apply(*db_, tree);
  apply(*db_, AddColumn{.table = "pet",
                        .column = {.name = "mother_id",
                                   .type = "integer",
                                   .references = ForeignKeyRef{.table = "pet", .column = "id"}}});
}

TEST_F(ForeignKeys, ViolatingRowsAreNamed) {
  db_->execute("INSERT INTO owner (id) VALUES (1)");
  db_->execute("INSERT INTO pet (id, owner_id) VALUES (1, 1), (2, 7), (3, 8)");
  const auto statements = dialect().render(CreateForeignKey{.name = "fk_pet_owner",
                                                            .table = "pet",
                                                            .columns = {"owner_id"},
                                                            .ref_table = "owner",
                                                            .ref_columns = {"id"}},
                                           *db_);
  const auto check = std::find_if(statements.begin(), statements.end(),
                                  [](const Statement& s) { return s.must_return_no_rows; });
  ASSERT_NE(check, statements.end());
  EXPECT_EQ(check->violation, "rows break a foreign key");
  EXPECT_EQ(check->row_labels, (std::vector<std::string>{"table", "rowid", "references"}));
}

TEST_F(ForeignKeys, TwoKeysOnOneColumnReflectWithTheirOwnNames) {
  db_->execute(
      "CREATE TABLE booking (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owner (id), "
      "CONSTRAINT fk_booking_code FOREIGN KEY (owner_id) REFERENCES owner (code))");
  const SchemaModel model = dialect().reflect(*db_, TableName{std::nullopt, "alembic_version"});
  const auto booking = std::find_if(model.tables.begin(), model.tables.end(),
                                    [](const SchemaTable& t) { return t.name == "booking"; });
  ASSERT_NE(booking, model.tables.end());
  ASSERT_EQ(booking->foreign_keys.size(), 2u);
  std::vector<std::pair<std::optional<std::string>, std::string>> keys;
  for (const auto& key : booking->foreign_keys) keys.emplace_back(key.name, key.ref_columns.at(0));
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::pair<std::optional<std::string>, std::string>>{
                      {std::nullopt, "id"}, {"fk_booking_code", "code"}}));
}

}  // namespace
}  // namespace migrate::sqlite
