// Every error path a user can hit: one FAILED: line naming the culprit, exit 1, and the
// database and files exactly as they were.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

const char* kCreateAccount = R"(  - create_table:
      name: account
      columns:
        - {name: id, type: integer, primary_key: true}
)";

class Errors : public E2E {
 protected:
  // The database after a failed command must be exactly as before it.
  void expect_unchanged_by(const std::vector<std::string>& args, const std::string& fragment) {
    const std::string before = db().schema_fingerprint();
    EXPECT_TRUE(failed_with(migrate(args), fragment));
    EXPECT_EQ(db().schema_fingerprint(), before);
  }
  void base_revision() const { revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount); }
};

TEST_P(Errors, MalformedYamlNamesFileAndLine) {
  base_revision();
  script("b.yaml",
         "revision: \"bbbbbbbbbbbb\"\ndown_revision: \"aaaaaaaaaaaa\"\nupgrade:\n  - create_table: "
         "{name: x\n");
  expect_unchanged_by({"upgrade", "head"}, "b.yaml:");
}

TEST_P(Errors, UnknownOperationNamesFileLineAndOperation) {
  base_revision();
  script("b.yaml",
         "revision: \"bbbbbbbbbbbb\"\ndown_revision: \"aaaaaaaaaaaa\"\nupgrade:\n  - create_tabel: "
         "{name: x}\n");
  const auto result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "b.yaml:4"));
  EXPECT_TRUE(failed_with(result, "create_tabel"));
  EXPECT_TRUE(versions().empty()) << "nothing may run when a planned script is invalid";
  EXPECT_EQ(db().tables().size(), 0u);
}

TEST_P(Errors, UnknownFieldIsRejected) {
  script("a.yaml",
         "revision: \"aaaaaaaaaaaa\"\ndown_revision: null\nupgrade:\n  - create_table: {name: x, "
         "colums: []}\n");
  EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}), "colums"));
}

TEST_P(Errors, UnknownTopLevelKeyIsRejectedEvenByGraphCommands) {
  script("a.yaml", "revision: \"aaaaaaaaaaaa\"\ndown_revison: null\nupgrade: []\n");
  EXPECT_TRUE(failed_with(migrate({"history"}), "down_revison"));
}

TEST_P(Errors, CycleIsRejected) {
  revision("a.yaml", "aaaaaaaaaaaa", "cccccccccccc", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kCreateAccount);
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb", kCreateAccount);
  EXPECT_TRUE(failed_with(migrate({"history"}), "ycle"));
  expect_unchanged_by({"upgrade", "heads"}, "ycle");
}

TEST_P(Errors, DuplicateRevisionIdNamesBothFiles) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  const auto result = migrate({"heads"});
  EXPECT_TRUE(failed_with(result, "a.yaml"));
  EXPECT_TRUE(failed_with(result, "b.yaml"));
}

TEST_P(Errors, MissingParentNamesTheFile) {
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kCreateAccount);
  const auto result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "b.yaml:3"));
  EXPECT_TRUE(failed_with(result, "aaaaaaaaaaaa"));
}

TEST_P(Errors, AmbiguousPrefixListsTheCandidates) {
  revision("a.yaml", "abc111111111", "", kCreateAccount);
  revision("b.yaml", "abc222222222", "abc111111111",
           "  - create_table: {name: t2, columns: [{name: id, type: integer}]}\n");
  const auto result = migrate({"upgrade", "abc"});
  EXPECT_TRUE(failed_with(result, "abc111111111"));
  EXPECT_TRUE(failed_with(result, "abc222222222"));
  EXPECT_TRUE(versions().empty());
}

TEST_P(Errors, UnknownTarget) {
  base_revision();
  expect_unchanged_by({"upgrade", "fffff"}, "fffff");
}

TEST_P(Errors, SeveralHeadsWithUpgradeHeadSaysWhatToUse) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "",
           "  - create_table: {name: t2, columns: [{name: id, type: integer}]}\n");
  const auto result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "heads"));
  EXPECT_TRUE(failed_with(result, "@head"));
  EXPECT_TRUE(versions().empty());
}

TEST_P(Errors, MissingConfigFile) {
  std::filesystem::remove(dir() / "alembic.ini");
  EXPECT_TRUE(failed_with(migrate({"current"}), "alembic.ini"));
  EXPECT_TRUE(failed_with(migrate({"-c", "nope.ini", "current"}), "nope.ini"));
}

TEST_P(Errors, MissingSectionAndScriptLocation) {
  write_file(dir() / "alembic.ini", "[other]\nx = 1\n");
  EXPECT_TRUE(failed_with(migrate({"current"}), "alembic"));
  write_file(dir() / "alembic.ini", "[alembic]\nsqlalchemy.url = sqlite://\n");
  EXPECT_TRUE(failed_with(migrate({"current"}), "script_location"));
}

