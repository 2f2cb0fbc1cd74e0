// migrate lint and what upgrade says before it runs, through the binary on every dialect; and
// lock_timeout / statement_timeout applied to the migrations where the database has them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

const char* kCreateAccount = R"(  - create_table:
      name: account
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: email, type: string(50)}
)";
const char* kDropEmail = "  - drop_column: {table: account, name: email}\n";
const char* kNotNullColumn =
    "  - add_column: {table: account, column: {name: n, type: integer, nullable: false}}\n";

// With lock_timeout set, so that no-lock-timeout (its own tests: tests/lint) stays out of the way.
class Lint : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    write_config("lock_timeout = 5s\n");
  }
};

TEST_P(Lint, WithADatabaseOnlyWhatIsNotAppliedYetIsLinted) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1", kDropEmail);
  ASSERT_EQ(migrate({"-q", "upgrade", "a1a1a1a1a1a1"}).exit_code, 0);
  const auto result = migrate({"lint"});
  ASSERT_EQ(result.exit_code, 0) << result.err;  // a warning fails only with --strict
  EXPECT_NE(result.out.find("migrations/versions/b2.yaml:6: warning: drop-column: b2b2b2b2b2b2 "
                            "drop_column account.email: "),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.err.find("lint: 0 errors, 1 warning"), std::string::npos) << result.err;
  EXPECT_TRUE(failed_with(migrate({"lint", "--strict"}), "lint: 0 errors, 1 warning"));
  // Once applied, nothing is left to lint, but a range still reaches it.
  ASSERT_EQ(migrate({"-q", "upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(migrate({"lint", "--strict"}).out, "");
  EXPECT_NE(migrate({"lint", "base:head"}).out.find("drop-column"), std::string::npos);
}

TEST_P(Lint, AnErrorFailsWithOneFailedLineAndJsonSaysTheSame) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1", kNotNullColumn);
  EXPECT_TRUE(failed_with(migrate({"lint"}), "lint: 1 error, 0 warnings"));
  const auto result = migrate({"--format", "json", "lint"});
  EXPECT_EQ(result.exit_code, 1);
  const auto doc = nlohmann::json::parse(result.out);
  EXPECT_EQ(doc["schema"], "migrate.lint/1");
  EXPECT_EQ(doc["ok"], false);
  ASSERT_EQ(doc["findings"].size(), 1u) << result.out;
  EXPECT_EQ(doc["findings"][0]["rule"], "not-null-column-without-default");
  EXPECT_EQ(doc["findings"][0]["severity"], "error");
  EXPECT_EQ(doc["findings"][0]["revision"], "b2b2b2b2b2b2");
  EXPECT_EQ(doc["findings"][0]["line"], 6);
}

TEST_P(Lint, IgnoredInTheConfigOrBesideTheOperation) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1",
           std::string(kDropEmail) + "    lint: {ignore: [drop-column]}\n");
  ASSERT_EQ(migrate({"lint", "--strict"}).exit_code, 0);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1", kDropEmail);
  write_config("lint_ignore = drop-column, no-lock-timeout\n");
  EXPECT_EQ(migrate({"lint", "--strict"}).exit_code, 0);
  write_config("lint_ignore = drop-colum\n");
  EXPECT_TRUE(
      failed_with(migrate({"lint"}), "lint_ignore names 'drop-colum', which is no lint rule"));
}

TEST_P(Lint, UpgradePrintsTheWarningsOfWhatItRunsFirstAndQuietHidesThem) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1", kDropEmail);
  ASSERT_EQ(migrate({"-q", "upgrade", "a1a1a1a1a1a1"}).exit_code, 0);
  const auto result = migrate({"upgrade", "head"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto warning = result.err.find("warning: drop-column: b2b2b2b2b2b2");
  const auto running = result.err.find("Running upgrade a1a1a1a1a1a1 -> b2b2b2b2b2b2");
  ASSERT_NE(warning, std::string::npos) << result.err;
  EXPECT_LT(warning, running) << result.err;
  EXPECT_EQ(db().columns("account"), std::vector<std::string>{"id"}) << "warnings do not stop it";
}

TEST_P(Lint, UpgradeFromAnEmptyDatabaseJudgesTablesOfThisRunAsNew) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1", kDropEmail);
  const auto result = migrate({"upgrade", "head"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err.find("warning:"), std::string::npos) << result.err;
}

TEST_P(Lint, AnAppliedScriptThatNoLongerLoadsDoesNotStopTheUpgrade) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  ASSERT_EQ(migrate({"-q", "upgrade", "head"}).exit_code, 0);
  // Lint replays a1 to know the schema b2 finds; a1 ran long ago and is not run again.
  revision("a1.yaml", "a1a1a1a1a1a1", "", "  - no_such_operation: {}\n");
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1", kDropEmail);
  const auto result = migrate({"upgrade", "head"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"b2b2b2b2b2b2"});
}

TEST_P(Lint, ADialectWithoutADatabaseLintsEverything) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1",
           "  - create_index: {name: ix_email, table: account, columns: [email]}\n");
  const auto pg = migrate({"lint", "--dialect", "postgresql"});
  EXPECT_NE(pg.out.find("warning: index-without-concurrently"), std::string::npos) << pg.out;
  const auto sqlite = migrate({"lint", "--dialect", "sqlite"});
  EXPECT_EQ(sqlite.out.find("index-without-concurrently"), std::string::npos) << sqlite.out;
}

// A lock held by another session, and a migration that needs the table.
class Timeouts : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    if (!capabilities().lock_timeout) GTEST_SKIP() << "no lock timeout on this database";
  }
};

TEST_P(Timeouts, ALockTimeoutFailsTheMigrationInsteadOfQueueing) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  revision("b2.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1",
           "  - add_column: {table: account, column: {name: note, type: text}}\n");
  ASSERT_EQ(migrate({"-q", "upgrade", "a1a1a1a1a1a1"}).exit_code, 0);
  write_config("lock_timeout = 300ms\n");
  db().execute("BEGIN");
  db().execute("SELECT * FROM account");  // holds a shared lock on the table until COMMIT
  const auto result = migrate({"upgrade", "head"});
  db().execute("COMMIT");
  EXPECT_TRUE(failed_with(result, "b2b2b2b2b2b2"));
  EXPECT_NE(result.err.find("ock"), std::string::npos) << result.err;  // the server's "lock"
  EXPECT_EQ(versions(), std::vector<std::string>{"a1a1a1a1a1a1"});
  write_config("lock_timeout = 5s\n");
  EXPECT_EQ(migrate({"-q", "upgrade", "head"}).exit_code, 0) << "the lock is gone";
}

TEST_P(Timeouts, AStatementTimeoutStopsALongStatement) {
  revision("a1.yaml", "a1a1a1a1a1a1", "",
           "  - execute: {postgresql: \"SELECT pg_sleep(5)\", mysql: \"SELECT SLEEP(5)\"}\n");
  write_config("statement_timeout = 200ms\n");
  const auto result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "a1a1a1a1a1a1")) << result.err;
  EXPECT_TRUE(versions().empty());
}

TEST_P(Lint, ATimeoutThatIsNotADurationIsRefusedByNameBeforeAnythingRuns) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
  write_config("lock_timeout = 5 seconds\n");
  EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}), "lock_timeout"));
  EXPECT_TRUE(versions().empty());
}

INSTANTIATE_TEST_SUITE_P(Dialects, Lint, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Dialects, Timeouts, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
