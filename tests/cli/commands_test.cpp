// The tutorial path and every command's output, on every dialect.
#include <gtest/gtest.h>

#include <regex>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

const char* kCreateAccount = R"(  - create_table:
      name: account
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: name, type: string(50), nullable: false}
)";
const char* kAddEmail = R"(  - add_column:
      table: account
      column: {name: email, type: string(100)}
)";

class Commands : public E2E {
 protected:
  void two_revisions() const {
    revision("a1_create_account.yaml", "a1a1a1a1a1a1", "", kCreateAccount);
    revision("b2_add_email.yaml", "b2b2b2b2b2b2", "a1a1a1a1a1a1", kAddEmail);
  }
};

TEST_P(Commands, UpgradeHeadCreatesTablesAndRecordsTheHead) {
  two_revisions();
  const auto result = migrate({"upgrade", "head"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "name", "email"}));
  EXPECT_EQ(versions(), std::vector<std::string>{"b2b2b2b2b2b2"});
  // Progress on stderr, nothing on stdout.
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("Running upgrade  -> a1a1a1a1a1a1, a1_create_account.yaml"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("Running upgrade a1a1a1a1a1a1 -> b2b2b2b2b2b2, b2_add_email.yaml"),
            std::string::npos)
      << result.err;
}

TEST_P(Commands, QuietSilencesProgressOnly) {
  two_revisions();
  const auto result = migrate({"-q", "upgrade", "head"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(migrate({"-q", "current"}).out, "b2b2b2b2b2b2 (head)\n");
}

TEST_P(Commands, CurrentShowsNothingAtBaseAndTheHeadAfterUpgrade) {
  two_revisions();
  auto before = migrate({"current"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out, "");
  ASSERT_EQ(migrate({"upgrade", "a1a1"}).exit_code, 0);
  EXPECT_EQ(migrate({"current"}).out, "a1a1a1a1a1a1\n");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(migrate({"current"}).out, "b2b2b2b2b2b2 (head)\n");
}

TEST_P(Commands, CurrentCheckHeadsFailsUntilTheDatabaseIsOnEveryHead) {
  two_revisions();
  ASSERT_EQ(migrate({"upgrade", "+1"}).exit_code, 0);
  EXPECT_TRUE(failed_with(migrate({"current", "--check-heads"}), "b2b2b2b2b2b2"));
  ASSERT_EQ(migrate({"upgrade", "+1"}).exit_code, 0);
  EXPECT_EQ(migrate({"current", "--check-heads"}).exit_code, 0);
}

TEST_P(Commands, HistoryListsNewestFirstInAlembicsFormat) {
  two_revisions();
  const auto result = migrate({"history"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "a1a1a1a1a1a1 -> b2b2b2b2b2b2 (head), b2_add_email.yaml\n"
            "<base> -> a1a1a1a1a1a1, a1_create_account.yaml\n");
}

TEST_P(Commands, HistoryIndicateCurrentMarksTheDatabaseRevision) {
  two_revisions();
  ASSERT_EQ(migrate({"upgrade", "a1a1a1a1a1a1"}).exit_code, 0);
  const auto result = migrate({"history", "-i"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "a1a1a1a1a1a1 -> b2b2b2b2b2b2 (head), b2_add_email.yaml\n"
            "<base> -> a1a1a1a1a1a1 (current), a1_create_account.yaml\n");
}

TEST_P(Commands, HistoryRangeFromCurrent) {
  two_revisions();
  ASSERT_EQ(migrate({"upgrade", "a1a1a1a1a1a1"}).exit_code, 0);
  const auto result = migrate({"history", "-r", "current:"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "a1a1a1a1a1a1 -> b2b2b2b2b2b2 (head), b2_add_email.yaml\n"
            "<base> -> a1a1a1a1a1a1, a1_create_account.yaml\n");
}

TEST_P(Commands, HistoryVerboseAndShowPrintTheLogEntry) {
  two_revisions();
  const auto result = migrate({"history", "--verbose"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Rev: b2b2b2b2b2b2 (head)\nParent: a1a1a1a1a1a1\nPath: "),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Rev: a1a1a1a1a1a1\nParent: <base>\n"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("\n    b2_add_email.yaml\n"), std::string::npos) << result.out;
  const auto show = migrate({"show", "b2b2"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.rfind("Rev: b2b2b2b2b2b2 (head)\nParent: a1a1a1a1a1a1\nPath: ", 0), 0u)
      << show.out;
}

TEST_P(Commands, DowngradeStepsBackAndToBase) {
  two_revisions();
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  const auto one = migrate({"downgrade", "-1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.err.find("Running downgrade b2b2b2b2b2b2 -> a1a1a1a1a1a1, b2_add_email.yaml"),
            std::string::npos)
      << one.err;
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(versions(), std::vector<std::string>{"a1a1a1a1a1a1"});
  ASSERT_EQ(migrate({"downgrade", "base"}).exit_code, 0);
  EXPECT_EQ(db().tables(),
            (std::vector<std::string>{"alembic_version", "alembic_version_history"}));
  EXPECT_TRUE(versions().empty());
}

TEST_P(Commands, DowngradeUsesTheWrittenDowngradeWhenGiven) {
  revision("a1.yaml", "a1a1a1a1a1a1", "", kCreateAccount,
           "  - execute: \"CREATE TABLE marker (id integer)\"\n  - drop_table: {name: account}\n");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  ASSERT_EQ(migrate({"downgrade", "base"}).exit_code, 0);
  EXPECT_EQ(db().tables(),
            (std::vector<std::string>{"alembic_version", "alembic_version_history", "marker"}));
}

TEST_P(Commands, RevisionWritesAScriptOnTopOfTheHead) {
  ASSERT_EQ(
      migrate({"revision", "-m", "create account table", "--rev-id", "aaaa00000001"}).exit_code, 0);
  const auto second = migrate({"revision", "-m", "add a column: \"email\""});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("Generating "), std::string::npos);
  EXPECT_NE(second.err.find("_add_a_column_email.yaml ...  done"), std::string::npos) << second.err;
  const auto heads = migrate({"heads"});
  ASSERT_EQ(heads.exit_code, 0) << heads.err;
  EXPECT_TRUE(std::regex_match(heads.out, std::regex("[0-9a-f]{12} \\(head\\)\n"))) << heads.out;
  const auto history = migrate({"history"});
  EXPECT_NE(history.out.find("-> aaaa00000001, create account table"), std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("aaaa00000001 -> "), std::string::npos) << history.out;
  EXPECT_NE(history.out.find(", add a column: \"email\""), std::string::npos) << history.out;
  // The empty scripts run.
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(versions().size(), 1u);
}

TEST_P(Commands, BranchesMergeAndHeads) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - create_table: {name: b, columns: [{name: id, type: integer}]}\n");
  revision("c.yaml", "cccccccccccc", "aaaaaaaaaaaa",
           "  - create_table: {name: c, columns: [{name: id, type: integer}]}\n");
  EXPECT_EQ(migrate({"heads"}).out, "bbbbbbbbbbbb (head)\ncccccccccccc (head)\n");
  const auto branches = migrate({"branches"});
  ASSERT_EQ(branches.exit_code, 0) << branches.err;
  EXPECT_NE(branches.out.find("aaaaaaaaaaaa (branchpoint)"), std::string::npos) << branches.out;
  EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}), "Multiple head revisions"));
  ASSERT_EQ(migrate({"upgrade", "heads"}).exit_code, 0);
  EXPECT_EQ(versions(), (std::vector<std::string>{"bbbbbbbbbbbb", "cccccccccccc"}));
  const auto merge = migrate({"merge", "-m", "join", "heads", "--rev-id", "dddddddddddd"});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  EXPECT_EQ(migrate({"heads"}).out, "dddddddddddd (head)\n");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"dddddddddddd"});
  EXPECT_EQ(migrate({"current"}).out, "dddddddddddd (head) (mergepoint)\n");
  // -1 from the merge takes down the merge alone: back to both branch heads (SPEC §8).
  const auto unmerge = migrate({"downgrade", "-1"});
  ASSERT_EQ(unmerge.exit_code, 0) << unmerge.err;
  EXPECT_NE(unmerge.err.find("Running downgrade dddddddddddd -> bbbbbbbbbbbb, cccccccccccc"),
            std::string::npos)
      << unmerge.err;
  EXPECT_EQ(versions(), (std::vector<std::string>{"bbbbbbbbbbbb", "cccccccccccc"}));
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"account", "alembic_version",
                                                     "alembic_version_history", "b", "c"}));
  // From the two heads, -1 is ambiguous and says which targets pick each.
  EXPECT_TRUE(failed_with(migrate({"downgrade", "-1"}), "bbbbbbbbbbbb@-1"));
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  ASSERT_EQ(migrate({"downgrade", "bbbbbbbbbbbb"}).exit_code, 0);
  EXPECT_EQ(versions(), (std::vector<std::string>{"bbbbbbbbbbbb", "cccccccccccc"}));
}

