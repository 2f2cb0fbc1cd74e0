// `dialect:` beside an operation's key: the operation runs on the dialects it names (or all but
// those, with `not`) and is skipped elsewhere, by upgrade, the derived and the written
// downgrade, --sql and lint; through the binary on every dialect.
#include <gtest/gtest.h>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

const char* kCreateAccount = R"(  - create_table:
      name: account
      columns:
        - {name: id, type: integer, primary_key: true}
)";

class DialectFilter : public E2E {
 protected:
  // The other dialects than the one under test, as a YAML flow list.
  std::string others() const {
    std::string out;
    for (const auto& name : backend_names()) {
      if (name != GetParam()) out += (out.empty() ? "" : ", ") + name;
    }
    return "[" + out + "]";
  }
  // Two add_columns: `mine` filtered to this dialect, `theirs` to the others.
  std::string two_columns(const std::string& here_filter, const std::string& elsewhere_filter) {
    return "  - add_column: {table: account, column: {name: mine, type: integer}}\n"
           "    dialect: " +
           here_filter +
           "\n"
           "  - add_column: {table: account, column: {name: theirs, type: integer}}\n"
           "    dialect: " +
           elsewhere_filter + "\n";
  }
};

TEST_P(DialectFilter, AnOperationRunsOnlyWhereItsFilterMatchesAndItsInverseToo) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1",
           two_columns("[" + GetParam() + "]", "{not: [" + GetParam() + "]}"));
  const auto up = migrate({"-q", "upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "mine"}));
  // The derived downgrade drops only what ran here; dropping `theirs` would fail.
  const auto down = migrate({"-q", "downgrade", "a1a1a1a1a1a1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(db().columns("account"), std::vector<std::string>{"id"});
}

TEST_P(DialectFilter, AWrittenDowngradeAndSqlOutputSkipWhatIsFilteredOut) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1", two_columns(others(), "[" + GetParam() + "]"),
           "  - drop_column: {table: account, name: mine}\n"
           "    dialect: " +
               others() +
               "\n"
               "  - drop_column: {table: account, name: theirs}\n"
               "    dialect: [" +
               GetParam() + "]\n");
  const auto sql = migrate({"upgrade", "head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find("theirs"), std::string::npos) << sql.out;
  EXPECT_EQ(sql.out.find("mine"), std::string::npos) << sql.out;
  ASSERT_EQ(migrate({"-q", "upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "theirs"}));
  ASSERT_EQ(migrate({"-q", "downgrade", "a1a1a1a1a1a1"}).exit_code, 0);
  EXPECT_EQ(db().columns("account"), std::vector<std::string>{"id"});
}

TEST_P(DialectFilter, LintJudgesOnlyTheOperationsThatRunHere) {
  write_config("lock_timeout = 5s\n");
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1",
           "  - drop_column: {table: account, name: id}\n    dialect: " + others() + "\n");
  EXPECT_EQ(migrate({"lint", "--strict"}).exit_code, 0);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1",
           "  - drop_column: {table: account, name: id}\n    dialect: {not: " + others() + "}\n");
  const auto result = migrate({"lint"});
  EXPECT_NE(result.out.find("drop-column"), std::string::npos) << result.out;
}

TEST_P(DialectFilter, AnUnknownDialectIsRefusedWithFileAndLine) {
  revision("a1.yaml", "a1a1a1a1a1a1", "",
           kCreateAccount + std::string("    dialect: [postgres]\n"));
  EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}),
                          "a1.yaml:10: upgrade operation 1: unknown dialect 'postgres' in "
                          "'dialect'; expected one of postgresql, sqlite, mysql, mariadb"));
  EXPECT_EQ(versions(), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Dialects, DialectFilter, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
