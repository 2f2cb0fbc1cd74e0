#include <gtest/gtest.h>

// Designated initializers name only the fields a test cares about; the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "migrate/ops/operation.h"

namespace migrate {
namespace {

TEST(Reverse, CreateTableBecomesDropTable) {
  CreateTable op;
  op.name = "account";
  op.schema = "shop";
  op.columns = {{.name = "id", .type = "integer"}};
  EXPECT_EQ(reverse(op), Operation(DropTable{"account", "shop", false}));
  op.if_not_exists = true;
  EXPECT_EQ(reverse(op), Operation(DropTable{"account", "shop", true}));
}

TEST(Reverse, AddColumnBecomesDropColumn) {
  EXPECT_EQ(reverse(AddColumn{"t", {.name = "c", .type = "text"}, "s"}),
            Operation(DropColumn{"t", "c", "s"}));
}

TEST(Reverse, CreateIndexBecomesDropIndexKeepingTableAndSchema) {
  EXPECT_EQ(reverse(CreateIndex{"ix", "t", {"a"}, true, "a > 0", true, "s"}),
            Operation(DropIndex{"ix", "t", "s", true}));
}

TEST(Reverse, RenameTableRenamesBack) {
  EXPECT_EQ(reverse(RenameTable{"old", "new", "s"}), Operation(RenameTable{"new", "old", "s"}));
}

TEST(Reverse, AlterColumnOnlyWhenItIsAPureRename) {
  AlterColumn rename;
  rename.table = "t";
  rename.name = "a";
  rename.new_name = "b";
  rename.schema = "s";
  AlterColumn back;
  back.table = "t";
  back.name = "b";
  back.new_name = "a";
  back.schema = "s";
  EXPECT_EQ(reverse(rename), Operation(back));

  AlterColumn with_type = rename;
  with_type.type = "bigint";
  EXPECT_EQ(reverse(with_type), std::nullopt);
  AlterColumn nullable = rename;
  nullable.nullable = false;
  EXPECT_EQ(reverse(nullable), std::nullopt);
  AlterColumn with_default = rename;
  with_default.default_ = std::optional<std::string>();
  EXPECT_EQ(reverse(with_default), std::nullopt);
  AlterColumn type_only;
  type_only.table = "t";
  type_only.name = "a";
  type_only.type = "text";
  EXPECT_EQ(reverse(type_only), std::nullopt);
}

TEST(Reverse, ConstraintsBecomeDropConstraintOfTheirType) {
  EXPECT_EQ(reverse(CreateUniqueConstraint{"uq", "t", {"a"}, "s"}),
            Operation(DropConstraint{"uq", "t", ConstraintType::unique, "s"}));
  EXPECT_EQ(reverse(CreatePrimaryKey{"pk", "t", {"a"}, std::nullopt}),
            Operation(DropConstraint{"pk", "t", ConstraintType::primary, std::nullopt}));
  EXPECT_EQ(reverse(CreateForeignKey{
                "fk", "t", {"a"}, "r", {"id"}, std::nullopt, std::nullopt, std::nullopt, "s"}),
            Operation(DropConstraint{"fk", "t", ConstraintType::foreignkey, "s"}));
  EXPECT_EQ(reverse(CreateCheckConstraint{"ck", "t", "a > 0", std::nullopt}),
            Operation(DropConstraint{"ck", "t", ConstraintType::check, std::nullopt}));
}

TEST(Reverse, DestructiveAndOpaqueOperationsAreNotInvertible) {
  EXPECT_EQ(reverse(DropTable{"t", std::nullopt, false}), std::nullopt);
  EXPECT_EQ(reverse(DropColumn{"t", "c", std::nullopt}), std::nullopt);
  EXPECT_EQ(reverse(DropIndex{"ix", "t", std::nullopt, false}), std::nullopt);
  EXPECT_EQ(reverse(DropConstraint{"c", "t", ConstraintType::unique, std::nullopt}), std::nullopt);
  EXPECT_EQ(reverse(Execute{"SELECT 1", {}}), std::nullopt);
  EXPECT_EQ(reverse(BulkInsert{"t", std::nullopt, {}}), std::nullopt);
}

TEST(ReverseAll, InvertsInReverseOrder) {
  CreateTable table;
  table.name = "a";
  table.columns = {{.name = "id", .type = "integer"}};
  const std::vector<Operation> upgrade = {
      table,
      AddColumn{"a", {.name = "c", .type = "text"}, std::nullopt},
      CreateIndex{"ix", "a", {"c"}, false, std::nullopt, false, std::nullopt},
  };
  std::size_t bad = 99;
  const auto downgrade = reverse_all(upgrade, &bad);
  ASSERT_TRUE(downgrade);
  EXPECT_EQ(*downgrade, (std::vector<Operation>{
                            DropIndex{"ix", "a", std::nullopt, false},
                            DropColumn{"a", "c", std::nullopt},
                            DropTable{"a", std::nullopt, false},
                        }));
  EXPECT_EQ(bad, 99u);  // untouched on success
  EXPECT_EQ(reverse_all({}), std::vector<Operation>{});
}

TEST(ReverseAll, ReportsTheFirstIrreversibleOperation) {
  const std::vector<Operation> upgrade = {
      RenameTable{"a", "b", std::nullopt},
      Execute{"UPDATE b SET x = 1", {}},
      DropTable{"c", std::nullopt, false},
  };
  std::size_t bad = 99;
  EXPECT_EQ(reverse_all(upgrade, &bad), std::nullopt);
  EXPECT_EQ(bad, 1u);
  EXPECT_EQ(reverse_all(upgrade), std::nullopt);  // the index is optional
}

}  // namespace
}  // namespace migrate