TEST_P(Commands, BranchLabelsAndDependsOn) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("s.yaml", "555555555555", "",
           "  - create_table: {name: shop, columns: [{name: id, type: integer}]}\n", "",
           "branch_labels: [shop]\n");
  revision("t.yaml", "666666666666", "555555555555",
           "  - add_column: {table: account, column: {name: shop_id, type: integer}}\n", "",
           "depends_on: [aaaaaaaaaaaa]\n");
  // Upgrading the shop branch alone pulls in its dependency.
  const auto result = migrate({"upgrade", "shop@head"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "name", "shop_id"}));
  const auto history = migrate({"history"});
  EXPECT_NE(history.out.find("555555555555 (aaaaaaaaaaaa) -> 666666666666 (shop) (head), t.yaml"),
            std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("<base> -> 555555555555 (shop), s.yaml"), std::string::npos)
      << history.out;
}

TEST_P(Commands, DowngradeOneBranchOfSeveralHeads) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - create_table: {name: b, columns: [{name: id, type: integer}]}\n");
  revision("c.yaml", "cccccccccccc", "aaaaaaaaaaaa",
           "  - create_table: {name: c, columns: [{name: id, type: integer}]}\n");
  ASSERT_EQ(migrate({"upgrade", "heads"}).exit_code, 0);
  // -1 from two heads is ambiguous; the message offers HEAD@-1 for each, and that works.
  EXPECT_TRUE(failed_with(migrate({"downgrade", "-1"}), "bbbbbbbbbbbb@-1"));
  const auto result = migrate({"downgrade", "bbbbbbbbbbbb@-1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // aaaa stays applied, implied by cccc: the version table holds heads only, as Alembic's does.
  EXPECT_EQ(versions(), (std::vector<std::string>{"cccccccccccc"}));
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"account", "alembic_version",
                                                     "alembic_version_history", "c"}));
}

