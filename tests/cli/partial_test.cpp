// A migration that fails part-way on a database whose DDL commits by itself (SPEC §13), through
// the real binary: what the user reads, what `current` and `history -i` show, and each way out:
// resume after a fix, undo with `downgrade -1`, and a resume refused because a statement that
// ran was edited since. Runs on every dialect without transactional DDL (MySQL/MariaDB); the
// dialect contract suite runs the same paths in-process on every dialect.
#include "cli/e2e.h"

namespace migrate::test {
namespace {

class Partial : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    if (capabilities().transactional_ddl) {
      GTEST_SKIP() << "DDL rolls back here: a failed migration leaves nothing to resume";
    }
    revision("a.yaml", "aaaaaaaaaaaa", "",
             "  - create_table: {name: account, columns: [{name: id, type: integer, "
             "primary_key: true}]}\n");
    write_b("  - add_column: {table: account, column: {name: broken, type: nosuchtype}}\n");
  }
  // b adds two columns, then `third`.
  void write_b(const std::string& third, const std::string& first = "email") const {
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
             "  - add_column: {table: account, column: {name: " + first +
                 ", type: string(100)}}\n"
                 "  - create_index: {name: ix_account_" +
                 first + ", table: account, columns: [" + first + "]}\n" + third);
  }
  Result fail_midway() const { return migrate({"upgrade", "head"}); }
};

TEST_P(Partial, TheFailedLineSaysWhatStaysAndHowToGoOn) {
  const Result result = fail_midway();
  EXPECT_TRUE(failed_with(result,
                          "upgrade aaaaaaaaaaaa -> bbbbbbbbbbbb, b.yaml: operation 3 of 3 "
                          "(add_column), statement 3 of the migration failed: "));
  EXPECT_TRUE(failed_with(result,
                          "; statements 1 to 2 of that migration were applied and cannot be "
                          "rolled back (this database commits DDL by itself); the version "
                          "table is still at aaaaaaaaaaaa; recorded in "));
  EXPECT_TRUE(failed_with(result, "to resume at statement 3, or `migrate downgrade -1` to undo"));
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "email"}));
}

TEST_P(Partial, CurrentAndHistoryShowTheMigrationLeftPartWay) {
  fail_midway();
  const Result current = migrate({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out,
            "aaaaaaaaaaaa\nbbbbbbbbbbbb (head) (partial upgrade, 2 statements applied)\n");
  const Result history = migrate({"history", "-i"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("aaaaaaaaaaaa -> bbbbbbbbbbbb (head) (partial upgrade, 2 "
                             "statements applied)"),
            std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("<base> -> aaaaaaaaaaaa (current)"), std::string::npos) << history.out;
}

TEST_P(Partial, UpgradeAfterTheFixResumesAtTheFailedStatement) {
  fail_midway();
  write_b("  - add_column: {table: account, column: {name: age, type: integer}}\n");
  const Result result = migrate({"upgrade", "head"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("Resuming upgrade aaaaaaaaaaaa -> bbbbbbbbbbbb"), std::string::npos)
      << result.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "email", "age"}));
  EXPECT_EQ(migrate({"current"}).out, "bbbbbbbbbbbb (head)\n");
}

TEST_P(Partial, DowngradeMinusOneUndoesWhatRan) {
  fail_midway();
  const Result result = migrate({"downgrade", "-1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("Reverted 1 migration in "), std::string::npos)
      << "the undo is the run's step: " << result.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
  EXPECT_EQ(db().columns("account"), std::vector<std::string>{"id"});
  EXPECT_EQ(migrate({"current"}).out, "aaaaaaaaaaaa\n");
}

TEST_P(Partial, AnEditedStatementThatRanStopsTheResume) {
  fail_midway();
  write_b("  - add_column: {table: account, column: {name: age, type: integer}}\n", "mail");
  const Result result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result,
                          "Cannot resume the upgrade of bbbbbbbbbbbb: operation 1 of it "
                          "ran before"));
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "email"})) << "nothing ran";
  // The way out it names works.
  ASSERT_EQ(migrate({"downgrade", "-1"}).exit_code, 0);
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "mail", "age"}));
}

TEST_P(Partial, APartWayDowngradeIsShownOnceWhereTheHeadIs) {
  write_b("  - add_column: {table: account, column: {name: age, type: integer}}\n");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", "  []\n",
           "  - drop_column: {table: account, name: age}\n"
           "  - execute: \"DROP TABLE no_such_table\"\n");
  const Result failed = migrate({"downgrade", "-1"});
  EXPECT_TRUE(failed_with(failed, "run `migrate downgrade -1` again once the script is fixed"));
  EXPECT_EQ(migrate({"current"}).out,
            "bbbbbbbbbbbb (head) (partial downgrade, 1 statement applied)\n");
}

INSTANTIATE_TEST_SUITE_P(Dialects, Partial, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
