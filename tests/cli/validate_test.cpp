// `validate`, and `upgrade`'s check before it runs (SPEC §15): an applied script whose
// operations changed is "edited" (its comments, layout or file name are not what it does); an
// applied revision without a script is "missing"; a pending script older than an applied one is
// "out of order"; a database migrated without history rows (by Alembic) is "unknown", no error.
#include <nlohmann/json.hpp>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

class Validate : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    write_a("string(100)");
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
             "  - create_table: {name: tag, columns: [{name: id, type: integer, "
             "primary_key: true}]}\n",
             "", date("2026-01-03"));
  }
  static std::string date(const std::string& day) {
    return "create_date: \"" + day + " 12:00:00.000000\"\n";
  }
  void write_a(const std::string& type, const std::string& file = "a.yaml") const {
    revision(file, "aaaaaaaaaaaa", "",
             "  - create_table: {name: account, columns: [{name: id, type: integer, "
             "primary_key: true}, {name: email, type: " +
                 type + "}]}\n",
             "", date("2026-01-01"));
  }
  // c: a later script on top of b.
  void write_c() const {
    revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
             "  - add_column: {table: tag, column: {name: label, type: string(20)}}\n", "",
             date("2026-01-05"));
  }
  void upgrade() const {
    const Result result = migrate({"upgrade", "head"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
};

TEST_P(Validate, AppliedScriptsAsTheyRanAreValid) {
  upgrade();
  const Result result = migrate({"validate"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "No problems found: 2 applied scripts checked against the history.\n");
}

TEST_P(Validate, AChangedOperationIsAnEditedScript) {
  upgrade();
  write_a("string(200)");
  const Result result = migrate({"validate"});
  EXPECT_TRUE(failed_with(result,
                          "The scripts do not match what ran on the database: 1 edited "
                          "script"));
  EXPECT_EQ(result.out.rfind("edited: aaaaaaaaaaaa (migrations/versions/a.yaml): its operations "
                             "changed since it was applied at ",
                             0),
            0u)
      << result.out;
}

TEST_P(Validate, CommentsWhitespaceAndTheFileNameAreNotEdits) {
  upgrade();
  std::filesystem::remove(dir() / "migrations" / "versions" / "a.yaml");
  script("aaaaaaaaaaaa_renamed.yaml",
         "# a comment that was not there\n"
         "revision: aaaaaaaaaaaa\n"
         "message:   'a, reworded'\n"
         "down_revision:\n"
         "create_date: \"2026-01-01 12:00:00.000000\"\n"
         "upgrade:\n"
         "- create_table:\n"
         "    columns:\n"
         "    - {primary_key: true, name: id, type: integer}   # the key\n"
         "    - name: email\n"
         "      type: 'string(100)'\n"
         "    name: account\n");
  const Result result = migrate({"validate"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST_P(Validate, ADeletedScriptIsMissing) {
  upgrade();
  std::filesystem::remove(dir() / "migrations" / "versions" / "b.yaml");
  const Result result = migrate({"validate"});
  EXPECT_TRUE(failed_with(result, "1 missing script"));
  EXPECT_EQ(result.out.rfind("missing: bbbbbbbbbbbb (no file): the version table names it, but "
                             "no script in migrations has this id\n",
                             0),
            0u)
      << result.out;
}

TEST_P(Validate, ARevertedScriptMayGo) {
  upgrade();
  ASSERT_EQ(migrate({"downgrade", "-1"}).exit_code, 0);
  std::filesystem::remove(dir() / "migrations" / "versions" / "b.yaml");
  EXPECT_EQ(migrate({"validate"}).exit_code, 0);
}

TEST_P(Validate, APendingBranchOlderThanAppliedScriptsIsOutOfOrder) {
  upgrade();
  // Written on another branch before b was applied, merged in after.
  revision("d.yaml", "dddddddddddd", "aaaaaaaaaaaa",
           "  - create_table: {name: other, columns: [{name: id, type: integer, "
           "primary_key: true}]}\n",
           "", date("2026-01-02"));
  write_c();
  const Result result = migrate({"validate"});
  EXPECT_TRUE(failed_with(result, "1 script out of order"));
  EXPECT_EQ(result.out,
            "out of order: dddddddddddd (migrations/versions/d.yaml): not applied, but created "
            "2026-01-02 12:00:00.000000, before applied revision bbbbbbbbbbbb (created "
            "2026-01-03 12:00:00.000000)\n")
      << "c is newer: pending in order";
}

TEST_P(Validate, ADatabaseWithoutHistoryRowsIsUnknownNotWrong) {
  // What a database Alembic migrated looks like: the version table, and no history.
  ASSERT_EQ(migrate({"stamp", "head"}).exit_code, 0);
  const Result result = migrate({"validate"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "unknown: 2 applied revisions have no history row (migrated by Alembic, or before "
            "migrate kept one), so their scripts cannot be checked: aaaaaaaaaaaa, bbbbbbbbbbbb\n"
            "No problems found: 0 applied scripts checked against the history.\n");
}

TEST_P(Validate, TheVersionTableMayNameARevisionWithoutAScript) {
  upgrade();
  db().execute("UPDATE alembic_version SET version_num = 'ffffffffffff'");
  EXPECT_EQ(migrate({"current"}).exit_code, 1) << "the graph commands refuse it";
  const Result result = migrate({"validate"});
  EXPECT_TRUE(failed_with(result, "1 missing script"));
  EXPECT_NE(result.out.find("missing: ffffffffffff (no file): the version table names it"),
            std::string::npos)
      << result.out;
}

TEST_P(Validate, UpgradeWarnsAndRunsAndSaysNothingWhenAllIsWell) {
  upgrade();
  write_c();
  Result clean = migrate({"upgrade", "head"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.err.find("WARNING"), std::string::npos) << clean.err;
  write_a("string(200)");
  revision("e.yaml", "eeeeeeeeeeee", "cccccccccccc", "  []\n", "", date("2026-01-06"));
  const Result warned = migrate({"-q", "upgrade", "head"});
  ASSERT_EQ(warned.exit_code, 0) << warned.err;
  // -q silences progress, not warnings: the one line on stderr.
  EXPECT_EQ(warned.err.rfind("WARNING: edited: aaaaaaaaaaaa (migrations/versions/a.yaml): its "
                             "operations changed since it was applied at ",
                             0),
            0u)
      << warned.err;
  EXPECT_EQ(std::count(warned.err.begin(), warned.err.end(), '\n'), 1) << warned.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"eeeeeeeeeeee"});
}

TEST_P(Validate, StrictRefusesToRunAnything) {
  upgrade();
  write_a("string(200)");
  write_c();
  write_config("validate = strict\n");
  const Result result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result,
                          "validate = strict in alembic.ini: 1 edited script; nothing was "
                          "run"));
  EXPECT_NE(result.err.find("WARNING: edited: aaaaaaaaaaaa"), std::string::npos) << result.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  write_config("validate = sometimes\n");
  EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}), "'validate' in [alembic] of alembic.ini"));
}

TEST_P(Validate, JsonListsEachProblem) {
  upgrade();
  write_a("string(200)");
  const Result result = migrate({"--format", "json", "validate"});
  EXPECT_TRUE(failed_with(result, "1 edited script"));
  const auto doc = nlohmann::json::parse(result.out);
  EXPECT_EQ(doc["schema"], "migrate.validate/1");
  EXPECT_EQ(doc["valid"], false);
  EXPECT_EQ(doc["checked"], 2);
  ASSERT_EQ(doc["problems"].size(), 1u);
  EXPECT_EQ(doc["problems"][0]["kind"], "edited");
  EXPECT_EQ(doc["problems"][0]["revision"], "aaaaaaaaaaaa");
  EXPECT_EQ(doc["problems"][0]["path"], "migrations/versions/a.yaml");
  EXPECT_EQ(doc["unknown"], nlohmann::json::array());
  EXPECT_EQ(doc["exit_code"], 1);
}

INSTANTIATE_TEST_SUITE_P(Dialects, Validate, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