TEST_P(Errors, UnknownUrlSchemeListsTheSupportedOnes) {
  base_revision();
  const auto result = migrate({"--url", "oracle://scott:tiger@db/orcl", "upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "oracle"));
  EXPECT_TRUE(failed_with(result, "sqlite"));
  EXPECT_EQ(result.err.find("tiger"), std::string::npos) << "password leaked: " << result.err;
}

TEST_P(Errors, UnreachableDatabaseIsOneLineWithoutThePassword) {
  base_revision();
  const auto result = migrate({"--url", db().unreachable_url(dir()), "upgrade", "head"});
  EXPECT_TRUE(failed_with(result, ""));
  EXPECT_EQ(result.err.find("secret"), std::string::npos) << result.err;
}

TEST_P(Errors, MigrationFailingMidwayKeepsNothingOfTheCommand) {
  base_revision();
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - create_table: {name: t2, columns: [{name: id, type: integer}]}\n");
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - add_column: {table: t2, column: {name: x, type: integer}}\n"
           "  - execute: \"INSERT INTO missing_table VALUES (1)\"\n"
           "  - create_table: {name: t3, columns: [{name: id, type: integer}]}\n");
  const std::string before = db().schema_fingerprint();
  const auto result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "cccccccccccc"));      // the revision
  EXPECT_TRUE(failed_with(result, "operation 2 of 3"));  // the operation's index
  EXPECT_TRUE(failed_with(result, "execute"));
  EXPECT_TRUE(failed_with(result, "INSERT INTO missing_table VALUES (1)"));  // the SQL
  // ... and last, where that leaves the database.
  if (capabilities().transactional_ddl) {
    EXPECT_TRUE(failed_with(result, "]; rolled back: the database is still at aaaaaaaaaaaa\n"));
    EXPECT_EQ(db().schema_fingerprint(), before);
    EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
    return;
  }
  // DDL that commits by itself cannot be taken back: bbbbbbbbbbbb stays applied and recorded,
  // and of cccccccccccc exactly the statement the line owns up to.
  EXPECT_TRUE(failed_with(
      result, "]; statement 1 of that migration was applied and cannot be rolled back"));
  EXPECT_TRUE(failed_with(result, "; the version table is still at bbbbbbbbbbbb; recorded in "));
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  EXPECT_EQ(db().columns("t2"), (std::vector<std::string>{"id", "x"}));
  const auto tables = db().tables();
  EXPECT_EQ(std::find(tables.begin(), tables.end(), "t3"), tables.end());
}

TEST_P(Errors, DowngradeThroughAnIrreversibleScriptNamesIt) {
  base_revision();
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", "  - drop_table: {name: account}\n");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  const auto result = migrate({"downgrade", "base"});
  EXPECT_TRUE(failed_with(result, "b.yaml"));
  EXPECT_TRUE(failed_with(result, "drop_table"));
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
}

TEST_P(Errors, RevisionRefusesAnExistingIdAndBadIds) {
  base_revision();
  const auto before =
      std::distance(std::filesystem::directory_iterator(dir() / "migrations/versions"), {});
  EXPECT_TRUE(
      failed_with(migrate({"revision", "-m", "x", "--rev-id", "aaaaaaaaaaaa"}), "aaaaaaaaaaaa"));
  EXPECT_TRUE(failed_with(migrate({"revision", "-m", "x", "--rev-id", "a-b"}), "a-b"));
  EXPECT_TRUE(failed_with(migrate({"revision", "-m", "x", "--head", "zzzz"}), "zzzz"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir() / "migrations/versions"), {}),
            before);
}

TEST_P(Errors, RevisionOnANonHeadNeedsSplice) {
  base_revision();
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - create_table: {name: t2, columns: [{name: id, type: integer}]}\n");
  EXPECT_TRUE(failed_with(migrate({"revision", "-m", "x", "--head", "aaaa"}), "--splice"));
  EXPECT_EQ(migrate({"revision", "-m", "x", "--head", "aaaa", "--splice"}).exit_code, 0);
}

TEST_P(Errors, UsageErrorsExitTwo) {
  const auto result = migrate({"upgrade"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("FAILED: "), std::string::npos);
  const auto unknown = migrate({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("Unknown command 'frobnicate'"), std::string::npos) << unknown.err;
}

TEST_P(Errors, RangeWithoutSqlIsRefused) {
  base_revision();
  expect_unchanged_by({"upgrade", "base:head"}, "--sql");
}

TEST_P(Errors, VersionTableNamingAnUnknownRevision) {
  base_revision();
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  db().execute("UPDATE alembic_version SET version_num = 'deadbeef0000'");
  EXPECT_TRUE(failed_with(migrate({"current"}), "deadbeef0000"));
  expect_unchanged_by({"upgrade", "head"}, "deadbeef0000");
}

INSTANTIATE_TEST_SUITE_P(Dialects, Errors, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
