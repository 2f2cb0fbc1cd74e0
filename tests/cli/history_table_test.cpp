// The history table (SPEC §15): every migration that runs or is reverted leaves a row beside the
// version table, which stays exactly Alembic's; a failure leaves a failed row without hiding the
// FAILED line; --sql and stamp leave none; and neither `check` nor autogenerate ever sees it.
#include <regex>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

// One row as the tests read it.
struct Row {
  std::string revision, direction, outcome, checksum, started, finished, duration, version, error;
};

class HistoryTable : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    revision("a.yaml", "aaaaaaaaaaaa", "",
             "  - create_table: {name: account, columns: [{name: id, type: integer, "
             "primary_key: true}]}\n");
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
             "  - add_column: {table: account, column: {name: email, type: string(100)}}\n");
  }
  bool has_history() const {
    const auto tables = db().tables();
    return std::find(tables.begin(), tables.end(), "alembic_version_history") != tables.end();
  }
  std::vector<Row> rows() const {
    std::vector<Row> out;
    if (!has_history()) return out;
    for (const auto& r : db().query(
             "SELECT revision, direction, outcome, checksum, started_at, finished_at, "
             "duration_ms, migrate_version, error FROM alembic_version_history ORDER BY id")) {
      out.push_back({r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), r[3].value_or(""),
                     r[4].value_or(""), r[5].value_or(""), r[6].value_or(""), r[7].value_or(""),
                     r[8].value_or("")});
    }
    return out;
  }
};

TEST_P(HistoryTable, UpgradeAndDowngradeEachLeaveARowPerMigration) {
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  ASSERT_EQ(migrate({"downgrade", "base"}).exit_code, 0);
  const auto all = rows();
  ASSERT_EQ(all.size(), 4u);
  const std::vector<std::pair<std::string, std::string>> expected = {{"aaaaaaaaaaaa", "upgrade"},
                                                                     {"bbbbbbbbbbbb", "upgrade"},
                                                                     {"bbbbbbbbbbbb", "downgrade"},
                                                                     {"aaaaaaaaaaaa", "downgrade"}};
  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].revision, expected[i].first) << i;
    EXPECT_EQ(all[i].direction, expected[i].second) << i;
    EXPECT_EQ(all[i].outcome, "success") << i;
    EXPECT_TRUE(std::regex_match(all[i].checksum, std::regex("[0-9a-f]{64}"))) << all[i].checksum;
    EXPECT_TRUE(std::regex_match(all[i].started, iso)) << all[i].started;
    EXPECT_TRUE(std::regex_match(all[i].finished, iso)) << all[i].finished;
    EXPECT_LE(all[i].started, all[i].finished);
    EXPECT_GE(std::stoll(all[i].duration), 0);
    EXPECT_EQ(all[i].version, MIGRATE_VERSION);
    EXPECT_EQ(all[i].error, "");
  }
  EXPECT_EQ(all[0].checksum, all[3].checksum) << "one script, one checksum, either way";
  EXPECT_NE(all[0].checksum, all[1].checksum);
}

TEST_P(HistoryTable, AFailedMigrationLeavesAFailedRowAndTheFailedLine) {
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - create_table: {name: tag, columns: [{name: id, type: integer}]}\n"
           "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n");
  const Result result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "no_such_table")) << "the original failure, unhidden";
  const auto all = rows();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.back().revision, "cccccccccccc");
  EXPECT_EQ(all.back().outcome, "failed");
  EXPECT_NE(all.back().error.find("no_such_table"), std::string::npos) << all.back().error;
  // Success rows go with the version table: rolled back with it where DDL is transactional,
  // kept with each migration's own version-table change where it is not.
  std::vector<std::string> succeeded;
  for (const auto& row : all) {
    if (row.outcome == "success") succeeded.push_back(row.revision);
  }
  if (capabilities().transactional_ddl) {
    EXPECT_EQ(versions(), std::vector<std::string>{});
    EXPECT_EQ(succeeded, std::vector<std::string>{});
  } else {
    EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
    EXPECT_EQ(succeeded, (std::vector<std::string>{"aaaaaaaaaaaa", "bbbbbbbbbbbb"}));
  }
}

TEST_P(HistoryTable, UndoingAMigrationLeftPartWayIsARowToo) {
  if (capabilities().transactional_ddl) {
    GTEST_SKIP() << "DDL rolls back here: nothing is ever left part-way";
  }
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - add_column: {table: account, column: {name: age, type: integer}}\n"
           "  - add_column: {table: account, column: {name: broken, type: nosuchtype}}\n");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 1);
  const Result undo = migrate({"downgrade", "-1"});
  ASSERT_EQ(undo.exit_code, 0) << undo.err;
  const auto all = rows();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[2].revision + " " + all[2].direction + " " + all[2].outcome,
            "cccccccccccc upgrade failed");
  EXPECT_EQ(all[3].revision + " " + all[3].direction + " " + all[3].outcome,
            "cccccccccccc downgrade success");
  EXPECT_EQ(all[3].checksum, "") << "it ran the recorded operations, not the script's";
}

TEST_P(HistoryTable, StampAndSqlWriteNoRows) {
  const Result sql = migrate({"upgrade", "head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_EQ(sql.out.find("alembic_version_history"), std::string::npos) << sql.out;
  ASSERT_EQ(migrate({"stamp", "head"}).exit_code, 0);
  EXPECT_EQ(rows().size(), 0u);
  EXPECT_FALSE(has_history()) << "stamp leaves the database as Alembic would";
}

TEST_P(HistoryTable, TheVersionTableKeepsAlembicsShape) {
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(db().columns("alembic_version"), std::vector<std::string>{"version_num"});
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  EXPECT_EQ(db().columns("alembic_version_history"),
            (std::vector<std::string>{"id", "revision", "direction", "checksum", "started_at",
                                      "finished_at", "duration_ms", "migrate_version", "outcome",
                                      "error"}));
}

TEST_P(HistoryTable, CheckAndAutogenerateNeverSeeIt) {
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  ASSERT_TRUE(has_history());
  write_file(dir() / "schema.yaml",
             "tables:\n"
             "  - name: account\n"
             "    columns:\n"
             "      - {name: id, type: integer, primary_key: true}\n"
             "      - {name: email, type: string(100)}\n");
  write_config("target_schema = schema.yaml\n");
  const Result check = migrate({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out, "No new upgrade operations detected.\n");
  const Result autogen = migrate({"revision", "--autogenerate", "-m", "nothing"});
  ASSERT_EQ(autogen.exit_code, 0) << autogen.err;
  EXPECT_EQ(autogen.err.find("history"), std::string::npos) << autogen.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, HistoryTable, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