TEST_P(Commands, CheckHeadsCountsAHeadThatAnAppliedRevisionDependsOn) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "",
           "  - create_table: {name: b, columns: [{name: id, type: integer}]}\n", "",
           "depends_on: [aaaaaaaaaaaa]\n");
  db().execute("CREATE TABLE account (id integer)");  // stamp without running a
  ASSERT_EQ(migrate({"stamp", "aaaaaaaaaaaa"}).exit_code, 0);
  EXPECT_TRUE(failed_with(migrate({"current", "--check-heads"}), "bbbbbbbbbbbb"));
  ASSERT_EQ(migrate({"upgrade", "bbbbbbbbbbbb"}).exit_code, 0);
  const auto result = migrate({"current", "--check-heads"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_P(Commands, StampSetsTheVersionTableWithoutRunningScripts) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kAddEmail);
  ASSERT_EQ(migrate({"stamp", "head"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  EXPECT_EQ(db().tables(), std::vector<std::string>{"alembic_version"});
  ASSERT_EQ(migrate({"stamp", "aaaa"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
  db().execute("INSERT INTO alembic_version (version_num) VALUES ('ffffffffffff')");
  ASSERT_EQ(migrate({"stamp", "--purge", "bbbbbbbbbbbb"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  ASSERT_EQ(migrate({"stamp", "base"}).exit_code, 0);
  EXPECT_TRUE(versions().empty());
}

TEST_P(Commands, RelativeTargets) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kAddEmail);
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - create_index: {name: ix_email, table: account, columns: [email]}\n");
  ASSERT_EQ(migrate({"upgrade", "+2"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  ASSERT_EQ(migrate({"downgrade", "bbbb-1"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
  ASSERT_EQ(migrate({"upgrade", "aaaa+2"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"cccccccccccc"});
  ASSERT_EQ(migrate({"downgrade", "-2"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
}

TEST_P(Commands, TransactionPerMigrationKeepsEarlierMigrationsWhenALaterOneFails) {
  write_config("transaction_per_migration = true\n");
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n");
  EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}), "no_such_table"));
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "name"}));
}

TEST_P(Commands, AlterColumnOnATableWithRowsKeepsEveryRow) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - bulk_insert: {table: account, rows: [{id: 1, name: ann}, {id: 2, name: bob}, {id: "
           "3, name: \"o'hara\"}]}\n");
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - create_index: {name: ix_account_name, table: account, columns: [name]}\n"
           "  - alter_column: {table: account, name: name, type: string(200), nullable: true, "
           "default: \"'x'\"}\n",
           "  - alter_column: {table: account, name: name, type: string(50), nullable: false, "
           "default: null}\n"
           "  - drop_index: {name: ix_account_name, table: account}\n");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  const auto rows = db().query("SELECT id, name FROM account ORDER BY id");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(*rows[2][1], "o'hara");
  db().execute("INSERT INTO account (id) VALUES (4)");  // now nullable, with a default
  EXPECT_EQ(*db().query("SELECT name FROM account WHERE id = 4")[0][0], "x");
  db().execute("DELETE FROM account WHERE id = 4");
  ASSERT_EQ(migrate({"downgrade", "bbbb"}).exit_code, 0);
  EXPECT_EQ(db().query("SELECT id FROM account").size(), 3u);
  EXPECT_ANY_THROW(db().execute("INSERT INTO account (id) VALUES (5)"));  // NOT NULL again
}

TEST_P(Commands, InitCreatesAnEnvironmentAndRefusesANonEmptyDirectory) {
  std::filesystem::remove(dir() / "alembic.ini");
  const auto result = migrate({"init", "db_migrations"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(dir() / "db_migrations" / "versions"));
  EXPECT_TRUE(std::filesystem::exists(dir() / "db_migrations" / "README"));
  EXPECT_TRUE(std::filesystem::exists(dir() / "db_migrations" / "script.yaml.tmpl"));
  const auto ini = read_file(dir() / "alembic.ini");
  EXPECT_NE(ini.find("script_location = %(here)s/db_migrations"), std::string::npos) << ini;
  // The generated environment works at once.
  const auto rev = migrate({"--url", url(), "revision", "-m", "first"});
  ASSERT_EQ(rev.exit_code, 0) << rev.err;
  const auto up = migrate({"--url", url(), "upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(versions().size(), 1u);
  EXPECT_TRUE(failed_with(migrate({"init", "db_migrations"}), "not empty"));
}

TEST_P(Commands, ExtraArgumentsAndEnvironmentInterpolation) {
  write_file(dir() / "alembic.ini",
             "[alembic]\nscript_location = %(x.where)s\nsqlalchemy.url = ${TEST_DB_URL}\n");
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  const auto result =
      migrate({"-x", "where=migrations", "upgrade", "head"}, {{"TEST_DB_URL", url()}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
}

TEST_P(Commands, VersionAndHelpExitZero) {
  const auto version = migrate({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("migrate "), std::string::npos);
  const auto help = migrate({"upgrade", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--sql"), std::string::npos);
  // Only the command being run gets its options built; the list still shows every command.
  const auto all = migrate({"--help"});
  EXPECT_EQ(all.exit_code, 0);
  for (const char* name : {"init", "revision", "merge", "upgrade", "downgrade", "stamp", "current",
                           "history", "heads", "branches", "show", "check"}) {
    EXPECT_NE(all.out.find(std::string("  ") + name + " "), std::string::npos) << name << all.out;
  }
  EXPECT_NE(all.out.find("Create a new revision file"), std::string::npos) << all.out;
}

INSTANTIATE_TEST_SUITE_P(Dialects, Commands, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
