// Which execute SQL may share a transaction on a database whose DDL commits by itself: only
// what is DML through and through, so that a rollback can never meet a statement that already
// committed itself.
#include "runtime/data_only.h"

#include <gtest/gtest.h>

#include "migrate/core/checksum.h"

// Operations built with designated initializers naming only the fields that matter.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace migrate {
namespace {

TEST(DataOnly, DmlStatementsAreDataOnly) {
  EXPECT_TRUE(is_dml("INSERT INTO t VALUES (1)"));
  EXPECT_TRUE(is_dml("update t set a = 1; DELETE FROM u;"));
  EXPECT_TRUE(is_dml("-- backfill\n/* all rows */ REPLACE INTO t VALUES (2)"));
  EXPECT_TRUE(is_dml("WITH x AS (SELECT 1) UPDATE t SET a = 1"));
}

TEST(DataOnly, AnythingElseIsNot) {
  EXPECT_FALSE(is_dml("CREATE TABLE t (id int)"));
  EXPECT_FALSE(is_dml("INSERT INTO t VALUES (1); ALTER TABLE t ADD b int"));
  EXPECT_FALSE(is_dml("INSERTX INTO t VALUES (1)"));
  EXPECT_FALSE(is_dml("  -- only a comment"));
  EXPECT_FALSE(is_dml(""));
  // A ';' inside a literal can only make the answer "no", never hide DDL.
  EXPECT_FALSE(is_dml("INSERT INTO t VALUES ('a; DROP TABLE u')"));
  // MySQL runs what is inside /*! ... */ (mysqldump writes ALTER TABLE there): not a comment.
  EXPECT_FALSE(is_dml("/*!40000 ALTER TABLE t DISABLE KEYS */; INSERT INTO t VALUES (1)"));
  EXPECT_TRUE(is_dml("/* a comment */ INSERT INTO t VALUES (1)"));
}

TEST(DataOnly, OperationsThatOnlyChangeData) {
  const std::vector<Statement> insert{Statement{.sql = "INSERT INTO t VALUES (1)"}};
  const std::vector<Statement> create{Statement{.sql = "CREATE TABLE t (id int)"}};
  EXPECT_TRUE(changes_data_only(BulkInsert{.table = "t"}, insert));
  EXPECT_TRUE(changes_data_only(Execute{.sql = "INSERT INTO t VALUES (1)"}, insert));
  EXPECT_FALSE(changes_data_only(Execute{.sql = "CREATE TABLE t (id int)"}, create));
  EXPECT_FALSE(changes_data_only(Execute{}, {})) << "nothing to run on this dialect";
  EXPECT_FALSE(changes_data_only(CreateTable{.name = "t"}, create));
}

TEST(Checksum, IsSha256) {
  // FIPS 180-2's test vector.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("").size(), 64u);
}

}  // namespace
}  // namespace migrate
